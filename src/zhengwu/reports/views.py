"""The staff pages of the annual report: the drafts by year, a draft with its blocks and the
generated sentences beside them, the block and frame forms, the preview, the workflow's actions
and the stored DOCX. Readers (see :mod:`zhengwu.reports.rules`) see; legal officers change."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from zhengwu.common.errors import NotPermitted
from zhengwu.common.views import forbidden, form_run_service, staff_required
from zhengwu.reports import services
from zhengwu.reports.forms import ActionForm, BlockForm, DraftCreateForm, FrameForm
from zhengwu.reports.models import ReportBlock
from zhengwu.reports.rules import county_of, may_edit, may_read
from zhengwu.reports.selectors import draft_figures, drafts_visible_to, report_sections

reader_required = staff_required(extra_check=may_read)

ACTIONS = {
    "submit": (services.annual_report_submit, _lazy("Submit")),
    "return": (services.annual_report_return, _lazy("Return to the drafters")),
    "approve": (services.annual_report_approve, _lazy("Approve and generate")),
}


def _draft(request, pk):
    return get_object_or_404(drafts_visible_to(request.user), pk=pk)


def _draft_page(request, draft, *, frame_form=None, action_error=None, status=200):
    figures = draft_figures(draft)
    return render(
        request,
        "reports/draft.html",
        {
            "draft": draft,
            "sections": report_sections(draft, figures),
            "may_edit": may_edit(request.user) and not draft.is_frozen,
            "frame_form": frame_form
            or FrameForm(initial={"version": draft.version, "document_number":
                                  draft.document_number, "addressees": draft.addressees,
                                  "signatory": draft.signatory, "dated": draft.dated}),
            "action_error": action_error,
            "frozen_figures": draft.figures is not None,
        },
        status=status,
    )  # fmt: skip


@reader_required
def annual_list(request):
    drafts = drafts_visible_to(request.user)
    form = DraftCreateForm(initial={"year": timezone.localdate().year - 1})
    return render(
        request,
        "reports/list.html",
        {"drafts": drafts, "form": form, "may_edit": may_edit(request.user)},
    )


@reader_required
@require_POST
def annual_create(request):
    if not may_edit(request.user):
        return forbidden(request)
    form = DraftCreateForm(request.POST)
    created = {}

    def call():
        created["draft"] = services.annual_report_create(
            actor=request.user, division=county_of(request.user), year=form.cleaned_data["year"]
        )

    if form.is_valid() and form_run_service(form, call, {"exists": "year"}):
        messages.success(request, _("The draft has been created with the default paragraphs."))
        return redirect("reports:annual_draft", pk=created["draft"].pk)
    return render(
        request,
        "reports/list.html",
        {"drafts": drafts_visible_to(request.user), "form": form, "may_edit": True},
        status=400,
    )


@reader_required
def annual_draft(request, pk):
    return _draft_page(request, _draft(request, pk))


@reader_required
@require_POST
def annual_frame(request, pk):
    draft = _draft(request, pk)
    if not may_edit(request.user):
        return forbidden(request)
    form = FrameForm(request.POST)

    def call():
        data = dict(form.cleaned_data)
        services.annual_report_update(actor=request.user, draft=draft,
                                      version=data.pop("version"), **data)  # fmt: skip

    try:
        ok = form.is_valid() and form_run_service(form, call)
    except NotPermitted as error:
        return forbidden(request, error.message)
    if ok:
        messages.success(request, _("The document's frame has been saved."))
        return redirect("reports:annual_draft", pk=draft.pk)
    return _draft_page(request, draft, frame_form=form, status=400)


@reader_required
def annual_block(request, pk, block_pk):
    draft = _draft(request, pk)
    block = get_object_or_404(ReportBlock, pk=block_pk, draft=draft)
    if not may_edit(request.user):
        return forbidden(request)
    if request.method == "POST":
        form = BlockForm(request.POST)

        def call():
            services.report_block_edit(actor=request.user, block=block,
                                       text=form.cleaned_data["text"],
                                       version=form.cleaned_data["version"])  # fmt: skip

        try:
            ok = form.is_valid() and form_run_service(form, call, {"empty": "text"})
        except NotPermitted as error:
            return forbidden(request, error.message)
        if ok:
            messages.success(request, _("The paragraph has been saved."))
            return redirect("reports:annual_draft", pk=draft.pk)
        status = 400
    else:
        form = BlockForm(initial={"text": block.text, "version": draft.version})
        status = 200
    figures = draft_figures(draft)
    sentences = next(s["sentences"] for s in report_sections(draft, figures)
                     if s["key"] == block.section)  # fmt: skip
    return render(
        request,
        "reports/block.html",
        {"draft": draft, "block": block, "form": form, "sentences": sentences},
        status=status,
    )


@reader_required
def annual_preview(request, pk):
    draft = _draft(request, pk)
    from zhengwu.reports.document import chinese_date

    return render(
        request,
        "reports/preview.html",
        {
            "draft": draft,
            "sections": report_sections(draft, draft_figures(draft)),
            "dated": chinese_date(draft.dated) if draft.dated else "",
        },
    )


@reader_required
@require_POST
def annual_action(request, pk, verb):
    draft = _draft(request, pk)
    if verb not in ACTIONS:
        raise Http404
    if not may_edit(request.user):
        return forbidden(request)
    service, label = ACTIONS[verb]
    form = ActionForm(request.POST)

    def call():
        kwargs = {"actor": request.user, "draft": draft, "version": form.cleaned_data["version"]}
        if verb == "return":
            kwargs["reason"] = form.cleaned_data["reason"]
        service(**kwargs)

    try:
        ok = form.is_valid() and form_run_service(form, call)
    except NotPermitted as error:
        return forbidden(request, error.message)
    if ok:
        messages.success(request, _("Done: %(action)s.") % {"action": label})
        return redirect("reports:annual_draft", pk=draft.pk)
    errors = [str(e) for e in form.non_field_errors()] + [
        str(e) for field in form for e in field.errors
    ]
    draft.refresh_from_db()
    return _draft_page(request, draft, action_error=" ".join(errors), status=409)


@reader_required
def annual_download(request, pk):
    draft = _draft(request, pk)
    if not draft.document:
        raise Http404
    return FileResponse(
        draft.document.open("rb"),
        as_attachment=True,
        filename=f"{draft.title}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
