"""The JSON API of reconsideration and litigation (mounted by ``zhengwu.api`` at ``/api/reconsideration/``)."""

from ninja import Router

router = Router(tags=["reconsideration"])
