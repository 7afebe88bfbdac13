"""State changes of the enforcement registry. Each service checks the move against the model's
``TRANSITIONS``, runs in one transaction and writes one audit event.

The clocks, on the workdays clock (and so watched by e-supervision's near-due and overdue rules):

- ``enforcement.decision``: a penalty case is decided within 90 days of filing (立案), calendar
  days (Administrative Penalty Law art. 60); completed by the decision or the withdrawal. A
  hearing, an appraisal or testing stops it (:func:`casefile_suspend_clock`, as rules such as
  市场监督管理行政处罚程序规定 art. 64 provide); the body's head may extend it by at most
  ``ZHENGWU_ENFORCEMENT_DECISION_EXTENSION_DAYS`` (default 30) days (:func:`casefile_extend`).
- ``enforcement.service``: the decision is served within 7 days (art. 61), working days (art. 85).
- ``enforcement.filing``: a major penalty decision is filed with the legal-affairs office within
  ``ZHENGWU_ENFORCEMENT_MAJOR_FILING_DAYS`` working days of the decision (default 15).

A decision on a major case cannot be recorded before its legality review passed (art. 58). An
official needs a valid certificate to be assigned to a case file, and a case file needs two
(art. 42). Certificates expire by the dated job :func:`certificates_expire`, run by every full
supervision sweep and by ``zhengwu enforcement sweep``.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zhengwu.catalog.models import BodyStanding, Power
from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.identity import validate_id_number
from zhengwu.enforcement import publication, rules
from zhengwu.enforcement.models import (
    ACT_KINDS,
    CaseFile,
    Certificate,
    CertificateApplication,
    CertificateReview,
    ChecklistItem,
    ConfirmationBatch,
    EnforcementBody,
    Evaluation,
    EvaluationCampaign,
    EvaluationMark,
    Law,
    LawExamResult,
    MajorPenaltyFiling,
    Official,
)
from zhengwu.workdays import services as clocks
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

# Clock purposes.
DECISION = "enforcement.decision"
SERVICE = "enforcement.service"
FILING = "enforcement.filing"

DECISION_DAYS = 90  # Administrative Penalty Law art. 60, calendar days from filing
SERVICE_DAYS = 7  # art. 61; working days (art. 85)
DEFAULT_MAJOR_FILING_DAYS = 15  # local rule; ZHENGWU_ENFORCEMENT_MAJOR_FILING_DAYS
DEFAULT_EXAM_VALID_YEARS = 3  # a passed law exam counts this many years; ZHENGWU_ENFORCEMENT_…
# Days the 90 may be extended by with the approval of the body's head, where the rules allow it
# (e.g. 市场监督管理行政处罚程序规定 art. 64: 30 days); ZHENGWU_ENFORCEMENT_DECISION_EXTENSION_DAYS.
DEFAULT_DECISION_EXTENSION_DAYS = 30
# The grounds on which the decision clock stops (hearing, appraisal, testing …: rules such as
# 市场监督管理行政处罚程序规定 art. 64 keep that time out of the period).
SUSPENSION_GROUNDS = ["hearing", "expert_review", "inspection", "other"]

# The case-file evaluation checklist (weighted points, 100 in all) a new campaign starts with.
DEFAULT_CHECKLIST = [
    ("subject", "执法主体合格", 10),
    ("facts", "事实清楚", 15),
    ("evidence", "证据确凿充分", 20),
    ("procedure", "程序合法", 20),
    ("law", "适用法律正确", 15),
    ("discretion", "自由裁量适当", 10),
    ("documents", "文书规范完备", 10),
]


def major_filing_days() -> int:
    return int(
        getattr(settings, "ZHENGWU_ENFORCEMENT_MAJOR_FILING_DAYS", DEFAULT_MAJOR_FILING_DAYS)
    )


def decision_extension_days() -> int:
    return int(
        getattr(
            settings, "ZHENGWU_ENFORCEMENT_DECISION_EXTENSION_DAYS", DEFAULT_DECISION_EXTENSION_DAYS
        )
    )


def exam_valid_years() -> int:
    return int(getattr(settings, "ZHENGWU_ENFORCEMENT_EXAM_VALID_YEARS", DEFAULT_EXAM_VALID_YEARS))


class CertificateRefused(DomainError):
    code = "certificate_refused"


class NotCertified(DomainError):
    code = "not_certified"


class ReviewRequired(DomainError):
    code = "legality_review_required"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotPermitted()


def _may_manage(actor, division) -> None:
    """Registry changes: the legal-affairs office of the county (``None`` is the system)."""
    if actor is not None:
        _require(rules.can_manage_registry(actor, division))


def _may_handle(actor, body: EnforcementBody) -> None:
    if actor is not None:
        _require(rules.can_handle_case_files(actor, body))


def _move(obj, to: str) -> str:
    before = obj.status
    model = type(obj)
    if to not in model.TRANSITIONS[model.Status(before)]:
        raise IllegalTransition(
            _("It is %(state)s and cannot become %(to)s.")
            % {"state": obj.get_status_display(), "to": model.Status(to).label}
        )
    obj.status = to
    return before


def _audit(obj, *, actor, action: str, division, before="", reason="", detail=None) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        from_state=before,
        to_state=getattr(obj, "status", "") if before or action.endswith("_create") else "",
        reason=reason,
        detail=detail or {},
        division=division,
    )


def _not_before(day: datetime.date, earliest: datetime.date | None, what) -> None:
    if earliest is not None and day < earliest:
        raise DomainError(
            _("This cannot be dated before %(what)s (%(date)s).")
            % {"what": what, "date": earliest.isoformat()},
            code="invalid_date",
        )


def _lock(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def case_clock(case_file: CaseFile, purpose: str, *, open_only: bool = False) -> Clock | None:
    found = Clock.objects.filter(
        owner_type=CaseFile._meta.label_lower, owner_id=str(case_file.pk), purpose=purpose
    )
    if open_only:
        found = found.exclude(status=Clock.Status.COMPLETED)
    return found.order_by("-id").first()


def _complete(owner, purpose: str, *, actor, on: datetime.date) -> None:
    clock = (
        Clock.objects.filter(
            owner_type=owner._meta.label_lower, owner_id=str(owner.pk), purpose=purpose
        )
        .exclude(status=Clock.Status.COMPLETED)
        .first()
    )
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=max(on, clock.started_on))


# ---------------------------------------------------------------------------------------------
# Bodies, batches and laws
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def batch_create(
    *, actor, division, number: int, approved_on: datetime.date, document: str, note: str = ""
) -> ConfirmationBatch:
    """Record a confirmation batch (第一批, 第二批 …) and its approving document."""
    _may_manage(actor, division)
    if not document.strip():
        raise DomainError(_("Name the approving document."), code="document_required")
    if ConfirmationBatch.objects.filter(division=division, number=number).exists():
        raise DomainError(_("This batch number is already used."), code="duplicate_batch")
    batch = ConfirmationBatch.objects.create(
        division=division, number=number, approved_on=approved_on, document=document, note=note
    )
    _audit(
        batch,
        actor=actor,
        action="enforcement_batch_create",
        division=division,
        detail={"number": number, "document": document},
    )
    return batch


@transaction.atomic
def body_register(
    *,
    actor,
    department,
    standing: str,
    entrusting_body=None,
    entrustment_document: str = "",
    entrusted_from: datetime.date | None = None,
    entrusted_to: datetime.date | None = None,
) -> EnforcementBody:
    """Register a body whose enforcement standing is to be confirmed."""
    division = department.division
    _may_manage(actor, division)
    errors = {}
    if standing not in BodyStanding.values:
        errors["standing"] = _("Choose the standing of the body.")
    if standing == BodyStanding.ENTRUSTED:
        if entrusting_body is None:
            errors["entrusting_body"] = _(
                "An entrusted organisation must name its entrusting agency."
            )
        elif entrusting_body.pk == department.pk:
            errors["entrusting_body"] = _("A body cannot entrust itself.")
        if not entrustment_document.strip():
            errors["entrustment_document"] = _("Name the entrustment document.")
        if entrusted_from is None or entrusted_to is None:
            errors["entrusted_to"] = _("Give the period of the entrustment.")
        elif entrusted_to < entrusted_from:
            errors["entrusted_to"] = _("The entrustment cannot end before it begins.")
    else:
        entrusting_body, entrustment_document = None, ""
        entrusted_from = entrusted_to = None
    if EnforcementBody.objects.filter(department=department).exists():
        errors["department"] = _("This body is already registered.")
    if errors:
        raise DomainError(" ".join(str(m) for m in errors.values()), code="invalid", errors=errors)
    body = EnforcementBody.objects.create(
        division=division,
        department=department,
        standing=standing,
        entrusting_body=entrusting_body,
        entrustment_document=entrustment_document,
        entrusted_from=entrusted_from,
        entrusted_to=entrusted_to,
    )
    _audit(
        body,
        actor=actor,
        action="enforcement_body_create",
        division=division,
        detail={"standing": standing},
    )
    return body


@transaction.atomic
def body_confirm(
    *, actor, body: EnforcementBody, batch: ConfirmationBatch, on: datetime.date | None = None
) -> EnforcementBody:
    """Confirm the body's standing in a batch."""
    body = _lock(body)
    _may_manage(actor, body.division)
    day = on or batch.approved_on
    if batch.division_id != body.division_id:
        raise DomainError(_("The batch belongs to another division."), code="wrong_division")
    before = _move(body, EnforcementBody.Status.CONFIRMED)
    body.batch, body.confirmed_on = batch, day
    body.save(update_fields=["status", "batch", "confirmed_on"])
    _audit(
        body,
        actor=actor,
        action="enforcement_body_confirm",
        division=body.division,
        before=before,
        detail={"batch": batch.number, "document": batch.document},
    )
    return body


@transaction.atomic
def body_revoke(*, actor, body: EnforcementBody, on: datetime.date | None = None, reason: str):
    body = _lock(body)
    _may_manage(actor, body.division)
    day = act_day(on)
    if not reason.strip():
        raise DomainError(_("Give the reason."), code="reason_required")
    before = _move(body, EnforcementBody.Status.REVOKED)
    body.revoked_on = day
    body.save(update_fields=["status", "revoked_on"])
    _audit(
        body,
        actor=actor,
        action="enforcement_body_revoke",
        division=body.division,
        before=before,
        reason=reason,
    )
    return body


@transaction.atomic
def law_add(*, actor, body: EnforcementBody, title: str, level: str, issuer: str = "") -> Law:
    """Add a law, regulation or rule the body applies."""
    _may_manage(actor, body.division)
    title = title.strip().strip("《》")
    if not title:
        raise DomainError(_("Give the title of the law."), code="title_required")
    if Law.objects.filter(body=body, title=title).exists():
        raise DomainError(_("This law is already listed for the body."), code="duplicate_law")
    law = Law.objects.create(body=body, title=title, level=level, issuer=issuer)
    _audit(
        law,
        actor=actor,
        action="enforcement_law_add",
        division=body.division,
        detail={"title": title},
    )
    return law


# ---------------------------------------------------------------------------------------------
# Officials and certificates
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def official_register(
    *,
    actor,
    body: EnforcementBody,
    full_name: str,
    id_number: str,
    phone: str = "",
    post: str = "",
    on_establishment: bool = True,
    in_enforcement_post: bool = True,
) -> Official:
    _may_manage(actor, body.division)
    errors = {}
    if not full_name.strip():
        errors["full_name"] = _("Give the name.")
    try:
        id_number = validate_id_number(id_number)
    except Exception as exc:  # a ValidationError with a readable message
        errors["id_number"] = " ".join(getattr(exc, "messages", [str(exc)]))
    if not errors and Official.objects.filter(id_number=id_number).exists():
        errors["id_number"] = _("An official with this ID number is already registered.")
    if errors:
        raise DomainError(" ".join(str(m) for m in errors.values()), code="invalid", errors=errors)
    official = Official.objects.create(
        body=body,
        full_name=full_name.strip(),
        id_number=id_number,
        phone=phone,
        post=post,
        on_establishment=on_establishment,
        in_enforcement_post=in_enforcement_post,
    )
    _audit(official, actor=actor, action="enforcement_official_create", division=body.division)
    return official


@transaction.atomic
def official_update(
    *,
    actor,
    official: Official,
    post: str,
    phone: str,
    on_establishment: bool,
    in_enforcement_post: bool,
    reason: str,
) -> Official:
    """Record a change of post or staffing (what eligibility reads); the certificate itself is
    suspended or revoked by its own services."""
    official = _lock(official)
    _may_manage(actor, official.body.division)
    _reason(reason)
    fields = {
        "post": post,
        "phone": phone,
        "on_establishment": on_establishment,
        "in_enforcement_post": in_enforcement_post,
    }
    before = {name: getattr(official, name) for name in fields}
    for name, value in fields.items():
        setattr(official, name, value)
    official.save(update_fields=list(fields))
    changed = {k: [before[k], v] for k, v in fields.items() if before[k] != v}
    audit_record(
        actor=actor,
        action="enforcement_official_update",
        obj=official,
        reason=reason,
        detail={"changed": {k: v for k, v in changed.items() if k != "phone"}},
        division=official.body.division,
    )
    return official


@transaction.atomic
def official_record_sanction(
    *, actor, official: Official, until: datetime.date | None, reason: str
) -> Official:
    """Record (or, with ``until=None``, lift) a disciplinary sanction."""
    official = _lock(official)
    _may_manage(actor, official.body.division)
    if not reason.strip():
        raise DomainError(_("Give the reason."), code="reason_required")
    before = official.sanctioned_until
    official.sanctioned_until = until
    official.save(update_fields=["sanctioned_until"])
    audit_record(
        actor=actor,
        action="enforcement_official_sanction",
        obj=official,
        from_state=before.isoformat() if before else "",
        to_state=until.isoformat() if until else "",
        reason=reason,
        division=official.body.division,
    )
    return official


@transaction.atomic
def law_exam_result_record(
    *,
    actor,
    official: Official,
    taken_on: datetime.date,
    passed: bool,
    score: Decimal | None = None,
    source: str = "",
) -> LawExamResult:
    """Record a law-exam result (the entry point the training-and-exam registry will feed)."""
    _may_manage(actor, official.body.division)
    act_day(taken_on)
    result = LawExamResult.objects.create(
        official=official, taken_on=taken_on, passed=passed, score=score, source=source
    )
    audit_record(
        actor=actor,
        action="enforcement_exam_record",
        obj=official,
        to_state="passed" if passed else "failed",
        detail={"taken_on": taken_on.isoformat(), "score": str(score) if score else None},
        division=official.body.division,
    )
    return result


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def certificate_eligibility(official: Official, on: datetime.date) -> list[tuple[str, str]]:
    """The reasons (code, message) an official may not hold a certificate on ``on``."""
    reasons = []
    if not official.on_establishment:
        reasons.append(("not_on_establishment", _("the official is not on the establishment")))
    if not official.in_enforcement_post:
        reasons.append(
            ("not_enforcement_post", _("the official does not directly carry out enforcement"))
        )
    since = _years_before(on, exam_valid_years())
    if not official.exam_results.filter(passed=True, taken_on__gt=since, taken_on__lte=on).exists():
        reasons.append(
            (
                "no_exam",
                _("no law exam passed in the last %(years)s years") % {"years": exam_valid_years()},
            )
        )
    if official.sanctioned_until is not None and official.sanctioned_until >= on:
        reasons.append(("sanctioned", _("the official is under disciplinary sanction")))
    if official.body.status != EnforcementBody.Status.CONFIRMED:
        reasons.append(("body_not_confirmed", _("the body's standing is not confirmed")))
    return reasons


def _check_certificate_fields(number, issuing_authority, area, valid_from, valid_to) -> None:
    errors = {}
    if not number.strip():
        errors["number"] = _("Give the certificate number.")
    elif Certificate.objects.filter(number=number.strip()).exists():
        errors["number"] = _("This certificate number is already used.")
    if not issuing_authority.strip():
        errors["issuing_authority"] = _("Name the issuing authority.")
    if not area.strip():
        errors["area"] = _("Give the enforcement area.")
    if valid_to < valid_from:
        errors["valid_to"] = _("The certificate cannot expire before it is valid.")
    if errors:
        raise DomainError(" ".join(str(m) for m in errors.values()), code="invalid", errors=errors)


def certificate_apply(
    *,
    actor,
    official: Official,
    number: str,
    issuing_authority: str,
    area: str,
    valid_to: datetime.date,
    on: datetime.date | None = None,
) -> Certificate:
    """Apply for and, when the official is eligible, issue a certificate valid from ``on``.

    A refused application is recorded, with its reasons, in the registry and the audit trail
    (committed), and then :class:`CertificateRefused` is raised with the same reasons.
    """
    with transaction.atomic():
        day = act_day(on)
        _may_manage(actor, official.body.division)
        _check_certificate_fields(number, issuing_authority, area, day, valid_to)
        reasons = certificate_eligibility(official, day)
        application = CertificateApplication.objects.create(
            official=official,
            applied_on=day,
            status=CertificateApplication.Status.REFUSED
            if reasons
            else CertificateApplication.Status.APPROVED,
            reasons=[code for code, _m in reasons],
            decided_by=actor if actor is not None and actor.pk else None,
        )
        message = "；".join(str(m) for _c, m in reasons)
        audit_record(
            actor=actor,
            action="enforcement_certificate_apply",
            obj=application,
            to_state=application.status,
            reason=message,
            detail={"official": official.pk, "reasons": application.reasons},
            division=official.body.division,
        )
        certificate = None
        if not reasons:
            certificate = Certificate.objects.create(
                official=official,
                number=number.strip(),
                issuing_authority=issuing_authority.strip(),
                area=area.strip(),
                valid_from=day,
                valid_to=valid_to,
                application=application,
                status_changed_on=day,
            )
    if certificate is None:
        raise CertificateRefused(
            _("The certificate application is refused: %(reasons)s.") % {"reasons": message},
            reasons=application.reasons,
            application=application.pk,
        )
    return certificate


def _certificate_move(
    certificate: Certificate, *, actor, to: str, action: str, on, reason: str = "", detail=None
) -> Certificate:
    certificate = (
        Certificate.objects.select_related("official__body")
        .select_for_update(of=("self",))
        .get(pk=certificate.pk)
    )
    if actor is not None:
        _may_manage(actor, certificate.official.body.division)
    before = _move(certificate, to)
    certificate.status_changed_on = on
    certificate.save(update_fields=["status", "status_changed_on"])
    audit_record(
        actor=actor,
        action=action,
        obj=certificate,
        from_state=before,
        to_state=to,
        reason=reason,
        detail={"number": certificate.number, "on": on.isoformat(), **(detail or {})},
        division=certificate.official.body.division,
    )
    return certificate


def _reason(reason: str) -> str:
    if not reason.strip():
        raise DomainError(_("Give the reason."), code="reason_required")
    return reason


@transaction.atomic
def certificate_suspend(*, actor, certificate: Certificate, on=None, reason: str) -> Certificate:
    return _certificate_move(
        certificate,
        actor=actor,
        to=Certificate.Status.SUSPENDED,
        action="enforcement_certificate_suspend",
        on=act_day(on),
        reason=_reason(reason),
    )


@transaction.atomic
def certificate_reinstate(*, actor, certificate: Certificate, on=None, reason: str) -> Certificate:
    day = act_day(on)
    if certificate.valid_to < day:
        raise IllegalTransition(_("The certificate has passed its validity."))
    return _certificate_move(
        certificate,
        actor=actor,
        to=Certificate.Status.VALID,
        action="enforcement_certificate_reinstate",
        on=day,
        reason=_reason(reason),
    )


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, on=None, reason: str) -> Certificate:
    return _certificate_move(
        certificate,
        actor=actor,
        to=Certificate.Status.REVOKED,
        action="enforcement_certificate_revoke",
        on=act_day(on),
        reason=_reason(reason),
    )


@transaction.atomic
def certificate_report_lost(*, actor, certificate: Certificate, on=None) -> Certificate:
    return _certificate_move(
        certificate,
        actor=actor,
        to=Certificate.Status.LOST,
        action="enforcement_certificate_lost",
        on=act_day(on),
    )


@transaction.atomic
def certificate_reissue(
    *, actor, certificate: Certificate, number: str, on: datetime.date | None = None
) -> Certificate:
    """A new certificate, under a new number and for the rest of the period, for a lost one."""
    day = act_day(on)
    old = Certificate.objects.select_related("official__body").get(pk=certificate.pk)
    _may_manage(actor, old.official.body.division)
    if old.status != Certificate.Status.LOST:
        raise IllegalTransition(_("Only a certificate reported lost is reissued."))
    if Certificate.objects.filter(replaces=old).exists():
        raise IllegalTransition(_("This certificate has already been reissued."))
    if old.valid_to < day:
        raise IllegalTransition(_("The certificate has passed its validity: apply anew."))
    _check_certificate_fields(number, old.issuing_authority, old.area, day, old.valid_to)
    new = Certificate.objects.create(
        official=old.official,
        number=number.strip(),
        issuing_authority=old.issuing_authority,
        area=old.area,
        valid_from=day,
        valid_to=old.valid_to,
        replaces=old,
        application=old.application,
        last_review_year=old.last_review_year,
        status_changed_on=day,
    )
    audit_record(
        actor=actor,
        action="enforcement_certificate_reissue",
        obj=new,
        to_state=new.status,
        detail={"number": new.number, "replaces": old.number},
        division=old.official.body.division,
    )
    return new


@transaction.atomic
def certificate_review(
    *, actor, certificate: Certificate, year: int, passed: bool, on=None, note: str = ""
) -> CertificateReview:
    """The annual review: a failed review suspends the certificate."""
    day = act_day(on)
    certificate = Certificate.objects.select_related("official__body").get(pk=certificate.pk)
    _may_manage(actor, certificate.official.body.division)
    if certificate.status not in (Certificate.Status.VALID, Certificate.Status.SUSPENDED):
        raise IllegalTransition(_("Only a valid or suspended certificate is reviewed."))
    if CertificateReview.objects.filter(certificate=certificate, year=year).exists():
        raise DomainError(
            _("The certificate has already been reviewed for this year."), code="duplicate_review"
        )
    review = CertificateReview.objects.create(
        certificate=certificate, year=year, passed=passed, reviewed_on=day, note=note
    )
    if passed:
        Certificate.objects.filter(pk=certificate.pk).update(last_review_year=year)
        audit_record(
            actor=actor,
            action="enforcement_certificate_review",
            obj=certificate,
            to_state="passed",
            detail={"year": year},
            reason=note,
            division=certificate.official.body.division,
        )
    elif certificate.status == Certificate.Status.VALID:
        _certificate_move(
            certificate,
            actor=actor,
            to=Certificate.Status.SUSPENDED,
            action="enforcement_certificate_review",
            on=day,
            reason=note or _("annual review failed"),
            detail={"year": year},
        )
    return review


def certificates_expire(on: datetime.date | None = None) -> list[str]:
    """Certificates whose validity ended before ``on`` become expired (idempotent): the dated job
    of every full supervision sweep."""
    day = on or act_day(None)
    numbers = []
    due = Certificate.objects.filter(
        status__in=[Certificate.Status.VALID, Certificate.Status.SUSPENDED], valid_to__lt=day
    ).order_by("number")
    for certificate in due:
        with transaction.atomic():
            current = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if current.status not in (Certificate.Status.VALID, Certificate.Status.SUSPENDED):
                continue  # another worker got there first
            _certificate_move(
                current,
                actor=None,
                to=Certificate.Status.EXPIRED,
                action="enforcement_certificate_expire",
                on=current.valid_to + datetime.timedelta(days=1),
            )
            numbers.append(current.number)
    return numbers


def holds_valid_certificate(official: Official, on: datetime.date) -> bool:
    return official.certificates.filter(
        status=Certificate.Status.VALID, valid_from__lte=on, valid_to__gte=on
    ).exists()


# ---------------------------------------------------------------------------------------------
# Case files
# ---------------------------------------------------------------------------------------------


def _check_officials(body: EnforcementBody, officials: Iterable[Official], on) -> list[Official]:
    officials = list({o.pk: o for o in officials}.values())
    foreign = [o.full_name for o in officials if o.body_id != body.pk]
    if foreign:
        raise NotCertified(
            _("%(names)s do not enforce for %(body)s.")
            % {"names": "、".join(foreign), "body": body.department.name}
        )
    uncertified = [o.full_name for o in officials if not holds_valid_certificate(o, on)]
    if uncertified:
        raise NotCertified(
            _("%(names)s hold no valid enforcement certificate on %(date)s and cannot be assigned.")
            % {"names": "、".join(uncertified), "date": on.isoformat()}
        )
    if len(officials) < 2:
        raise NotCertified(
            _("A case file needs at least two certified enforcement officials."),
            code="two_officials_required",
        )
    return officials


def _case_audit(case_file: CaseFile, *, actor, action: str, before="", reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=case_file,
        from_state=before,
        to_state=case_file.status,
        reason=reason,
        detail={"number": case_file.number, **(detail or {})},
        division=case_file.body.division,
    )


def _lock_case(case_file: CaseFile) -> CaseFile:
    return (
        CaseFile.objects.select_for_update(of=("self",))
        .select_related("body__department", "body__division")
        .get(pk=case_file.pk)
    )


@transaction.atomic
def casefile_file(
    *,
    actor,
    body: EnforcementBody,
    power: Power,
    number: str,
    parties: str,
    officials: Iterable[Official],
    filed_on: datetime.date | None = None,
    is_major: bool = False,
    facts: str = "",
) -> CaseFile:
    """File (立案) a case under one of the body's acts; a penalty case starts the 90-day clock."""
    day = act_day(filed_on)
    _may_handle(actor, body)
    if body.status != EnforcementBody.Status.CONFIRMED:
        raise DomainError(
            _("The body's enforcement standing is not confirmed."), code="body_not_confirmed"
        )
    if body.standing == BodyStanding.ENTRUSTED and not (
        body.entrusted_from
        and body.entrusted_to
        and body.entrusted_from <= day <= body.entrusted_to
    ):
        raise DomainError(
            _(
                "An entrusted organisation enforces only within its entrustment "
                "(%(start)s to %(end)s)."
            )
            % {"start": body.entrusted_from, "end": body.entrusted_to},
            code="outside_entrustment",
        )
    version = power.current
    if version is None or power.status != Power.Status.IN_FORCE or version.kind not in ACT_KINDS:
        raise DomainError(_("Choose an enforcement act in force."), code="invalid_act")
    if version.department_id != body.department_id:
        raise DomainError(_("The act is not one of this body's acts."), code="invalid_act")
    errors = {}
    if not number.strip():
        errors["number"] = _("Give the case number.")
    elif CaseFile.objects.filter(number=number.strip()).exists():
        errors["number"] = _("This case number is already used.")
    if not parties.strip():
        errors["parties"] = _("Name the parties.")
    if errors:
        raise DomainError(" ".join(str(m) for m in errors.values()), code="invalid", errors=errors)
    officials = _check_officials(body, officials, day)
    case_file = CaseFile.objects.create(
        body=body,
        power=power,
        kind=version.kind,
        number=number.strip(),
        parties=parties.strip(),
        facts=facts,
        is_major=is_major,
        filed_on=day,
    )
    case_file.officials.set(officials)
    if case_file.kind == "penalty":
        clocks.clock_start(
            actor=actor,
            owner=case_file,
            purpose=DECISION,
            day_kind=Clock.DayKind.CALENDAR,
            started_on=day,
            limit_days=DECISION_DAYS,
            max_extension_days=decision_extension_days(),
            legal_basis=_("Administrative Penalty Law art. 60"),
            division=body.division,
            department=body.department,
        )
    _case_audit(
        case_file,
        actor=actor,
        action="enforcement_casefile_file",
        before="",
        detail={"officials": [o.pk for o in officials]},
    )
    return case_file


@transaction.atomic
def casefile_assign_officials(
    *, actor, case_file: CaseFile, officials: Iterable[Official], on: datetime.date | None = None
) -> CaseFile:
    """Replace the officials handling an open case file (each with a valid certificate)."""
    day = act_day(on)
    case_file = _lock_case(case_file)
    _may_handle(actor, case_file.body)
    if case_file.status not in CaseFile.OPEN_STATUSES:
        raise IllegalTransition(_("Officials are assigned only while the case is open."))
    officials = _check_officials(case_file.body, officials, day)
    before = sorted(case_file.officials.values_list("pk", flat=True))
    case_file.officials.set(officials)
    audit_record(
        actor=actor,
        action="enforcement_casefile_assign",
        obj=case_file,
        detail={"before": before, "after": sorted(o.pk for o in officials)},
        division=case_file.body.division,
    )
    return case_file


def _decision_clock(case_file: CaseFile) -> Clock:
    clock = case_clock(case_file, DECISION, open_only=True)
    if clock is None:
        raise IllegalTransition(_("This case has no running decision clock."))
    return clock


@transaction.atomic
def casefile_suspend_clock(
    *, actor, case_file: CaseFile, reason: str, note: str = "", on=None
) -> CaseFile:
    """Stop the 90 days from the day after ``on`` for a hearing, an appraisal, testing …"""
    day = act_day(on)
    case_file = _lock_case(case_file)
    _may_handle(actor, case_file.body)
    if case_file.status not in CaseFile.OPEN_STATUSES:
        raise IllegalTransition(_("Only an open case's clock can be stopped."))
    if reason not in SUSPENSION_GROUNDS:
        raise DomainError(_("Choose the ground for stopping the clock."), code="invalid_reason")
    _not_before(day, case_file.filed_on, _("the filing"))
    clocks.clock_suspend(
        actor=actor, clock=_decision_clock(case_file), on=day, reason=reason, note=note
    )
    return case_file


@transaction.atomic
def casefile_resume_clock(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    """The excluded period ended on ``on``: the 90 days run again and the due date moves out."""
    day = act_day(on)
    case_file = _lock_case(case_file)
    _may_handle(actor, case_file.body)
    clocks.clock_resume(actor=actor, clock=_decision_clock(case_file), on=day)
    return case_file


@transaction.atomic
def casefile_extend(*, actor, case_file: CaseFile, days: int, reason: str, on=None) -> CaseFile:
    """Extend the 90 days with the approval of the body's head (``actor``), within the days the
    rules allow (``ZHENGWU_ENFORCEMENT_DECISION_EXTENSION_DAYS``)."""
    day = act_day(on)
    case_file = _lock_case(case_file)
    if actor is not None and not rules.is_head_of_body(actor, case_file.body):
        raise NotPermitted(
            _("Only the head of %(body)s approves an extension.")
            % {"body": case_file.body.department.name}
        )
    if case_file.status not in CaseFile.OPEN_STATUSES:
        raise IllegalTransition(_("Only an open case's time limit can be extended."))
    clocks.clock_extend(
        actor=actor,
        clock=_decision_clock(case_file),
        days=days,
        approved_by=actor,
        approved_on=day,
        reason=reason,
    )
    return case_file


def _case_step(
    case_file: CaseFile, *, actor, to: str, field: str, on, action: str, after=None, what=None
):
    day = act_day(on)
    case_file = _lock_case(case_file)
    _may_handle(actor, case_file.body)
    _not_before(day, case_file.filed_on, _("the filing"))
    if after is not None:
        _not_before(day, getattr(case_file, after), what)
    before = _move(case_file, to)
    setattr(case_file, field, day)
    case_file.save(update_fields=["status", field])
    _case_audit(
        case_file, actor=actor, action=action, before=before, detail={field: day.isoformat()}
    )
    return case_file


@transaction.atomic
def casefile_record_investigation(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    return _case_step(
        case_file,
        actor=actor,
        to=CaseFile.Status.INVESTIGATED,
        field="investigated_on",
        on=on,
        action="enforcement_casefile_investigated",
    )


@transaction.atomic
def casefile_notify_rights(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    """The notice of the facts, grounds and rights (arts. 44, 63) before a decision."""
    return _case_step(
        case_file,
        actor=actor,
        to=CaseFile.Status.NOTIFIED,
        field="rights_notified_on",
        on=on,
        action="enforcement_casefile_notify",
        after="investigated_on",
        what=_("the investigation"),
    )


@transaction.atomic
def casefile_record_hearing(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    return _case_step(
        case_file,
        actor=actor,
        to=CaseFile.Status.HEARING,
        field="hearing_on",
        on=on,
        action="enforcement_casefile_hearing",
        after="rights_notified_on",
        what=_("the notice of rights"),
    )


@transaction.atomic
def casefile_request_review(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    """Send a major case to the mandatory legality review (art. 58)."""
    if not case_file.is_major:
        raise IllegalTransition(_("Only a major case goes to the mandatory legality review."))
    return _case_step(
        case_file,
        actor=actor,
        to=CaseFile.Status.IN_REVIEW,
        field="review_requested_on",
        on=on,
        action="enforcement_casefile_request_review",
        after="investigated_on",
        what=_("the investigation"),
    )


@transaction.atomic
def casefile_record_review(
    *, actor, case_file: CaseFile, passed: bool, opinion: str, on=None
) -> CaseFile:
    """The legal reviewer's conclusion: passed, or returned for further investigation."""
    day = act_day(on)
    case_file = _lock_case(case_file)
    if actor is not None:
        _require(rules.can_review_legality(actor, case_file.body.division))
    if not opinion.strip():
        raise DomainError(_("Write the review opinion."), code="opinion_required")
    _not_before(day, case_file.review_requested_on, _("the request for review"))
    before = _move(case_file, CaseFile.Status.REVIEWED if passed else CaseFile.Status.INVESTIGATED)
    case_file.review_opinion = opinion
    case_file.review_passed_on = day if passed else None
    case_file.save(update_fields=["status", "review_opinion", "review_passed_on"])
    _case_audit(
        case_file, actor=actor, action="enforcement_casefile_review", before=before, reason=opinion
    )
    return case_file


@transaction.atomic
def casefile_decide(
    *,
    actor,
    case_file: CaseFile,
    outcome: str,
    penalty_amount: Decimal | None = None,
    on: datetime.date | None = None,
) -> CaseFile:
    """Record the decision; a major case needs its legality review passed first (art. 58).

    Completes the 90-day clock, starts the 7-day service clock and, for a major penalty, the
    filing with the legal-affairs office on its own clock; a penalty imposed or a compulsion
    decided is published in the disclosure catalog (``publication``).
    """
    day = act_day(on)
    case_file = _lock_case(case_file)
    _may_handle(actor, case_file.body)
    if case_file.is_major and case_file.review_passed_on is None:
        raise ReviewRequired(
            _("A decision on a major case cannot be recorded before its legality review passed.")
        )
    if outcome not in (
        CaseFile.Outcome.PENALISED,
        CaseFile.Outcome.NO_PENALTY,
        CaseFile.Outcome.MEASURE,
    ):
        raise DomainError(_("Choose the outcome of the decision."), code="invalid_outcome")
    if outcome == CaseFile.Outcome.PENALISED and penalty_amount is None and case_file.is_major:
        raise DomainError(_("Give the penalty amount."), code="amount_required")
    if penalty_amount is not None and penalty_amount < 0:
        raise DomainError(_("The penalty amount cannot be negative."), code="invalid_amount")
    _not_before(day, case_file.filed_on, _("the filing"))
    _not_before(day, case_file.review_passed_on, _("the legality review"))
    before = _move(case_file, CaseFile.Status.DECIDED)
    case_file.outcome, case_file.decided_on = outcome, day
    case_file.penalty_amount = penalty_amount if outcome == CaseFile.Outcome.PENALISED else None
    case_file.save(update_fields=["status", "outcome", "decided_on", "penalty_amount"])
    _complete(case_file, DECISION, actor=actor, on=day)
    clocks.clock_start(
        actor=actor,
        owner=case_file,
        purpose=SERVICE,
        day_kind=Clock.DayKind.WORKING,
        started_on=day,
        limit_days=SERVICE_DAYS,
        legal_basis=_("Administrative Penalty Law art. 61"),
        division=case_file.body.division,
        department=case_file.body.department,
    )
    if case_file.is_major and outcome == CaseFile.Outcome.PENALISED:
        _filing_open(case_file, actor=actor, day=day)
    publication.publish_decision(actor=actor, case_file=case_file)
    _case_audit(
        case_file,
        actor=actor,
        action="enforcement_casefile_decide",
        before=before,
        detail={
            "outcome": outcome,
            "amount": str(penalty_amount) if penalty_amount is not None else None,
        },
    )
    return case_file


@transaction.atomic
def casefile_serve(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    case_file = _case_step(
        case_file,
        actor=actor,
        to=CaseFile.Status.SERVED,
        field="served_on",
        on=on,
        action="enforcement_casefile_serve",
        after="decided_on",
        what=_("the decision"),
    )
    _complete(case_file, SERVICE, actor=actor, on=case_file.served_on)
    return case_file


@transaction.atomic
def casefile_record_execution(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    return _case_step(
        case_file,
        actor=actor,
        to=CaseFile.Status.EXECUTED,
        field="executed_on",
        on=on,
        action="enforcement_casefile_execute",
        after="served_on",
        what=_("the service of the decision"),
    )


@transaction.atomic
def casefile_close(*, actor, case_file: CaseFile, on=None) -> CaseFile:
    return _case_step(
        case_file,
        actor=actor,
        to=CaseFile.Status.CLOSED,
        field="closed_on",
        on=on,
        action="enforcement_casefile_close",
        after="served_on",
        what=_("the service of the decision"),
    )


@transaction.atomic
def casefile_withdraw(*, actor, case_file: CaseFile, reason: str, on=None) -> CaseFile:
    """Withdraw (撤销立案) a case before any decision; its clock stops."""
    day = act_day(on)
    case_file = _lock_case(case_file)
    _may_handle(actor, case_file.body)
    _reason(reason)
    _not_before(day, case_file.filed_on, _("the filing"))
    before = _move(case_file, CaseFile.Status.WITHDRAWN)
    case_file.outcome, case_file.closed_on = CaseFile.Outcome.WITHDRAWN, day
    case_file.save(update_fields=["status", "outcome", "closed_on"])
    _complete(case_file, DECISION, actor=actor, on=day)
    _case_audit(
        case_file, actor=actor, action="enforcement_casefile_withdraw", before=before, reason=reason
    )
    return case_file


# ---------------------------------------------------------------------------------------------
# Filing of major penalty decisions
# ---------------------------------------------------------------------------------------------


def _filing_open(case_file: CaseFile, *, actor, day: datetime.date) -> MajorPenaltyFiling:
    counted = get_calendar().add_workdays(day, major_filing_days())
    filing = MajorPenaltyFiling.objects.create(
        case_file=case_file, status=MajorPenaltyFiling.Status.DUE, due_on=counted.date
    )
    clocks.clock_start(
        actor=actor,
        owner=filing,
        purpose=FILING,
        day_kind=Clock.DayKind.WORKING,
        started_on=day,
        limit_days=major_filing_days(),
        legal_basis=_("filing of major penalty decisions"),
        division=case_file.body.division,
        department=case_file.body.department,
    )
    return filing


@transaction.atomic
def filing_submit(*, actor, filing: MajorPenaltyFiling, on=None) -> MajorPenaltyFiling:
    """The body files the decision; on time when on or before the due date."""
    day = act_day(on)
    filing = (
        MajorPenaltyFiling.objects.select_for_update(of=("self",))
        .select_related("case_file__body__division", "case_file__body__department")
        .get(pk=filing.pk)
    )
    _may_handle(actor, filing.case_file.body)
    _not_before(day, filing.case_file.decided_on, _("the decision"))
    before = _move(filing, MajorPenaltyFiling.Status.FILED)
    filing.filed_on, filing.on_time = day, day <= filing.due_on
    filing.save(update_fields=["status", "filed_on", "on_time"])
    _complete(filing, FILING, actor=actor, on=day)
    audit_record(
        actor=actor,
        action="enforcement_filing_submit",
        obj=filing,
        from_state=before,
        to_state=filing.status,
        detail={"due_on": filing.due_on.isoformat(), "on_time": filing.on_time},
        division=filing.case_file.body.division,
    )
    return filing


@transaction.atomic
def filing_review(
    *, actor, filing: MajorPenaltyFiling, accepted: bool, opinion: str = "", on=None
) -> MajorPenaltyFiling:
    day = act_day(on)
    filing = (
        MajorPenaltyFiling.objects.select_for_update(of=("self",))
        .select_related("case_file__body__division")
        .get(pk=filing.pk)
    )
    _may_manage(actor, filing.case_file.body.division)
    if not accepted and not opinion.strip():
        raise DomainError(_("Say what must be corrected."), code="opinion_required")
    _not_before(day, filing.filed_on, _("the filing"))
    before = _move(
        filing,
        MajorPenaltyFiling.Status.ACCEPTED if accepted else MajorPenaltyFiling.Status.CORRECTED,
    )
    filing.reviewed_on, filing.review_opinion = day, opinion
    filing.save(update_fields=["status", "reviewed_on", "review_opinion"])
    audit_record(
        actor=actor,
        action="enforcement_filing_review",
        obj=filing,
        from_state=before,
        to_state=filing.status,
        reason=opinion,
        division=filing.case_file.body.division,
    )
    return filing


# ---------------------------------------------------------------------------------------------
# Case-file evaluation
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    actor,
    division,
    year: int,
    title: str,
    per_body: int = 3,
    checklist: list[tuple[str, str, int]] | None = None,
) -> EvaluationCampaign:
    _may_manage(actor, division)
    checklist = checklist or DEFAULT_CHECKLIST
    if per_body < 1:
        raise DomainError(_("Sample at least one case file per body."), code="invalid")
    if not title.strip():
        raise DomainError(_("Give the title."), code="invalid")
    if EvaluationCampaign.objects.filter(division=division, year=year).exists():
        raise DomainError(_("There is already a campaign for this year."), code="duplicate")
    if any(points <= 0 for _c, _l, points in checklist):
        raise DomainError(_("Every criterion carries points."), code="invalid")
    campaign = EvaluationCampaign.objects.create(
        division=division, year=year, title=title.strip(), per_body=per_body
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(campaign=campaign, code=code, label=label, points=points, position=i)
        for i, (code, label, points) in enumerate(checklist)
    )
    _audit(
        campaign,
        actor=actor,
        action="enforcement_campaign_create",
        division=division,
        detail={"year": year, "checklist": [c for c, _l, _p in checklist]},
    )
    return campaign


def sample_key(campaign: EvaluationCampaign, number: str) -> str:
    """The order in which a campaign samples case files: a hash of the campaign and the case
    number, so the sample is the same whoever draws it and whenever."""
    return hashlib.sha256(f"{campaign.division_id}:{campaign.year}:{number}".encode()).hexdigest()


@transaction.atomic
def campaign_sample(*, actor, campaign: EvaluationCampaign) -> list[Evaluation]:
    """Draw ``per_body`` case files decided in the campaign's year from every confirmed body."""
    campaign = _lock(campaign)
    _may_manage(actor, campaign.division)
    before = _move(campaign, EvaluationCampaign.Status.SAMPLED)
    decided = (
        CaseFile.objects.filter(
            body__division=campaign.division,
            body__status=EnforcementBody.Status.CONFIRMED,
            decided_on__year=campaign.year,
        )
        .exclude(status=CaseFile.Status.WITHDRAWN)
        .values_list("pk", "number", "body_id")
    )
    by_body: dict[int, list[tuple[str, int]]] = {}
    for pk, number, body_id in decided:
        by_body.setdefault(body_id, []).append((sample_key(campaign, number), pk))
    rows = []
    for body_id in sorted(by_body):
        for _key, pk in sorted(by_body[body_id])[: campaign.per_body]:
            rows.append(Evaluation(campaign=campaign, case_file_id=pk, body_id=body_id))
    Evaluation.objects.bulk_create(rows)
    campaign.save(update_fields=["status"])
    _audit(
        campaign,
        actor=actor,
        action="enforcement_campaign_sample",
        division=campaign.division,
        before=before,
        detail={"sampled": len(rows)},
    )
    return list(campaign.evaluations.all())


@transaction.atomic
def evaluation_score(
    *, actor, evaluation: Evaluation, marks: dict[str, Decimal], note: str = "", on=None
) -> Evaluation:
    """Score a sampled case file against every criterion of the checklist."""
    day = act_day(on)
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .get(pk=evaluation.pk)
    )
    campaign = evaluation.campaign
    _may_manage(actor, campaign.division)
    if campaign.status != EvaluationCampaign.Status.SAMPLED:
        raise IllegalTransition(
            _("Case files are scored while the campaign is sampled, not closed.")
        )
    items = {item.code: item for item in campaign.checklist.all()}
    errors = {}
    for code, item in items.items():
        value = marks.get(code)
        if value is None:
            errors[code] = _("%(criterion)s: give the points.") % {"criterion": item.label}
            continue
        value = Decimal(str(value))
        if value < 0 or value > item.points:
            errors[code] = _("%(criterion)s: between 0 and %(max)s points.") % {
                "criterion": item.label,
                "max": item.points,
            }
    unknown = set(marks) - set(items)
    if unknown:
        errors["unknown"] = _("Unknown criteria: %(codes)s.") % {
            "codes": ", ".join(sorted(unknown))
        }
    if errors:
        raise DomainError(" ".join(str(m) for m in errors.values()), code="invalid", errors=errors)
    before = "scored" if evaluation.score is not None else "sampled"
    EvaluationMark.objects.filter(evaluation=evaluation).delete()
    EvaluationMark.objects.bulk_create(
        EvaluationMark(evaluation=evaluation, item=items[code], points=Decimal(str(marks[code])))
        for code in items
    )
    evaluation.score = sum((Decimal(str(marks[c])) for c in items), Decimal(0))
    evaluation.evaluated_on, evaluation.note = day, note
    evaluation.evaluated_by = actor if actor is not None and actor.pk else None
    evaluation.save(update_fields=["score", "evaluated_on", "note", "evaluated_by"])
    audit_record(
        actor=actor,
        action="enforcement_evaluation_score",
        obj=evaluation,
        from_state=before,
        to_state="scored",
        detail={"score": str(evaluation.score), "case_file": evaluation.case_file_id},
        division=campaign.division,
    )
    return evaluation


@transaction.atomic
def campaign_close(*, actor, campaign: EvaluationCampaign) -> EvaluationCampaign:
    campaign = _lock(campaign)
    _may_manage(actor, campaign.division)
    left = campaign.evaluations.filter(score__isnull=True).count()
    if left:
        raise IllegalTransition(
            _("%(n)s sampled case files are not scored yet.") % {"n": left}, code="not_scored"
        )
    before = _move(campaign, EvaluationCampaign.Status.CLOSED)
    campaign.save(update_fields=["status"])
    _audit(
        campaign,
        actor=actor,
        action="enforcement_campaign_close",
        division=campaign.division,
        before=before,
    )
    return campaign


def open_case_files_query() -> Q:
    return Q(status__in=CaseFile.OPEN_STATUSES)
