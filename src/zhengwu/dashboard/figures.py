"""The dashboard's figure tiles: every figure of the annual report, labelled and formatted.

The figures are :func:`zhengwu.reports.annual.annual_figures` of the county and year (issue 10
item 1's keys); this module adds only what a reader needs on a wall screen: a Chinese label per
figure, the section it sits in, and its value as text (rates with one decimal and a percent
sign, "—" for a rate with nothing to count).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from zhengwu.reports.annual import SECTIONS, figure_keys, lookup

NONE = "—"

SECTION_LABELS = {
    "cases": pgettext_lazy("dashboard", "Approval cases of the year (county centre)"),
    "service_centre": pgettext_lazy("dashboard", "Administrative service centre"),
    "catalog": pgettext_lazy("dashboard", "Power list"),
    "enforcement": pgettext_lazy("dashboard", "Administrative enforcement"),
    "normative_documents": pgettext_lazy("dashboard", "Normative documents"),
    "contracts_reviewed": pgettext_lazy("dashboard", "Contract review"),
    "proposals": pgettext_lazy("dashboard", "Deputies' suggestions and CPPCC proposals"),
    "disputes": pgettext_lazy("dashboard", "Disputes"),
    "disclosure": pgettext_lazy("dashboard", "Information disclosure"),
    "training": pgettext_lazy("dashboard", "Law study and training"),
    "reconsideration": pgettext_lazy("dashboard", "Administrative reconsideration"),
    "litigation": pgettext_lazy("dashboard", "Administrative litigation"),
}

LABELS = {
    "cases.accepted": pgettext_lazy("dashboard", "Cases accepted"),
    "cases.completed": pgettext_lazy("dashboard", "Cases completed"),
    "cases.completion_rate": pgettext_lazy("dashboard", "Completion rate"),
    "cases.promised": pgettext_lazy("dashboard", "Promised matters accepted"),
    "cases.instant": pgettext_lazy("dashboard", "Instant matters accepted"),
    "service_centre.departments": pgettext_lazy("dashboard", "Departments stationed in the centre"),
    "service_centre.matters": pgettext_lazy("dashboard", "Matters handled in the centre"),
    "service_centre.accepted_to_date": pgettext_lazy("dashboard", "Cases accepted to date"),
    "service_centre.completed_to_date": pgettext_lazy("dashboard", "Cases completed to date"),
    "service_centre.completion_rate_to_date": pgettext_lazy("dashboard", "Completion rate to date"),
    "service_centre.township_halls_accepted_to_date": pgettext_lazy(
        "dashboard", "Cases accepted by township halls to date"
    ),
    "service_centre.service_points": pgettext_lazy("dashboard", "Village agency service points"),
    "catalog.licensing": pgettext_lazy("dashboard", "Administrative licensing"),
    "catalog.other_approval": pgettext_lazy("dashboard", "Other administrative approval"),
    "catalog.public_service": pgettext_lazy("dashboard", "Public services"),
    "catalog.fee": pgettext_lazy("dashboard", "Administrative fees"),
    "catalog.total": pgettext_lazy("dashboard", "Powers and services listed"),
    "enforcement.bodies.statutory": pgettext_lazy("dashboard", "Statutory enforcement bodies"),
    "enforcement.bodies.authorised": pgettext_lazy("dashboard", "Authorised organisations"),
    "enforcement.bodies.entrusted": pgettext_lazy("dashboard", "Entrusted organisations"),
    "enforcement.acts.penalty": pgettext_lazy("dashboard", "Administrative penalties"),
    "enforcement.acts.confirmation": pgettext_lazy("dashboard", "Administrative confirmations"),
    "enforcement.acts.compulsion": pgettext_lazy("dashboard", "Administrative compulsion"),
    "enforcement.acts.levy": pgettext_lazy("dashboard", "Administrative levies"),
    "enforcement.acts.ruling": pgettext_lazy("dashboard", "Administrative rulings"),
    "enforcement.acts.other": pgettext_lazy("dashboard", "Other enforcement acts"),
    "enforcement.acts.total": pgettext_lazy("dashboard", "Enforcement acts in total"),
    "enforcement.laws": pgettext_lazy("dashboard", "Laws and regulations enforced"),
    "normative_documents.reviewed": pgettext_lazy("dashboard", "Documents reviewed for legality"),
    "normative_documents.filed": pgettext_lazy("dashboard", "Documents filed"),
    "normative_documents.filing_rate": pgettext_lazy("dashboard", "Filing rate"),
    "normative_documents.cleanup_inconsistent": pgettext_lazy(
        "dashboard", "Found inconsistent in the clean-up"
    ),
    "normative_documents.cleanup_amend": pgettext_lazy(
        "dashboard", "To be amended after the clean-up"
    ),
    "contracts_reviewed": pgettext_lazy("dashboard", "Contracts reviewed"),
    "proposals.deputies": pgettext_lazy("dashboard", "Deputies' suggestions"),
    "proposals.cppcc": pgettext_lazy("dashboard", "CPPCC proposals"),
    "proposals.reply_rate": pgettext_lazy("dashboard", "Reply rate"),
    "disputes.found": pgettext_lazy("dashboard", "Disputes found"),
    "disputes.mediated": pgettext_lazy("dashboard", "Disputes mediated"),
    "disputes.success_rate": pgettext_lazy("dashboard", "Mediation success rate"),
    "disclosure.published_to_date": pgettext_lazy("dashboard", "Items published to date"),
    "disclosure.service_items": pgettext_lazy("dashboard", "Service items published"),
    "disclosure.disclosure_items": pgettext_lazy("dashboard", "Government information published"),
    "disclosure.requests": pgettext_lazy("dashboard", "Disclosure requests received"),
    "training.study_sessions": pgettext_lazy("dashboard", "Law study sessions"),
    "training.trained": pgettext_lazy("dashboard", "Staff trained"),
    "training.exam_units": pgettext_lazy("dashboard", "Units taking the law exam"),
    "training.examinees": pgettext_lazy("dashboard", "Examinees"),
    "training.exam_participation_rate": pgettext_lazy("dashboard", "Exam participation rate"),
    "reconsideration.received": pgettext_lazy("dashboard", "Reconsideration applications received"),
    "reconsideration.decided": pgettext_lazy("dashboard", "Reconsideration cases decided"),
    "litigation.received": pgettext_lazy("dashboard", "Lawsuits received"),
    "litigation.decided": pgettext_lazy("dashboard", "Lawsuits concluded"),
}


def is_rate(key: str) -> bool:
    return key.rsplit(".", 1)[-1].endswith("rate") or key.endswith("rate_to_date")


def label(key: str) -> str:
    return str(LABELS.get(key, key))


def display(key: str, value) -> str:
    """A figure as the tile shows it: ``4,284``, ``99.6%``, ``—``."""
    if value is None:
        return NONE
    if is_rate(key):
        return f"{float(value):.1f}%"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: object
    text: str
    is_rate: bool


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    tiles: list[Tile]


def tiles(figures: dict) -> list[Section]:
    """The figures as tiles, section by section in the report's order."""
    by_section: dict[str, list[Tile]] = {name: [] for name in SECTIONS}
    for key in figure_keys():
        value = lookup(figures, key)
        by_section[key.split(".", 1)[0]].append(
            Tile(key, label(key), value, display(key, value), is_rate(key))
        )
    return [
        Section(name, str(SECTION_LABELS.get(name, name)), items)
        for name, items in by_section.items()
    ]
