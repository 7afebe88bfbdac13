"""The figures of the annual report on law-based administration, composed from the registers.

Every figure here is one a register already computes; this module only picks the keys the report
prints (issue 10, item 1) out of each register's own figures and lays them out as the report's
sections. Nothing is counted twice and nothing is counted in Python: each register's function is
a handful of aggregate queries.

Where each section comes from:

``cases`` / ``service_centre``
    :func:`zhengwu.cases.stats.annual_figures` over the division's cases (the year's cases
    handled at the county centre; its to-date figures on 31 December). ``departments`` and
    ``matters`` are the catalog's ``service_centre_departments`` and ``service_centre``
    (:func:`zhengwu.catalog.selectors.catalog_stats`); ``service_points`` is the number of
    active village agency service points of the division (configuration, not records of the
    year).
``catalog``
    :func:`~zhengwu.catalog.selectors.catalog_stats` of the published versions of the
    division's bodies; ``total`` is the sum of the four kinds the report names.
``enforcement``
    :func:`zhengwu.enforcement.figures.annual_figures` (bodies and acts as confirmed on 31
    December).
``normative_documents``
    :func:`zhengwu.rulemaking.figures.annual_figures`.
``contracts_reviewed``
    ``reviewed`` of :func:`zhengwu.contracts.figures.annual_figures`.
``proposals``, ``disputes``, ``training``
    :func:`zhengwu.proposals.figures.annual_figures`,
    :func:`zhengwu.disputes.figures.annual_figures`,
    :func:`zhengwu.lawstudy.figures.annual_figures`.
``disclosure``
    :func:`zhengwu.disclosure.selectors.publication_figures` and the new requests of the year
    (``new.total`` of :func:`zhengwu.disclosure.requests.table.requests_table`).
``reconsideration`` / ``litigation``
    :func:`zhengwu.reconsideration.figures.reconsideration_figures` / ``litigation_figures``.

Rates are percentages with one decimal (half up), ``None`` when the denominator is 0, as each
register gives them.
"""

from __future__ import annotations

from zhengwu.org.models import Division

# The report's sections and their keys, in the order issue 10 lists them (nested dicts for the
# sections with sub-sections). ``explain`` and the tests read this.
SECTIONS: dict[str, object] = {
    "cases": ["accepted", "completed", "completion_rate", "promised", "instant"],
    "service_centre": [
        "departments",
        "matters",
        "accepted_to_date",
        "completed_to_date",
        "completion_rate_to_date",
        "township_halls_accepted_to_date",
        "service_points",
    ],
    "catalog": ["licensing", "other_approval", "public_service", "fee", "total"],
    "enforcement": {
        "bodies": ["statutory", "authorised", "entrusted"],
        "acts": ["penalty", "confirmation", "compulsion", "levy", "ruling", "other", "total"],
        "laws": None,
    },
    "normative_documents": [
        "reviewed",
        "filed",
        "filing_rate",
        "cleanup_inconsistent",
        "cleanup_amend",
    ],
    "contracts_reviewed": None,
    "proposals": ["deputies", "cppcc", "reply_rate"],
    "disputes": ["found", "mediated", "success_rate"],
    "disclosure": ["published_to_date", "service_items", "disclosure_items", "requests"],
    "training": [
        "study_sessions",
        "trained",
        "exam_units",
        "examinees",
        "exam_participation_rate",
    ],
    "reconsideration": ["received", "decided"],
    "litigation": ["received", "decided"],
}
CATALOG_KINDS = ["licensing", "other_approval", "public_service", "fee"]


def figure_keys() -> list[str]:
    """Every figure's dotted key (``cases.accepted``, ``enforcement.bodies.statutory``, …)."""

    def walk(prefix: str, spec) -> list[str]:
        if spec is None:
            return [prefix]
        if isinstance(spec, dict):
            return [k for name, sub in spec.items() for k in walk(f"{prefix}.{name}", sub)]
        return [f"{prefix}.{name}" for name in spec]

    return [k for name, spec in SECTIONS.items() for k in walk(name, spec)]


def lookup(figures: dict, key: str):
    """The figure under a dotted key."""
    value = figures
    for part in key.split("."):
        value = value[part]
    return value


def _pick(source: dict, keys: list[str]) -> dict:
    return {k: source[k] for k in keys}


def service_points(division: Division) -> int:
    """The division's active village agency service points (configuration)."""
    from zhengwu.org.models import ServiceCentre
    from zhengwu.org.selectors import divisions_under

    return ServiceCentre.objects.filter(
        division__in=divisions_under(division),
        kind=ServiceCentre.Kind.VILLAGE_POINT,
        is_active=True,
    ).count()


def catalog_versions(division: Division):
    """The published catalog versions of the division's bodies (what ``catalog`` counts)."""
    from zhengwu.catalog.selectors import published_versions
    from zhengwu.org.selectors import divisions_under

    return published_versions().filter(department__division__in=divisions_under(division))


def annual_figures(division: Division, year: int) -> dict:
    """The report's figures of ``division`` (a county) for ``year``; JSON-serialisable."""
    from zhengwu.cases import stats as case_stats
    from zhengwu.catalog.selectors import catalog_stats
    from zhengwu.contracts import figures as contracts
    from zhengwu.disclosure.requests.table import requests_table
    from zhengwu.disclosure.selectors import publication_figures
    from zhengwu.disputes import figures as disputes
    from zhengwu.enforcement import figures as enforcement
    from zhengwu.lawstudy import figures as lawstudy
    from zhengwu.proposals import figures as proposals
    from zhengwu.reconsideration import figures as reconsideration
    from zhengwu.rulemaking import figures as rulemaking

    cases = case_stats.annual_figures(year, cases=case_stats.cases_of(division))
    catalog = catalog_stats(catalog_versions(division))
    by_kind = catalog["by_kind"]
    acts = enforcement.annual_figures(division, year)
    documents = rulemaking.annual_figures(division, year)
    publication = publication_figures(division, year)
    training = lawstudy.annual_figures(division, year)
    return {
        "year": year,
        "division": division.code,
        "cases": _pick(cases["cases"], SECTIONS["cases"]),
        "service_centre": {
            "departments": catalog["service_centre_departments"],
            "matters": catalog["service_centre"],
            **cases["service_centre"],
            "service_points": service_points(division),
        },
        "catalog": {
            **{k: by_kind[k] for k in CATALOG_KINDS},
            "total": sum(by_kind[k] for k in CATALOG_KINDS),
        },
        "enforcement": {
            "bodies": _pick(acts["bodies"], SECTIONS["enforcement"]["bodies"]),
            "acts": _pick(acts["acts"], SECTIONS["enforcement"]["acts"]),
            "laws": acts["laws"],
        },
        "normative_documents": _pick(documents, SECTIONS["normative_documents"]),
        "contracts_reviewed": contracts.annual_figures(division, year)["reviewed"],
        "proposals": _pick(proposals.annual_figures(division, year), SECTIONS["proposals"]),
        "disputes": _pick(disputes.annual_figures(division, year), SECTIONS["disputes"]),
        "disclosure": {
            "published_to_date": publication.published_to_date,
            "service_items": publication.service_items,
            "disclosure_items": publication.disclosure_items,
            "requests": requests_table(year, division)["new"]["total"],
        },
        "training": _pick(training, SECTIONS["training"]),
        "reconsideration": _pick(
            reconsideration.reconsideration_figures(division, year), ["received", "decided"]
        ),
        "litigation": _pick(
            reconsideration.litigation_figures(division, year), ["received", "decided"]
        ),
    }
