"""Every change to the disclosure catalog and to published information.

Disclosure officers draft an item, a second officer (or the office head) reviews it, and the
review publishes it: it gets its index number (索引号) and its publication date, the search index
takes it at once, and its publication clock stops. Art. 26 of the Regulations wants proactive
information published within 20 working days of being made or changed; the clock
(``disclosure.publication``) starts on the day the information was made, so e-supervision warns
before that limit and flags it when it is missed.

Other modules publish their records through :func:`item_publish_from_source` (a normative
document, a catalog power's guide, a statistics release): the item is published at once, in the
category fed by that module, and updated in place when the record changes.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.disclosure.catalog import catalog_create_defaults, category_for_feed
from zhengwu.disclosure.models import Category, Item, ItemAttachment
from zhengwu.org.models import Department
from zhengwu.org.roles import Role
from zhengwu.workdays.models import Clock
from zhengwu.workdays.services import clock_complete, clock_start

PUBLICATION = "disclosure.publication"
PUBLICATION_DAYS = 20  # art. 26: within 20 working days of being made or changed

# Allowed moves of an item (status → statuses it may go to).
TRANSITIONS: dict[str, set[str]] = {
    Item.Status.DRAFT: {Item.Status.IN_REVIEW},
    Item.Status.IN_REVIEW: {Item.Status.DRAFT, Item.Status.PUBLISHED},
    Item.Status.PUBLISHED: {Item.Status.WITHDRAWN},
    Item.Status.WITHDRAWN: set(),
}

EDITABLE_FIELDS = (
    "category", "kind", "topic", "title", "document_number", "created_on", "body", "keywords",
    "validity", "valid_from", "valid_to", "department",
)  # fmt: skip


def is_disclosure_officer(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.has_role(Role.DISCLOSURE_OFFICER) or user.has_role(Role.ADMINISTRATOR)
    )


def _require_officer(actor) -> None:
    if not is_disclosure_officer(actor):
        raise NotPermitted(_("Only disclosure officers may do this."))


def _check_move(item: Item, to: str) -> None:
    if to not in TRANSITIONS[item.status]:
        raise IllegalTransition(
            _("An item that is “%(status)s” cannot become “%(to)s”.")
            % {"status": item.get_status_display(), "to": Item.Status(to).label}
        )


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().get(pk=item.pk)


def _audit(item: Item, *, actor, action: str, from_state="", reason="", detail=None) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=item,
        from_state=from_state,
        to_state=item.status,
        reason=reason,
        detail=detail or {},
        division=item.division,
    )


def _reindex(item: Item) -> None:
    from zhengwu.search.services import item_index

    item_index(item)


def _publication_clock(item: Item) -> Clock | None:
    return (
        Clock.objects.filter(
            owner_type=Item._meta.label_lower, owner_id=str(item.pk), purpose=PUBLICATION
        )
        .exclude(status=Clock.Status.COMPLETED)
        .first()
    )


def _start_publication_clock(item: Item, actor) -> None:
    clock_start(
        actor=actor,
        owner=item,
        purpose=PUBLICATION,
        day_kind="working",
        started_on=item.created_on,
        limit_days=PUBLICATION_DAYS,
        legal_basis=_("Art. 26, Regulations on Government Information Disclosure"),
        division=item.division,
        department=item.department,
    )


def _check_dates(created_on: datetime.date, on: datetime.date | None = None) -> None:
    today = on or timezone.localdate()
    if created_on > today:
        raise ValidationError(
            {"created_on": _("The information cannot have been made after today.")}
        )


def _check_category(category: Category, division) -> None:
    if category.division_id != division.pk or not category.is_active:
        raise ValidationError({"category": _("Choose an active category of this catalog.")})


# ---------------------------------------------------------------------------------------------
# Drafting, review, publication
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def item_draft(*, actor, department: Department, category: Category, title: str, body: str,
               created_on: datetime.date, **fields) -> Item:  # fmt: skip
    """A new draft; its publication clock starts from the day the information was made."""
    _require_officer(actor)
    division = department.division
    _check_category(category, division)
    _check_dates(created_on)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    item = Item(
        division=division, department=department, category=category, title=title.strip(),
        body=body, created_on=created_on, drafted_by=actor, **fields,
    )  # fmt: skip
    item.full_clean()
    item.save()
    _start_publication_clock(item, actor)
    _audit(item, actor=actor, action="item_draft", detail={"title": item.title})
    return item


@transaction.atomic
def item_update(*, actor, item: Item, **fields) -> Item:
    """Change a draft (or an item sent back from review). A later "made on" date restarts the
    publication clock from that day: the information has changed (art. 26)."""
    _require_officer(actor)
    item = _locked(item)
    if item.status not in (Item.Status.DRAFT, Item.Status.IN_REVIEW):
        raise IllegalTransition(_("Only a draft can be changed; withdraw and redraft instead."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before_created = item.created_on
    changed = sorted(name for name, value in fields.items() if getattr(item, name) != value)
    for name, value in fields.items():
        setattr(item, name, value)
    if "department" in fields:
        item.division = item.department.division
    _check_category(item.category, item.division)
    _check_dates(item.created_on)
    item.full_clean()
    item.save()
    if item.created_on != before_created or "department" in changed:
        clock = _publication_clock(item)
        if clock is not None:
            clock.delete()
        _start_publication_clock(item, actor)
    _audit(item, actor=actor, action="item_update", from_state=item.status,
           detail={"fields": changed})  # fmt: skip
    return item


@transaction.atomic
def item_submit(*, actor, item: Item) -> Item:
    """Send a draft for review."""
    _require_officer(actor)
    item = _locked(item)
    _check_move(item, Item.Status.IN_REVIEW)
    item.status = Item.Status.IN_REVIEW
    item.save(update_fields=["status", "updated_at"])
    _audit(item, actor=actor, action="item_submit", from_state=Item.Status.DRAFT)
    return item


def _next_index_number(item: Item, year: int) -> str:
    """Issuing body code / year - sequence of that body's items of that year (5 digits)."""
    department = Department.objects.select_for_update().get(pk=item.department_id)
    prefix = f"{department.code}/{year}-"
    last = (
        Item.objects.filter(division=item.division, index_number__startswith=prefix)
        .order_by("-index_number")
        .values_list("index_number", flat=True)
        .first()
    )
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def _publish(item: Item, *, actor, on: datetime.date) -> None:
    if on < item.created_on:
        raise ValidationError(
            {"published_on": _("An item cannot be published before it was made.")}
        )
    item.status = Item.Status.PUBLISHED
    item.published_on = on
    if not item.index_number:
        item.index_number = _next_index_number(item, on.year)
    item.save()
    clock = _publication_clock(item)
    if clock is not None:
        clock_complete(actor=actor, clock=clock, on=on)
    _reindex(item)


@transaction.atomic
def item_review(*, actor, item: Item, approve: bool, note: str = "",
                on: datetime.date | None = None) -> Item:  # fmt: skip
    """The review: approve (the item is published on ``on``) or send it back with a note. The
    drafter cannot review their own draft."""
    _require_officer(actor)
    item = _locked(item)
    on = on or timezone.localdate()
    if item.status != Item.Status.IN_REVIEW:
        raise IllegalTransition(_("Only an item awaiting review can be reviewed."))
    if item.drafted_by_id == actor.pk:
        raise NotPermitted(_("Another officer must review what you drafted."))
    item.reviewed_by = actor
    item.review_note = note
    if approve:
        _publish(item, actor=actor, on=on)
        detail = {"index_number": item.index_number, "on": on.isoformat()}
        _audit(item, actor=actor, action="item_publish", from_state=Item.Status.IN_REVIEW,
               reason=note, detail=detail)  # fmt: skip
    else:
        if not note.strip():
            raise ValidationError({"note": _("Say what must change.")})
        item.status = Item.Status.DRAFT
        item.save(update_fields=["status", "reviewed_by", "review_note", "updated_at"])
        _audit(item, actor=actor, action="item_send_back", from_state=Item.Status.IN_REVIEW,
               reason=note)  # fmt: skip
    return item


@transaction.atomic
def item_withdraw(*, actor, item: Item, reason: str, on: datetime.date | None = None) -> Item:
    """Take a published item off the portal (it stays on record, with the reason)."""
    _require_officer(actor)
    item = _locked(item)
    _check_move(item, Item.Status.WITHDRAWN)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for withdrawing it.")})
    item.status = Item.Status.WITHDRAWN
    item.withdrawn_on = on or timezone.localdate()
    item.withdrawal_reason = reason
    item.save(update_fields=["status", "withdrawn_on", "withdrawal_reason", "updated_at"])
    _reindex(item)
    _audit(item, actor=actor, action="item_withdraw", from_state=Item.Status.PUBLISHED,
           reason=reason)  # fmt: skip
    return item


@transaction.atomic
def item_attach(*, actor, item: Item, upload) -> ItemAttachment:
    """Attach a file (PDF, image, DOCX, XLSX, OFD) to a draft or an item awaiting review."""
    from zhengwu.cases.uploads import check_upload

    _require_officer(actor)
    item = _locked(item)
    if item.status not in (Item.Status.DRAFT, Item.Status.IN_REVIEW):
        raise IllegalTransition(_("Files can be attached only before publication."))
    checked = check_upload(upload)
    attachment = ItemAttachment(item=item, name=checked.name, size=checked.size)
    attachment.file.save(checked.name, upload, save=False)
    attachment.save()
    detail = {"file": checked.name, "size": checked.size, "sha256": checked.sha256}
    _audit(item, actor=actor, action="item_attach", from_state=item.status, detail=detail)
    return attachment


@transaction.atomic
def item_detach(*, actor, item: Item, attachment: ItemAttachment) -> None:
    """Remove a file from a draft or an item awaiting review."""
    _require_officer(actor)
    item = _locked(item)
    if item.status not in (Item.Status.DRAFT, Item.Status.IN_REVIEW):
        raise IllegalTransition(_("Files can be removed only before publication."))
    if attachment.item_id != item.pk:
        raise DomainError(_("This file belongs to another item."), code="wrong_item")
    name = attachment.name
    attachment.file.delete(save=False)
    attachment.delete()
    _audit(item, actor=actor, action="item_detach", from_state=item.status,
           detail={"file": name})  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Records of other modules
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def item_publish_from_source(
    *,
    actor,
    source=None,
    source_key: tuple[str, str] | None = None,
    feed: str,
    department: Department,
    title: str,
    body: str,
    created_on: datetime.date,
    published_on: datetime.date,
    category_name: str = "",
    **fields,
) -> Item:
    """Publish (or bring up to date) the item of another module's record (``source``, or a
    ``source_key`` (type, id) for what is not a row, e.g. a year's report), in the category that
    module feeds; the county's catalog is created if it has none yet."""
    division = department.division
    catalog_create_defaults(actor=actor, division=division)
    category = category_for_feed(division, feed, category_name)
    if source is not None:
        source_type, source_id = source._meta.label_lower, str(source.pk)
    elif source_key is not None:
        source_type, source_id = source_key
    else:
        raise TypeError("a source or a source_key is needed")
    item = (
        Item.objects.select_for_update()
        .filter(source_type=source_type, source_id=source_id)
        .first()
    )
    action = "item_publish_from_source" if item is None else "item_refresh_from_source"
    before = item.status if item else ""
    if item is None:
        item = Item(source_type=source_type, source_id=source_id, division=division)
    item.department, item.category = department, category
    item.title, item.body, item.created_on = title, body, created_on
    for name, value in fields.items():
        setattr(item, name, value)
    if item.status == Item.Status.PUBLISHED:
        # A changed record is published again as changed (art. 26 counts from the change).
        item.published_on = max(item.published_on, published_on)
    item.full_clean(exclude=["index_number"])
    if item.status != Item.Status.PUBLISHED:
        item.save()
        _publish(item, actor=actor, on=published_on)
    else:
        item.save()
        _reindex(item)
    _audit(item, actor=actor, action=action, from_state=before,
           detail={"source": f"{source_type}:{source_id}"})  # fmt: skip
    return item


@transaction.atomic
def item_withdraw_source(*, actor, source, reason: str, on: datetime.date | None = None):
    """Withdraw the item of a record that is no longer in force or published."""
    item = Item.objects.filter(
        source_type=source._meta.label_lower, source_id=str(source.pk),
        status=Item.Status.PUBLISHED,
    ).first()  # fmt: skip
    if item is None:
        return None
    item = _locked(item)
    item.status = Item.Status.WITHDRAWN
    item.withdrawn_on = on or timezone.localdate()
    item.withdrawal_reason = reason
    item.save(update_fields=["status", "withdrawn_on", "withdrawal_reason", "updated_at"])
    _reindex(item)
    _audit(item, actor=actor, action="item_withdraw", from_state=Item.Status.PUBLISHED,
           reason=reason)  # fmt: skip
    return item


# ---------------------------------------------------------------------------------------------
# The catalog
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def category_save(*, actor, division, category: Category | None = None, parent=None,
                  code: str, name: str, position: int = 0, statutory_item=None,
                  description: str = "", is_active: bool = True) -> Category:  # fmt: skip
    """Add a category (or sub-item) to the catalog, or change one."""
    _require_officer(actor)
    if parent is not None and (parent.division_id != division.pk or parent.parent_id):
        raise ValidationError({"parent": _("A sub-item belongs under a top-level category.")})
    if parent is not None and not code.startswith(f"{parent.code}."):
        raise ValidationError(
            {"code": _("A sub-item's code starts with its category's code and a dot.")}
        )
    creating = category is None
    if creating:
        category = Category(division=division)
    elif category.children.exists() and parent is not None:
        raise ValidationError({"parent": _("A category with sub-items cannot become a sub-item.")})
    if (
        not is_active
        and category.pk
        and category.items.filter(status=Item.Status.PUBLISHED).exists()
    ):
        raise DomainError(
            _("Move or withdraw the published items of this category before closing it."),
            code="category_in_use",
        )
    category.parent, category.code, category.name = parent, code.strip(), name.strip()
    category.position, category.statutory_item = position, statutory_item
    category.description, category.is_active = description, is_active
    category.full_clean()
    category.save()
    audit_record(
        actor=actor,
        action="category_create" if creating else "category_update",
        obj=category,
        detail={"code": category.code, "name": category.name, "active": is_active},
        division=division,
    )
    return category
