"""The registry as an XLSX workbook (one row per document, with its validity on the day)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.xlsx import sheet_workbook
from zhengwu.rulemaking.models import ValidityState
from zhengwu.rulemaking.selectors import with_validity


def registry_workbook(documents, *, on: datetime.date) -> bytes:
    documents = (
        with_validity(documents, on)
        .annotate(
            n_filings=Count("filings", distinct=True),
            n_filed=Count("filings", filter=Q(filings__submitted_on__isnull=False), distinct=True),
        )
        .select_related("issuer", "drafting_department")
        .order_by("-published_on", "-pk")
    )
    ctx = "normative document"
    headers = [
        _("Document number"), _("Title"), pgettext(ctx, "Issuing body"),
        _("Drafting department"), _("Status"), pgettext(ctx, "Validity"),
        pgettext(ctx, "Published on"), _("In force from"), _("In force until"), _("Filings made"),
    ]  # fmt: skip
    rows = (
        [
            d.document_number, d.title, d.issuer.name, d.drafting_department.name,
            d.get_status_display(), str(ValidityState(d.validity).label), d.published_on,
            d.effective_from, d.effective_to, f"{d.n_filed}/{d.n_filings}",
        ]
        for d in documents.iterator(chunk_size=1000)
    )  # fmt: skip
    return sheet_workbook(_("Normative documents"), headers, rows,
                          widths=[22, 50, 24, 24, 16, 16, 12, 12, 12, 10])  # fmt: skip
