"""The register as an XLSX workbook: one row per proposal, with its assignment, reply and
feedback."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.xlsx import sheet_workbook


def register_workbook(proposals) -> bytes:
    proposals = (
        proposals.select_related("session", "lead_department")
        .prefetch_related("proposers", "assignments__department")
        .order_by("-session__year", "kind", "number", "pk")
    )
    headers = [
        pgettext("proposal", "Kind"), _("Session"), pgettext("proposal", "Number"), _("Title"),
        _("Proposers"), _("Lead proposer"), _("Registered on"), _("Lead department"),
        _("Co-handling departments"), _("Assigned on"), _("Reply due on"), _("Replied on"),
        pgettext("proposal", "On time"), _("Classification"), _("Satisfaction"), _("Status"),
    ]  # fmt: skip
    widths = [14, 36, 8, 48, 24, 10, 12, 26, 30, 12, 12, 12, 8, 8, 12, 16]
    return sheet_workbook(_("Proposals"), headers, (_row(p) for p in proposals), widths=widths)


def _row(p) -> list:
    proposers = list(p.proposers.all())
    lead = next((x.name for x in proposers if x.is_lead), "")
    co = [a.department.name for a in p.assignments.all()
          if a.role == "co" and a.status != "reassigned"]  # fmt: skip
    on_time = {True: _("yes"), False: _("no"), None: ""}[p.first_reply_on_time]
    return [
        p.get_kind_display(), p.session.name, p.number_label, p.title,
        "、".join(x.name for x in proposers), lead, p.registered_on,
        p.lead_department.name if p.lead_department else "", "、".join(co), p.assigned_on,
        p.reply_due_on, p.replied_on, on_time, p.classification,
        p.get_satisfaction_display() if p.satisfaction else "", p.get_status_display(),
    ]  # fmt: skip
