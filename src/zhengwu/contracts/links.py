"""How the supervision room names and opens the register's objects its alerts are about."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def contract_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.contracts.models import GovernmentContract

    rows = GovernmentContract.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "title"
    )
    return {
        str(pk): (_("Government contract: %(title)s") % {"title": title[:40]},
                  reverse("contracts:contract", args=[pk]))
        for pk, title in rows
    }  # fmt: skip


def review_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.contracts.models import ContractReview

    rows = ContractReview.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "contract_id", "contract__title", "version__number"
    )
    return {
        str(pk): (_("Legality review of %(title)s (version %(n)s)")
                  % {"title": title[:30], "n": number},
                  reverse("contracts:contract", args=[contract]))
        for pk, contract, title, number in rows
    }  # fmt: skip


def milestone_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.contracts.models import Milestone

    rows = Milestone.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "contract_id", "contract__title", "title"
    )
    return {
        str(pk): (_("Milestone “%(milestone)s” of %(title)s")
                  % {"milestone": name[:30], "title": title[:30]},
                  reverse("contracts:contract", args=[contract]))
        for pk, contract, title, name in rows
    }  # fmt: skip
