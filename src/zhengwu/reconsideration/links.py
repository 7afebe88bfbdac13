"""How the supervision room names and opens the registers' objects its alerts are about."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def case_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.reconsideration.models import ReconsiderationCase

    rows = ReconsiderationCase.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "case_number", "receipt_number"
    )
    return {
        str(pk): (_("Reconsideration case %(number)s") % {"number": number or receipt},
                  reverse("reconsideration:case", args=[pk]))
        for pk, number, receipt in rows
    }  # fmt: skip


def suit_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.reconsideration.models import LitigationCase

    rows = LitigationCase.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "court_number"
    )
    return {
        str(pk): (_("Litigation case %(number)s") % {"number": number},
                  reverse("reconsideration:suit", args=[pk]))
        for pk, number in rows
    }  # fmt: skip
