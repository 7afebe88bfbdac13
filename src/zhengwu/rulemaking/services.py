"""Every change to the normative-documents registry. Each service locks the row it changes,
checks the move against ``TRANSITIONS``, and writes one audit event in its transaction.

The clocks (``workdays.Clock``, watched by e-supervision's near-due and overdue rules):

- ``rulemaking.comment``: the public-comment period, 30 calendar days after the day the draft
  is put out for comment (``ZHENGWU_NORMATIVE_COMMENT_DAYS``); the comment cannot be closed
  before it has run.
- ``rulemaking.filing``: one per filing authority, 30 calendar days after publication
  (``ZHENGWU_NORMATIVE_FILING_DAYS``); filed on or before its due date is on time, after it
  late, not at all "not filed".

Validity: at most ``ZHENGWU_NORMATIVE_VALIDITY_YEARS`` (5) years from entry into force, 2
(``ZHENGWU_INTERIM_VALIDITY_YEARS``) for an interim or trial document. The last day of validity
is the day before the same date N years on; the document lapses by itself the day after. The
lapse job (:func:`documents_lapse_due`) records it with an audit event; it runs with every full
supervision sweep and with ``zhengwu rulemaking sweep``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.org.models import Department
from zhengwu.rulemaking import rules
from zhengwu.rulemaking.models import (
    BEFORE_PUBLICATION,
    TRANSITIONS,
    CleanupCampaign,
    CleanupEntry,
    DocumentAttachment,
    DocumentStatus,
    ExpiryDecision,
    Filing,
    Finding,
    LegalityReview,
    NormativeDocument,
    Opinion,
)
from zhengwu.workdays import services as clocks
from zhengwu.workdays.models import Clock

S = DocumentStatus

# Clock purposes.
COMMENT = "rulemaking.comment"
FILING = "rulemaking.filing"

FEED = "rulemaking"
DOCUMENTS_CATEGORY = "行政规范性文件"
CLEANUP_CATEGORY = "文件清理结果"

EDITABLE_FIELDS = (
    "title", "text", "is_interim", "validity_years", "number_prefix", "comment_required",
    "issuer", "amends",
)  # fmt: skip


def validity_years(*, interim: bool) -> int:
    if interim:
        return int(getattr(settings, "ZHENGWU_INTERIM_VALIDITY_YEARS", 2))
    return int(getattr(settings, "ZHENGWU_NORMATIVE_VALIDITY_YEARS", 5))


def comment_days() -> int:
    return int(getattr(settings, "ZHENGWU_NORMATIVE_COMMENT_DAYS", 30))


def filing_days() -> int:
    return int(getattr(settings, "ZHENGWU_NORMATIVE_FILING_DAYS", 30))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same date ``years`` on (29 February becomes 1 March in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` on, or the last day of that month when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def validity_period(start: datetime.date, years: int) -> tuple[datetime.date, datetime.date]:
    """(last day of validity, day it lapses) for a document in force from ``start``."""
    lapses = add_years(start, years)
    return lapses - datetime.timedelta(days=1), lapses


def looks_interim(title: str) -> bool:
    """An interim or trial document says so in its title (…暂行办法, …试行): the default when
    the drafter does not say."""
    return "暂行" in (title or "") or "试行" in (title or "")


def format_number(prefix: str, year: int, sequence: int) -> str:
    """``多政发〔2012〕78号``: the abbreviation, the year in 〔〕, the sequence (no zeros)."""
    return f"{prefix}〔{year}〕{sequence}号"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _lock(document: NormativeDocument) -> NormativeDocument:
    return (
        NormativeDocument.objects.select_for_update(of=("self",))
        .select_related("division", "issuer__division", "drafting_department")
        .get(pk=document.pk)
    )


def _move(document: NormativeDocument, to: str) -> str:
    before = document.status
    if to not in TRANSITIONS[S(before)]:
        raise IllegalTransition(
            _("The document is “%(state)s” and cannot become “%(to)s”.")
            % {"state": document.get_status_display(), "to": S(to).label}
        )
    document.status = to
    return before


def _audit(document, *, actor, action: str, before="", reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=document,
        from_state=before,
        to_state=document.status if before else "",
        reason=reason,
        detail={"title": document.title[:80], **(detail or {})},
        division=document.division,
    )


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise NotPermitted(message)


def _legal(actor, division) -> None:
    _require(
        rules.is_legal_office_of(actor, division),
        _("Only the legal-affairs office of the county may do this."),
    )


def _not_before(day: datetime.date, earliest: datetime.date | None, what) -> None:
    if earliest is not None and day < earliest:
        raise ValidationError(
            {
                "on": _("This cannot be dated before %(what)s (%(date)s).")
                % {"what": what, "date": earliest.isoformat()}
            }
        )


def _clock(owner, purpose: str) -> Clock | None:
    return (
        Clock.objects.filter(
            owner_type=owner._meta.label_lower, owner_id=str(owner.pk), purpose=purpose
        )
        .exclude(status=Clock.Status.COMPLETED)
        .first()
    )


def _check_prefix(prefix: str) -> str:
    prefix = (prefix or "").strip()
    if not prefix or len(prefix) > 16 or any(c.isdigit() or c in "〔〕[]()" for c in prefix):
        raise ValidationError(
            {
                "number_prefix": _(
                    "Give the issuer's abbreviation without year or number, e.g. 多政发."
                )
            }
        )
    return prefix


# ---------------------------------------------------------------------------------------------
# Drafting and public comment
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def document_draft(
    *,
    actor,
    drafting_department: Department,
    issuer: Department,
    title: str,
    text: str,
    number_prefix: str,
    is_interim: bool | None = None,
    validity_years: int | None = None,
    comment_required: bool = False,
    amends: NormativeDocument | None = None,
) -> NormativeDocument:
    """A new draft by the drafting department, in the name of ``issuer``; ``is_interim``
    defaults to what the title says (暂行, 试行)."""
    _require(
        rules.may_draft_for(actor, drafting_department),
        _("Only the staff of the drafting department or the legal-affairs office may draft."),
    )
    if issuer.division.county != drafting_department.division.county:
        raise ValidationError(
            {"issuer": _("The issuer must be of the drafting department's county.")}
        )
    document = NormativeDocument(
        division=drafting_department.division.county or drafting_department.division,
        issuer=issuer,
        drafting_department=drafting_department,
        title=(title or "").strip(),
        text=text or "",
        number_prefix=_check_prefix(number_prefix),
        is_interim=looks_interim(title) if is_interim is None else is_interim,
        validity_years=validity_years,
        comment_required=comment_required,
        amends=amends,
    )
    _check_validity_years(document)
    _check_amends(document)
    document.full_clean()
    document.save()
    _audit(document, actor=actor, action="document_draft", detail={"status": document.status})
    return document


def _check_validity_years(document: NormativeDocument) -> None:
    maximum = validity_years(interim=document.is_interim)
    if document.validity_years is not None and not 1 <= document.validity_years <= maximum:
        raise ValidationError(
            {
                "validity_years": _("Validity is 1 to %(max)s years for this document.")
                % {"max": maximum}
            }
        )


def _check_amends(document: NormativeDocument) -> None:
    old = document.amends
    if old is not None and (old.status != S.PUBLISHED or old.division_id != document.division_id):
        raise ValidationError(
            {"amends": _("Only a published document of this county can be amended.")}
        )


@transaction.atomic
def document_update(*, actor, document: NormativeDocument, **fields) -> NormativeDocument:
    """Change a draft (not while it is out for comment or under review)."""
    document = _lock(document)
    _require(
        rules.may_draft(actor, document), _("Only the drafting department may change the draft.")
    )
    if document.status != S.DRAFT:
        raise IllegalTransition(_("Only a document being drafted can be changed."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = sorted(name for name, value in fields.items() if getattr(document, name) != value)
    for name, value in fields.items():
        setattr(document, name, value)
    document.number_prefix = _check_prefix(document.number_prefix)
    _check_validity_years(document)
    _check_amends(document)
    document.full_clean()
    document.save()
    _audit(document, actor=actor, action="document_update", detail={"fields": changed})
    return document


@transaction.atomic
def document_attach(*, actor, document: NormativeDocument, upload) -> DocumentAttachment:
    """Attach a file to a document not yet published."""
    from zhengwu.cases.uploads import check_upload

    document = _lock(document)
    _require(rules.may_draft(actor, document), _("Only the drafting department may attach files."))
    if document.status not in BEFORE_PUBLICATION:
        raise IllegalTransition(_("Files can be attached only before publication."))
    checked = check_upload(upload)
    attachment = DocumentAttachment(document=document, name=checked.name, size=checked.size)
    attachment.file.save(checked.name, upload, save=False)
    attachment.save()
    _audit(document, actor=actor, action="document_attach",
           detail={"file": checked.name, "sha256": checked.sha256})  # fmt: skip
    return attachment


@transaction.atomic
def document_open_comment(
    *, actor, document: NormativeDocument, on: datetime.date | None = None, days: int | None = None
) -> NormativeDocument:
    """Put the draft out for public comment; the period runs from the day after ``on``."""
    document = _lock(document)
    _require(rules.may_draft(actor, document), _("Only the drafting department may do this."))
    on = act_day(on)
    days = comment_days() if days is None else days
    if days < comment_days():
        raise ValidationError(
            {"days": _("The comment period is at least %(n)s days.") % {"n": comment_days()}}
        )
    if document.comment_closed_on is not None:
        raise IllegalTransition(_("The draft has already been out for comment."))
    before = _move(document, S.COMMENT)
    document.comment_opened_on = on
    document.save(update_fields=["status", "comment_opened_on", "updated_at"])
    clock = clocks.clock_start(
        actor=actor, owner=document, purpose=COMMENT, day_kind=Clock.DayKind.CALENDAR,
        started_on=on, limit_days=days, legal_basis=_("Public comment on a normative document"),
        division=document.division, department=document.drafting_department,
    )  # fmt: skip
    detail = {"on": on.isoformat(), "days": days, "until": clock.due_date.isoformat()}
    _audit(document, actor=actor, action="document_open_comment", before=before, detail=detail)
    return document


@transaction.atomic
def document_close_comment(
    *, actor, document: NormativeDocument, summary: str, on: datetime.date | None = None
) -> NormativeDocument:
    """Close the comment (not before its period has run), with what was received."""
    document = _lock(document)
    _require(rules.may_draft(actor, document), _("Only the drafting department may do this."))
    on = act_day(on)
    clock = _clock(document, COMMENT)
    if document.status == S.COMMENT and clock is not None and on < clock.due_date:
        raise ValidationError(
            {
                "on": _("The comment period runs until %(date)s.")
                % {"date": clock.due_date.isoformat()}
            }
        )
    before = _move(document, S.DRAFT)
    document.comment_closed_on = on
    document.comment_summary = summary or ""
    document.save(update_fields=["status", "comment_closed_on", "comment_summary", "updated_at"])
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=on)
    _audit(document, actor=actor, action="document_close_comment", before=before,
           reason=summary, detail={"on": on.isoformat()})  # fmt: skip
    return document


@transaction.atomic
def document_submit_for_review(
    *, actor, document: NormativeDocument, on: datetime.date | None = None
) -> NormativeDocument:
    """Send the draft to the legal-affairs office for its legality review."""
    document = _lock(document)
    _require(rules.may_draft(actor, document), _("Only the drafting department may do this."))
    act_day(on)
    before = _move(document, S.REVIEW)
    if document.comment_required and document.comment_closed_on is None:
        raise DomainError(
            _("This draft must be put out for public comment before the legality review."),
            code="comment_required",
        )
    document.save(update_fields=["status", "updated_at"])
    _audit(document, actor=actor, action="document_submit_for_review", before=before)
    return document


# ---------------------------------------------------------------------------------------------
# Legality review, adoption, signing and numbering
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def document_review(
    *,
    actor,
    document: NormativeDocument,
    opinion: str,
    findings: list[str] | None = None,
    text: str = "",
    on: datetime.date | None = None,
) -> LegalityReview:
    """The legality review's opinion: pass, amend (back to drafting) or reject, with findings."""
    document = _lock(document)
    _legal(actor, document.division)
    on = act_day(on)
    findings = list(dict.fromkeys(findings or []))
    errors = {}
    if opinion not in Opinion.values:
        errors["opinion"] = _("Choose pass, amend or reject.")
    if any(f not in Finding.values for f in findings):
        errors["findings"] = _("Unknown finding.")
    if opinion in (Opinion.AMEND, Opinion.REJECT) and not (text or "").strip():
        errors["text"] = _("Say what must change, or why the draft is rejected.")
    if errors:
        raise ValidationError(errors)
    to = {Opinion.PASS: S.REVIEWED, Opinion.AMEND: S.DRAFT, Opinion.REJECT: S.REJECTED}[opinion]
    before = _move(document, to)
    if to == S.REJECTED:
        document.ended_on = on
        document.end_reason = text
    document.save()
    review = LegalityReview.objects.create(
        document=document, opinion=opinion, findings=findings, text=text or "",
        reviewed_on=on, reviewer=actor,
    )  # fmt: skip
    _audit(document, actor=actor, action="document_review", before=before, reason=text,
           detail={"opinion": opinion, "findings": findings, "on": on.isoformat()})  # fmt: skip
    return review


@transaction.atomic
def document_adopt(
    *, actor, document: NormativeDocument, meeting: str, on: datetime.date | None = None
) -> NormativeDocument:
    """Adopted by collective discussion (the executive meeting) on ``on``."""
    document = _lock(document)
    _legal(actor, document.division)
    on = act_day(on)
    if not (meeting or "").strip():
        raise ValidationError({"meeting": _("Name the meeting that adopted the document.")})
    last_review = document.reviews.order_by("-reviewed_on", "-id").first()
    _not_before(on, last_review.reviewed_on if last_review else None, _("the legality review"))
    before = _move(document, S.ADOPTED)
    document.meeting, document.adopted_on = meeting.strip(), on
    document.save(update_fields=["status", "meeting", "adopted_on", "updated_at"])
    _audit(document, actor=actor, action="document_adopt", before=before,
           detail={"meeting": document.meeting, "on": on.isoformat()})  # fmt: skip
    return document


def next_sequence(prefix: str, year: int) -> int:
    """The next sequence of an issuer's abbreviation in a year (1 for the first)."""
    last = NormativeDocument.objects.filter(number_prefix=prefix, number_year=year).aggregate(
        m=Max("number_sequence")
    )["m"]
    return (last or 0) + 1


@transaction.atomic
def document_sign(
    *,
    actor,
    document: NormativeDocument,
    signed_by: str,
    on: datetime.date | None = None,
    sequence: int | None = None,
) -> NormativeDocument:
    """Signed by the head and numbered: the next sequence of its issuer's abbreviation in the
    year of signing. The issuer's row is locked, so two numberings of one issuer wait for each
    other; the unique constraint on (abbreviation, year, sequence) refuses a duplicate anyway.

    Where the issuer's documents of every kind share one dispatch register (a government's
    多政发 numbers its notices too), ``sequence`` is the number that register gave; it must be
    free in the registry."""
    document = _lock(document)
    _legal(actor, document.division)
    on = act_day(on)
    if not (signed_by or "").strip():
        raise ValidationError({"signed_by": _("Name who signed the document.")})
    _not_before(on, document.adopted_on, _("the adoption"))
    before = _move(document, S.SIGNED)
    Department.objects.select_for_update().filter(pk=document.issuer_id).first()
    if sequence is None:
        sequence = next_sequence(document.number_prefix, on.year)
    elif (
        sequence < 1
        or NormativeDocument.objects.filter(
            number_prefix=document.number_prefix, number_year=on.year, number_sequence=sequence
        ).exists()
    ):
        raise ValidationError(
            {"sequence": _("%(number)s is already taken.")
             % {"number": format_number(document.number_prefix, on.year, sequence)}}
            if sequence >= 1
            else {"sequence": _("The sequence starts at 1.")}
        )  # fmt: skip
    document.number_year, document.number_sequence = on.year, sequence
    document.document_number = format_number(document.number_prefix, on.year, sequence)
    document.signed_by, document.signed_on = signed_by.strip(), on
    document.save()
    _audit(document, actor=actor, action="document_sign", before=before,
           detail={"number": document.document_number, "on": on.isoformat()})  # fmt: skip
    return document


# ---------------------------------------------------------------------------------------------
# Publication, filing, validity
# ---------------------------------------------------------------------------------------------


def default_authorities(document: NormativeDocument) -> list[tuple[str, str]]:
    """Where a document is filed: a government's with the government above and the people's
    congress standing committee of its level; a department's with its own government."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _authorities(document)


def _authorities(document: NormativeDocument) -> list[tuple[str, str]]:
    county = document.division
    if document.issuer.kind == Department.Kind.GOVERNMENT:
        above = county.parent
        higher = (
            Department.objects.filter(division=above, kind=Department.Kind.GOVERNMENT)
            .values_list("name", flat=True)
            .first()
            if above is not None
            else None
        )
        return [
            (Filing.AuthorityKind.HIGHER_GOVERNMENT, higher or _("the higher-level government")),
            (Filing.AuthorityKind.PEOPLES_CONGRESS,
             _("%(county)s People's Congress Standing Committee") % {"county": county.name}),
        ]  # fmt: skip
    government = (
        Department.objects.filter(division=county, kind=Department.Kind.GOVERNMENT)
        .values_list("name", flat=True)
        .first()
    )
    return [(Filing.AuthorityKind.GOVERNMENT, government or county.name)]


def _catalog_body(document: NormativeDocument) -> str:
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        head = [
            _("Document number: %(n)s") % {"n": document.document_number},
            _("Issued by: %(issuer)s") % {"issuer": document.issuer.name},
            _("In force from %(start)s until %(end)s")
            % {"start": document.effective_from, "end": document.effective_to},
        ]
    return "\n".join(head) + "\n\n" + document.text


_ITEM_VALIDITY = {
    S.PUBLISHED: "valid",
    S.AMENDED: "amended",
    S.REPEALED: "repealed",
    S.LAPSED: "lapsed",
}


def _publish_to_catalog(actor, document: NormativeDocument) -> None:
    """Publish (or bring up to date) the document in the disclosure catalog, sub-item
    行政规范性文件, with its validity."""
    from zhengwu.disclosure.services import item_publish_from_source

    ended = document.status != S.PUBLISHED
    item_publish_from_source(
        actor=actor,
        source=document,
        feed=FEED,
        category_name=DOCUMENTS_CATEGORY,
        department=document.issuer,
        title=document.title,
        body=_catalog_body(document),
        created_on=document.published_on,
        published_on=document.published_on,
        kind="disclosure",
        topic="law",
        document_number=document.document_number,
        validity=_ITEM_VALIDITY[document.status],
        valid_from=document.effective_from,
        valid_to=document.ended_on if ended else document.effective_to,
    )


@transaction.atomic
def document_publish(
    *,
    actor,
    document: NormativeDocument,
    on: datetime.date | None = None,
    effective_from: datetime.date | None = None,
    authorities: list[tuple[str, str]] | None = None,
) -> NormativeDocument:
    """Publish: in force from ``effective_from`` (the day of publication by default) for its
    validity, published into the disclosure catalog at once, and a filing clock started with
    each filing authority (30 days after publication). The document it amends, if any, ends as
    superseded on the day of publication."""
    document = _lock(document)
    _legal(actor, document.division)
    on = act_day(on)
    _not_before(on, document.signed_on, _("the signing"))
    start = effective_from or on
    if start < on:
        raise ValidationError(
            {"effective_from": _("A document cannot enter into force before it is published.")}
        )
    years = document.validity_years or validity_years(interim=document.is_interim)
    before = _move(document, S.PUBLISHED)
    document.published_on, document.effective_from = on, start
    document.effective_to, document.lapses_on = validity_period(start, years)
    document.save()
    for kind, name in authorities or default_authorities(document):
        filing = Filing(document=document, authority_kind=kind, authority=name, due_on=on)
        filing.save()
        clock = clocks.clock_start(
            actor=actor, owner=filing, purpose=FILING, day_kind=Clock.DayKind.CALENDAR,
            started_on=on, limit_days=filing_days(),
            legal_basis=_("Filing of normative documents within 30 days of publication"),
            division=document.division, department=document.issuer,
        )  # fmt: skip
        filing.due_on = clock.due_date
        filing.save(update_fields=["due_on"])
    _publish_to_catalog(actor, document)
    _audit(document, actor=actor, action="document_publish", before=before,
           detail={"number": document.document_number, "on": on.isoformat(),
                   "effective_from": start.isoformat(),
                   "effective_to": document.effective_to.isoformat()})  # fmt: skip
    if document.amends_id:
        _end(actor, document.amends, S.AMENDED, on,
             _("Replaced by %(number)s") % {"number": document.document_number})  # fmt: skip
    return document


@transaction.atomic
def filing_submit(*, actor, filing: Filing, on: datetime.date | None = None) -> Filing:
    """The document was filed with the authority on ``on`` (on time when on or before the due
    date); the filing clock stops."""
    filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
    document = filing.document
    _legal(actor, document.division)
    on = act_day(on)
    if filing.submitted_on is not None:
        raise IllegalTransition(_("This filing has already been made."))
    _not_before(on, document.published_on, _("the publication"))
    filing.submitted_on = on
    filing.save(update_fields=["submitted_on"])
    clock = _clock(filing, FILING)
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=on)
    audit_record(
        actor=actor, action="filing_submit", obj=filing, from_state="pending",
        to_state=filing.state, division=document.division,
        detail={"document": document.pk, "authority": filing.authority, "on": on.isoformat(),
                "due_on": filing.due_on.isoformat()},
    )  # fmt: skip
    return filing


@transaction.atomic
def filing_record_result(
    *, actor, filing: Filing, result: str, note: str = "", on: datetime.date | None = None
) -> Filing:
    """The filing authority's review result."""
    filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
    _legal(actor, filing.document.division)
    on = act_day(on)
    if filing.submitted_on is None:
        raise IllegalTransition(_("Record the filing before its result."))
    if result not in [r for r in Filing.Result.values if r]:
        raise ValidationError({"result": _("Choose the filing authority's result.")})
    _not_before(on, filing.submitted_on, _("the filing"))
    before = filing.result
    filing.result, filing.result_on, filing.result_note = result, on, note or ""
    filing.save(update_fields=["result", "result_on", "result_note"])
    audit_record(
        actor=actor, action="filing_record_result", obj=filing, from_state=before,
        to_state=result, reason=note, division=filing.document.division,
        detail={"document": filing.document_id, "on": on.isoformat()},
    )  # fmt: skip
    return filing


def _end(actor, document: NormativeDocument, to: str, on: datetime.date, reason: str):
    document = _lock(document)
    before = _move(document, to)
    document.ended_on, document.end_reason = on, reason or ""
    document.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    _publish_to_catalog(actor, document)
    action = {S.AMENDED: "document_amended", S.REPEALED: "document_repeal",
              S.LAPSED: "document_lapse"}[to]  # fmt: skip
    _audit(document, actor=actor, action=action, before=before, reason=reason,
           detail={"on": on.isoformat()})  # fmt: skip
    return document


@transaction.atomic
def document_repeal(
    *, actor, document: NormativeDocument, reason: str, on: datetime.date | None = None
) -> NormativeDocument:
    """Repeal a published document (its catalog entry shows it repealed)."""
    _legal(actor, document.division)
    on = act_day(on)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the repeal.")})
    _not_before(on, document.published_on, _("the publication"))
    return _end(actor, document, S.REPEALED, on, reason)


@transaction.atomic
def document_declare_lapsed(
    *, actor, document: NormativeDocument, reason: str, on: datetime.date | None = None
) -> NormativeDocument:
    """Declare a published document lapsed before its end date (e.g. by a clean-up)."""
    _legal(actor, document.division)
    on = act_day(on)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    _not_before(on, document.published_on, _("the publication"))
    return _end(actor, document, S.LAPSED, on, reason)


@transaction.atomic
def documents_lapse_due(*, on: datetime.date | None = None, actor=None) -> list[int]:
    """Record the lapse of every published document whose validity ended before ``on`` (it
    lapsed on its ``lapses_on`` day, which is what is recorded). Idempotent: a lapsed document
    is no longer published."""
    on = on or timezone.localdate()
    due = list(
        NormativeDocument.objects.filter(status=S.PUBLISHED, lapses_on__lte=on)
        .order_by("lapses_on", "pk")
        .values_list("pk", "lapses_on")
    )
    done = []
    for pk, lapses_on in due:
        document = NormativeDocument.objects.get(pk=pk)
        if document.status != S.PUBLISHED:  # pragma: no cover - another worker got there
            continue
        reason = _("Validity ended on %(date)s") % {"date": document.effective_to.isoformat()}
        _end(actor, document, S.LAPSED, lapses_on, reason)
        done.append(pk)
    return done


@transaction.atomic
def document_decide_expiry(
    *,
    actor,
    document: NormativeDocument,
    decision: str,
    note: str = "",
    on: datetime.date | None = None,
) -> NormativeDocument:
    """The drafting department's decision as the end of validity approaches: renew (a further
    period from the day after the current end), amend (a new document will replace it), or let
    it lapse."""
    document = _lock(document)
    _require(rules.may_draft(actor, document), _("Only the drafting department may decide this."))
    on = act_day(on)
    if document.status != S.PUBLISHED or (document.lapses_on and document.lapses_on <= on):
        raise IllegalTransition(_("Only a document still in force can be renewed or amended."))
    if decision not in ExpiryDecision.values:
        raise ValidationError({"decision": _("Choose renew, amend or let lapse.")})
    before_end = document.effective_to
    document.expiry_decision, document.expiry_decided_on = decision, on
    document.expiry_note = note or ""
    if decision == ExpiryDecision.RENEW:
        years = document.validity_years or validity_years(interim=document.is_interim)
        document.effective_to, document.lapses_on = validity_period(document.lapses_on, years)
    document.save()
    if decision == ExpiryDecision.RENEW:
        _publish_to_catalog(actor, document)
    _audit(document, actor=actor, action="document_decide_expiry", reason=note,
           detail={"decision": decision, "effective_to_before": before_end.isoformat(),
                   "effective_to": document.effective_to.isoformat()})  # fmt: skip
    return document


# ---------------------------------------------------------------------------------------------
# Clean-ups
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def campaign_open(
    *,
    actor,
    department: Department,
    kind: str,
    title: str,
    topic: str = "",
    criteria: str = "",
    basis: str = "",
    documents: list[NormativeDocument] | None = None,
    on: datetime.date | None = None,
) -> CleanupCampaign:
    """Open a clean-up. A periodic one takes every document in force on ``on``; a special one
    the documents given (those its topic and criteria concern), which must be in force."""
    from zhengwu.rulemaking.selectors import documents_in_force

    division = department.division.county or department.division
    _legal(actor, division)
    on = act_day(on)
    errors = {}
    if kind not in CleanupCampaign.Kind.values:
        errors["kind"] = _("Choose periodic or special.")
    if not (title or "").strip():
        errors["title"] = _("Give the clean-up a title.")
    if kind == CleanupCampaign.Kind.SPECIAL and not (topic or "").strip():
        errors["topic"] = _("A special clean-up needs its topic.")
    if errors:
        raise ValidationError(errors)
    in_force = documents_in_force(division, on)
    if kind == CleanupCampaign.Kind.PERIODIC:
        scope = list(in_force.order_by("published_on", "pk"))
    else:
        ids = [d.pk for d in documents or []]
        scope = list(in_force.filter(pk__in=ids).order_by("published_on", "pk"))
        if len(scope) != len(set(ids)):
            raise ValidationError({"documents": _("Only documents in force can be cleaned up.")})
    if not scope:
        raise ValidationError({"documents": _("No document in force falls in this clean-up.")})
    campaign = CleanupCampaign.objects.create(
        division=division, kind=kind, title=title.strip(), topic=topic or "",
        criteria=criteria or "", basis=basis or "", started_on=on, department=department,
    )  # fmt: skip
    CleanupEntry.objects.bulk_create([CleanupEntry(campaign=campaign, document=d) for d in scope])
    audit_record(
        actor=actor, action="campaign_open", obj=campaign, to_state=campaign.status,
        division=division, detail={"kind": kind, "documents": len(scope)},
    )  # fmt: skip
    return campaign


@transaction.atomic
def cleanup_decide(
    *,
    actor,
    entry: CleanupEntry,
    decision: str,
    reasons: str = "",
    inconsistent: bool = False,
    on: datetime.date | None = None,
) -> CleanupEntry:
    """Record the decision on one document of an open clean-up (it can be changed until the
    clean-up closes)."""
    entry = CleanupEntry.objects.select_for_update().select_related("campaign").get(pk=entry.pk)
    campaign = entry.campaign
    _legal(actor, campaign.division)
    on = act_day(on)
    if campaign.status != CleanupCampaign.Status.OPEN:
        raise IllegalTransition(_("The clean-up is closed."))
    errors = {}
    if decision not in [d for d in CleanupEntry.Decision.values if d]:
        errors["decision"] = _("Choose keep, amend, repeal or declare lapsed.")
    if decision != CleanupEntry.Decision.KEEP and not (reasons or "").strip():
        errors["reasons"] = _("Give the reasons for this decision.")
    if errors:
        raise ValidationError(errors)
    _not_before(on, campaign.started_on, _("the start of the clean-up"))
    before = entry.decision
    entry.decision, entry.reasons, entry.inconsistent = decision, reasons or "", inconsistent
    entry.decided_on, entry.decided_by = on, actor
    entry.save()
    audit_record(
        actor=actor, action="cleanup_decide", obj=entry, from_state=before, to_state=decision,
        reason=reasons, division=campaign.division,
        detail={"campaign": campaign.pk, "document": entry.document_id,
                "inconsistent": inconsistent},
    )  # fmt: skip
    return entry


def _cleanup_text(campaign: CleanupCampaign) -> str:
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        lines = [campaign.topic or campaign.title]
        if campaign.basis:
            lines.append(_("Basis: %(basis)s") % {"basis": campaign.basis})
        for entry in campaign.entries.select_related("document").order_by("id"):
            doc = entry.document
            line = f"{doc.document_number}《{doc.title}》：{entry.get_decision_display()}"
            if entry.reasons:
                line += f"（{entry.reasons}）"
            lines.append(line)
    return "\n".join(lines)


@transaction.atomic
def campaign_close(
    *, actor, campaign: CleanupCampaign, on: datetime.date | None = None
) -> CleanupCampaign:
    """Close the clean-up: refused while a document is undecided; then the repeal and lapse
    decisions take effect (each audited on its document) and the result list is published in
    the disclosure catalog (文件清理结果)."""
    from zhengwu.disclosure.services import item_publish_from_source

    campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
    _legal(actor, campaign.division)
    on = act_day(on)
    if campaign.status != CleanupCampaign.Status.OPEN:
        raise IllegalTransition(_("The clean-up is already closed."))
    undecided = campaign.entries.filter(decision="").count()
    if undecided:
        raise DomainError(
            _("%(n)s document(s) of this clean-up are still undecided.") % {"n": undecided},
            code="cleanup_undecided",
        )
    _not_before(on, campaign.started_on, _("the start of the clean-up"))
    for entry in campaign.entries.select_related("document").order_by("id"):
        document = entry.document
        if document.status != S.PUBLISHED:
            continue
        if entry.decision == CleanupEntry.Decision.REPEAL:
            _end(actor, document, S.REPEALED, on, entry.reasons)
        elif entry.decision == CleanupEntry.Decision.LAPSE:
            _end(actor, document, S.LAPSED, on, entry.reasons)
    campaign.status, campaign.closed_on = CleanupCampaign.Status.CLOSED, on
    campaign.save(update_fields=["status", "closed_on"])
    item_publish_from_source(
        actor=actor, source=campaign, feed=FEED, category_name=CLEANUP_CATEGORY,
        department=campaign.department, title=campaign.title, body=_cleanup_text(campaign),
        created_on=on, published_on=on, kind="disclosure", topic="law",
    )  # fmt: skip
    audit_record(
        actor=actor, action="campaign_close", obj=campaign, from_state="open", to_state="closed",
        division=campaign.division, detail={"on": on.isoformat()},
    )  # fmt: skip
    return campaign
