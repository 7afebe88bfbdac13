"""The JSON API of the enforcement app (mounted by ``zhengwu.api``)."""

from ninja import Router

router = Router(tags=["enforcement"])
