"""Spreadsheets (XLSX) of law study and exams, read through the user's selectors; ID numbers
masked. The blank import templates carry the headers :mod:`zhengwu.lawstudy.imports` reads."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from zhengwu.common.identity import mask_id_number
from zhengwu.common.xlsx import CONTENT_TYPE, add_sheet, header_widths, workbook_bytes
from zhengwu.lawstudy import selectors
from zhengwu.lawstudy.figures import participation_totals, rate
from zhengwu.lawstudy.imports import PARTICIPATION_HEADERS, RESULT_HEADERS
from zhengwu.lawstudy.models import Exam, ExamParticipation

XLSX = CONTENT_TYPE
LOW = PatternFill("solid", fgColor="FFE0E0")


def _sheet(book, title: str, headers: list[str], rows, *, first=False):
    return add_sheet(book, title, headers, rows, widths=header_widths(headers), first=first,
                     freeze_header=True)  # fmt: skip


def sessions(user) -> tuple[str, bytes]:
    book = Workbook()
    rows = (
        [
            s.held_on,
            s.get_kind_display(),
            s.topic,
            "、".join(f"《{law}》" for law in s.law_list),
            s.lecturer,
            s.attendee_count,
        ]
        for s in selectors.sessions_visible_to(user).order_by("held_on", "pk")
    )
    headers = [
        _("Held on"),
        _("Kind of session"),
        pgettext("study session", "Topic"),
        _("Laws studied"),
        _("Lecturer"),
        _("Number of attendees"),
    ]
    _sheet(book, _("Study sessions"), headers, rows, first=True)
    return _("Study sessions"), workbook_bytes(book)


def courses(user) -> tuple[str, bytes]:
    book = Workbook()
    rows = (
        [
            c.title,
            c.organiser,
            c.get_kind_display(),
            c.starts_on,
            c.ends_on,
            float(c.hours),
            c.participant_count,
        ]
        for c in selectors.courses_visible_to(user).order_by("starts_on", "pk")
    )
    headers = [
        pgettext("training course", "Title"),
        _("Organiser"),
        _("Kind of course"),
        _("Starts on"),
        _("Ends on"),
        _("Class hours"),
        _("Number of participants"),
    ]
    _sheet(book, _("Training courses"), headers, rows, first=True)
    return _("Training courses"), workbook_bytes(book)


def exam(user, exam: Exam) -> tuple[str, bytes]:
    """The per-unit participation (units under the threshold shaded, totals last) and the
    individual results the user may see."""
    book = Workbook()
    threshold = selectors.participation_threshold()
    table = list(selectors.participation_table(exam))
    headers = [
        _("Unit"),
        pgettext("exam unit", "Kind"),
        _("Staff required to sit"),
        _("Staff who sat"),
        pgettext("law exam", "Passed"),
        _("Participation rate (%)"),
        _("Pass rate (%)"),
    ]
    rows = [
        [
            p.unit.name,
            p.unit.get_kind_display(),
            p.eligible,
            p.participants,
            p.passed,
            rate(p.participants, p.eligible),
            rate(p.passed, p.participants),
        ]
        for p in table
    ]
    totals = participation_totals(ExamParticipation.objects.filter(exam=exam))
    rows.append(
        [
            _("Total (%(n)s units)") % {"n": totals["units"]},
            "",
            totals["eligible"],
            totals["participants"],
            totals["passed"],
            totals["participation_rate"],
            totals["pass_rate"],
        ]
    )
    sheet = _sheet(book, _("Participation"), headers, rows, first=True)
    for index, row in enumerate(rows[:-1], start=2):
        if row[5] is not None and row[5] < threshold:
            for cell in sheet[index]:
                cell.fill = LOW
    for cell in sheet[len(rows) + 1]:
        cell.font = Font(bold=True)
    results = selectors.results_visible_to(user, exam).order_by("unit__name", "full_name")
    _sheet(
        book,
        _("Results"),
        [
            pgettext("person", "Name"),
            _("ID number"),
            _("Unit"),
            _("Score"),
            pgettext("exam result", "Passed"),
            _("Appointment it precedes"),
        ],
        (
            [
                r.full_name,
                mask_id_number(r.id_number),
                r.unit.name if r.unit else "",
                float(r.score) if r.score is not None else None,
                _("yes") if r.passed else _("no"),
                r.appointment,
            ]
            for r in results
        ),
    )
    return exam.title, workbook_bytes(book)


def template(kind: str) -> tuple[str, bytes]:
    """A blank import sheet with the headers the import reads."""
    book = Workbook()
    headers = PARTICIPATION_HEADERS if kind == "participation" else RESULT_HEADERS
    title = _("participation per unit") if kind == "participation" else _("individual results")
    _sheet(book, title, [aliases[0] for aliases in headers.values()], [], first=True)
    return title, workbook_bytes(book)
