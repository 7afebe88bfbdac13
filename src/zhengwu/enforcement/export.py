"""Spreadsheets (XLSX) of the registry: bodies, officials and certificates, case files, filings
and evaluations — each read through the user's selector, headers in the request's language. ID
numbers and phones are masked."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.identity import mask_id_number, mask_phone
from zhengwu.common.xlsx import CONTENT_TYPE, header_widths, sheet_workbook
from zhengwu.enforcement import selectors
from zhengwu.enforcement.models import Evaluation

XLSX = CONTENT_TYPE


def workbook(title: str, headers: list[str], rows: Iterable[list]) -> bytes:
    return sheet_workbook(title, headers, rows, widths=header_widths(headers), freeze_header=True)


def _bodies(user):
    rows = selectors.with_act_counts(selectors.bodies_visible_to(user)).order_by(
        "standing", "department__code"
    )
    headers = [
        _("Body"),
        _("Standing"),
        _("Entrusting agency"),
        _("Entrustment document"),
        _("Entrusted until"),
        _("Status"),
        _("Confirmation batch"),
        _("Approving document"),
        _("Enforcement acts"),
        _("Officials"),
    ]
    data = (
        [
            b.department.name,
            b.get_standing_display(),
            b.entrusting_body.name if b.entrusting_body else "",
            b.entrustment_document,
            b.entrusted_to,
            b.get_status_display(),
            b.batch.number if b.batch else "",
            b.batch.document if b.batch else "",
            b.acts,
            b.officials_count,
        ]
        for b in rows
    )
    return _("Enforcement bodies"), headers, data


def _laws(user):
    """The laws in use: the registry's own list and the catalog's legal bases, per body."""
    bodies = selectors.bodies_visible_to(user).order_by("standing", "department__code")
    titles = selectors.laws_in_use_by_department(bodies)
    rows = [
        [body.department.name, title]
        for body in bodies
        for title in titles.get(body.department_id, [])
    ]
    return _("Laws in use"), [_("Body"), _("Law, regulation or rule")], rows


def _certificates(user):
    rows = selectors.certificates_visible_to(user).order_by("number")
    headers = [
        _("Certificate number"),
        _("Holder"),
        _("ID number"),
        _("Telephone"),
        _("Body"),
        _("Enforcement area"),
        _("Issuing authority"),
        _("Valid from"),
        _("Valid until"),
        _("Status"),
        _("Last annual review"),
    ]
    data = (
        [
            c.number,
            c.official.full_name,
            mask_id_number(c.official.id_number),
            mask_phone(c.official.phone),
            c.official.body.department.name,
            c.area,
            c.issuing_authority,
            c.valid_from,
            c.valid_to,
            c.get_status_display(),
            c.last_review_year or "",
        ]
        for c in rows
    )
    return _("Enforcement certificates"), headers, data


def _case_files(user):
    rows = selectors.case_files_visible_to(user).order_by("-filed_on", "number")
    headers = [
        pgettext("enforcement case", "Case number"),
        _("Body"),
        _("Kind of act"),
        _("Enforcement act"),
        _("Parties"),
        _("Major case"),
        _("Status"),
        _("Outcome"),
        _("Filed on"),
        _("Decided on"),
        _("Served on"),
        pgettext("enforcement case", "Closed on"),
        _("Penalty amount (yuan)"),
    ]
    data = (
        [
            f.number,
            f.body.department.name,
            f.get_kind_display(),
            f.power.current.name if f.power.current else "",
            f.parties,
            _("yes") if f.is_major else _("no"),
            f.get_status_display(),
            f.get_outcome_display(),
            f.filed_on,
            f.decided_on,
            f.served_on,
            f.closed_on,
            f.penalty_amount,
        ]
        for f in rows
    )
    return _("Enforcement case files"), headers, data


def _filings(user):
    rows = selectors.filings_visible_to(user).order_by("due_on")
    headers = [
        pgettext("enforcement case", "Case number"),
        _("Body"),
        _("Decided on"),
        _("To be filed by"),
        _("Filed on"),
        _("Filed on time"),
        _("Status"),
    ]
    data = (
        [
            f.case_file.number,
            f.case_file.body.department.name,
            f.case_file.decided_on,
            f.due_on,
            f.filed_on,
            "" if f.on_time is None else (_("yes") if f.on_time else _("no")),
            f.get_status_display(),
        ]
        for f in rows
    )
    return _("Major penalty filings"), headers, data


def _evaluations(user):
    campaigns = selectors.campaigns_visible_to(user)
    rows = (
        Evaluation.objects.filter(campaign__in=campaigns)
        .select_related("campaign", "case_file", "body__department")
        .order_by("-campaign__year", "body__department__code", "case_file__number")
    )
    headers = [
        _("Campaign"),
        _("Body"),
        pgettext("enforcement case", "Case number"),
        _("Score"),
        _("Evaluated on"),
        _("Findings"),
    ]
    data = (
        [
            e.campaign.title,
            e.body.department.name,
            e.case_file.number,
            float(e.score) if e.score is not None else None,
            e.evaluated_on,
            e.note,
        ]
        for e in rows
    )
    return _("Case-file evaluations"), headers, data


REGISTRIES: dict[str, Callable] = {
    "bodies": _bodies,
    "laws": _laws,
    "certificates": _certificates,
    "case-files": _case_files,
    "filings": _filings,
    "evaluations": _evaluations,
}


def registry_xlsx(registry: str, user) -> bytes:
    title, headers, rows = REGISTRIES[registry](user)
    return workbook(str(title), [str(h) for h in headers], rows)
