"""Pages of government information disclosure: the public catalog, items and guide; the office's
drafting, review and catalog pages.

Public pages show published items only (``selectors.items_visible_to``). The office pages are for
disclosure officers; every change goes through ``disclosure.services`` and comes back, when
refused, field by field with what was typed kept.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengwu.cases.views import Outcome, forbidden, run_service, staff_required
from zhengwu.common.errors import NotPermitted
from zhengwu.disclosure import selectors, services
from zhengwu.disclosure.catalog import catalog_create_defaults
from zhengwu.disclosure.forms import (
    AttachmentForm,
    CategoryForm,
    ItemForm,
    ReviewForm,
    WithdrawForm,
)
from zhengwu.disclosure.guide import guide_facts
from zhengwu.disclosure.models import Category, Item
from zhengwu.org.selectors import home_county
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.selectors import clock_progress

PER_PAGE = 20


def _county():
    county = home_county()
    if county is None:
        raise Http404
    return county


# ---------------------------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------------------------


def index(request):
    county = _county()
    tree = selectors.catalog_tree(county)
    latest = selectors.items_published(county).select_related("department", "category")[:10]
    return render(
        request,
        "disclosure/index.html",
        {"tree": tree, "latest": latest, "total": sum(node.count for node in tree)},
    )


def category(request, code: str):
    county = _county()
    node = selectors.category_by_code(county, code)
    year = request.GET.get("year", "")
    items = selectors.items_in_category(node, year=int(year) if year.isdigit() else None)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    years = (
        selectors.items_published(county)
        .filter(category__in=[node, *node.children.all()])
        .dates("published_on", "year", order="DESC")
    )
    return render(
        request,
        "disclosure/category.html",
        {
            "category": node,
            "children": node.children.filter(is_active=True).order_by("code"),
            "page_obj": page,
            "year": year,
            "years": [d.year for d in years],
        },
    )


def item(request, pk: int):
    found = selectors.item_for(request.user, pk)
    return render(
        request,
        "disclosure/item.html",
        {"item": found, "attachments": found.attachments.all(), "is_draft": not found.published_on},
    )


def attachment(request, pk: int, attachment_id: int):
    found = selectors.item_for(request.user, pk)
    file = get_object_or_404(found.attachments, pk=attachment_id)
    return FileResponse(file.file.open("rb"), as_attachment=True, filename=file.name)


def guide(request):
    county = _county()
    return render(request, "disclosure/guide.html", {"facts": guide_facts(county)})


# ---------------------------------------------------------------------------------------------
# The office
# ---------------------------------------------------------------------------------------------


def officer_required(view):
    @wraps(view)
    @staff_required
    def wrapped(request, *args, **kwargs):
        if not services.is_disclosure_officer(request.user):
            return forbidden(request, NotPermitted(_("These pages are for disclosure officers.")))
        return view(request, *args, **kwargs)

    return wrapped


def _office_county(user):
    county = user.division.county if user.division else None
    return county or _county()


@officer_required
def office(request):
    status = request.GET.get("status", "")
    if status not in Item.Status.values:
        status = ""
    query = request.GET.get("q", "").strip()[:100]
    items = selectors.office_items(request.user, status=status, query=query)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    clocks = selectors.publication_clocks(page.object_list)
    calendar = get_calendar() if clocks else None
    rows = [
        (i, clock_progress(clocks[i.pk], today, calendar=calendar) if i.pk in clocks else None)
        for i in page
    ]
    return render(
        request,
        "disclosure/office/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "status": status,
            "q": query,
            "statuses": Item.Status.choices,
            "figures": selectors.publication_figures(_office_county(request.user), today.year),
        },
    )


@officer_required
def office_new(request):
    county = _office_county(request.user)
    catalog_create_defaults(actor=request.user, division=county)
    form = ItemForm(
        request.POST or None,
        division=county,
        initial={"created_on": timezone.localdate(), "department": request.user.department_id},
    )
    if request.method == "POST" and form.is_valid():
        created: list[Item] = []

        def call():
            data = form.service_fields()
            created.append(services.item_draft(actor=request.user, **data))

        if run_service(form, None, call) == Outcome.DONE:
            messages.success(request, _("The draft is saved."))
            return redirect("disclosure:office_item", pk=created[0].pk)
    return render(request, "disclosure/office/edit.html", {"form": form, "item": None})


def _office_item(request, pk: int) -> Item:
    return get_object_or_404(selectors.office_items(request.user), pk=pk)


def _item_context(request, found: Item, **forms) -> dict:
    clock = selectors.publication_clocks([found]).get(found.pk)
    county = _office_county(request.user)
    editable = found.status in (Item.Status.DRAFT, Item.Status.IN_REVIEW)
    context = {
        "item": found,
        "progress": clock_progress(clock, timezone.localdate()) if clock else None,
        "form": forms.get("form")
        or (ItemForm(instance=found, division=county) if editable else None),
        "review_form": forms.get("review_form") or ReviewForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "attach_form": forms.get("attach_form") or (AttachmentForm() if editable else None),
        "attachments": found.attachments.all(),
        "can_review": found.status == Item.Status.IN_REVIEW
        and found.drafted_by_id != request.user.pk,
    }
    return context


@officer_required
def office_item(request, pk: int):
    found = _office_item(request, pk)
    if request.method == "POST":
        form = ItemForm(request.POST, instance=found, division=_office_county(request.user))
        if form.is_valid():
            data = form.service_fields()
            found.refresh_from_db()

            def call():
                services.item_update(actor=request.user, item=found, **data)

            if run_service(form, found, call) == Outcome.DONE:
                messages.success(request, _("The changes are saved."))
                return redirect("disclosure:office_item", pk=pk)
            found.refresh_from_db()
        return render(
            request, "disclosure/office/item.html", _item_context(request, found, form=form)
        )
    return render(request, "disclosure/office/item.html", _item_context(request, found))


@require_POST
@officer_required
def office_action(request, pk: int, action: str):
    try:
        return _office_action(request, pk, action)
    except NotPermitted as error:
        return forbidden(request, error)


def _office_action(request, pk: int, action: str):
    found = _office_item(request, pk)
    if action == "submit":
        form = ReviewForm()
        outcome = run_service(
            form, found, lambda: services.item_submit(actor=request.user, item=found)
        )
        done, key = _("Sent for review."), "review_form"
    elif action == "review":
        form = ReviewForm(request.POST)
        outcome = Outcome.INVALID
        if form.is_valid():
            data = form.cleaned_data

            def call():
                services.item_review(
                    actor=request.user,
                    item=found,
                    approve=data["decision"] == "approve",
                    note=data["note"],
                    on=data["published_on"] or timezone.localdate(),
                )

            outcome = run_service(form, found, call)
        done, key = _("The review is recorded."), "review_form"
    elif action == "withdraw":
        form = WithdrawForm(request.POST)
        outcome = Outcome.INVALID
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            outcome = run_service(
                form, found,
                lambda: services.item_withdraw(actor=request.user, item=found, reason=reason),
            )  # fmt: skip
        done, key = _("The item is withdrawn from the portal."), "withdraw_form"
    elif action == "attach":
        form = AttachmentForm(request.POST, request.FILES)
        outcome = Outcome.INVALID
        if form.is_valid():
            upload = form.cleaned_data["file"]
            outcome = run_service(
                form, found,
                lambda: services.item_attach(actor=request.user, item=found, upload=upload),
            )  # fmt: skip
        done, key = _("The file is attached."), "attach_form"
    elif action == "detach":
        form = AttachmentForm()
        attachment = get_object_or_404(found.attachments, pk=request.POST.get("attachment", 0))
        outcome = run_service(
            form, found,
            lambda: services.item_detach(actor=request.user, item=found, attachment=attachment),
        )  # fmt: skip
        done, key = _("The file is removed."), "attach_form"
    else:
        raise Http404
    if outcome == Outcome.DONE:
        messages.success(request, done)
        return redirect("disclosure:office_item", pk=pk)
    if outcome == Outcome.CONFLICT:
        messages.warning(
            request, _("Someone else has already done this. The page now shows it as it stands.")
        )
        return redirect("disclosure:office_item", pk=pk)
    found.refresh_from_db()
    return render(
        request,
        "disclosure/office/item.html",
        _item_context(request, found, **{key: form}),
        status=400,
    )


@officer_required
def office_catalog(request, pk: int | None = None):
    county = _office_county(request.user)
    catalog_create_defaults(actor=request.user, division=county)
    editing = get_object_or_404(Category, pk=pk, division=county) if pk else None
    form = CategoryForm(request.POST or None, instance=editing, division=county)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def call():
            services.category_save(actor=request.user, division=county, category=editing, **data)

        if run_service(form, None, call) == Outcome.DONE:
            messages.success(request, _("The catalog is saved."))
            return redirect("disclosure:office_catalog")
    return render(
        request,
        "disclosure/office/catalog.html",
        {
            "tree": selectors.catalog_tree(county, include_inactive=True),
            "form": form,
            "editing": editing,
        },
    )
