"""Staff pages of the annual assessment.

The legal-affairs office: the schemes, a new scheme (or a copy of an earlier year's), the
scheme's page (its tree, problems, the run's state and the ranking per unit group), the forms of
the tree's nodes, compute and finalise, scoring an assessed leaf for a unit. Everyone allowed:
a unit's scorecard (each indicator's value, points, maximum, evidence and how it was computed),
the XLSX exports. Every read goes through ``selectors`` and ``rules``; every change through one
service. A scheme or a scorecard the user may not see is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengwu.assessment import export, forms, rules, selectors, services
from zhengwu.assessment.indicators import registered_indicators
from zhengwu.assessment.models import AssessedUnit, Method, Node, Score, UnitGroup
from zhengwu.common.errors import DomainError
from zhengwu.common.views import forbidden, form_run_service, staff_required
from zhengwu.common.xlsx import xlsx_response


def _scheme(request, pk):
    scheme = get_object_or_404(selectors.schemes_visible_to(request.user), pk=pk)
    return scheme


def _managed(request, pk):
    scheme = _scheme(request, pk)
    if not rules.may_manage(request.user, scheme):
        raise Http404
    return scheme


@staff_required
def schemes(request):
    county = rules.county_of(request.user)
    visible = selectors.schemes_visible_to(request.user)
    sees_all = county is not None and rules.sees_all_of(request.user, county)
    return render(request, "assessment/schemes.html", {
        "schemes": visible,
        "can_manage": county is not None and rules.is_legal_office_of(request.user, county),
        "indicators": list(registered_indicators().items()) if sees_all else [],
    })  # fmt: skip


@staff_required
def scheme_new(request):
    county = rules.county_of(request.user)
    if county is None or not rules.is_legal_office_of(request.user, county):
        return forbidden(request)
    earlier = selectors.schemes_visible_to(request.user)
    copying = request.POST.get("kind") == "copy"
    form = forms.SchemeForm(request.POST if request.method == "POST" and not copying else None)
    copy_form = forms.CopyForm(request.POST if copying else None, schemes=earlier,
                               initial={"source": earlier.first()})  # fmt: skip
    created = {}
    if request.method == "POST" and not copying and form.is_valid():
        data = dict(form.cleaned_data)

        def call():
            created["scheme"] = services.scheme_create(actor=request.user, division=county,
                                                       **data)  # fmt: skip

        if form_run_service(form, call):
            messages.success(request, _("The scheme was created."))
            return redirect("assessment:scheme", created["scheme"].pk)
    if copying and copy_form.is_valid():
        data = copy_form.cleaned_data

        def call():
            created["scheme"] = services.scheme_copy(
                actor=request.user, source=data["source"], year=data["year"],
                title=data["title"],
            )  # fmt: skip

        if form_run_service(copy_form, call):
            messages.success(request, _("The scheme was copied."))
            return redirect("assessment:scheme", created["scheme"].pk)
    return render(request, "assessment/scheme_new.html", {"form": form, "copy_form": copy_form})


@staff_required
def scheme(request, pk: int):
    scheme = _scheme(request, pk)
    manage = rules.may_manage(request.user, scheme)
    sees_all = rules.sees_all(request.user, scheme)
    own = selectors.unit_of(request.user, scheme)
    context = {
        "scheme": scheme,
        "tree": selectors.tree(scheme),
        "can_manage": manage and not scheme.is_finalised,
        "sees_all": sees_all,
        "own_unit": own if own and rules.may_see_scorecard(request.user, own) else None,
        "group_labels": dict(UnitGroup.choices),
    }
    if sees_all:
        context["problems"] = services.scheme_problems(scheme)
        context["unscored"] = selectors.unscored(scheme)
        context["stale"] = bool(scheme.computed_at and scheme.tree_changed_at
                                and scheme.tree_changed_at > scheme.computed_at)  # fmt: skip
    if rules.may_see_ranking(request.user, scheme):
        context["ranking"] = [(UnitGroup(g).label, rows)
                              for g, rows in selectors.ranking(scheme).items()]  # fmt: skip
    return render(request, "assessment/scheme.html", context)


@staff_required
def scheme_edit(request, pk: int):
    scheme = _managed(request, pk)
    initial = {f: getattr(scheme, f) for f in services.SCHEME_FIELDS}
    form = forms.SchemeForm(request.POST or None, editing=True, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_run_service(form, lambda: services.scheme_update(actor=request.user, scheme=scheme,
                                                             **form.cleaned_data))
    ):  # fmt: skip
        messages.success(request, _("The scheme was saved."))
        return redirect("assessment:scheme", scheme.pk)
    return render(request, "assessment/form.html", {
        "scheme": scheme, "form": form, "heading": _("Change the scheme"),
    })  # fmt: skip


@staff_required
def node_form(request, pk: int, node_id: int | None = None):
    scheme = _managed(request, pk)
    node = get_object_or_404(Node, scheme=scheme, pk=node_id) if node_id else None
    categories = scheme.nodes.filter(method=Method.CATEGORY)
    if node is not None:
        categories = categories.exclude(pk=node.pk)
        initial = {f: getattr(node, f) for f in services.NODE_FIELDS}
    else:
        initial = {"parent": request.GET.get("parent"), "method": Method.ASSESSED,
                   "position": scheme.nodes.count() + 1}  # fmt: skip
    form = forms.NodeForm(request.POST or None, categories=categories, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if node is None:
            ok = form_run_service(form, lambda: services.node_add(actor=request.user, scheme=scheme,
                                                             **data))  # fmt: skip
        else:
            ok = form_run_service(form, lambda: services.node_update(actor=request.user, node=node,
                                                                **data))  # fmt: skip
        if ok:
            messages.success(request, _("The indicator was saved."))
            return redirect("assessment:scheme", scheme.pk)
    return render(request, "assessment/form.html", {
        "scheme": scheme, "form": form, "node": node,
        "heading": _("Change the indicator") if node else _("Add an indicator"),
    })  # fmt: skip


@staff_required
@require_POST
def node_delete(request, pk: int, node_id: int):
    scheme = _managed(request, pk)
    node = get_object_or_404(Node, scheme=scheme, pk=node_id)
    try:
        services.node_delete(actor=request.user, node=node)
        messages.success(request, _("The indicator was removed."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("assessment:scheme", scheme.pk)


@staff_required
@require_POST
def scheme_run(request, pk: int, action: str):
    scheme = _managed(request, pk)
    try:
        if action == "compute":
            counts = services.assessment_compute(actor=request.user, scheme=scheme)
            messages.success(request, _("Computed: %(units)d units, %(scores)d computed scores.")
                             % counts)  # fmt: skip
        elif action == "finalise":
            services.assessment_finalise(actor=request.user, scheme=scheme)
            messages.success(request, _("The assessment is finalised."))
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("assessment:scheme", scheme.pk)


def _unit(request, pk: int, unit_id: int) -> AssessedUnit:
    scheme = _scheme(request, pk)
    unit = get_object_or_404(scheme.units.select_related("department", "scheme__division"),
                             pk=unit_id)  # fmt: skip
    if not rules.may_see_scorecard(request.user, unit):
        raise Http404
    return unit


@staff_required
def scorecard(request, pk: int, unit_id: int):
    unit = _unit(request, pk, unit_id)
    ranking = None
    if unit.scheme.is_finalised:
        ranking = {"total": unit.total, "max": unit.max_points, "rank": unit.rank,
                   "grade": unit.get_grade_display(),
                   "of": unit.scheme.units.filter(group=unit.group).count()}  # fmt: skip
    return render(request, "assessment/scorecard.html", {
        "unit": unit, "scheme": unit.scheme, "lines": selectors.scorecard(unit),
        "ranking": ranking,
        "can_score": rules.may_manage(request.user, unit.scheme)
        and unit.scheme.status == "computed",
    })  # fmt: skip


@staff_required
def score_form(request, pk: int, unit_id: int, node_id: int):
    unit = _unit(request, pk, unit_id)
    if not rules.may_manage(request.user, unit.scheme):
        raise Http404
    node = get_object_or_404(Node, scheme=unit.scheme, pk=node_id, method=Method.ASSESSED)
    score = Score.objects.filter(unit=unit, node=node).first()
    initial = {}
    if score:
        initial = {"points": None if score.deductions else score.points,
                   "deductions": forms.ScoreForm.deductions_text(score.deductions),
                   "reasoning": score.reasoning, "evidence_link": score.evidence_link}  # fmt: skip
    form = forms.ScoreForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if form_run_service(form, lambda: services.score_record(actor=request.user, unit=unit,
                                                           node=node, **data)):  # fmt: skip
            messages.success(request, _("The score was recorded."))
            return redirect("assessment:scorecard", unit.scheme_id, unit.pk)
    return render(request, "assessment/form.html", {
        "scheme": unit.scheme, "form": form, "multipart": True,
        "heading": _("Score “%(node)s” for %(unit)s") % {"node": node, "unit": unit.department},
        "help": node.criteria, "max_points": node.points,
    })  # fmt: skip


@staff_required
def evidence(request, pk: int, unit_id: int, score_id: int):
    unit = _unit(request, pk, unit_id)
    score = get_object_or_404(Score, unit=unit, pk=score_id)
    if not score.evidence_file:
        raise Http404
    return FileResponse(score.evidence_file.open("rb"), as_attachment=True,
                        filename=score.evidence_file.name.rsplit("/", 1)[-1])  # fmt: skip


@staff_required
def ranking_export(request, pk: int):
    scheme = _scheme(request, pk)
    if not rules.may_see_ranking(request.user, scheme):
        raise Http404
    return xlsx_response(export.ranking_workbook(scheme), f"assessment-{scheme.year}.xlsx")


@staff_required
def scorecards_export(request, pk: int):
    scheme = _scheme(request, pk)
    units = [u for u in scheme.units.select_related("department", "scheme__division")
             if rules.may_see_scorecard(request.user, u)]  # fmt: skip
    if not units:
        raise Http404
    return xlsx_response(
        export.scorecards_workbook(scheme, units), f"assessment-{scheme.year}-scorecards.xlsx"
    )
