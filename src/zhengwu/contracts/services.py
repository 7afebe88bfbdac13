"""Every change to the contract-review register. Each service locks the contract it changes,
checks the move against ``TRANSITIONS``, and writes one audit event in its transaction.

The clock (``workdays.Clock``, purpose ``contracts.review``, watched by e-supervision's generic
near-due and overdue rules): ``ZHENGWU_CONTRACT_REVIEW_DAYS`` (7) working days from the day
after a version is submitted, owned by the :class:`ContractReview` of that submission and held
against the legal-affairs office. A request for supplementary materials suspends it (the
reason is recorded with the suspension); the materials received resume it; the opinion
completes it. Seven working days is a common local rule (no national statute sets it), hence
configurable.

The gates: a contract is signed only when the opinion on its current version is "lawful". An
"unlawful" opinion blocks signing; an "amend" opinion needs a new version, submitted and found
lawful, before signing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.contracts import rules
from zhengwu.contracts.models import (
    TRANSITIONS,
    Conclusion,
    ContractKind,
    ContractReview,
    ContractStatus,
    ContractVersion,
    GovernmentContract,
    Milestone,
)
from zhengwu.org.models import Department
from zhengwu.workdays import services as clocks
from zhengwu.workdays.models import Clock, ClockSuspension

S = ContractStatus

REVIEW = "contracts.review"


def review_days() -> int:
    return int(getattr(settings, "ZHENGWU_CONTRACT_REVIEW_DAYS", 7))


def expiry_warning_days() -> int:
    return int(getattr(settings, "ZHENGWU_CONTRACT_EXPIRY_WARNING_DAYS", 30))


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _lock(contract: GovernmentContract) -> GovernmentContract:
    return (
        GovernmentContract.objects.select_for_update(of=("self",))
        .select_related("division", "department")
        .get(pk=contract.pk)
    )


def _move(contract: GovernmentContract, to: str) -> str:
    before = contract.status
    if to not in TRANSITIONS[S(before)]:
        raise IllegalTransition(
            _("The contract is “%(state)s” and cannot become “%(to)s”.")
            % {"state": contract.get_status_display(), "to": S(to).label}
        )
    contract.status = to
    return before


def _audit(contract, *, actor, action: str, before="", reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=contract,
        from_state=before,
        to_state=contract.status if before else "",
        reason=reason,
        detail={"title": contract.title[:80], **(detail or {})},
        division=contract.division,
    )


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise NotPermitted(message)


def _legal(actor, contract) -> None:
    _require(
        rules.is_legal_office_of(actor, contract.division),
        _("Only the legal-affairs office of the county may do this."),
    )


def _department(actor, contract) -> None:
    _require(
        rules.may_submit_for(actor, contract.department),
        _("Only the staff of the submitting department may do this."),
    )


def _not_before(day: datetime.date, earliest: datetime.date | None, what) -> None:
    if earliest is not None and day < earliest:
        raise ValidationError(
            {
                "on": pgettext("contract", "This cannot be dated before %(what)s (%(date)s).")
                % {"what": what, "date": earliest.isoformat()}
            }
        )


def _clean_list(values) -> list[str]:
    """Non-empty, stripped, without repeats, in order (one finding or basis a line)."""
    if isinstance(values, str):
        values = values.splitlines()
    return list(dict.fromkeys(v.strip() for v in values or [] if v and v.strip()))


def open_review(contract: GovernmentContract) -> ContractReview | None:
    return contract.reviews.filter(reviewed_on__isnull=True).select_related("version").first()


def last_opinion(contract: GovernmentContract) -> ContractReview | None:
    return (
        contract.reviews.filter(reviewed_on__isnull=False)
        .select_related("version")
        .order_by("-reviewed_on", "-id")
        .first()
    )


def review_clock(review: ContractReview) -> Clock | None:
    return (
        Clock.objects.filter(
            owner_type=ContractReview._meta.label_lower, owner_id=str(review.pk), purpose=REVIEW
        )
        .order_by("-pk")
        .first()
    )


def legal_office(division) -> Department | None:
    """The department of the county's legal officers (法制办): whose time limit the review is."""
    from zhengwu.org.models import User
    from zhengwu.org.roles import Role

    department_id = (
        User.objects.filter(
            department__division=division, groups__name=str(Role.LEGAL_OFFICER), is_active=True
        )
        .order_by("department_id")
        .values_list("department_id", flat=True)
        .first()
    )
    return Department.objects.filter(pk=department_id).first() if department_id else None


def _check_fields(*, title: str, kind: str, counterparty: str, amount) -> dict:
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the contract's title.")
    if kind not in ContractKind.values:
        errors["kind"] = _("Choose the kind of contract.")
    if not (counterparty or "").strip():
        errors["counterparty"] = _("Name the other party.")
    if amount is not None and Decimal(amount) < 0:
        errors["amount"] = _("The amount cannot be negative.")
    if errors:
        raise ValidationError(errors)
    return {"title": title.strip(), "kind": kind, "counterparty": counterparty.strip(),
            "amount": None if amount is None else Decimal(amount)}  # fmt: skip


def _new_version(actor, contract, *, text: str, upload, note: str, on) -> tuple:
    from zhengwu.cases.uploads import check_upload

    if not (text or "").strip() and upload is None:
        raise ValidationError({"text": _("Give the contract's text or upload its file.")})
    last = contract.versions.aggregate(m=Max("number"))["m"] or 0
    version = ContractVersion(
        contract=contract, number=last + 1, text=text or "", note=note or "",
        created_by=actor, created_on=on,
    )  # fmt: skip
    detail = {"version": version.number}
    if upload is not None:
        checked = check_upload(upload)
        version.file_name, version.size = checked.name, checked.size
        version.file.save(checked.name, upload, save=False)
        detail.update(file=checked.name, sha256=checked.sha256)
    version.save()
    return version, detail


# ---------------------------------------------------------------------------------------------
# Drafting, versions, submission
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def contract_create(
    *,
    actor,
    department: Department,
    title: str,
    kind: str,
    counterparty: str,
    amount: Decimal | None = None,
    text: str = "",
    upload=None,
    on: datetime.date | None = None,
) -> GovernmentContract:
    """A new contract of ``department`` with its first version (text, file or both)."""
    _require(
        rules.may_submit_for(actor, department),
        _("Only the staff of the submitting department may do this."),
    )
    on = act_day(on)
    fields = _check_fields(title=title, kind=kind, counterparty=counterparty, amount=amount)
    contract = GovernmentContract(
        division=department.division.county or department.division, department=department,
        **fields,
    )  # fmt: skip
    contract.full_clean()
    contract.save()
    _version, detail = _new_version(actor, contract, text=text, upload=upload, note="", on=on)
    _audit(contract, actor=actor, action="contract_create",
           detail={"kind": kind, "on": on.isoformat(), **detail})  # fmt: skip
    return contract


@transaction.atomic
def contract_add_version(
    *,
    actor,
    contract: GovernmentContract,
    text: str = "",
    upload=None,
    note: str = "",
    on: datetime.date | None = None,
) -> ContractVersion:
    """A new version (before submission, or after an opinion, to resubmit)."""
    contract = _lock(contract)
    _department(actor, contract)
    on = act_day(on)
    if contract.status not in (S.DRAFT, S.RETURNED):
        raise IllegalTransition(
            _("A new version can be added only to a draft or after the opinion.")
        )
    version, detail = _new_version(actor, contract, text=text, upload=upload, note=note, on=on)
    contract.save(update_fields=["updated_at"])
    _audit(contract, actor=actor, action="contract_add_version", reason=note,
           detail={"on": on.isoformat(), **detail})  # fmt: skip
    return version


@transaction.atomic
def contract_submit(
    *, actor, contract: GovernmentContract, on: datetime.date | None = None
) -> ContractReview:
    """Submit the current version for legality review: the review clock starts (counting from
    the next working day). A resubmission must be of a version not reviewed yet."""
    contract = _lock(contract)
    _department(actor, contract)
    on = act_day(on)
    version = contract.current_version
    if contract.status == S.RETURNED and hasattr(version, "review"):
        raise DomainError(
            _("Version %(n)s has already been reviewed: add the new version first.")
            % {"n": version.number},
            code="new_version_required",
        )
    _not_before(on, version.created_on, pgettext("contract", "the version"))
    before = _move(contract, S.SUBMITTED)
    contract.save(update_fields=["status", "updated_at"])
    review = ContractReview(contract=contract, version=version, submitted_on=on, due_on=on)
    review.save()
    clock = clocks.clock_start(
        actor=actor, owner=review, purpose=REVIEW, day_kind=Clock.DayKind.WORKING,
        started_on=on, limit_days=review_days(),
        legal_basis=_("Legality review of a government contract (local rule)"),
        division=contract.division, department=legal_office(contract.division),
    )  # fmt: skip
    review.due_on = clock.due_date
    review.save(update_fields=["due_on"])
    _audit(contract, actor=actor, action="contract_submit", before=before,
           detail={"version": version.number, "on": on.isoformat(),
                   "due_on": clock.due_date.isoformat()})  # fmt: skip
    return review


# ---------------------------------------------------------------------------------------------
# The review
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def contract_start_review(
    *, actor, contract: GovernmentContract, on: datetime.date | None = None
) -> ContractReview:
    """The legal-affairs office takes the submission up."""
    contract = _lock(contract)
    _legal(actor, contract)
    on = act_day(on)
    review = open_review(contract)
    _not_before(on, review.submitted_on if review else None, pgettext("contract", "the submission"))
    before = _move(contract, S.UNDER_REVIEW)
    contract.save(update_fields=["status", "updated_at"])
    review.started_on = on
    review.save(update_fields=["started_on"])
    _audit(contract, actor=actor, action="contract_start_review", before=before,
           detail={"version": review.version.number, "on": on.isoformat()})  # fmt: skip
    return review


def _open_review_or_refuse(contract) -> ContractReview:
    review = open_review(contract)
    if contract.status not in (S.SUBMITTED, S.UNDER_REVIEW) or review is None:
        raise IllegalTransition(_("The contract is not under review."))
    return review


@transaction.atomic
def contract_request_materials(
    *, actor, contract: GovernmentContract, reason: str, on: datetime.date | None = None
) -> ContractReview:
    """Ask the department for supplementary materials: the review clock stops from the day
    after ``on`` until they arrive; the reason is recorded with the suspension."""
    contract = _lock(contract)
    _legal(actor, contract)
    on = act_day(on)
    review = _open_review_or_refuse(contract)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say which materials are needed.")})
    clock = review_clock(review)
    if clock.status == Clock.Status.SUSPENDED:
        raise IllegalTransition(_("Supplementary materials have already been requested."))
    _not_before(on, review.submitted_on, pgettext("contract", "the submission"))
    clocks.clock_suspend(actor=actor, clock=clock, on=on,
                         reason=ClockSuspension.Reason.CORRECTION, note=reason.strip())  # fmt: skip
    _audit(contract, actor=actor, action="contract_request_materials", reason=reason.strip(),
           detail={"version": review.version.number, "on": on.isoformat()})  # fmt: skip
    return review


@transaction.atomic
def contract_materials_received(
    *, actor, contract: GovernmentContract, on: datetime.date | None = None, note: str = ""
) -> ContractReview:
    """The supplementary materials arrived on ``on``: the clock runs again from the next day and
    the due date moves out by the working days it stood still."""
    contract = _lock(contract)
    _require(
        rules.may_submit_for(actor, contract.department)
        or rules.is_legal_office_of(actor, contract.division),
        _("Only the submitting department or the legal-affairs office may do this."),
    )
    on = act_day(on)
    review = _open_review_or_refuse(contract)
    clock = review_clock(review)
    if clock.status != Clock.Status.SUSPENDED:
        raise IllegalTransition(_("No supplementary materials were requested."))
    clock = clocks.clock_resume(actor=actor, clock=clock, on=on)
    review.due_on = clock.due_date
    review.save(update_fields=["due_on"])
    _audit(contract, actor=actor, action="contract_materials_received", reason=note,
           detail={"on": on.isoformat(), "due_on": clock.due_date.isoformat()})  # fmt: skip
    return review


@transaction.atomic
def contract_return_opinion(
    *,
    actor,
    contract: GovernmentContract,
    conclusion: str,
    findings: list[str] | str | None = None,
    legal_bases: list[str] | str | None = None,
    text: str = "",
    on: datetime.date | None = None,
) -> ContractReview:
    """The office's opinion on the version under review: lawful, amend (findings required) or
    unlawful (findings and the legal bases it offends required). The clock completes."""
    contract = _lock(contract)
    _legal(actor, contract)
    on = act_day(on)
    findings, legal_bases = _clean_list(findings), _clean_list(legal_bases)
    errors = {}
    if conclusion not in Conclusion.values:
        errors["conclusion"] = _("Choose lawful, amend or unlawful.")
    elif conclusion != Conclusion.LAWFUL and not findings:
        errors["findings"] = _("List what must change or why the contract is unlawful.")
    if conclusion == Conclusion.UNLAWFUL and not legal_bases:
        errors["legal_bases"] = _("Name the laws or articles the contract offends.")
    if errors:
        raise ValidationError(errors)
    if contract.status != S.UNDER_REVIEW:
        raise IllegalTransition(_("Take the submission up for review before giving the opinion."))
    review = open_review(contract)
    _not_before(on, review.started_on, pgettext("contract", "the start of the review"))
    before = _move(contract, S.RETURNED)
    contract.save(update_fields=["status", "updated_at"])
    clock = clocks.clock_complete(actor=actor, clock=review_clock(review), on=on)
    review.conclusion, review.findings, review.legal_bases = conclusion, findings, legal_bases
    review.text, review.reviewed_on, review.reviewer = text or "", on, actor
    review.due_on, review.on_time = clock.due_date, on <= clock.due_date
    review.save()
    _audit(contract, actor=actor, action="contract_return_opinion", before=before, reason=text,
           detail={"version": review.version.number, "conclusion": conclusion,
                   "findings": findings, "legal_bases": legal_bases, "on": on.isoformat(),
                   "on_time": review.on_time})  # fmt: skip
    return review


# ---------------------------------------------------------------------------------------------
# Signing and performance
# ---------------------------------------------------------------------------------------------


def signing_refusal(contract: GovernmentContract) -> DomainError | None:
    """Why the contract cannot be signed now (``None`` when it can)."""
    opinion = last_opinion(contract)
    current = contract.current_version
    if opinion is None:
        return DomainError(_("The contract has not had its legality review."),
                           code="review_required")  # fmt: skip
    if opinion.version_id != current.pk:
        return DomainError(
            _("Version %(n)s has not been reviewed: submit it before signing.")
            % {"n": current.number},
            code="version_not_reviewed",
        )
    if opinion.conclusion == Conclusion.UNLAWFUL:
        return DomainError(
            _("The legality review found the contract unlawful: it cannot be signed."),
            code="unlawful",
        )
    if opinion.conclusion == Conclusion.AMEND:
        return DomainError(
            _("The legality review asked for amendments: submit the amended version and have "
              "it found lawful before signing."),
            code="amendment_required",
        )  # fmt: skip
    return None


def _term(starts_on, expires_on) -> None:
    if starts_on and expires_on and expires_on < starts_on:
        raise ValidationError({"expires_on": _("The term cannot end before it starts.")})


@transaction.atomic
def contract_sign(
    *,
    actor,
    contract: GovernmentContract,
    upload=None,
    on: datetime.date | None = None,
    starts_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> GovernmentContract:
    """Record the signing on ``on`` with the signed copy: only after a lawful opinion on the
    current version (see :func:`signing_refusal`)."""
    from zhengwu.cases.uploads import check_upload

    contract = _lock(contract)
    _department(actor, contract)
    on = act_day(on)
    if contract.status != S.RETURNED:
        _move(contract, S.SIGNED)  # raises: not at the signing stage
    refusal = signing_refusal(contract)
    if refusal is not None:
        raise refusal
    _not_before(on, last_opinion(contract).reviewed_on, pgettext("contract", "the opinion"))
    _term(starts_on, expires_on)
    before = _move(contract, S.SIGNED)
    contract.signed_on, contract.reviewed_before_signing = on, True
    contract.starts_on, contract.expires_on = starts_on or on, expires_on
    detail = {"on": on.isoformat(), "version": contract.current_version.number}
    if upload is not None:
        checked = check_upload(upload)
        contract.signed_copy_name = checked.name
        contract.signed_copy.save(checked.name, upload, save=False)
        detail.update(file=checked.name, sha256=checked.sha256)
    _term(contract.starts_on, expires_on)
    contract.save()
    _audit(contract, actor=actor, action="contract_sign", before=before, detail=detail)
    return contract


@transaction.atomic
def contract_record_unreviewed_signing(
    *,
    actor,
    contract: GovernmentContract,
    on: datetime.date,
    reason: str,
    expires_on: datetime.date | None = None,
) -> GovernmentContract:
    """The legal-affairs office records a contract its department signed without the legality
    review (found in an inspection): it counts against the department's assessment."""
    contract = _lock(contract)
    _legal(actor, contract)
    on = act_day(on)
    if contract.status != S.DRAFT:
        raise IllegalTransition(
            _("Only a contract never submitted for review can be recorded as signed without it.")
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say how the signing came to light.")})
    before = contract.status
    contract.status = S.SIGNED
    contract.signed_on, contract.reviewed_before_signing = on, False
    contract.starts_on, contract.expires_on = on, expires_on
    _term(on, expires_on)
    contract.save()
    _audit(contract, actor=actor, action="contract_record_unreviewed_signing", before=before,
           reason=reason, detail={"on": on.isoformat()})  # fmt: skip
    return contract


@transaction.atomic
def contract_start_performance(
    *, actor, contract: GovernmentContract, on: datetime.date | None = None
) -> GovernmentContract:
    contract = _lock(contract)
    _department(actor, contract)
    on = act_day(on)
    _not_before(on, contract.signed_on, pgettext("contract", "the signing"))
    before = _move(contract, S.IN_PERFORMANCE)
    contract.performance_started_on = on
    contract.save(update_fields=["status", "performance_started_on", "updated_at"])
    _audit(contract, actor=actor, action="contract_start_performance", before=before,
           detail={"on": on.isoformat()})  # fmt: skip
    return contract


def _end(actor, contract, to: str, on, reason: str, action: str):
    before = _move(contract, to)
    contract.ended_on, contract.end_reason = on, reason or ""
    contract.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    _audit(contract, actor=actor, action=action, before=before, reason=reason,
           detail={"on": on.isoformat()})  # fmt: skip
    return contract


@transaction.atomic
def contract_complete(
    *, actor, contract: GovernmentContract, on: datetime.date | None = None, note: str = ""
) -> GovernmentContract:
    """Performed in full: refused while a milestone is not done."""
    contract = _lock(contract)
    _department(actor, contract)
    on = act_day(on)
    _not_before(
        on, contract.performance_started_on, pgettext("contract", "the start of performance")
    )
    if (
        contract.status == S.IN_PERFORMANCE
        and contract.milestones.filter(done_on__isnull=True).exists()
    ):
        raise DomainError(_("Some milestones are not done yet."), code="milestones_open")
    return _end(actor, contract, S.COMPLETED, on, note, "contract_complete")


@transaction.atomic
def contract_terminate(
    *, actor, contract: GovernmentContract, reason: str, on: datetime.date | None = None
) -> GovernmentContract:
    """Ended early (rescinded or terminated by agreement or by law), with the reason."""
    contract = _lock(contract)
    _department(actor, contract)
    on = act_day(on)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the termination.")})
    _not_before(on, contract.signed_on, pgettext("contract", "the signing"))
    return _end(actor, contract, S.TERMINATED, on, reason.strip(), "contract_terminate")


@transaction.atomic
def contracts_expire_due(*, on: datetime.date | None = None, actor=None) -> list[int]:
    """Record the expiry of every contract in performance whose term ended before ``on`` (it
    expired the day after its last day). Idempotent."""
    on = on or timezone.localdate()
    due = list(
        GovernmentContract.objects.filter(
            status=S.IN_PERFORMANCE, expires_on__isnull=False, expires_on__lt=on
        ).values_list("pk", flat=True)
    )
    done = []
    for pk in due:
        contract = _lock(GovernmentContract(pk=pk))
        if contract.status != S.IN_PERFORMANCE:  # pragma: no cover - another worker got there
            continue
        day = contract.expires_on + datetime.timedelta(days=1)
        reason = _("The term ended on %(date)s") % {"date": contract.expires_on.isoformat()}
        _end(actor, contract, S.EXPIRED, day, reason, "contract_expire")
        done.append(pk)
    return done


# ---------------------------------------------------------------------------------------------
# Milestones
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def milestone_add(
    *, actor, contract: GovernmentContract, title: str, due_on: datetime.date, note: str = ""
) -> Milestone:
    contract = _lock(contract)
    _department(actor, contract)
    if contract.status not in (S.SIGNED, S.IN_PERFORMANCE):
        raise IllegalTransition(_("Milestones belong to a signed contract being performed."))
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Name the milestone.")
    if due_on is None:
        errors["due_on"] = _("Give the due date.")
    elif due_on < contract.signed_on:
        errors["due_on"] = _("A milestone cannot fall before the signing.")
    if errors:
        raise ValidationError(errors)
    milestone = Milestone.objects.create(
        contract=contract, title=title.strip(), due_on=due_on, note=note or ""
    )
    audit_record(
        actor=actor, action="milestone_add", obj=milestone, to_state="open",
        division=contract.division,
        detail={"contract": contract.pk, "title": milestone.title, "due_on": due_on.isoformat()},
    )  # fmt: skip
    return milestone


@transaction.atomic
def milestone_done(
    *, actor, milestone: Milestone, on: datetime.date | None = None, note: str = ""
) -> Milestone:
    milestone = (
        Milestone.objects.select_for_update().select_related("contract").get(pk=milestone.pk)
    )
    contract = milestone.contract
    _department(actor, contract)
    on = act_day(on)
    if milestone.done_on is not None:
        raise IllegalTransition(_("This milestone is already done."))
    if contract.status not in (S.SIGNED, S.IN_PERFORMANCE):
        raise IllegalTransition(_("The contract is not being performed."))
    _not_before(on, contract.signed_on, pgettext("contract", "the signing"))
    milestone.done_on = on
    if note:
        milestone.note = note
    milestone.save(update_fields=["done_on", "note"])
    audit_record(
        actor=actor, action="milestone_done", obj=milestone, from_state="open", to_state="done",
        reason=note, division=contract.division,
        detail={"contract": contract.pk, "on": on.isoformat(),
                "late": on > milestone.due_on},
    )  # fmt: skip
    return milestone
