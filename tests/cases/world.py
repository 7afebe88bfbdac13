"""A small county with a service centre, a joint matter, an instant matter and their staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    CitizenFactory,
    CountyFactory,
    DepartmentFactory,
    Role,
    ServiceCentreFactory,
    StaffFactory,
)
from zhengwu.catalog import services as catalog
from zhengwu.catalog.models import Fee, Material, Power, Stage
from zhengwu.org.models import Department, ServiceCentre, User

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "申请书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def png(name: str = "照片.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG)


@dataclass
class World:
    centre: ServiceCentre
    lead: Department
    co: list[Department]
    clerk: User  # a window clerk of the county centre
    reviewer: User  # the lead department's reviewer
    head: User  # the lead department's head
    co_reviewers: list[User]
    citizen: User
    joint: Power  # 45 + 15 working days, review then three co-reviews in parallel
    instant: Power
    simple: Power  # 20 + 10 working days, review, decision, delivery


def _power(code, name, dept, *, legal, promised, extension, instant=False, stages=(), fee=None):
    power, version = catalog.power_create(
        actor=None,
        basic_code=code,
        implementation_code=f"152531-{dept.code}-{code}",
        name=name,
        kind="licensing",
        department=dept,
        legal_limit_days=legal,
        promised_limit_days=promised,
        max_extension_days=extension,
        matter_type="instant" if instant else "promised",
        in_service_centre=True,
        result_name="许可证",
    )
    Material.objects.create(version=version, position=0, name="申请书")
    Material.objects.create(version=version, position=1, name="营业执照")
    if fee is not None:
        Fee.objects.create(version=version, position=0, item="证照工本费", amount=fee)
    for i, stage in enumerate(stages):
        Stage.objects.create(version=version, position=i, **stage)
    catalog.power_version_publish(actor=None, version=version)
    power.refresh_from_db()
    return power


def build_world() -> World:
    county = CountyFactory()
    centre = ServiceCentreFactory(division=county, name="多伦县行政服务中心")
    hall = DepartmentFactory(division=county, code="spzx", name="多伦县行政服务中心")
    lead = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    co = [
        DepartmentFactory(division=county, code=code, name=name)
        for code, name in [
            ("xfd", "多伦县消防救援大队"),
            ("gtj", "多伦县自然资源局"),
            ("hbj", "多伦县生态环境分局"),
        ]
    ]
    clerk = StaffFactory(department=hall, service_centre=centre, roles=[Role.WINDOW_CLERK])
    reviewer = StaffFactory(department=lead, roles=[Role.REVIEWER])
    head = StaffFactory(department=lead, roles=[Role.DEPARTMENT_HEAD, Role.REVIEWER])
    co_reviewers = [StaffFactory(department=d, roles=[Role.REVIEWER]) for d in co]
    citizen = CitizenFactory(email="ma@example.cn", phone="13904791234")

    def stage(code, name, kind, dept, role, limit=None, group=None):
        return {
            "code": code,
            "name": name,
            "kind": kind,
            "department": dept,
            "role": role,
            "limit_days": limit,
            "parallel_group": group,
        }

    joint = _power(
        "LIC0001",
        "建筑工程施工许可",
        lead,
        legal=45,
        promised=20,
        extension=15,
        stages=[
            stage("accept", "受理", "accept", lead, "window_clerk", 1),
            stage("review", "审查", "review", lead, "reviewer", 5),
            *[
                stage(f"co{i}", f"{d.name}联合审查", "co_review", d, "reviewer", 10, 1)
                for i, d in enumerate(co, start=1)
            ],
            stage("decide", "决定", "decide", lead, "department_head", 20),
            stage("deliver", "送达", "deliver", lead, "window_clerk", 2),
        ],
    )
    instant = _power(
        "LIC0002",
        "建筑业企业资质证书变更",
        lead,
        legal=None,
        promised=None,
        extension=0,
        instant=True,
        stages=[
            stage("accept", "受理", "accept", lead, "window_clerk"),
            stage("decide", "当场办结", "decide", lead, "reviewer"),
        ],
    )
    simple = _power(
        "LIC0003",
        "房地产开发企业资质核定",
        lead,
        legal=20,
        promised=10,
        extension=10,
        fee=50,
        stages=[
            stage("accept", "受理", "accept", lead, "window_clerk", 1),
            stage("review", "审查", "review", lead, "reviewer", 5),
            stage("decide", "决定", "decide", lead, "department_head", 10),
            stage("deliver", "送达", "deliver", lead, "window_clerk", 2),
        ],
    )
    return World(
        centre, lead, co, clerk, reviewer, head, co_reviewers, citizen, joint, instant, simple
    )
