"""The register of major decisions as an XLSX workbook (one row per decision)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.xlsx import sheet_workbook


def register_workbook(decisions) -> bytes:
    decisions = (
        decisions.annotate(
            n_comments=Count("comments", filter=Q(comments__closed_on__isnull=False),
                             distinct=True),
            n_hearings=Count("hearings", distinct=True),
            n_experts=Count("experts", distinct=True),
            n_risks=Count("risks", distinct=True),
            n_reviews=Count("reviews", filter=Q(reviews__completed_on__isnull=False),
                            distinct=True),
            n_discussions=Count("discussions", distinct=True),
        )
        .select_related("undertaking_department", "decision_body")
        .order_by("-adopted_on", "-pk")
    )  # fmt: skip
    yes, no = _("yes"), _("no")
    ctx = "major decision"
    headers = [
        _("Title"), _("Subject area"), _("Undertaking department"), _("Decision body"),
        _("In the annual decision catalogue"), _("Status"), _("Public comment"), _("Hearing"),
        _("Expert argumentation"), _("Risk assessment"), pgettext(ctx, "Legality review"),
        _("Collective discussion"), pgettext(ctx, "Adopted on"), pgettext(ctx, "Published on"),
        _("Official of the undertaking department"), _("Reviewing official"),
        _("Leader who decides"),
    ]  # fmt: skip
    rows = (
        [
            d.title, d.get_subject_area_display(), d.undertaking_department.name,
            d.decision_body.name, yes if d.in_catalogue else no, d.get_status_display(),
            d.n_comments, d.n_hearings, d.n_experts, d.n_risks, d.n_reviews, d.n_discussions,
            d.adopted_on, d.published_on, d.undertaking_official, d.reviewing_official,
            d.deciding_leader,
        ]
        for d in decisions.iterator(chunk_size=1000)
    )  # fmt: skip
    widths = [50, 16, 26, 20, 10, 16] + [8] * 6 + [12, 12, 20, 20, 20]
    return sheet_workbook(_("Major administrative decisions"), headers, rows, widths=widths)
