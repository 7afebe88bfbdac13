"""The JSON API of disputes (mounted by ``zhengwu.api`` at ``/api/disputes/``)."""

from ninja import Router

router = Router(tags=["disputes"])
