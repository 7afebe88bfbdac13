"""How the supervision room names and opens the register's objects its alerts are about."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def proposal_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.proposals.models import Proposal

    rows = Proposal.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "number", "title"
    )
    return {
        str(pk): (_("Proposal 第%(n)s号: %(title)s") % {"n": number, "title": title[:30]},
                  reverse("proposals:proposal", args=[pk]))
        for pk, number, title in rows
    }  # fmt: skip


def assignment_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.proposals.models import Assignment

    rows = Assignment.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "proposal_id", "proposal__number", "department__name"
    )
    return {
        str(pk): (_("Co-handling opinion of %(dep)s on proposal 第%(n)s号")
                  % {"dep": department, "n": number},
                  reverse("proposals:proposal", args=[proposal]))
        for pk, proposal, number, department in rows
    }  # fmt: skip
