"""The register as an XLSX workbook (one row per contract, with its last opinion)."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.xlsx import sheet_workbook
from zhengwu.contracts.models import Conclusion, ContractReview


def register_workbook(contracts) -> bytes:
    last = ContractReview.objects.filter(
        contract=OuterRef("pk"), reviewed_on__isnull=False
    ).order_by("-reviewed_on", "-pk")
    contracts = contracts.annotate(
        last_conclusion=Subquery(last.values("conclusion")[:1]),
        last_reviewed_on=Subquery(last.values("reviewed_on")[:1]),
    ).select_related("department")
    headers = [
        _("Title"), pgettext("contract", "Kind"), _("Submitting department"), _("Counterparty"),
        _("Amount (yuan)"), _("Status"), pgettext("contract", "Conclusion"),
        _("Opinion returned on"),
        pgettext("contract", "Signed on"), _("Expires on"),
    ]  # fmt: skip
    rows = (
        [
            c.title, c.get_kind_display(), c.department.name, c.counterparty,
            c.amount, c.get_status_display(),
            str(Conclusion(c.last_conclusion).label) if c.last_conclusion else "",
            c.last_reviewed_on, c.signed_on, c.expires_on,
        ]
        for c in contracts.iterator(chunk_size=1000)
    )  # fmt: skip
    return sheet_workbook(_("Government contracts"), headers, rows,
                          widths=[44, 12, 24, 28, 14, 12, 14, 12, 12, 12])  # fmt: skip
