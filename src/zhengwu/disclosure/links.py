"""How the supervision room names and opens the disclosure objects its alerts are about."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def item_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.disclosure.models import Item

    rows = Item.objects.filter(pk__in=[int(i) for i in ids]).values_list("pk", "title")
    return {
        str(pk): (_("Publication: %(title)s") % {"title": title[:40]},
                  reverse("disclosure:office_item", args=[pk]))
        for pk, title in rows
    }  # fmt: skip


def request_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.disclosure.models import DisclosureRequest

    rows = DisclosureRequest.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "number"
    )
    return {
        str(pk): (_("Disclosure request %(number)s") % {"number": number},
                  reverse("disclosure:request_detail", args=[number]))
        for pk, number in rows
    }  # fmt: skip
