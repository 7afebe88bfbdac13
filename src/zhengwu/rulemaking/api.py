"""The JSON API of the rulemaking app (mounted by ``zhengwu.api``)."""

from ninja import Router

router = Router(tags=["rulemaking"])
