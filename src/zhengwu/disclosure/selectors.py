"""Reads of the disclosure catalog and of published information.

The public sees published items only; disclosure officers see every item of their county (drafts
too); other staff see their own department's items. Every page and API goes through these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from zhengwu.disclosure.models import Category, Item
from zhengwu.disclosure.services import PUBLICATION, is_disclosure_officer
from zhengwu.org.models import Division
from zhengwu.workdays.models import Clock


def items_published(division: Division | None = None) -> QuerySet[Item]:
    items = Item.objects.filter(status=Item.Status.PUBLISHED)
    return items if division is None else items.filter(division=division)


def items_visible_to(user) -> QuerySet[Item]:
    """What a user may open: published items for everyone, drafts for the office."""
    published = Q(status=Item.Status.PUBLISHED)
    if not getattr(user, "is_authenticated", False) or user.is_applicant:
        return Item.objects.filter(published)
    if is_disclosure_officer(user):
        division = user.division
        county = division.county if division else None
        return Item.objects.filter(published | Q(division=county)) if county else Item.objects
    if user.department_id:
        return Item.objects.filter(published | Q(department_id=user.department_id))
    return Item.objects.filter(published)


def item_for(user, pk: int) -> Item:
    try:
        return items_visible_to(user).select_related("category", "department").get(pk=pk)
    except Item.DoesNotExist:
        raise Http404 from None


def items_in_category(category: Category, *, year: int | None = None) -> QuerySet[Item]:
    """Published items of a category and of its sub-items, the latest first."""
    items = items_published(category.division).filter(
        Q(category=category) | Q(category__parent=category)
    )
    if year:
        items = items.filter(published_on__year=year)
    return items.select_related("department", "category").order_by("-published_on", "-id")


@dataclass
class CatalogNode:
    category: Category
    count: int
    children: list[CatalogNode]


def catalog_tree(division: Division, *, include_inactive: bool = False) -> list[CatalogNode]:
    """The catalog as a tree, each node with its published items (a category counts its own and
    its sub-items')."""
    categories = Category.objects.filter(division=division)
    if not include_inactive:
        categories = categories.filter(is_active=True)
    counts = dict(
        items_published(division)
        .values("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    nodes: dict[int, CatalogNode] = {}
    roots: list[CatalogNode] = []
    for category in categories.order_by("code"):
        node = CatalogNode(category, counts.get(category.pk, 0), [])
        nodes[category.pk] = node
        parent = nodes.get(category.parent_id) if category.parent_id else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
            parent.count += node.count
    return roots


def category_by_code(division: Division, code: str) -> Category:
    try:
        return Category.objects.select_related("parent").get(
            division=division, code=code, is_active=True
        )
    except Category.DoesNotExist:
        raise Http404 from None


@dataclass
class PublicationFigures:
    published_to_date: int
    published_in_year: int
    service_items: int
    disclosure_items: int
    late: int  # published in the year later than art. 26 allows


def publication_figures(division: Division, year: int) -> PublicationFigures:
    """The year's publication figures (the annual reports read these)."""
    end = datetime.date(year, 12, 31)
    # Published in the year, whether or not withdrawn since.
    in_year = Item.objects.filter(
        division=division,
        published_on__year=year,
        status__in=[Item.Status.PUBLISHED, Item.Status.WITHDRAWN],
    )
    by_kind = dict(in_year.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    late = Clock.objects.filter(
        purpose=PUBLICATION,
        division=division,
        status=Clock.Status.COMPLETED,
        completed_on__year=year,
        completed_on__gt=F("due_date"),
    ).count()
    # On the portal on 31 December: published by then, and not withdrawn by then.
    to_date = Item.objects.filter(division=division, published_on__lte=end).filter(
        Q(status=Item.Status.PUBLISHED) | Q(status=Item.Status.WITHDRAWN, withdrawn_on__gt=end)
    )
    return PublicationFigures(
        published_to_date=to_date.count(),
        published_in_year=in_year.count(),
        service_items=by_kind.get("service", 0),
        disclosure_items=by_kind.get("disclosure", 0),
        late=late,
    )


def office_items(user, *, status: str = "", category: Category | None = None,
                 query: str = "") -> QuerySet[Item]:  # fmt: skip
    """The office's work list (its county's items, or a department's own), drafts and items in
    review first."""
    if is_disclosure_officer(user):
        county = user.division.county if user.division else None
        items = Item.objects.filter(division=county) if county else Item.objects.all()
    elif getattr(user, "department_id", None):
        items = Item.objects.filter(department_id=user.department_id)
    else:
        items = Item.objects.none()
    if status:
        items = items.filter(status=status)
    if category is not None:
        items = items.filter(Q(category=category) | Q(category__parent=category))
    if query:
        items = items.filter(Q(title__icontains=query) | Q(document_number__icontains=query))
    return items.select_related("category", "department").order_by("status", "-updated_at")


def publication_clocks(items) -> dict[int, Clock]:
    """The running publication clock of each of these items (by item id)."""
    ids = [str(i.pk) for i in items]
    clocks = Clock.objects.filter(
        owner_type=Item._meta.label_lower, owner_id__in=ids, purpose=PUBLICATION
    ).exclude(status=Clock.Status.COMPLETED)
    return {int(c.owner_id): c for c in clocks}
