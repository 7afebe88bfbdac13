"""The JSON API of contract review (mounted by ``zhengwu.api`` at ``/api/contracts/``)."""

from ninja import Router

router = Router(tags=["contracts"])
