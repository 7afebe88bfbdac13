"""State changes of law study and exams. Each service is keyword-only, takes the ``actor``
(``None`` is the system), runs in one transaction and writes one audit event.

An import (:func:`participation_import`, :func:`results_import`) checks every row before it
saves any: when a row is bad, :class:`ImportRejected` lists each bad row with the column and a
message, and nothing is saved. A saved individual result whose ID number is that of an
enforcement official of the county is passed on, in the same transaction, to
``enforcement.services.law_exam_result_record`` — what certificate eligibility reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.common.identity import validate_id_number
from zhengwu.lawstudy import rules
from zhengwu.lawstudy.models import (
    Exam,
    ExamParticipation,
    ExamResult,
    ExamUnit,
    StudySession,
    TrainingCourse,
)


class ImportRejected(DomainError):
    """Some rows of an import are bad; ``errors`` lists them and nothing was saved."""

    code = "import_rejected"

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(
            _("%(n)s row(s) are wrong; nothing was saved.") % {"n": len({e.row for e in errors})},
            errors_list=errors,
        )


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotPermitted()


def _may_administer(actor, division) -> None:
    if actor is not None:
        _require(rules.may_administer(actor, division))


def _invalid(errors: dict) -> None:
    if errors:
        raise DomainError(" ".join(str(m) for m in errors.values()), code="invalid", errors=errors)


def _lines(text: str | Iterable[str]) -> str:
    items = text.splitlines() if isinstance(text, str) else list(text)
    return "\n".join(line.strip() for line in items if line and line.strip())


def _lock(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _audit(obj, *, actor, action: str, division, before="", to="", reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        from_state=before,
        to_state=to,
        reason=reason,
        detail=detail or {},
        division=division,
    )


def _count(value, names: str, field: str, errors: dict, what) -> int:
    listed = len(names.splitlines()) if names else 0
    if value is None:
        if not listed:
            errors[field] = _("Give the number of %(what)s or list them.") % {"what": what}
        return listed
    if value < 0:
        errors[field] = _("The number cannot be negative.")
    elif value < listed:
        errors[field] = _("The number (%(n)s) is smaller than the names listed (%(m)s).") % {
            "n": value,
            "m": listed,
        }
    return value


# ---------------------------------------------------------------------------------------------
# Study sessions and training courses
# ---------------------------------------------------------------------------------------------


def _session_fields(
    *, kind, held_on, topic, laws="", lecturer="", attendee_count=None, attendee_names="",
    minutes="",
) -> dict:  # fmt: skip
    errors = {}
    if kind not in StudySession.Kind.values:
        errors["kind"] = _("Choose the kind of session.")
    if not topic.strip():
        errors["topic"] = _("Give the topic.")
    try:
        act_day(held_on)
    except DomainError as error:
        errors["held_on"] = error.message
    names = _lines(attendee_names)
    count = _count(attendee_count, names, "attendee_count", errors, _("attendees"))
    _invalid(errors)
    return {
        "kind": kind,
        "held_on": held_on,
        "topic": topic.strip(),
        "laws": _lines(laws),
        "lecturer": lecturer.strip(),
        "attendee_count": count,
        "attendee_names": names,
        "minutes": minutes.strip(),
    }


@transaction.atomic
def session_record(
    *,
    actor,
    division,
    kind: str,
    held_on: datetime.date,
    topic: str,
    laws: str | Iterable[str] = "",
    lecturer: str = "",
    attendee_count: int | None = None,
    attendee_names: str | Iterable[str] = "",
    minutes: str = "",
) -> StudySession:
    """Record a study session that has been held."""
    _may_administer(actor, division)
    fields = _session_fields(
        kind=kind, held_on=held_on, topic=topic, laws=laws, lecturer=lecturer,
        attendee_count=attendee_count, attendee_names=attendee_names, minutes=minutes,
    )  # fmt: skip
    session = StudySession.objects.create(division=division, **fields)
    _audit(
        session,
        actor=actor,
        action="lawstudy_session_create",
        division=division,
        detail={
            "kind": kind,
            "held_on": held_on.isoformat(),
            "attendees": fields["attendee_count"],
        },
    )
    return session


def _correct(obj, fields: dict, *, actor, action: str, reason: str):
    """Write the corrected ``fields`` of a locked row; one audit event naming what changed."""
    if not reason.strip():
        raise DomainError(
            _("Say why the record is corrected."),
            code="invalid",
            errors={"reason": _("Say why the record is corrected.")},
        )
    changed = {
        name: [str(getattr(obj, name)), str(value)]
        for name, value in fields.items()
        if getattr(obj, name) != value
    }
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(fields))
    _audit(
        obj,
        actor=actor,
        action=action,
        division=obj.division,
        reason=reason,
        detail={"changed": changed},
    )
    return obj


@transaction.atomic
def session_correct(*, actor, session: StudySession, reason: str, **values) -> StudySession:
    """Correct a recorded session (every field given again, as on the form) with a reason."""
    session = _lock(session)
    _may_administer(actor, session.division)
    fields = _session_fields(**values)
    return _correct(session, fields, actor=actor, action="lawstudy_session_correct", reason=reason)


def _course_fields(
    *, title, organiser, kind, starts_on, ends_on, hours, participant_count=None, roster=""
) -> dict:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the title of the course.")
    if not organiser.strip():
        errors["organiser"] = _("Name the organiser.")
    if kind not in TrainingCourse.Kind.values:
        errors["kind"] = _("Choose the kind of course.")
    try:
        act_day(starts_on)
    except DomainError as error:
        errors["starts_on"] = error.message
    if ends_on < starts_on:
        errors["ends_on"] = _("The course cannot end before it starts.")
    try:
        hours = Decimal(str(hours))
        if hours <= 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["hours"] = _("Give the class hours, a number above 0.")
    names = _lines(roster)
    count = _count(participant_count, names, "participant_count", errors, _("participants"))
    _invalid(errors)
    return {
        "title": title.strip(),
        "organiser": organiser.strip(),
        "kind": kind,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "hours": hours,
        "participant_count": count,
        "roster": names,
    }


@transaction.atomic
def course_record(
    *,
    actor,
    division,
    title: str,
    organiser: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    hours: Decimal | int | str,
    participant_count: int | None = None,
    roster: str | Iterable[str] = "",
) -> TrainingCourse:
    """Record a training course that has begun, with its participants."""
    _may_administer(actor, division)
    fields = _course_fields(
        title=title, organiser=organiser, kind=kind, starts_on=starts_on, ends_on=ends_on,
        hours=hours, participant_count=participant_count, roster=roster,
    )  # fmt: skip
    course = TrainingCourse.objects.create(division=division, **fields)
    _audit(
        course,
        actor=actor,
        action="lawstudy_course_create",
        division=division,
        detail={
            "kind": kind,
            "participants": fields["participant_count"],
            "hours": str(fields["hours"]),
        },
    )
    return course


@transaction.atomic
def course_correct(*, actor, course: TrainingCourse, reason: str, **values) -> TrainingCourse:
    """Correct a recorded course (every field given again, as on the form) with a reason."""
    course = _lock(course)
    _may_administer(actor, course.division)
    fields = _course_fields(**values)
    return _correct(course, fields, actor=actor, action="lawstudy_course_correct", reason=reason)


# ---------------------------------------------------------------------------------------------
# The unit registry and exams
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def unit_register(*, actor, division, name: str, kind: str, department=None) -> ExamUnit:
    """Register a unit whose staff sit the law exams (optionally a department of the tree)."""
    _may_administer(actor, division)
    errors = {}
    name = name.strip()
    if not name:
        errors["name"] = _("Give the name of the unit.")
    elif ExamUnit.objects.filter(division=division, name=name).exists():
        errors["name"] = _("A unit of this name is already registered.")
    if kind not in ExamUnit.Kind.values:
        errors["kind"] = _("Choose the kind of unit.")
    if department is not None:
        county = department.division.county or department.division
        if county.pk != division.pk:
            errors["department"] = _("The department belongs to another county.")
        elif ExamUnit.objects.filter(department=department).exists():
            errors["department"] = _("This department is already registered as a unit.")
    _invalid(errors)
    unit = ExamUnit.objects.create(division=division, name=name, kind=kind, department=department)
    _audit(unit, actor=actor, action="lawstudy_unit_create", division=division)
    return unit


@transaction.atomic
def exam_create(
    *,
    actor,
    division,
    kind: str,
    year: int,
    title: str,
    held_on: datetime.date,
    pass_mark: Decimal | int | str = 60,
) -> Exam:
    _may_administer(actor, division)
    errors = {}
    if kind not in Exam.Kind.values:
        errors["kind"] = _("Choose the kind of exam.")
    if not title.strip():
        errors["title"] = _("Give the title of the exam.")
    if held_on.year not in (year, year + 1):
        errors["held_on"] = _(
            "The exam of %(year)s is held in %(year)s or early the next year."
        ) % {"year": year}
    try:
        pass_mark = Decimal(str(pass_mark))
        if not 0 <= pass_mark <= 100:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["pass_mark"] = _("The pass mark is a score from 0 to 100.")
    if (
        kind == Exam.Kind.ANNUAL
        and Exam.objects.filter(division=division, year=year, kind=Exam.Kind.ANNUAL).exists()
    ):
        errors["year"] = _("The annual law exam of %(year)s is already registered.") % {
            "year": year
        }
    _invalid(errors)
    exam = Exam.objects.create(
        division=division,
        kind=kind,
        year=year,
        title=title.strip(),
        held_on=held_on,
        pass_mark=pass_mark,
    )
    _audit(
        exam,
        actor=actor,
        action="lawstudy_exam_create",
        division=division,
        to=exam.status,
        detail={"kind": kind, "year": year, "held_on": held_on.isoformat()},
    )
    return exam


@transaction.atomic
def exam_close(*, actor, exam: Exam) -> Exam:
    """Close an exam: its participation and results can no longer change."""
    exam = _lock(exam)
    _may_administer(actor, exam.division)
    before = exam.status
    if Exam.Status.CLOSED not in Exam.TRANSITIONS[Exam.Status(before)]:
        raise IllegalTransition(
            _("The exam is %(state)s and cannot be closed.") % {"state": exam.get_status_display()}
        )
    exam.status = Exam.Status.CLOSED
    exam.save(update_fields=["status"])
    _audit(
        exam, actor=actor, action="lawstudy_exam_close", division=exam.division, before=before,
        to=exam.status,
    )  # fmt: skip
    return exam


def _open_and_held(exam: Exam) -> None:
    if exam.status != Exam.Status.OPEN:
        raise IllegalTransition(
            _("The exam is closed: its participation and results cannot change."),
            code="exam_closed",
        )
    if exam.held_on > timezone.localdate():
        raise DomainError(
            _("The exam is held on %(date)s; its figures are entered after it.")
            % {"date": exam.held_on.isoformat()},
            code="exam_not_held",
        )


def _participation_errors(eligible, participants, passed) -> dict:
    errors = {}
    for field, value in (
        ("eligible", eligible),
        ("participants", participants),
        ("passed", passed),
    ):
        if value is None or value < 0:
            errors[field] = _("Give a whole number, 0 or more.")
    if errors:
        return errors
    if participants > eligible:
        errors["participants"] = _(
            "The staff who sat (%(p)s) cannot be more than those required to sit (%(e)s)."
        ) % {"p": participants, "e": eligible}
    if passed > participants:
        errors["passed"] = _(
            "Those who passed (%(n)s) cannot be more than those who sat (%(p)s)."
        ) % {
            "n": passed,
            "p": participants,
        }
    return errors


@transaction.atomic
def participation_record(
    *,
    actor,
    exam: Exam,
    unit: ExamUnit,
    eligible: int,
    participants: int,
    passed: int,
    version: int | None = None,
) -> ExamParticipation:
    """Record (or correct) a unit's participation; the unit's own staff may enter it.

    ``version`` is the row version the form was read at: a row someone else changed since is
    refused with :class:`~zhengwu.common.errors.Conflict` rather than silently overwritten."""
    exam = _lock(exam)
    if actor is not None:
        _require(rules.may_enter_participation(actor, exam, unit))
    if unit.division_id != exam.division_id:
        raise DomainError(_("The unit belongs to another county."), code="wrong_division")
    _open_and_held(exam)
    _invalid(_participation_errors(eligible, participants, passed))
    row = ExamParticipation.objects.select_for_update().filter(exam=exam, unit=unit).first()
    before = ""
    if row is None:
        row = ExamParticipation.objects.create(
            exam=exam, unit=unit, eligible=eligible, participants=participants, passed=passed
        )
    else:
        if version is not None and version != row.version:
            raise Conflict()
        before = f"{row.participants}/{row.eligible}"
        ExamParticipation.objects.filter(pk=row.pk).update(
            eligible=eligible, participants=participants, passed=passed, version=F("version") + 1
        )
        row.refresh_from_db()
    _audit(
        row,
        actor=actor,
        action="lawstudy_participation_record",
        division=exam.division,
        before=before,
        to=f"{participants}/{eligible}",
        detail={"unit": unit.name, "passed": passed},
    )
    return row


# ---------------------------------------------------------------------------------------------
# Imports: every row checked, then all saved or none
# ---------------------------------------------------------------------------------------------

# The columns of the import sheets, by field: an error names the column by its header in the
# template sheet (the sheets are in Chinese whatever the language of the page).
PARTICIPATION_COLUMNS = {
    "unit": "单位",
    "eligible": "应考人数",
    "participants": "参考人数",
    "passed": "合格人数",
}
RESULT_COLUMNS = {
    "full_name": "姓名",
    "id_number": "身份证号",
    "unit": "单位",
    "score": "成绩",
    "passed": "是否合格",
    "appointment": "拟任职务",
}


def _whole(value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    return int(str(value).strip())


def _units_by_name(exam: Exam) -> dict[str, ExamUnit]:
    return {
        u.name: u
        for u in ExamUnit.objects.filter(division=exam.division, is_active=True).select_related(
            "division"
        )
    }


@transaction.atomic
def participation_import(*, actor, exam: Exam, rows: list[dict]) -> int:
    """Save the participation of many units at once (``rows``: dicts with ``row`` — its
    number in the sheet — ``unit``, ``eligible``, ``participants``, ``passed``). An existing
    unit's figures are replaced. Returns the number of rows saved."""
    exam = _lock(exam)
    if actor is not None and not rules.may_administer(actor, exam.division):
        # A unit's staff may import only their own unit's row.
        _require(rules.can_view_registers(actor))
    _open_and_held(exam)
    units = _units_by_name(exam)
    errors: list[RowError] = []
    clean: dict[int, tuple[ExamUnit, int, int, int]] = {}
    seen: dict[int, int] = {}
    if not rows:
        raise ImportRejected([RowError(1, _("sheet"), _("The sheet has no rows to import."))])
    for raw in rows:
        n = raw["row"]
        row_errors = []
        name = str(raw.get("unit") or "").strip()
        unit = units.get(name)
        if not name:
            row_errors.append(("unit", _("Give the unit.")))
        elif unit is None:
            row_errors.append(
                ("unit", _("No registered unit is called “%(name)s”.") % {"name": name})
            )
        elif actor is not None and not rules.may_enter_participation(actor, exam, unit):
            row_errors.append(("unit", _("You may not enter the figures of this unit.")))
        elif unit.pk in seen:
            row_errors.append(
                ("unit", _("The unit is already on row %(row)s.") % {"row": seen[unit.pk]})
            )
        numbers = {}
        for field in ("eligible", "participants", "passed"):
            try:
                numbers[field] = _whole(raw.get(field))
                if numbers[field] is None:
                    row_errors.append((field, _("Give a whole number, 0 or more.")))
            except (TypeError, ValueError):
                numbers[field] = None
                row_errors.append(
                    (field, _("“%(value)s” is not a whole number.") % {"value": raw.get(field)})
                )
        if all(v is not None for v in numbers.values()):
            for field, message in _participation_errors(**numbers).items():
                row_errors.append((field, message))
        if row_errors:
            errors += [RowError(n, str(PARTICIPATION_COLUMNS[f]), str(m)) for f, m in row_errors]
            continue
        seen[unit.pk] = n
        clean[unit.pk] = (unit, numbers["eligible"], numbers["participants"], numbers["passed"])
    if errors:
        raise ImportRejected(errors)
    existing = {
        p.unit_id: p
        for p in ExamParticipation.objects.select_for_update().filter(
            exam=exam, unit_id__in=list(clean)
        )
    }
    new, changed = [], []
    for unit_id, (unit, eligible, participants, passed) in clean.items():
        row = existing.get(unit_id)
        if row is None:
            new.append(
                ExamParticipation(
                    exam=exam,
                    unit=unit,
                    eligible=eligible,
                    participants=participants,
                    passed=passed,
                )
            )
        else:
            row.eligible, row.participants, row.passed = eligible, participants, passed
            row.version += 1
            changed.append(row)
    ExamParticipation.objects.bulk_create(new)
    ExamParticipation.objects.bulk_update(
        changed, ["eligible", "participants", "passed", "version"]
    )
    audit_record(
        actor=actor,
        action="lawstudy_participation_import",
        obj=exam,
        detail={"rows": len(clean), "new": len(new), "replaced": len(changed)},
        division=exam.division,
    )
    return len(clean)


def _score(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    score = Decimal(str(value).strip())
    if not score.is_finite() or not 0 <= score <= 100:
        raise InvalidOperation
    return score.quantize(Decimal("0.1"))


YES = {"是", "合格", "通过", "yes", "y", "true", "1", "√"}
NO = {"否", "不合格", "未通过", "no", "n", "false", "0", "×"}


def _yes_no(value) -> bool | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError


def _check_result(exam, raw, units, seen_ids, taken_ids) -> tuple[dict, list]:
    errors = []
    name = str(raw.get("full_name") or "").strip()
    if not name:
        errors.append(("full_name", _("Give the name.")))
    id_number = str(raw.get("id_number") or "").strip()
    try:
        id_number = validate_id_number(id_number)
    except Exception as exc:  # ValidationError with a readable message
        errors.append(("id_number", " ".join(str(m) for m in getattr(exc, "messages", [exc]))))
    else:
        if id_number in seen_ids:
            errors.append(
                (
                    "id_number",
                    _("The same ID number is on row %(row)s.") % {"row": seen_ids[id_number]},
                )
            )
        elif id_number in taken_ids:
            errors.append(("id_number", _("This person already has a result in this exam.")))
    unit_name = str(raw.get("unit") or "").strip()
    unit = units.get(unit_name) if unit_name else None
    if unit_name and unit is None:
        errors.append(("unit", _("No registered unit is called “%(name)s”.") % {"name": unit_name}))
    score = passed = None
    try:
        score = _score(raw.get("score"))
    except (InvalidOperation, ValueError):
        errors.append(("score", _("The score is a number from 0 to 100.")))
    try:
        passed = _yes_no(raw.get("passed"))
    except ValueError:
        errors.append(("passed", _("Write 是 or 否.")))
    if score is not None:
        by_score = score >= exam.pass_mark
        if passed is not None and passed != by_score:
            errors.append(
                (
                    "passed",
                    _("It does not agree with the score and the pass mark (%(mark)s).")
                    % {"mark": exam.pass_mark},
                )
            )
        passed = by_score
    elif passed is None and not any(f in ("score", "passed") for f, _m in errors):
        errors.append(("score", _("Give the score, or whether the person passed.")))
    appointment = str(raw.get("appointment") or "").strip()
    if exam.kind == Exam.Kind.PRE_APPOINTMENT and not appointment:
        errors.append(("appointment", _("Give the appointment the exam precedes.")))
    clean = {
        "full_name": name,
        "id_number": id_number,
        "unit": unit,
        "score": score,
        "passed": passed,
        "appointment": appointment,
    }
    return clean, errors


def _feed_enforcement(actor, exam: Exam, results: list[ExamResult]) -> int:
    """Pass each result of an enforcement official of the county on to the enforcement
    registry (what certificate eligibility reads). Returns how many were passed on."""
    from zhengwu.enforcement.models import Official
    from zhengwu.enforcement.services import law_exam_result_record

    officials = {
        o.id_number: o
        for o in Official.objects.filter(
            id_number__in=[r.id_number for r in results], body__division=exam.division
        ).select_related("body__division")
    }
    fed = []
    for result in results:
        official = officials.get(result.id_number)
        if official is None:
            continue
        law_exam_result_record(
            actor=actor,
            official=official,
            taken_on=exam.held_on,
            passed=result.passed,
            score=result.score,
            source=exam.title[:100],
        )
        result.official = official
        fed.append(result)
    ExamResult.objects.bulk_update(fed, ["official"])
    return len(fed)


@transaction.atomic
def result_record(
    *,
    actor,
    exam: Exam,
    full_name: str,
    id_number: str,
    unit: ExamUnit | None = None,
    score: Decimal | None = None,
    passed: bool | None = None,
    appointment: str = "",
) -> ExamResult:
    """Record one person's result (passed is read from the score and the pass mark when a
    score is given)."""
    results = results_import(
        actor=actor,
        exam=exam,
        rows=[
            {
                "row": 1,
                "full_name": full_name,
                "id_number": id_number,
                "unit": unit.name if unit else "",
                "score": score,
                "passed": passed,
                "appointment": appointment,
            }
        ],
        single=True,
    )
    return results[0]


@transaction.atomic
def results_import(
    *, actor, exam: Exam, rows: list[dict], single: bool = False
) -> list[ExamResult]:
    """Save many individual results at once (dicts with ``row``, ``full_name``, ``id_number``,
    ``unit``, ``score``, ``passed``, ``appointment``); all or nothing."""
    exam = _lock(exam)
    _may_administer(actor, exam.division)
    _open_and_held(exam)
    if not rows:
        raise ImportRejected([RowError(1, _("sheet"), _("The sheet has no rows to import."))])
    units = _units_by_name(exam)
    taken = set(
        ExamResult.objects.filter(
            exam=exam, id_number__in=[str(r.get("id_number") or "").strip().upper() for r in rows]
        ).values_list("id_number", flat=True)
    )
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    clean_rows = []
    for raw in rows:
        clean, row_errors = _check_result(exam, raw, units, seen, taken)
        if row_errors:
            errors += [RowError(raw["row"], str(RESULT_COLUMNS[f]), str(m)) for f, m in row_errors]
            continue
        seen[clean["id_number"]] = raw["row"]
        clean_rows.append(clean)
    if errors:
        if single:
            keys = {str(label): key for key, label in RESULT_COLUMNS.items()}
            fields = {}
            for e in errors:
                fields.setdefault(keys.get(e.column, "full_name"), e.message)
            raise DomainError(" ".join(fields.values()), code="invalid", errors=fields)
        raise ImportRejected(errors)
    results = ExamResult.objects.bulk_create([ExamResult(exam=exam, **c) for c in clean_rows])
    results = list(
        ExamResult.objects.filter(exam=exam, id_number__in=[c["id_number"] for c in clean_rows])
    )
    fed = _feed_enforcement(actor, exam, results)
    detail = {"rows": len(results), "passed": sum(r.passed for r in results), "fed": fed}
    if single:
        _audit(
            results[0], actor=actor, action="lawstudy_result_record", division=exam.division,
            to="passed" if results[0].passed else "failed", detail=detail,
        )  # fmt: skip
    else:
        audit_record(
            actor=actor,
            action="lawstudy_results_import",
            obj=exam,
            detail=detail,
            division=exam.division,
        )
    return results
