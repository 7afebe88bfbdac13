"""The JSON API of the proposals register (mounted by ``zhengwu.api`` at ``/api/proposals/``)."""

from ninja import Router

router = Router(tags=["proposals"])
