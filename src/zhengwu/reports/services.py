"""Every change to an annual report draft: create (with the default blocks), edit the frame or a
block, submit, return, approve (which generates the DOCX and stores it with the figures
snapshot). Each runs in one transaction and writes one audit event (approval writes two:
``annual_report_approve`` and ``annual_report_generate``).

Optimistic locking: every change names the draft ``version`` the user saw; a change to a draft
someone else changed first raises :class:`~zhengwu.common.errors.Conflict`, and every change
bumps the version. An approved draft is frozen: nothing changes it any more.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.audit import audit_record
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.org.roles import Role
from zhengwu.reports import document
from zhengwu.reports.defaults import default_blocks
from zhengwu.reports.models import AnnualReportDraft, ReportBlock
from zhengwu.reports.rules import county_of, may_edit

S = AnnualReportDraft.Status


def _editor(actor, division) -> None:
    if not may_edit(actor) or county_of(actor) is None or county_of(actor).pk != division.pk:
        raise NotPermitted(_("Only a legal-affairs officer of the county may change its report."))


def _lock(draft: AnnualReportDraft, version: int | None) -> AnnualReportDraft:
    """The draft locked for this change, checked against the version the user saw."""
    locked = (
        AnnualReportDraft.objects.select_for_update().select_related("division").get(pk=draft.pk)
    )
    if locked.is_frozen:
        raise IllegalTransition(
            _("The report has been approved: it can no longer be changed."), code="frozen"
        )
    if version is not None and int(version) != locked.version:
        raise Conflict(
            _(
                "Someone else changed this report (now version %(now)s, you edited version "
                "%(seen)s): reload the page and make your change again."
            )
            % {"now": locked.version, "seen": version},
            code="stale_version",
        )
    return locked


def _bump(draft: AnnualReportDraft, **fields) -> None:
    AnnualReportDraft.objects.filter(pk=draft.pk).update(version=F("version") + 1, **fields)
    draft.refresh_from_db()


def _move(draft: AnnualReportDraft, verb: str) -> str:
    source, target = AnnualReportDraft.TRANSITIONS[verb]
    if draft.status != source:
        raise IllegalTransition(
            _("A report that is %(status)s cannot be %(verb)s.")
            % {"status": draft.get_status_display(), "verb": _verb_label(verb)}
        )
    return target


def _verb_label(verb: str) -> str:
    return {
        "submit": pgettext("annual report", "submitted"),
        "return": pgettext("annual report", "returned"),
        "approve": pgettext("annual report", "approved"),
    }[verb]


def _audit(draft, *, actor, action, before="", after="", detail=None, obj=None) -> None:
    audit_record(
        actor=actor, action=action, obj=obj or draft, from_state=before, to_state=after,
        detail=detail or {}, division=draft.division,
    )  # fmt: skip


@transaction.atomic
def annual_report_create(
    *,
    actor,
    division,
    year: int,
    document_number: str = "",
    addressees: str = "",
    signatory: str = "",
    dated: datetime.date | None = None,
) -> AnnualReportDraft:
    """The year's draft of the county ``division``, with the default blocks of every section."""
    _editor(actor, division)
    if AnnualReportDraft.objects.filter(division=division, year=year).exists():
        raise DomainError(
            _("The report for %(year)s has already been drafted.") % {"year": year},
            code="exists",
        )
    draft = AnnualReportDraft.objects.create(
        division=division,
        year=year,
        document_number=document_number or document.default_document_number(division, year),
        addressees=addressees or document.default_addressees(division),
        signatory=signatory or document.default_signatory(division),
        dated=dated,
        created_by=actor,
    )
    ReportBlock.objects.bulk_create(
        ReportBlock(draft=draft, section=section, order=order, text=text, updated_by=actor)
        for section, order, text in default_blocks(
            county=division.name, year=year, league=document.league_name(division)
        )
    )
    _audit(draft, actor=actor, action="annual_report_create", after=S.DRAFT,
           detail={"year": year, "blocks": draft.blocks.count()})  # fmt: skip
    return draft


FRAME_FIELDS = ("document_number", "addressees", "signatory", "dated")


@transaction.atomic
def annual_report_update(*, actor, draft: AnnualReportDraft, version: int, **frame) -> None:
    """Change the document's frame: number, addressees, signatory, date."""
    _editor(actor, draft.division)
    draft = _lock(draft, version)
    changed = {k: v for k, v in frame.items() if k in FRAME_FIELDS and getattr(draft, k) != v}
    if not changed:
        return
    _bump(draft, **changed)
    _audit(draft, actor=actor, action="annual_report_update", before=draft.status,
           after=draft.status,
           detail={k: (v.isoformat() if hasattr(v, "isoformat") else v)
                   for k, v in changed.items()} | {"version": draft.version})  # fmt: skip


@transaction.atomic
def report_block_edit(*, actor, block: ReportBlock, text: str, version: int) -> ReportBlock:
    """Replace a narrative block's text (only while the report is a draft)."""
    _editor(actor, block.draft.division)
    draft = _lock(block.draft, version)
    if draft.status != S.DRAFT:
        raise IllegalTransition(
            _("A submitted report cannot be edited: return it to the drafters first."),
            code="not_draft",
        )
    text = text.strip()
    if not text:
        raise DomainError(_("A paragraph cannot be empty."), code="empty", errors={
            "text": _("A paragraph cannot be empty.")})  # fmt: skip
    block = ReportBlock.objects.select_for_update().get(pk=block.pk)
    before = len(block.text)
    block.text, block.updated_by = text, actor
    block.save(update_fields=["text", "updated_by", "updated_at"])
    _bump(draft)
    _audit(draft, actor=actor, action="report_block_edit", obj=block,
           detail={"section": block.section, "order": block.order, "chars_before": before,
                   "chars_after": len(text), "version": draft.version})  # fmt: skip
    return block


@transaction.atomic
def annual_report_submit(*, actor, draft: AnnualReportDraft, version: int) -> AnnualReportDraft:
    _editor(actor, draft.division)
    draft = _lock(draft, version)
    after = _move(draft, "submit")
    before = draft.status
    _bump(draft, status=after, submitted_by=actor, submitted_at=timezone.now())
    _audit(draft, actor=actor, action="annual_report_submit", before=before, after=after,
           detail={"version": draft.version})  # fmt: skip
    return draft


@transaction.atomic
def annual_report_return(
    *, actor, draft: AnnualReportDraft, version: int, reason: str = ""
) -> AnnualReportDraft:
    """Send a submitted report back to the drafters."""
    _editor(actor, draft.division)
    draft = _lock(draft, version)
    after = _move(draft, "return")
    before = draft.status
    _bump(draft, status=after)
    _audit(draft, actor=actor, action="annual_report_return", before=before, after=after,
           detail={"version": draft.version, "reason": reason})  # fmt: skip
    return draft


def legal_officers_of(division) -> int:
    from zhengwu.org.selectors import divisions_under

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=str(Role.LEGAL_OFFICER),
            department__division__in=divisions_under(division),
        )
        .distinct()
        .count()
    )


@transaction.atomic
def annual_report_approve(*, actor, draft: AnnualReportDraft, version: int) -> AnnualReportDraft:
    """Approve the submitted report: the figures are taken now, the DOCX is generated from
    them and stored, and the draft is frozen (dated today if it has no date yet). With more
    than one legal officer in the county, the approver must not be the submitter."""
    from zhengwu.reports.annual import annual_figures

    _editor(actor, draft.division)
    draft = _lock(draft, version)
    after = _move(draft, "approve")
    if draft.submitted_by_id == actor.pk and legal_officers_of(draft.division) > 1:
        raise NotPermitted(
            _(
                "The report must be approved by another legal-affairs officer than the one who "
                "submitted it."
            ),
            code="four_eyes",
        )
    before = draft.status
    figures = annual_figures(draft.division, draft.year)
    dated = draft.dated or timezone.localdate()  # 成文日期: the approval's day, unless set
    _bump(draft, status=after, approved_by=actor, approved_at=timezone.now(), figures=figures,
          dated=dated)  # fmt: skip
    _audit(draft, actor=actor, action="annual_report_approve", before=before, after=after,
           detail={"version": draft.version})  # fmt: skip
    return annual_report_generate(actor=actor, draft=draft)


@transaction.atomic
def annual_report_generate(*, actor, draft: AnnualReportDraft) -> AnnualReportDraft:
    """Write the approved report's DOCX from its figures snapshot and store it."""
    draft = (
        AnnualReportDraft.objects.select_for_update().select_related("division").get(pk=draft.pk)
    )
    if draft.status != S.APPROVED or draft.figures is None:
        raise IllegalTransition(_("Only an approved report is generated."), code="not_approved")
    content = document.report_docx(
        division=draft.division, year=draft.year, figures=draft.figures, draft=draft
    )
    if draft.document:
        draft.document.delete(save=False)
    draft.document.save("report.docx", ContentFile(content), save=False)
    AnnualReportDraft.objects.filter(pk=draft.pk).update(document=draft.document.name)
    _audit(draft, actor=actor, action="annual_report_generate", before=draft.status,
           after=draft.status,
           detail={"file": draft.document.name, "bytes": len(content),
                   "version": draft.version})  # fmt: skip
    return draft
