"""Staff pages of law study and exams: the registers of study sessions, courses, units and
exams; an exam's per-unit participation table with the entry, import and export of its figures.
Views are thin: they check the permission, parse a form, call one service or selector, render.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengwu.common import views as common_views
from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.common.identity import mask_id_number
from zhengwu.lawstudy import export, forms, imports, rules, selectors, services
from zhengwu.lawstudy.figures import annual_figures, participation_totals, rate
from zhengwu.lawstudy.models import Exam, ExamParticipation, StudySession, TrainingCourse

PER_PAGE = 25


# The registers' staff: with the permission, and of a county.
staff_required = common_views.staff_required(
    "lawstudy.view_registers", extra_check=lambda user: rules.county_of(user) is not None
)


run_service = common_views.form_run_service_by_field


def _xlsx(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=export.XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
    return response


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _page(request, rows):
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------------------------------------
# Overview
# ---------------------------------------------------------------------------------------------


@staff_required
def home(request):
    county = rules.county_of(request.user)
    year = _int(request.GET.get("year")) or timezone.localdate().year
    years = sorted(
        set(selectors.exams_visible_to(request.user).values_list("year", flat=True))
        | {d.year for d in selectors.sessions_visible_to(request.user).dates("held_on", "year")}
        | {timezone.localdate().year},
        reverse=True,
    )
    context = {
        "year": year,
        "years": years,
        "figures": annual_figures(county, year),
        "session_kinds": StudySession.Kind.choices,
        "course_kinds": TrainingCourse.Kind.choices,
        "exam_kinds": Exam.Kind.choices,
        "may_administer": rules.may_administer(request.user, county),
    }
    return render(request, "lawstudy/home.html", context)


# ---------------------------------------------------------------------------------------------
# Study sessions and courses
# ---------------------------------------------------------------------------------------------


def _register(request, *, rows, form, service, template, extra, redirect_to):
    """A register page: the filtered, paginated rows and, for the legal office, the form."""
    county = rules.county_of(request.user)
    may_administer = rules.may_administer(request.user, county)
    if request.method == "POST":
        if not may_administer:
            return common_views.forbidden(request)
        if form.is_valid() and run_service(
            form, lambda: service(actor=request.user, division=county, **form.cleaned_data)
        ):
            messages.success(request, _("Saved."))
            return redirect(redirect_to)
    page = _page(request, rows)
    context = {
        "page_obj": page,
        "rows": page.object_list,
        "form": form if may_administer else None,
        "may_administer": may_administer,
        **extra,
    }
    return render(request, template, context, status=400 if form.errors else 200)


def _filters(request, kinds) -> dict:
    kind = request.GET.get("kind", "")
    return {
        "year": _int(request.GET.get("year")),
        "kind": kind if kind in dict(kinds) else "",
        "q": request.GET.get("q", "").strip(),
    }


@staff_required
def sessions(request):
    filters = _filters(request, StudySession.Kind.choices)
    rows = selectors.sessions_visible_to(request.user)
    if filters["year"]:
        rows = rows.filter(held_on__year=filters["year"])
    if filters["kind"]:
        rows = rows.filter(kind=filters["kind"])
    if filters["q"]:
        rows = rows.filter(
            Q(topic__contains=filters["q"])
            | Q(laws__contains=filters["q"])
            | Q(lecturer__contains=filters["q"])
        )
    return _register(
        request,
        rows=rows.order_by("-held_on", "-pk"),
        form=forms.SessionForm(request.POST or None),
        service=services.session_record,
        template="lawstudy/sessions.html",
        extra={"filters": filters, "kinds": StudySession.Kind.choices},
        redirect_to="lawstudy:sessions",
    )


def _detail(request, obj, *, form_class, service, key, template):
    """A session's or course's page; the legal office corrects it there (with a reason)."""
    may_correct = rules.may_administer(request.user, obj.division)
    form = None
    if may_correct:
        form = form_class(
            request.POST or None, initial=forms.initial_of(obj, form_class), prefix="c"
        )
    if request.method == "POST":
        if not may_correct:
            return common_views.forbidden(request)
        if form.is_valid() and run_service(
            form, lambda: service(actor=request.user, **{key: obj}, **form.cleaned_data)
        ):
            messages.success(request, _("The correction is saved."))
            return redirect(request.path)
    status = 400 if form is not None and form.errors else 200
    return render(request, template, {key: obj, "form": form}, status=status)


@staff_required
def session(request, pk: int):
    obj = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    return _detail(
        request, obj, form_class=forms.SessionCorrectForm, service=services.session_correct,
        key="session", template="lawstudy/session.html",
    )  # fmt: skip


@staff_required
def courses(request):
    filters = _filters(request, TrainingCourse.Kind.choices)
    rows = selectors.courses_visible_to(request.user)
    if filters["year"]:
        rows = rows.filter(starts_on__year=filters["year"])
    if filters["kind"]:
        rows = rows.filter(kind=filters["kind"])
    if filters["q"]:
        rows = rows.filter(Q(title__contains=filters["q"]) | Q(organiser__contains=filters["q"]))
    return _register(
        request,
        rows=rows.order_by("-starts_on", "-pk"),
        form=forms.CourseForm(request.POST or None),
        service=services.course_record,
        template="lawstudy/courses.html",
        extra={"filters": filters, "kinds": TrainingCourse.Kind.choices},
        redirect_to="lawstudy:courses",
    )


@staff_required
def course(request, pk: int):
    obj = get_object_or_404(selectors.courses_visible_to(request.user), pk=pk)
    return _detail(
        request, obj, form_class=forms.CourseCorrectForm, service=services.course_correct,
        key="course", template="lawstudy/course.html",
    )  # fmt: skip


@staff_required
def units(request):
    county = rules.county_of(request.user)
    rows = selectors.units_visible_to(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(name__contains=q)
    return _register(
        request,
        rows=rows.order_by("kind", "name"),
        form=forms.UnitForm(request.POST or None, division=county),
        service=services.unit_register,
        template="lawstudy/units.html",
        extra={"filters": {"q": q}},
        redirect_to="lawstudy:units",
    )


# ---------------------------------------------------------------------------------------------
# Exams
# ---------------------------------------------------------------------------------------------


@staff_required
def exams(request):
    filters = _filters(request, Exam.Kind.choices)
    rows = selectors.exams_visible_to(request.user)
    if filters["year"]:
        rows = rows.filter(year=filters["year"])
    if filters["kind"]:
        rows = rows.filter(kind=filters["kind"])
    if filters["q"]:
        rows = rows.filter(title__contains=filters["q"])
    return _register(
        request,
        rows=rows.order_by("-year", "-held_on", "-pk"),
        form=forms.ExamForm(request.POST or None),
        service=services.exam_create,
        template="lawstudy/exams.html",
        extra={"filters": filters, "kinds": Exam.Kind.choices},
        redirect_to="lawstudy:exams",
    )


def _exam_page(request, exam: Exam, *, participation_form=None, result_form=None,
               import_form=None, import_errors=None, status=200):  # fmt: skip
    user = request.user
    sort = request.GET.get("sort", "unit")
    if sort not in selectors.SORTS:
        sort = "unit"
    threshold = selectors.participation_threshold()
    table = selectors.participation_table(exam, sort=sort)
    rows = [
        {
            "p": p,
            "rate": None if p.rate is None else rate(p.participants, p.eligible),
            "pass_rate": rate(p.passed, p.participants),
            "low": p.rate is not None and p.rate < threshold,
        }
        for p in table
    ]
    may_administer = rules.may_administer(user, exam.division)
    enterable = selectors.units_enterable_by(user, exam)
    is_open = exam.status == Exam.Status.OPEN
    results = selectors.results_visible_to(user, exam).order_by("unit__name", "full_name")
    flt = request.GET.get("results", "")
    if flt == "failed":
        results = results.filter(passed=False)
    results_page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    may_enter = is_open and enterable.exists()
    context = {
        "exam": exam,
        "rows": rows,
        "sort": sort,
        "sort_links": {c: f"-{c}" if sort == c else c for c in ("unit", "eligible", "rate")},
        "threshold": threshold,
        "totals": participation_totals(ExamParticipation.objects.filter(exam=exam)),
        "missing": selectors.units_missing(exam).order_by("kind", "name")[:200],
        "may_administer": may_administer,
        "is_open": is_open,
        "participation_form": (
            participation_form or forms.ParticipationForm(units=enterable, prefix="p")
        )
        if may_enter
        else None,
        "result_form": (result_form or forms.ResultForm(exam=exam, prefix="r"))
        if is_open and may_administer
        else None,
        "import_form": (import_form or forms.ImportForm(prefix="i")) if may_enter else None,
        "import_errors": import_errors or [],
        "results_page": results_page,
        "results": [
            {"r": r, "id_masked": mask_id_number(r.id_number)} for r in results_page.object_list
        ],
        "results_filter": flt,
        "by_unit": exam.kind == Exam.Kind.ANNUAL or bool(rows),
        "result_totals": exam.results.aggregate(
            n=Count("pk"), passed=Count("pk", filter=Q(passed=True))
        ),
    }
    return render(request, "lawstudy/exam.html", context, status=status)


def _exam_for(request, pk: int) -> Exam:
    return get_object_or_404(selectors.exams_visible_to(request.user), pk=pk)


@staff_required
def exam(request, pk: int):
    return _exam_page(request, _exam_for(request, pk))


@staff_required
@require_POST
def exam_participation(request, pk: int):
    exam = _exam_for(request, pk)
    form = forms.ParticipationForm(
        request.POST, units=selectors.units_enterable_by(request.user, exam), prefix="p"
    )
    if form.is_valid():
        try:
            ok = run_service(
                form,
                lambda: services.participation_record(
                    actor=request.user, exam=exam, **form.cleaned_data
                ),
            )
        except NotPermitted as error:
            return common_views.forbidden(request, error.message)
        if ok:
            messages.success(request, _("The participation is saved."))
            return redirect("lawstudy:exam", pk=exam.pk)
    return _exam_page(request, exam, participation_form=form, status=400)


@staff_required
@require_POST
def exam_result(request, pk: int):
    exam = _exam_for(request, pk)
    if not rules.may_administer(request.user, exam.division):
        return common_views.forbidden(request)
    form = forms.ResultForm(request.POST, exam=exam, prefix="r")
    if form.is_valid() and run_service(
        form, lambda: services.result_record(actor=request.user, exam=exam, **form.cleaned_data)
    ):
        messages.success(request, _("The result is saved."))
        return redirect("lawstudy:exam", pk=exam.pk)
    return _exam_page(request, exam, result_form=form, status=400)


@staff_required
@require_POST
def exam_import(request, pk: int):
    exam = _exam_for(request, pk)
    form = forms.ImportForm(request.POST, request.FILES, prefix="i")
    errors = []
    if form.is_valid():
        what = form.cleaned_data["what"]
        try:
            rows = imports.read_sheet(form.cleaned_data["sheet"], what)
            if what == "participation":
                n = services.participation_import(actor=request.user, exam=exam, rows=rows)
            else:
                n = len(services.results_import(actor=request.user, exam=exam, rows=rows))
        except NotPermitted as error:
            return common_views.forbidden(request, error.message)
        except services.ImportRejected as error:
            errors = error.errors
            form.add_error(None, str(error.message))
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("%(n)s row(s) imported.") % {"n": n})
            return redirect("lawstudy:exam", pk=exam.pk)
    return _exam_page(request, exam, import_form=form, import_errors=errors, status=400)


@staff_required
@require_POST
def exam_close(request, pk: int):
    exam = _exam_for(request, pk)
    try:
        services.exam_close(actor=request.user, exam=exam)
    except NotPermitted as error:
        return common_views.forbidden(request, error.message)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The exam is closed."))
    return redirect("lawstudy:exam", pk=exam.pk)


# ---------------------------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------------------------


@staff_required
def export_register(request, what: str):
    if what == "sessions":
        return _xlsx(*export.sessions(request.user))
    if what == "courses":
        return _xlsx(*export.courses(request.user))
    if what in ("participation", "results"):
        return _xlsx(*export.template(what))
    raise Http404


@staff_required
def exam_export(request, pk: int):
    exam = _exam_for(request, pk)
    title, data = export.exam(request.user, exam)
    return _xlsx(f"{title}-{timezone.localdate():%Y%m%d}", data)
