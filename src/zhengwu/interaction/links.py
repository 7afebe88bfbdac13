"""How the supervision room names and opens the messages its alerts are about."""

from __future__ import annotations

from django.urls import reverse


def message_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.interaction.models import Message

    rows = Message.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "number", "subject"
    )
    return {
        str(pk): (f"{number} {subject[:30]}", reverse("interaction:message", args=[number]))
        for pk, number, subject in rows
    }
