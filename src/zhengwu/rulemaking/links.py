"""How the supervision room names and opens the registry's objects its alerts are about."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def document_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.rulemaking.models import NormativeDocument

    rows = NormativeDocument.objects.filter(pk__in=[int(i) for i in ids]).values_list("pk", "title")
    return {
        str(pk): (_("Normative document: %(title)s") % {"title": title[:40]},
                  reverse("rulemaking:document", args=[pk]))
        for pk, title in rows
    }  # fmt: skip


def filing_links(ids: list[str]) -> dict[str, tuple[str, str]]:
    from zhengwu.rulemaking.models import Filing

    rows = Filing.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "document_id", "document__title", "authority"
    )
    return {
        str(pk): (_("Filing of %(title)s with %(authority)s")
                  % {"title": title[:30], "authority": authority},
                  reverse("rulemaking:document", args=[document]))
        for pk, document, title, authority in rows
    }  # fmt: skip
