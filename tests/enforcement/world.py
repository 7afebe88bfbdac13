"""A county with its legal-affairs office, a confirmed statutory agency (the housing bureau) with
three certified officials and acts in the catalog, an entrusted organisation, a supervisor; and
the factories of the enforcement registry.

Dates (2026 official calendar): National Day 1–7 October is off and Saturday 10 October is
worked. Officials' certificates are issued on 2026-01-05 and valid to 2028-12-31; their law
exams were passed on 2025-11-20.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
import time_machine
from django.utils import timezone

from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory, make_id_number
from zhengwu.catalog.models import BodyStanding, Power, PowerKind, PowerVersion
from zhengwu.enforcement import services
from zhengwu.enforcement.models import (
    Certificate,
    ConfirmationBatch,
    EnforcementBody,
    LawExamResult,
    Official,
)
from zhengwu.org.models import Department, Division, User

D = datetime.date
ISSUED = D(2026, 1, 5)
EXAM = D(2025, 11, 20)
FILED = D(2026, 3, 5)  # the default filing day of file_case


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False)


_serial = iter(range(1, 1_000_000))


def make_power(
    department: Department,
    kind: str = PowerKind.PENALTY,
    *,
    name="",
    standing=None,
    entrusting_body=None,
    laws=("中华人民共和国城乡规划法",),
) -> Power:
    """An in-force catalog power of ``department`` with one legal basis per law."""
    n = next(_serial)
    power = Power.objects.create(
        basic_code=f"ENF{n:05d}",
        implementation_code=f"152531-{department.code}-ENF{n:05d}",
        status=Power.Status.IN_FORCE,
    )
    version = PowerVersion.objects.create(
        power=power,
        number=1,
        name=name or f"{department.name}执法事项{n}",
        kind=kind,
        department=department,
        standing=standing or BodyStanding.STATUTORY,
        entrusting_body=entrusting_body,
    )
    for title in laws:
        version.legal_bases.create(title=title, article="第六十四条")
    PowerVersion.objects.filter(pk=version.pk).update(published_at=timezone.now())
    power.current = version
    power.save(update_fields=["current"])
    return power


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    full_name = factory.Sequence(lambda n: f"执法员{n}")
    id_number = factory.Sequence(lambda n: make_id_number(f"15253119850101{n % 1000:03d}"))
    phone = factory.Sequence(lambda n: f"139047{n % 100000:05d}")
    post = "执法队员"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    number = factory.Sequence(lambda n: f"15253100{n:04d}")
    issuing_authority = "内蒙古自治区人民政府"
    area = "多伦县行政区域"
    valid_from = ISSUED
    valid_to = D(2028, 12, 31)


def certified(body: EnforcementBody, **fields) -> Official:
    """An official of ``body`` with a passed exam and a valid certificate."""
    official = OfficialFactory(body=body, **fields)
    LawExamResult.objects.create(official=official, taken_on=EXAM, passed=True)
    CertificateFactory(official=official)
    return official


@dataclass
class World:
    county: Division
    office: Department  # 法制办
    bureau: Department  # 住建局, a statutory agency
    squad: Department  # 城管执法局, entrusted by the bureau
    legal: User  # legal-affairs officer
    handler: User  # reviewer of the bureau
    outsider: User  # reviewer of another department
    supervisor: User
    batch: ConfirmationBatch
    body: EnforcementBody
    penalty: Power
    compulsion: Power
    officials: list[Official]


def build_world() -> World:
    county = CountyFactory()
    office = DepartmentFactory(
        division=county, code="fzb", name="多伦县人民政府法制办公室", kind=Department.Kind.OFFICE
    )
    bureau = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    squad = DepartmentFactory(
        division=county,
        code="cgzf",
        name="多伦县城市管理行政执法局",
        kind=Department.Kind.INSTITUTION,
    )
    other = DepartmentFactory(division=county, code="czj", name="多伦县财政局")
    supervision = DepartmentFactory(division=county, code="jcj", name="多伦县监察局")
    legal = StaffFactory(department=office, roles=[Role.LEGAL_OFFICER], full_name="赵磊")
    batch = ConfirmationBatch.objects.create(
        division=county, number=1, approved_on=D(2012, 6, 1), document="多政发〔2012〕45号"
    )
    body = EnforcementBody.objects.create(
        division=county,
        department=bureau,
        standing=BodyStanding.STATUTORY,
        status=EnforcementBody.Status.CONFIRMED,
        batch=batch,
        confirmed_on=D(2012, 6, 1),
    )
    penalty = make_power(bureau, PowerKind.PENALTY, name="对违法建设行为的处罚")
    compulsion = make_power(
        bureau, PowerKind.COMPULSION, name="查封施工现场", laws=("中华人民共和国行政强制法",)
    )
    return World(
        county=county,
        office=office,
        bureau=bureau,
        squad=squad,
        legal=legal,
        handler=StaffFactory(department=bureau, roles=[Role.REVIEWER], full_name="张伟"),
        outsider=StaffFactory(department=other, roles=[Role.REVIEWER]),
        supervisor=StaffFactory(department=supervision, roles=[Role.SUPERVISOR]),
        batch=batch,
        body=body,
        penalty=penalty,
        compulsion=compulsion,
        officials=[certified(body) for _ in range(3)],
    )


def file_case(
    w: World, *, day=FILED, number=None, is_major=False, power=None, officials=None, body=None
):
    with on(day):
        return services.casefile_file(
            actor=w.handler,
            body=body or w.body,
            power=power or w.penalty,
            number=number or f"多住建罚立字〔2026〕{next(_serial)}号",
            parties="多伦县某建筑公司",
            officials=officials if officials is not None else w.officials[:2],
            filed_on=day,
            is_major=is_major,
        )


def decide(w: World, case_file, *, investigated=None, day, outcome="penalised", amount="5000"):
    """Investigate (the day before unless given), notify rights and decide on ``day``."""
    from decimal import Decimal

    investigated = investigated or day - datetime.timedelta(days=1)
    with on(day):
        case_file = services.casefile_record_investigation(
            actor=w.handler, case_file=case_file, on=investigated
        )
        if case_file.is_major:
            case_file = services.casefile_request_review(
                actor=w.handler, case_file=case_file, on=investigated
            )
            case_file = services.casefile_record_review(
                actor=w.legal, case_file=case_file, passed=True, opinion="合法", on=day
            )
        return services.casefile_decide(
            actor=w.handler,
            case_file=case_file,
            outcome=outcome,
            penalty_amount=Decimal(amount) if amount else None,
            on=day,
        )
