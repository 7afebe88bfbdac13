"""The statutory annual report on government information disclosure (arts. 49–50), in the
unified format of 国办公开办函〔2021〕30号, written from the records.

Sections: 一 summary (text written from the figures); 二 proactive disclosure (the table of
art. 20 items (1), (5), (6) and (8)); 三 requests received and handled (``requests.table``);
四 reconsideration and litigation about disclosure; 五 problems and improvements and 六 other
matters, whose text the office writes (``notes``), with the processing fees of art. 42 from the
records.

Figures other modules own come through :func:`register_figure`: the normative-documents
registry, the enforcement registers and the reconsideration/litigation registers each register
theirs; until a module does, its figures are counted from the records this module holds (the
items published in the catalog's categories for rules and normative documents) or are zero
because no such record exists. Nothing is typed in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from zhengwu.disclosure.guide import disclosure_office
from zhengwu.disclosure.models import Item
from zhengwu.disclosure.requests.table import COLUMNS, requests_table, table_lines
from zhengwu.disclosure.selectors import publication_figures
from zhengwu.org.models import Division

TEN_THOUSAND = Decimal(10_000)
RESULT_COLUMNS = ["maintained", "corrected", "other", "pending", "total"]

# name → function(division, year) giving that figure (see the module docstring).
_FIGURES: dict[str, Callable[[Division, int], object]] = {}


def register_figure(name: str, fn: Callable[[Division, int], object]) -> None:
    _FIGURES[name] = fn


def _figure(name: str, division: Division, year: int, default: Callable):
    return (_FIGURES.get(name) or default)(division, year)


# --- section 2 ------------------------------------------------------------------------------


def _documents(code: str):
    """Issued, repealed and in force of the items of a catalog sub-item (01.01 rules, 01.02
    normative documents), as published."""

    def count(division: Division, year: int) -> dict:
        end = datetime.date(year, 12, 31)
        items = Item.objects.filter(division=division, category__code=code).exclude(
            status__in=[Item.Status.DRAFT, Item.Status.IN_REVIEW]
        )
        ended = Q(validity__in=[Item.Validity.REPEALED, Item.Validity.LAPSED])
        return {
            "issued": items.filter(published_on__year=year).count(),
            "repealed": items.filter(ended, valid_to__year=year).count(),
            "in_force": items.filter(published_on__lte=end)
            .exclude(ended & Q(valid_to__lte=end))
            .exclude(status=Item.Status.WITHDRAWN, withdrawn_on__lte=end)
            .count(),
        }

    return count


def _licensing(division: Division, year: int) -> int:
    from zhengwu.cases.stats import cases_of

    return (
        cases_of(division)
        .filter(power_version__kind="licensing", decided_on__year=year)
        .exclude(decision="")
        .count()
    )


def _no_records(division: Division, year: int) -> int:
    return 0


def _fees(division: Division, year: int) -> Decimal:
    from zhengwu.cases.stats import cases_of
    from zhengwu.supervision.models import FeeCharge

    total = (
        FeeCharge.objects.filter(
            charged_on__year=year, case__in=cases_of(division).order_by().values("pk")
        )
        .order_by()
        .aggregate(total=Sum("amount"))["total"]
    )
    return (total or Decimal(0)).quantize(Decimal("0.01"))


def _results(division: Division, year: int) -> dict:
    return dict.fromkeys(RESULT_COLUMNS, 0)


def _processing_fees(division: Division, year: int) -> Decimal:
    from zhengwu.disclosure.models.requests import DisclosureRequest

    total = (
        DisclosureRequest.objects.filter(division=division, fee_notice_on__year=year)
        .order_by()
        .aggregate(total=Sum("processing_fee"))["total"]
    )
    return (total or Decimal(0)).quantize(Decimal("0.01"))


# --- the report -----------------------------------------------------------------------------


@dataclass
class DisclosureReport:
    year: int
    division: Division
    office: str
    proactive: dict
    requests: dict
    review: dict  # section 4: reconsideration, litigation directly, litigation after review
    processing_fees: Decimal
    publication: dict
    notes: dict = field(default_factory=dict)

    def summary(self) -> list[str]:
        """Section 1, written from the figures (in the site's language)."""
        p, r = self.publication, self.requests
        with translation.override(settings.LANGUAGE_CODE):
            lines = [
                _(
                    "In %(year)s, %(name)s published %(year_n)s items of government information "
                    "(%(service)s service items and %(disclosure)s disclosure items); %(to_date)s "
                    "items are published in its disclosure catalog to date."
                )
                % {
                    "year": self.year,
                    "name": self.division.name,
                    "year_n": p["published_in_year"],
                    "service": p["service_items"],
                    "disclosure": p["disclosure_items"],
                    "to_date": p["published_to_date"],
                },
                _(
                    "%(late)s items were published later than the 20 working days of art. 26 "
                    "of the Regulations."
                )
                % {"late": p["late"]},
                _(
                    "It received %(new)s requests for disclosure, carried %(over)s over from the "
                    "year before, concluded %(handled)s and carries %(forward)s forward."
                )
                % {
                    "new": r["new"]["total"],
                    "over": r["carried_over"]["total"],
                    "handled": r["handled"]["total"],
                    "forward": r["carried_forward"]["total"],
                },
            ]
        return lines

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "division": self.division.name,
            "office": self.office,
            "summary": self.summary(),
            "publication": self.publication,
            "proactive": {
                key: (str(value) if isinstance(value, Decimal) else value)
                for key, value in self.proactive.items()
            },
            "requests": self.requests,
            "requests_lines": table_lines(self.requests),
            "review": self.review,
            "processing_fees": str(self.processing_fees),
            "notes": self.notes,
        }


def disclosure_report(division: Division, year: int, *, notes: dict | None = None):
    """The report of ``division`` (a county) for ``year``."""
    figures = publication_figures(division, year)
    fees = _figure("fees", division, year, _fees)
    office = disclosure_office(division)
    return DisclosureReport(
        year=year,
        division=division,
        office=office.name if office else "",
        publication={
            "published_to_date": figures.published_to_date,
            "published_in_year": figures.published_in_year,
            "service_items": figures.service_items,
            "disclosure_items": figures.disclosure_items,
            "late": figures.late,
        },
        proactive={
            "rules": _figure("rules", division, year, _documents("01.01")),
            "normative_documents": _figure(
                "normative_documents", division, year, _documents("01.02")
            ),
            "licensing": _figure("licensing", division, year, _licensing),
            "penalty": _figure("penalty", division, year, _no_records),
            "compulsion": _figure("compulsion", division, year, _no_records),
            "fees_yuan": fees,
            "fees_10k_yuan": (fees / TEN_THOUSAND).quantize(Decimal("0.0001")),
        },
        requests=requests_table(year, division),
        review={
            "reconsideration": _figure("reconsideration", division, year, _results),
            "litigation_direct": _figure("litigation_direct", division, year, _results),
            "litigation_after_review": _figure("litigation_after_review", division, year, _results),
        },
        processing_fees=_figure("processing_fees", division, year, _processing_fees),
        notes=notes or {},
    )


__all__ = ["COLUMNS", "DisclosureReport", "disclosure_report", "register_figure"]


REPORT_FEED = "reports"


def publish_disclosure_report(*, actor, report: DisclosureReport, department, on: datetime.date):
    """Publish the report in the catalog (22.01 annual reports), or bring the published one up
    to date: its text is the summary and the tables' figures as written in the DOCX."""
    from zhengwu.disclosure.services import item_publish_from_source

    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(name)s annual report on government information disclosure, %(year)s") % {
            "name": report.division.name,
            "year": report.year,
        }
        lines = [*report.summary()]
        for line in report.as_dict()["requests_lines"]:
            if line["cells"]:
                lines.append(f"{line['label']}：{line['cells'][-1]}")
    return item_publish_from_source(
        actor=actor,
        source_key=("reports.disclosure", f"{report.division.code}-{report.year}"),
        feed=REPORT_FEED,
        department=department,
        title=title,
        body="\n".join(lines),
        created_on=on,
        published_on=on,
        kind="disclosure",
        topic="government",
    )
