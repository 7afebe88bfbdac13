"""How the supervision room names and opens the enforcement objects its alerts are about."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def case_file_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.enforcement.models import CaseFile

    rows = CaseFile.objects.filter(pk__in=[int(i) for i in ids]).values_list("pk", "number")
    return {
        str(pk): (
            _("Enforcement case file %(number)s") % {"number": number},
            reverse("enforcement:case_file", args=[pk]),
        )
        for pk, number in rows
    }


def filing_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.enforcement.models import MajorPenaltyFiling

    rows = MajorPenaltyFiling.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "case_file_id", "case_file__number"
    )
    return {
        str(pk): (
            _("Major penalty filing %(number)s") % {"number": number},
            reverse("enforcement:case_file", args=[case_id]),
        )
        for pk, case_id, number in rows
    }


def certificate_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.enforcement.models import Certificate

    rows = Certificate.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "number", "official_id"
    )
    return {
        str(pk): (
            _("Enforcement certificate %(number)s") % {"number": number},
            reverse("enforcement:official", args=[official_id]),
        )
        for pk, number, official_id in rows
    }


def body_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.enforcement.models import EnforcementBody

    rows = EnforcementBody.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "department__name"
    )
    return {
        str(pk): (_("Enforcement body %(name)s") % {"name": name},
                  reverse("enforcement:office_body", args=[pk]))
        for pk, name in rows
    }  # fmt: skip
