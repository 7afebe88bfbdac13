"""Where each figure of the annual report comes from: the records behind it.

:data:`REGISTRY` maps every dotted key of :func:`zhengwu.reports.annual.annual_figures` to how
the figure is formed:

- :class:`Count` — the figure is the number of records of a queryset (``count`` equals the
  figure; the tests check this for every such key);
- :class:`Total` — the figure is a sum of a field over records (trained staff, examinees);
- :class:`Rate` — the figure is ``numerator / denominator`` in percent with one decimal (half
  up), ``None`` for a 0 denominator; each part is a report key or a queryset of its own.

Each queryset is built from the same scope function as the register's figures where the
register has one (``cases_of``, ``confirmed_bodies``, ``acts_of``, ``laws_in_use``,
``disputes_of``, ``handled_in``, ``annual_exam``, …) with the filters the register's aggregate
applies. :func:`explain` gives an :class:`Explanation`: the figure, the query's description
(model, filters, date field and range), the count (or sum) of the records and the first of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count as CountOf
from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import Division
from zhengwu.reports.annual import annual_figures, catalog_versions, figure_keys, lookup


@dataclass
class Trace:
    """A queryset and what it is: the records behind a figure."""

    queryset: QuerySet
    description: str
    filters: list[str] = field(default_factory=list)
    date_field: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    number: str | None = None  # field read as the record's number
    title: str | None = None  # field read as the record's title
    value: str | None = None  # for a Total: the field summed
    source: str = ""  # for a figure that is configuration, where it comes from
    titles_only: bool = False  # a UNION of titles (the laws in use): no ids, no dates


@dataclass
class Count:
    trace: Callable[[Division, int], Trace]


@dataclass
class Total:
    trace: Callable[[Division, int], Trace]


@dataclass
class Rate:
    numerator: str | Callable[[Division, int], Trace]
    denominator: str | Callable[[Division, int], Trace]
    description: str


@dataclass
class Part:
    """One side of a rate: a report key with its figure, or a queryset's count or sum."""

    key: str
    value: int
    explanation: Explanation | None = None

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "value": self.value,
            "explanation": self.explanation.as_dict() if self.explanation else None,
        }


@dataclass
class Explanation:
    key: str
    kind: str  # "count", "total" or "rate"
    figure: object
    description: str
    model: str = ""
    model_label: str = ""
    filters: list[str] = field(default_factory=list)
    date_field: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    count: int | None = None  # records behind the figure
    total: int | None = None  # for a total: the field summed over them
    value_field: str | None = None
    source: str = ""
    records: list[dict] = field(default_factory=list)
    numerator: Part | None = None
    denominator: Part | None = None

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "figure": self.figure,
            "description": str(self.description),
            "model": self.model,
            "model_label": self.model_label,
            "filters": list(self.filters),
            "date_field": self.date_field,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "count": self.count,
            "total": self.total,
            "value_field": self.value_field,
            "source": str(self.source),
            "records": [
                {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in r.items()}
                for r in self.records
            ],
            "numerator": self.numerator.as_dict() if self.numerator else None,
            "denominator": self.denominator.as_dict() if self.denominator else None,
        }


class UnknownKey(KeyError):
    """A key that is not a figure of the report."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:
        return f"unknown figure {self.key!r}; the figures are: {', '.join(figure_keys())}"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _filters(**lookups) -> list[str]:
    return [f"{name} = {value}" for name, value in lookups.items()]


def _in_year(qs, date_field, year, *, description, number=None, title=None, value=None, **lookups):
    """``qs`` narrowed to ``date_field`` in ``year`` and to ``lookups`` (shown as its filters)."""
    start, end = _year(year)
    return Trace(
        qs.filter(**{f"{date_field}__range": (start, end)}, **lookups),
        description,
        _filters(**lookups),
        date_field,
        start,
        end,
        number,
        title,
        value,
    )


def _to_date(qs, date_field, year, *, description, number=None, title=None, **lookups):
    end = _year(year)[1]
    return Trace(
        qs.filter(**{f"{date_field}__lte": end}, **lookups),
        description,
        _filters(**lookups),
        date_field,
        None,
        end,
        number,
        title,
    )


# ---------------------------------------------------------------------------------------------
# Cases and the service centre (zhengwu.cases.stats)
# ---------------------------------------------------------------------------------------------


def _centre_cases(division, kind=None):
    from zhengwu.cases.stats import COUNTY_CENTRE, cases_of

    return cases_of(division).order_by(), kind or COUNTY_CENTRE


def _cases_accepted(division, year, **lookups):
    cases, centre = _centre_cases(division)
    return _in_year(
        cases, "accepted_on", year, handling_centre__kind=centre, **lookups,
        description=_("Cases handled at the county centre accepted in the year."),
        number="number", title="power_version__name",
    )  # fmt: skip


def cases_accepted(division, year):
    return _cases_accepted(division, year)


def cases_completed(division, year):
    cases, centre = _centre_cases(division)
    return _in_year(
        cases, "completed_on", year, handling_centre__kind=centre,
        description=_("Cases handled at the county centre completed in the year."),
        number="number", title="power_version__name",
    )  # fmt: skip


def _matter_type(kind: str, description):
    def trace(division, year):
        t = _cases_accepted(division, year, power_version__matter_type=kind)
        t.description = description
        return t

    return trace


def _centre_to_date(date_field: str, kind: str, description):
    def trace(division, year):
        from zhengwu.cases.stats import cases_of

        return _to_date(
            cases_of(division).order_by(), date_field, year, handling_centre__kind=kind,
            description=description, number="number", title="power_version__name",
        )  # fmt: skip

    return trace


def centre_departments(division, year):
    from zhengwu.org.models import Department

    versions = catalog_versions(division).filter(in_service_centre=True)
    return Trace(
        Department.objects.filter(pk__in=versions.values("department")),
        _("Departments with published catalog matters handled in the service centre."),
        ["catalog: published versions, in_service_centre = True", "distinct department"],
        number="code",
        title="name",
        source=_("The catalog as published now, not records of the year."),
    )


def centre_matters(division, year):
    return Trace(
        catalog_versions(division).filter(in_service_centre=True),
        _("Published catalog matters handled in the service centre."),
        ["catalog: published versions", "in_service_centre = True"],
        number="power__implementation_code",
        title="name",
        source=_("The catalog as published now, not records of the year."),
    )


def service_points(division, year):
    from zhengwu.org.models import ServiceCentre
    from zhengwu.org.selectors import divisions_under

    kind = ServiceCentre.Kind.VILLAGE_POINT
    return Trace(
        ServiceCentre.objects.filter(
            division__in=divisions_under(division), kind=kind, is_active=True
        ),
        _("Active village agency service points of the county's villages and communities."),
        _filters(kind=kind, is_active=True),
        number="division__code",
        title="name",
        source=_(
            "Configuration: the service centres and points of the organisation register "
            "(Organisation › service centres), as they are now."
        ),
    )


# ---------------------------------------------------------------------------------------------
# Catalog and enforcement
# ---------------------------------------------------------------------------------------------


def _catalog_kind(*kinds: str):
    def trace(division, year):
        return Trace(
            catalog_versions(division).filter(kind__in=kinds),
            _("Published catalog versions of the county's bodies of these kinds."),
            [f"kind in ({', '.join(kinds)})"],
            number="power__implementation_code",
            title="name",
            source=_("The catalog as published now, not records of the year."),
        )

    return trace


def _bodies(division, year):
    from zhengwu.enforcement.figures import confirmed_bodies

    return confirmed_bodies(division, _year(year)[1])


def _standing(standing: str):
    def trace(division, year):
        return Trace(
            _bodies(division, year).filter(standing=standing),
            _("Enforcement bodies confirmed (and not revoked) on 31 December, by standing."),
            [*_filters(standing=standing), "confirmed_on <= 31 December", "not revoked by then"],
            "confirmed_on",
            None,
            _year(year)[1],
            number="department__code",
            title="department__name",
        )

    return trace


def _acts(*kinds: str):
    def trace(division, year):
        from zhengwu.enforcement.figures import acts_of

        acts = acts_of(_bodies(division, year))
        filters = ["in force", "department of a body confirmed on 31 December"]
        if kinds:
            acts = acts.filter(current__kind__in=kinds)
            filters.append(f"kind in ({', '.join(kinds)})")
        return Trace(
            acts,
            _("Catalog powers in force that are enforcement acts of the confirmed bodies."),
            filters,
            number="implementation_code",
            title="current__name",
            source=_("The catalog as it is now, for the bodies confirmed on 31 December."),
        )

    return trace


def enforcement_laws(division, year):
    from zhengwu.enforcement.figures import laws_in_use

    return Trace(
        laws_in_use(_bodies(division, year)),
        _(
            "Distinct titles of the laws the confirmed bodies apply: the legal bases of their "
            "acts in the catalog and the laws the registry lists for them."
        ),
        ["UNION of LegalBasis.title and Law.title, duplicates removed"],
        title="title",
        titles_only=True,
    )


# ---------------------------------------------------------------------------------------------
# Normative documents (zhengwu.rulemaking.figures)
# ---------------------------------------------------------------------------------------------


def documents_reviewed(division, year):
    from zhengwu.rulemaking.models import LegalityReview, NormativeDocument

    start, end = _year(year)
    reviews = LegalityReview.objects.filter(
        document__division=division, reviewed_on__range=(start, end)
    )
    first = reviews.filter(document=OuterRef("pk")).order_by("reviewed_on").values("reviewed_on")
    return Trace(
        NormativeDocument.objects.filter(pk__in=reviews.values("document")).annotate(
            reviewed_in_year=Subquery(first[:1])
        ),
        _("Normative documents that had a legality review in the year (each counted once)."),
        ["a LegalityReview with reviewed_on in the year"],
        "reviewed_in_year",
        start,
        end,
        number="document_number",
        title="title",
    )


def _issued(division, year):
    from zhengwu.rulemaking.figures import PUBLISHED
    from zhengwu.rulemaking.models import NormativeDocument

    return NormativeDocument.objects.filter(division=division).filter(PUBLISHED)


def documents_issued(division, year):
    return _in_year(
        _issued(division, year), "published_on", year,
        description=_("Normative documents published through the registry in the year."),
        number="document_number", title="title",
    )  # fmt: skip


def documents_filed(division, year):
    t = documents_issued(division, year)
    t.queryset = t.queryset.annotate(
        n_filings=CountOf("filings"),
        n_filed=CountOf("filings", filter=Q(filings__submitted_on__isnull=False)),
    ).filter(n_filings__gt=0, n_filed=F("n_filings"))
    t.filters = [*t.filters, "filed with every filing authority (every filing submitted)"]
    t.description = _("Normative documents published in the year and filed with every authority.")
    return t


def _cleanup(**lookups):
    def trace(division, year):
        from zhengwu.rulemaking.models import CleanupEntry

        t = _in_year(
            CleanupEntry.objects.filter(
                campaign__division=division, campaign__status="closed", campaign__kind="special"
            ),
            "campaign__closed_on", year, **lookups,
            description=_("Decisions of the special clean-ups closed in the year."),
            number="document__document_number", title="document__title",
        )  # fmt: skip
        t.filters = ["campaign.status = closed", "campaign.kind = special", *t.filters]
        return t

    return trace


# ---------------------------------------------------------------------------------------------
# Contracts, proposals, disputes
# ---------------------------------------------------------------------------------------------


def contracts_reviewed(division, year):
    from zhengwu.contracts.models import ContractReview, GovernmentContract

    start, end = _year(year)
    opinions = ContractReview.objects.filter(
        contract__division=division, reviewed_on__range=(start, end)
    )
    return Trace(
        GovernmentContract.objects.filter(pk__in=opinions.values("contract")).annotate(
            reviewed_in_year=Max(
                "reviews__reviewed_on", filter=Q(reviews__reviewed_on__range=(start, end))
            )
        ),
        _("Government contracts with a legality opinion returned in the year (each once)."),
        ["a ContractReview with reviewed_on in the year"],
        "reviewed_in_year",
        start,
        end,
        title="title",
    )


def _proposals(division, year, **lookups):
    from zhengwu.proposals.figures import handled_in

    start, end = _year(year)
    return Trace(
        handled_in(division, year).filter(**lookups),
        _("Proposals of the year's sessions assigned to a department for handling."),
        [f"session.year = {year}", "status in (assigned, replied, unsatisfied, closed)",
         *_filters(**lookups)],
        "session__opened_on", start, end, number="number", title="title",
    )  # fmt: skip


def _proposal_kind(kind):
    return lambda division, year: _proposals(division, year, kind=kind)


def proposals_handled(division, year):
    return _proposals(division, year)


def proposals_replied(division, year):
    t = _proposals(division, year, replied_on__isnull=False)
    t.description = _("Proposals handled in the year and answered at least once.")
    return t


def _disputes(division, year, *, ended=False, **lookups):
    from zhengwu.disputes.figures import as_of, disputes_of

    t = _in_year(
        disputes_of(division, year).order_by(), "found_on", year, **lookups,
        description=_("Disputes found in the year."), number="number", title="summary",
    )  # fmt: skip
    if ended:
        t.queryset = t.queryset.filter(outcome_on__lte=as_of(year))
        t.filters.append(f"outcome_on <= {as_of(year).isoformat()}")
    return t


def disputes_found(division, year):
    return _disputes(division, year)


def disputes_mediated(division, year):
    from zhengwu.disputes.models import OUTCOME_STATUSES

    t = _disputes(division, year, ended=True, status__in=list(map(str, OUTCOME_STATUSES)))
    t.description = _("Disputes found in the year whose handling reached an outcome by its end.")
    return t


def disputes_succeeded(division, year):
    from zhengwu.disputes.models import DisputeStatus

    t = _disputes(division, year, ended=True, status=str(DisputeStatus.SUCCEEDED))
    t.description = _("Disputes found in the year mediated successfully by its end.")
    return t


# ---------------------------------------------------------------------------------------------
# Disclosure
# ---------------------------------------------------------------------------------------------


def published_to_date(division, year):
    from zhengwu.disclosure.models import Item

    end = _year(year)[1]
    t = _to_date(
        Item.objects.filter(division=division).filter(
            Q(status=Item.Status.PUBLISHED) | Q(status=Item.Status.WITHDRAWN, withdrawn_on__gt=end)
        ),
        "published_on", year,
        description=_("Items on the disclosure catalog on 31 December (published, not withdrawn)."),
        number="index_number", title="title",
    )  # fmt: skip
    t.filters = ["status = published, or withdrawn after 31 December"]
    return t


def _published_in_year(kind):
    def trace(division, year):
        from zhengwu.disclosure.models import Item

        t = _in_year(
            Item.objects.filter(
                division=division, status__in=[Item.Status.PUBLISHED, Item.Status.WITHDRAWN]
            ),
            "published_on", year, kind=kind,
            description=_("Items published in the year (withdrawn since or not), of this kind."),
            number="index_number", title="title",
        )  # fmt: skip
        t.filters.insert(0, "status in (published, withdrawn)")
        return t

    return trace


def disclosure_requests(division, year):
    from zhengwu.disclosure.models.requests import DisclosureRequest

    return _in_year(
        DisclosureRequest.objects.filter(division=division), "received_on", year,
        description=_("Requests for disclosure received in the year."),
        number="number", title="description",
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Law study, reconsideration, litigation
# ---------------------------------------------------------------------------------------------


def study_sessions(division, year):
    from zhengwu.lawstudy.models import StudySession

    return _in_year(
        StudySession.objects.filter(division=division), "held_on", year,
        description=_("Law study sessions held in the year."), title="topic",
    )  # fmt: skip


def trained(division, year):
    from zhengwu.lawstudy.models import TrainingCourse

    return _in_year(
        TrainingCourse.objects.filter(division=division), "starts_on", year,
        description=_("Training courses starting in the year; the figure is their participants."),
        title="title", value="participant_count",
    )  # fmt: skip


def _annual_exam(value=None):
    def trace(division, year):
        from zhengwu.lawstudy.figures import annual_exam
        from zhengwu.lawstudy.models import ExamParticipation

        exam = annual_exam(division, year)
        return Trace(
            ExamParticipation.objects.filter(exam=exam),
            _("Units taking part in the year's annual law exam."),
            [f"exam = {exam.title if exam else '—'} (the annual exam of {year})"],
            "exam__held_on",
            *_year(year),
            title="unit__name",
            value=value,
        )

    return trace


def _reconsideration(date_field, description, **lookups):
    def trace(division, year):
        from zhengwu.reconsideration.models import ReconsiderationCase

        return _in_year(
            ReconsiderationCase.objects.filter(division=division), date_field, year, **lookups,
            description=description, number="receipt_number", title="case_number",
        )  # fmt: skip

    return trace


def _litigation(date_field, description):
    def trace(division, year):
        from zhengwu.reconsideration.models import LitigationCase

        return _in_year(
            LitigationCase.objects.filter(division=division), date_field, year,
            description=description, number="court_number",
        )  # fmt: skip

    return trace


def _registry() -> dict[str, Count | Total | Rate]:
    from zhengwu.catalog.models import BodyStanding, PowerKind
    from zhengwu.catalog.models import PowerVersion as PV
    from zhengwu.org.models import ServiceCentre
    from zhengwu.reconsideration.models import CaseStatus

    kinds = ["licensing", "other_approval", "public_service", "fee"]
    acts = ["penalty", "confirmation", "compulsion", "levy", "ruling", "other"]
    registry: dict[str, Count | Total | Rate] = {
        "cases.accepted": Count(cases_accepted),
        "cases.completed": Count(cases_completed),
        "cases.completion_rate": Rate(
            "cases.completed", "cases.accepted", _("completed / accepted")
        ),
        "cases.promised": Count(
            _matter_type(
                PV.MatterType.PROMISED,
                _("Cases accepted at the county centre in the year, for promised matters."),
            )
        ),
        "cases.instant": Count(
            _matter_type(
                PV.MatterType.INSTANT,
                _("Cases accepted at the county centre in the year, for instant matters."),
            )
        ),
        "service_centre.departments": Count(centre_departments),
        "service_centre.matters": Count(centre_matters),
        "service_centre.accepted_to_date": Count(
            _centre_to_date(
                "accepted_on",
                ServiceCentre.Kind.COUNTY_CENTRE,
                _("Cases handled at the county centre accepted up to 31 December."),
            )
        ),
        "service_centre.completed_to_date": Count(
            _centre_to_date(
                "completed_on",
                ServiceCentre.Kind.COUNTY_CENTRE,
                _("Cases handled at the county centre completed up to 31 December."),
            )
        ),
        "service_centre.completion_rate_to_date": Rate(
            "service_centre.completed_to_date",
            "service_centre.accepted_to_date",
            _("completed to date / accepted to date"),
        ),
        "service_centre.township_halls_accepted_to_date": Count(
            _centre_to_date(
                "accepted_on",
                ServiceCentre.Kind.TOWNSHIP_HALL,
                _("Cases handled at the township halls accepted up to 31 December."),
            )
        ),
        "service_centre.service_points": Count(service_points),
        **{f"catalog.{k}": Count(_catalog_kind(k)) for k in kinds},
        "catalog.total": Count(_catalog_kind(*kinds)),
        **{
            f"enforcement.bodies.{s}": Count(_standing(s))
            for s in [BodyStanding.STATUTORY, BodyStanding.AUTHORISED, BodyStanding.ENTRUSTED]
        },
        **{f"enforcement.acts.{k}": Count(_acts(str(PowerKind(k)))) for k in acts},
        "enforcement.acts.total": Count(_acts()),
        "enforcement.laws": Count(enforcement_laws),
        "normative_documents.reviewed": Count(documents_reviewed),
        "normative_documents.filed": Count(documents_filed),
        "normative_documents.filing_rate": Rate(
            "normative_documents.filed",
            documents_issued,
            _("filed / normative documents published through the registry in the year"),
        ),
        "normative_documents.cleanup_inconsistent": Count(_cleanup(inconsistent=True)),
        "normative_documents.cleanup_amend": Count(_cleanup(decision="amend")),
        "contracts_reviewed": Count(contracts_reviewed),
        "proposals.deputies": Count(_proposal_kind("deputy")),
        "proposals.cppcc": Count(_proposal_kind("cppcc")),
        "proposals.reply_rate": Rate(
            proposals_replied, proposals_handled, _("replied / handled (both kinds)")
        ),
        "disputes.found": Count(disputes_found),
        "disputes.mediated": Count(disputes_mediated),
        "disputes.success_rate": Rate(
            disputes_succeeded, "disputes.found", _("mediated successfully / found")
        ),
        "disclosure.published_to_date": Count(published_to_date),
        "disclosure.service_items": Count(_published_in_year("service")),
        "disclosure.disclosure_items": Count(_published_in_year("disclosure")),
        "disclosure.requests": Count(disclosure_requests),
        "training.study_sessions": Count(study_sessions),
        "training.trained": Total(trained),
        "training.exam_units": Count(_annual_exam()),
        "training.examinees": Total(_annual_exam("participants")),
        "training.exam_participation_rate": Rate(
            "training.examinees",
            _annual_exam("eligible"),
            _("staff who sat / staff required to sit, over the units of the annual exam"),
        ),
        "reconsideration.received": Count(
            _reconsideration("received_on", _("Reconsideration applications received in the year."))
        ),
        "reconsideration.decided": Count(
            _reconsideration(
                "closed_on",
                _("Reconsideration cases decided in the year."),
                status=str(CaseStatus.DECIDED),
            )
        ),
        "litigation.received": Count(
            _litigation("filed_on", _("Administrative suits filed in the year."))
        ),
        "litigation.decided": Count(
            _litigation("concluded_on", _("Administrative suits concluded in the year."))
        ),
    }
    return registry


_REGISTRY: dict | None = None


def registry() -> dict[str, Count | Total | Rate]:
    """Every figure key and how it is formed (built once, after the apps are loaded)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _registry()
    return _REGISTRY


def count_keys() -> list[str]:
    return [k for k, v in registry().items() if isinstance(v, Count)]


# ---------------------------------------------------------------------------------------------
# Explaining a figure
# ---------------------------------------------------------------------------------------------


TITLE_LENGTH = 80


def _records(trace: Trace, limit: int) -> list[dict]:
    if limit <= 0:
        return []
    qs = trace.queryset
    if trace.titles_only:
        rows = qs.order_by("title")[:limit]
        return [{"id": None, "number": "", "title": t, "date": None} for (t,) in rows]
    names = {"id": "pk"}
    for key, name in (("number", trace.number), ("title", trace.title),
                      ("date", trace.date_field), ("value", trace.value)):  # fmt: skip
        if name:
            names[key] = name
    order = [f"{trace.date_field}"] if trace.date_field else []
    rows = qs.order_by(*order, "pk").values(*names.values())[:limit]
    out = []
    for row in rows:
        record = {key: row[name] for key, name in names.items()}
        record.setdefault("number", "")
        record.setdefault("title", "")
        record.setdefault("date", None)
        for k in ("number", "title"):
            text = "" if record[k] is None else str(record[k])
            record[k] = text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…"
        out.append(record)
    return out


def _sum(trace: Trace) -> int:
    return trace.queryset.order_by().aggregate(n=Coalesce(Sum(trace.value), 0))["n"]


def _from_trace(key, kind, figure, trace: Trace, limit: int) -> Explanation:
    model = trace.queryset.model
    explanation = Explanation(
        key=key,
        kind=kind,
        figure=figure,
        description=trace.description,
        model=model._meta.label,
        model_label=str(model._meta.verbose_name_plural),
        filters=trace.filters,
        date_field=trace.date_field,
        start=trace.start,
        end=trace.end,
        count=trace.queryset.count(),
        value_field=trace.value,
        source=trace.source,
        records=_records(trace, limit),
    )
    if trace.value:
        explanation.total = _sum(trace)
    return explanation


def _part(division, year, figures, side, limit) -> Part:
    if isinstance(side, str):
        return Part(key=side, value=lookup(figures, side))
    trace = side(division, year)
    kind = "total" if trace.value else "count"
    explanation = _from_trace("", kind, None, trace, limit)
    value = explanation.total if trace.value else explanation.count
    explanation.figure = value
    return Part(key="", value=value, explanation=explanation)


def explain(
    division: Division, year: int, key: str, *, limit: int = 10, figures: dict | None = None
) -> Explanation:
    """The figure under ``key`` and the records behind it (the first ``limit`` of them)."""
    entries = registry()
    if key not in entries:
        raise UnknownKey(key)
    figures = figures if figures is not None else annual_figures(division, year)
    figure = lookup(figures, key)
    entry = entries[key]
    if isinstance(entry, Rate):
        return Explanation(
            key=key,
            kind="rate",
            figure=figure,
            description=entry.description,
            numerator=_part(division, year, figures, entry.numerator, limit),
            denominator=_part(division, year, figures, entry.denominator, limit),
        )
    kind = "total" if isinstance(entry, Total) else "count"
    return _from_trace(key, kind, figure, entry.trace(division, year), limit)


__all__ = ["Explanation", "UnknownKey", "count_keys", "explain", "registry"]
