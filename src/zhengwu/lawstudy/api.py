"""The JSON API of law study and exams (mounted by ``zhengwu.api`` at ``/api/lawstudy/``)."""

from ninja import Router

router = Router(tags=["lawstudy"])
