"""Factories and a small county for the registry's tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory

from tests.factories import CountyFactory, DepartmentFactory, LeagueFactory, Role, StaffFactory
from zhengwu.org.models import Department
from zhengwu.rulemaking import services
from zhengwu.rulemaking.models import NormativeDocument


@dataclass
class World:
    county: object
    government: Department
    legal_office: Department
    drafting: Department
    legal: object  # a legal officer
    drafter: object  # staff of the drafting department
    outsider: object  # staff of another department
    supervisor: object


def make_world() -> World:
    league = LeagueFactory()
    DepartmentFactory(division=league, code="xs", name="锡林郭勒盟行政公署",
                      kind=Department.Kind.GOVERNMENT)  # fmt: skip
    county = CountyFactory(parent=league)
    government = DepartmentFactory(division=county, code="zf", name="多伦县人民政府",
                                   kind=Department.Kind.GOVERNMENT)  # fmt: skip
    legal_office = DepartmentFactory(division=county, code="fzb", name="多伦县人民政府法制办公室",
                                     kind=Department.Kind.OFFICE)  # fmt: skip
    drafting = DepartmentFactory(division=county, code="fgj", name="多伦县发展和改革局")
    other = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    return World(
        county=county,
        government=government,
        legal_office=legal_office,
        drafting=drafting,
        legal=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER]),
        drafter=StaffFactory(department=drafting, roles=[Role.REVIEWER]),
        outsider=StaffFactory(department=other, roles=[Role.REVIEWER]),
        supervisor=StaffFactory(department=other, roles=[Role.SUPERVISOR]),
    )


class DraftFactory(factory.Factory):
    """A draft made through the service (``document_draft``)."""

    class Meta:
        model = NormativeDocument

    title = factory.Sequence(lambda n: f"多伦县规范性文件{n}")
    text = "第一条 为了规范管理，制定本办法。"
    number_prefix = "多政发"

    @classmethod
    def _create(cls, model_class, *, world: World, **kwargs):
        return services.document_draft(
            actor=kwargs.pop("actor", world.drafter),
            drafting_department=world.drafting,
            issuer=kwargs.pop("issuer", world.government),
            **kwargs,
        )


def publish(world: World, *, on: datetime.date, number_on: datetime.date | None = None,
            **draft) -> NormativeDocument:  # fmt: skip
    """A document driven through review, adoption and signing to publication on ``on``."""
    number_on = number_on or on
    document = DraftFactory(world=world, **draft)
    services.document_submit_for_review(actor=world.drafter, document=document, on=number_on)
    services.document_review(actor=world.legal, document=document, opinion="pass", on=number_on)
    services.document_adopt(actor=world.legal, document=document, meeting="县政府常务会议",
                            on=number_on)  # fmt: skip
    services.document_sign(actor=world.legal, document=document, signed_by="县长", on=number_on)
    return services.document_publish(actor=world.legal, document=document, on=on)
