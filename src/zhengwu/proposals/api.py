"""The JSON API of deputies' suggestions and proposals (mounted by ``zhengwu.api`` at ``/api/proposals/``)."""

from ninja import Router

router = Router(tags=["proposals"])
