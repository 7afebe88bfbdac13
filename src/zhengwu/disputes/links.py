"""How the supervision room names and opens the disputes its alerts are about."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def dispute_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.disputes.models import Dispute

    rows = Dispute.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list(
        "pk", "number", "township__name"
    )
    return {
        str(pk): (_("Dispute %(number)s (%(township)s)") % {"number": number,
                                                            "township": township},
                  reverse("disputes:dispute", args=[pk]))
        for pk, number, township in rows
    }  # fmt: skip
