"""The public JSON API of the service catalog: published powers only, no sign-in.

(No ``from __future__ import annotations`` here: ninja reads the parameters of a ``@paginate``d
function through its wrapper, whose module cannot resolve names given as strings.)
"""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zhengwu.catalog import browse
from zhengwu.catalog.models import PowerKind, PowerVersion

router = Router(tags=["catalog"])


class CatalogPagination(LimitOffsetPagination):
    """``limit`` (1–100, default 20) and ``offset``; the answer carries the total ``count``."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="How many items (at most 100)")
        offset: int = Field(0, ge=0, description="How many items to skip")


class BodyOut(Schema):
    id: int
    code: str
    name: str


class PowerSummaryOut(Schema):
    implementation_code: str
    basic_code: str
    name: str
    kind: str
    kind_label: str
    status: str = Field(description="in_force or suspended")
    department: BodyOut
    matter_type: str = Field(description="instant (即办件) or promised (承诺件)")
    day_kind: str = Field(description="working or calendar days")
    legal_limit_days: int | None
    promised_limit_days: int | None
    in_service_centre: bool
    life_events: list[str]
    url: str = Field(description="The power's page on the portal")

    @staticmethod
    def resolve_implementation_code(obj: PowerVersion) -> str:
        return obj.power.implementation_code

    @staticmethod
    def resolve_basic_code(obj: PowerVersion) -> str:
        return obj.power.basic_code

    @staticmethod
    def resolve_kind_label(obj: PowerVersion) -> str:
        return str(PowerKind(obj.kind).label)

    @staticmethod
    def resolve_status(obj: PowerVersion) -> str:
        return obj.power.status

    @staticmethod
    def resolve_life_events(obj: PowerVersion) -> list[str]:
        return browse.split_life_events(obj.life_events)

    @staticmethod
    def resolve_url(obj: PowerVersion) -> str:
        return reverse("catalog:detail", args=[obj.power.implementation_code])


class LegalBasisOut(Schema):
    title: str
    issuer: str
    article: str
    excerpt: str
    in_force_from: date | None
    in_force_to: date | None


class MaterialOut(Schema):
    name: str
    form: str
    copies: int
    required: bool
    condition: str = Field(description="When a conditional material is required")
    blank_form_url: str | None
    sample_url: str | None

    @staticmethod
    def resolve_blank_form_url(obj) -> str | None:
        return obj.blank_form.url if obj.blank_form else None

    @staticmethod
    def resolve_sample_url(obj) -> str | None:
        return obj.sample.url if obj.sample else None


class FeeOut(Schema):
    item: str
    amount: Decimal | None = Field(description="Yuan; null when the fee is a formula")
    formula: str
    basis: str


class StageOut(Schema):
    code: str
    name: str
    kind: str
    department: BodyOut | None
    role: str
    limit_days: int | None
    clock_excluded: bool
    parallel_group: int | None
    after: list[str] = Field(description="Codes of the stages that end before this one starts")


class PowerDetailOut(PowerSummaryOut):
    number: int = Field(description="Version number")
    published_at: datetime
    standing: str = Field(description="statutory, authorised or entrusted")
    entrusting_body: BodyOut | None
    level: str = Field(description="league, county or township")
    content: str
    conditions: str
    quantity_limit: str
    max_extension_days: int
    place: str
    hours: str
    consultation_channel: str
    supervision_channel: str
    result_name: str
    online_depth: int = Field(description="1 (information) to 4 (entirely online)")
    visits_required: int
    lead_department: BodyOut | None
    legal_bases: list[LegalBasisOut]
    materials: list[MaterialOut]
    fees: list[FeeOut]
    stages: list[StageOut]


@router.get(
    "/powers",
    response=list[PowerSummaryOut],
    auth=None,
    summary="Published powers and services, filtered and paged",
)
@paginate(CatalogPagination)
def power_list(
    request,
    department: int | None = None,
    kind: PowerKind | None = None,
    event: str | None = None,
    q: str | None = None,
    in_service_centre: bool | None = None,
):
    """Every power in force or suspended (current version), in catalog order.

    Filters combine: ``department`` (id of the implementing body), ``kind``, ``event`` (a life
    event, matched exactly), ``q`` (words in the name, or a code) and ``in_service_centre``.
    """
    filters = browse.CatalogFilters(
        department=department,
        kind=kind.value if kind else None,
        event=event or None,
        q=q or None,
        in_service_centre=in_service_centre,
    )
    return browse.filtered_versions(filters)


@router.get(
    "/powers/{implementation_code}",
    response=PowerDetailOut,
    auth=None,
    summary="One published power: all fields, materials, fees, legal bases and stages",
)
def power_detail(request, implementation_code: str):
    version = browse.published_version(implementation_code)
    if version is None:
        raise Http404(_("No published matter has this code."))
    return version
