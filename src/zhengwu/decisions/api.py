"""The JSON API of major administrative decisions (mounted by ``zhengwu.api`` at
``/api/decisions/``)."""

from ninja import Router

router = Router(tags=["decisions"])
