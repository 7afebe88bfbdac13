"""What the disclosure guide (政府信息公开指南) says, from the records and the law.

The guide's time limits are those of the 2019 Regulations; where to apply and where to read
disclosed information come from the county's own records (its disclosure office and its service
centres), so the guide cannot drift from how the county is organised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from zhengwu.org.models import Department, Division, ServiceCentre, User
from zhengwu.org.roles import Role

# The periods of the Regulations on Government Information Disclosure (2019), in working days
# unless said otherwise, with their articles.
PROACTIVE_DAYS = 20  # art. 26
CORRECTION_NOTICE_DAYS = 7  # art. 30
REPLY_DAYS = 20  # art. 33
EXTENSION_DAYS = 20  # art. 33
THIRD_PARTY_DAYS = 15  # art. 32
RECONSIDERATION_DAYS = 60  # calendar days, Administrative Reconsideration Law art. 20
LITIGATION_MONTHS = 6  # Administrative Litigation Law art. 46


@dataclass
class GuideFacts:
    county: Division
    office: Department | None
    query_points: list[ServiceCentre] = field(default_factory=list)
    proactive_days: int = PROACTIVE_DAYS
    correction_days: int = CORRECTION_NOTICE_DAYS
    reply_days: int = REPLY_DAYS
    extension_days: int = EXTENSION_DAYS
    third_party_days: int = THIRD_PARTY_DAYS
    reconsideration_days: int = RECONSIDERATION_DAYS
    litigation_months: int = LITIGATION_MONTHS


def disclosure_office(county: Division) -> Department | None:
    """The department whose officers hold the disclosure role (the disclosure office), else the
    county government's office."""
    officer = (
        User.objects.filter(
            groups__name=Role.DISCLOSURE_OFFICER, department__division=county, is_active=True
        )
        .select_related("department")
        .order_by("pk")
        .first()
    )
    if officer is not None:
        return officer.department
    return (
        Department.objects.filter(division=county, kind=Department.Kind.OFFICE, is_active=True)
        .order_by("code")
        .first()
    )


def guide_facts(county: Division) -> GuideFacts:
    points = (
        ServiceCentre.objects.filter(is_active=True)
        .filter(Q(division=county) | Q(division__parent=county))
        .filter(kind__in=[ServiceCentre.Kind.COUNTY_CENTRE, ServiceCentre.Kind.TOWNSHIP_HALL])
    )
    return GuideFacts(
        county=county,
        office=disclosure_office(county),
        query_points=list(points.order_by("kind", "name")),
    )
