"""The registers as an XLSX workbook: one sheet of reconsideration cases, one of suits."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from zhengwu.common.xlsx import add_sheet, workbook_bytes


def registers_workbook(cases, suits) -> bytes:
    book = Workbook()
    cases = cases.select_related("respondent").prefetch_related("applicants")
    add_sheet(book, _("Reconsideration cases"), [
        _("Receipt number"), _("Case number"), _("Applicant"), _("Respondent"),
        _("Contested administrative act"), _("Channel"), _("Received on"), _("Accepted on"),
        _("Status"), _("Decision"), _("Closed on"), _("Simplified procedure"),
        _("Information disclosure"),
    ], (
        [c.receipt_number, c.case_number, c.applicant_names, c.respondent.name,
         c.contested_act, c.get_channel_display(), c.received_on, c.accepted_on,
         c.get_status_display(), c.get_decision_type_display(), c.closed_on,
         _("yes") if c.simplified else "", _("yes") if c.is_disclosure else ""]
        for c in cases
    ), widths=[14, 22, 20, 24, 40, 12, 12, 12, 14, 20, 12, 8, 8], first=True)  # fmt: skip
    suits = suits.select_related("defendant", "after_review").prefetch_related("hearings")
    add_sheet(book, _("Litigation cases"), [
        _("Court"), _("Court case number"), _("Plaintiff"), _("Defendant"),
        _("After reconsideration"), _("Filed on"), _("Status"), _("Result"), _("Concluded on"),
        _("Head appeared in court"),
    ], (
        [s.court, s.court_number, s.plaintiff, s.defendant.name,
         str(s.after_review) if s.after_review else "", s.filed_on, s.get_status_display(),
         s.get_final_result_display(), s.concluded_on, _("yes") if s.head_appeared else ""]
        for s in suits
    ), widths=[20, 24, 24, 24, 22, 12, 16, 24, 12, 8])  # fmt: skip
    return workbook_bytes(book)
