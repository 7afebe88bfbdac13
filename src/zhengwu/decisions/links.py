"""How the supervision room names and opens the decisions its alerts are about (the clocks of
a decision are owned by the decision)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def decision_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.decisions.models import MajorDecision

    rows = MajorDecision.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list(
        "pk", "title"
    )
    return {
        str(pk): (_("Major decision: %(title)s") % {"title": title[:40]},
                  reverse("decisions:decision", args=[pk]))
        for pk, title in rows
    }  # fmt: skip
