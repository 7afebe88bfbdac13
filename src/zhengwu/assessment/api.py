"""The JSON API of assessment of law-based administration (mounted by ``zhengwu.api`` at ``/api/assessment/``)."""

from ninja import Router

router = Router(tags=["assessment"])
