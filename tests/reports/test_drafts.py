"""The annual report drafts driven through the services: create with the default blocks, edit,
submit, return, approve (DOCX stored with the figures snapshot), the audit events, the illegal
moves, the frozen approved draft and the optimistic lock."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
import time_machine
from docx import Document

from tests.cases.world import build_world
from tests.factories import CountyFactory, DepartmentFactory, LeagueFactory, Role, StaffFactory
from tests.reports.test_document import _case
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import Department
from zhengwu.reports import services
from zhengwu.reports.defaults import DEFAULT_BLOCKS
from zhengwu.reports.models import AnnualReportDraft, Section
from zhengwu.reports.selectors import draft_figures

pytestmark = pytest.mark.django_db
S = AnnualReportDraft.Status


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    county: object
    other_county: object
    legal: object
    legal2: object
    supervisor: object
    office_head: object  # head of the county government office: reads
    department_head: object  # head of a working department: does not read
    reviewer: object
    outsider: object  # a legal officer of another county


def make_world(*, second_legal_officer: bool = True) -> World:
    league = LeagueFactory()
    county = CountyFactory(parent=league)
    other = CountyFactory(parent=league, code="152530000000", name="正蓝旗")
    legal_office = DepartmentFactory(division=county, code="fzb", name="多伦县人民政府法制办公室",
                                     kind=Department.Kind.OFFICE)  # fmt: skip
    government_office = DepartmentFactory(division=county, code="zfb",
                                          name="多伦县人民政府办公室",
                                          kind=Department.Kind.OFFICE)  # fmt: skip
    bureau = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    other_office = DepartmentFactory(division=other, code="fzb", name="正蓝旗法制办公室",
                                     kind=Department.Kind.OFFICE)  # fmt: skip
    return World(
        county=county,
        other_county=other,
        legal=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER]),
        legal2=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER])
        if second_legal_officer
        else None,
        supervisor=StaffFactory(department=bureau, roles=[Role.SUPERVISOR]),
        office_head=StaffFactory(department=government_office, roles=[Role.DEPARTMENT_HEAD]),
        department_head=StaffFactory(department=bureau, roles=[Role.DEPARTMENT_HEAD]),
        reviewer=StaffFactory(department=bureau, roles=[Role.REVIEWER]),
        outsider=StaffFactory(department=other_office, roles=[Role.LEGAL_OFFICER]),
    )


@pytest.fixture
def world() -> World:
    return make_world()


def create(world: World, year: int = 2012) -> AnnualReportDraft:
    return services.annual_report_create(actor=world.legal, division=world.county, year=year,
                                         dated=datetime.date(2013, 1, 10))  # fmt: skip


def events(draft: AnnualReportDraft) -> list[AuditEvent]:
    blocks = [str(pk) for pk in draft.blocks.values_list("pk", flat=True)]
    return list(
        AuditEvent.objects.filter(
            object_type__in=["reports.annualreportdraft", "reports.reportblock"]
        )
        .filter(object_id__in=[str(draft.pk), *blocks])
        .order_by("seq")
    )


def test_a_new_draft_has_the_default_blocks_of_every_section(world):
    draft = create(world)
    expected = sum(len(texts) for texts in DEFAULT_BLOCKS.values())
    assert draft.blocks.count() == expected
    assert set(draft.blocks.values_list("section", flat=True)) == {s.value for s in Section}
    plans = draft.blocks.get(section=Section.PLANS, order=1).text
    assert "2013年推进依法行政工作要点" in plans and "{" not in plans
    preamble = draft.blocks.get(section=Section.PREAMBLE).text
    assert preamble.startswith(f"根据{world.county.parent.name}行政公署办公厅《关于报送")
    assert "我县2012年推进依法行政工作情况报告如下" in preamble
    assert (draft.status, draft.version) == (S.DRAFT, 1)
    assert draft.document_number == "多政发〔2013〕1号"
    assert draft.addressees == f"{world.county.parent.name}行政公署办公厅、多伦县人大常委会"
    assert draft.signatory == "多伦县人民政府"
    [event] = events(draft)
    assert (event.action, event.actor, event.to_state) == ("annual_report_create", world.legal,
                                                           "draft")  # fmt: skip
    assert event.detail["blocks"] == expected


def test_one_draft_a_year_and_only_a_legal_officer_of_the_county_creates_it(world):
    create(world)
    with pytest.raises(DomainError) as error:
        create(world)
    assert error.value.code == "exists"
    for user in (world.supervisor, world.office_head, world.outsider):
        with pytest.raises(NotPermitted):
            services.annual_report_create(actor=user, division=world.county, year=2013)
    assert AnnualReportDraft.objects.count() == 1


def test_editing_a_block_bumps_the_version_and_is_audited(world):
    draft = create(world)
    block = draft.blocks.get(section=Section.AWARENESS, order=1)
    services.report_block_edit(actor=world.legal2, block=block, version=1,
                               text="  一是县政府常务会议专题研究依法行政工作4次。 ")  # fmt: skip
    block.refresh_from_db()
    draft.refresh_from_db()
    assert block.text == "一是县政府常务会议专题研究依法行政工作4次。"
    assert (block.updated_by, draft.version) == (world.legal2, 2)
    event = events(draft)[-1]
    assert (event.action, event.actor, event.object_id) == (
        "report_block_edit", world.legal2, str(block.pk),
    )  # fmt: skip
    assert event.detail["section"] == "awareness" and event.detail["version"] == 2


def test_a_stale_version_is_a_conflict_and_changes_nothing(world):
    draft = create(world)
    first = draft.blocks.get(section=Section.PILOT, order=1)
    second = draft.blocks.get(section=Section.PROBLEMS, order=1)
    services.report_block_edit(actor=world.legal, block=first, text="甲", version=1)
    with pytest.raises(Conflict) as error:
        services.report_block_edit(actor=world.legal2, block=second, text="乙", version=1)
    assert error.value.code == "stale_version"
    assert "当前为第2版,您修改的是第1版" in str(error.value.message)
    second.refresh_from_db()
    assert second.text != "乙"
    with pytest.raises(Conflict):
        services.annual_report_submit(actor=world.legal, draft=draft, version=1)
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (S.DRAFT, 2)


def test_an_empty_paragraph_is_refused(world):
    draft = create(world)
    block = draft.blocks.first()
    with pytest.raises(DomainError) as error:
        services.report_block_edit(actor=world.legal, block=block, text="   ", version=1)
    assert error.value.code == "empty"
    assert "text" in error.value.params["errors"]


def test_the_frame_is_changed_and_audited(world):
    draft = create(world)
    services.annual_report_update(actor=world.legal, draft=draft, version=1,
                                  document_number="多政发〔2013〕5号",
                                  addressees="锡林郭勒盟行政公署办公厅、多伦县人大常委会",
                                  signatory="多伦县人民政府",
                                  dated=datetime.date(2013, 1, 15))  # fmt: skip
    draft.refresh_from_db()
    assert (draft.document_number, draft.dated, draft.version) == (
        "多政发〔2013〕5号", datetime.date(2013, 1, 15), 2,
    )  # fmt: skip
    event = events(draft)[-1]
    assert event.action == "annual_report_update"
    assert event.detail["document_number"] == "多政发〔2013〕5号"
    assert event.detail["dated"] == "2013-01-15"


def test_submit_return_and_the_illegal_moves(world):
    draft = create(world)
    with pytest.raises(IllegalTransition):
        services.annual_report_approve(actor=world.legal2, draft=draft, version=1)
    with pytest.raises(IllegalTransition):
        services.annual_report_return(actor=world.legal2, draft=draft, version=1)
    draft = services.annual_report_submit(actor=world.legal, draft=draft, version=1)
    assert (draft.status, draft.submitted_by, draft.version) == (S.SUBMITTED, world.legal, 2)
    event = events(draft)[-1]
    assert (event.action, event.from_state, event.to_state) == (
        "annual_report_submit", "draft", "submitted",
    )  # fmt: skip
    with pytest.raises(IllegalTransition) as error:
        services.report_block_edit(actor=world.legal, block=draft.blocks.first(), text="改",
                                   version=2)  # fmt: skip
    assert error.value.code == "not_draft"
    with pytest.raises(IllegalTransition):
        services.annual_report_submit(actor=world.legal, draft=draft, version=2)
    draft = services.annual_report_return(actor=world.legal2, draft=draft, version=2,
                                          reason="数字需核对")  # fmt: skip
    assert draft.status == S.DRAFT
    event = events(draft)[-1]
    assert (event.action, event.actor, event.to_state, event.detail["reason"]) == (
        "annual_report_return", world.legal2, "draft", "数字需核对",
    )  # fmt: skip


def test_the_submitter_does_not_approve_when_there_is_another_legal_officer(world):
    draft = create(world)
    draft = services.annual_report_submit(actor=world.legal, draft=draft, version=1)
    with pytest.raises(NotPermitted) as error:
        services.annual_report_approve(actor=world.legal, draft=draft, version=2)
    assert error.value.code == "four_eyes"
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED and not draft.document


def test_a_county_with_one_legal_officer_approves_its_own_submission():
    world = make_world(second_legal_officer=False)
    draft = create(world)
    draft = services.annual_report_submit(actor=world.legal, draft=draft, version=1)
    draft = services.annual_report_approve(actor=world.legal, draft=draft, version=2)
    assert draft.status == S.APPROVED and draft.approved_by == world.legal
    assert draft.dated == datetime.date(2013, 1, 10)  # the date set at creation is kept


def test_an_undated_report_is_dated_on_the_day_of_its_approval(world):
    draft = services.annual_report_create(actor=world.legal, division=world.county, year=2012)
    assert draft.dated is None
    draft = services.annual_report_submit(actor=world.legal, draft=draft, version=1)
    with time_machine.travel(datetime.datetime(2013, 1, 14, 10, tzinfo=datetime.UTC), tick=False):
        draft = services.annual_report_approve(actor=world.legal2, draft=draft, version=2)
    assert draft.dated == datetime.date(2013, 1, 14)
    with draft.document.open("rb") as fh:
        assert Document(fh).paragraphs[-1].text == "2013年1月14日"


def test_approval_stores_the_docx_with_the_figures_snapshot_and_freezes_the_draft(world):
    from zhengwu.reports.annual import annual_figures

    draft = create(world)
    block = draft.blocks.get(section=Section.AWARENESS, order=1)
    services.report_block_edit(actor=world.legal, block=block, text="一是专题研究依法行政。",
                               version=1)  # fmt: skip
    draft = services.annual_report_submit(actor=world.legal, draft=draft, version=2)
    draft = services.annual_report_approve(actor=world.legal2, draft=draft, version=3)
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by, draft.version) == (S.APPROVED, world.legal2, 4)
    assert draft.figures == annual_figures(world.county, 2012)
    assert draft.figures["year"] == 2012 and draft.figures["cases"]["accepted"] == 0
    assert draft.figures["cases"]["completion_rate"] is None
    assert draft.document.name.startswith("reports/annual/2012/152531000000-")
    with draft.document.open("rb") as fh:
        doc = Document(fh)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "多政发〔2013〕1号"
    assert "一是专题研究依法行政。" in text and "2013年1月10日" in text
    assert "受理各类审批事项0件,办结0件,其中承诺件0件" in text
    assert [e.action for e in events(draft)] == [
        "annual_report_create", "report_block_edit", "annual_report_submit",
        "annual_report_approve", "annual_report_generate",
    ]  # fmt: skip
    approve, generate = events(draft)[-2:]
    assert (approve.actor, approve.from_state, approve.to_state) == (world.legal2, "submitted",
                                                                      "approved")  # fmt: skip
    assert generate.detail["file"] == draft.document.name and generate.detail["bytes"] > 0
    # Frozen: nothing changes it any more.
    for call in (
        lambda: services.report_block_edit(actor=world.legal, block=block, text="改", version=4),
        lambda: services.annual_report_update(actor=world.legal, draft=draft, version=4,
                                              signatory="改"),
        lambda: services.annual_report_submit(actor=world.legal, draft=draft, version=4),
        lambda: services.annual_report_return(actor=world.legal, draft=draft, version=4),
        lambda: services.annual_report_approve(actor=world.legal, draft=draft, version=4),
    ):  # fmt: skip
        with pytest.raises(IllegalTransition) as error:
            call()
        assert error.value.code == "frozen"
    block.refresh_from_db()
    assert block.text == "一是专题研究依法行政。"
    assert len(events(draft)) == 5


def test_the_snapshot_does_not_move_when_the_records_do(world):
    """After approval a case accepted in 2012 is added: the live figures count it, the approved
    draft keeps the figures it printed, and so does its document."""
    from zhengwu.reports.annual import annual_figures

    cases = build_world()  # the same county (the factory's code)
    assert cases.centre.division == world.county
    draft = create(world)
    draft = services.annual_report_submit(actor=world.legal, draft=draft, version=1)
    draft = services.annual_report_approve(actor=world.legal2, draft=draft, version=2)
    _case(cases, 5, cases.simple.current, completed=True, year=2012)
    assert annual_figures(world.county, 2012)["cases"]["accepted"] == 1
    draft.refresh_from_db()
    assert draft_figures(draft)["cases"]["accepted"] == 0
    assert draft.figures["cases"]["completion_rate"] is None
