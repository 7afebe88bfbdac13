"""Query counts of the enforcement registry: the public list of bodies, the office's home,
bodies, officials, case files, filings, evaluation campaigns and one campaign, the XLSX exports
of every registry and the API lists."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.enforcement.world import build_world, certified, decide, file_case, make_power
from tests.factories import DepartmentFactory, Role, StaffFactory
from tests.querycount import assert_constant_queries, covers
from zhengwu.catalog.models import BodyStanding, PowerKind
from zhengwu.enforcement import services
from zhengwu.enforcement.export import REGISTRIES
from zhengwu.enforcement.models import EnforcementBody, Evaluation

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def w():
    return build_world()


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def new_body(w):
    """A confirmed body of a new department, with two acts, two certified officials and a
    handler."""
    i = next(_n)
    department = DepartmentFactory(division=w.county, name=f"多伦县执法局{i}")
    body = EnforcementBody.objects.create(
        division=w.county, department=department, standing=BodyStanding.STATUTORY,
        status=EnforcementBody.Status.CONFIRMED, batch=w.batch, confirmed_on=D(2012, 6, 1),
    )  # fmt: skip
    body.penalty = make_power(department, PowerKind.PENALTY, name=f"第{i}类违法行为的处罚")
    make_power(department, PowerKind.INSPECTION, laws=("中华人民共和国行政处罚法",))
    body.sworn = [certified(body, full_name=f"执法员甲{i}"), certified(body)]
    body.handler = StaffFactory(department=department, roles=[Role.REVIEWER])
    return body


def bodies(w):
    def grow(n):
        return [new_body(w).department.name for _ in range(n)]

    return grow


def officials(w):
    def grow(n):
        return [new_body(w).sworn[0].full_name for _ in range(n)]

    return grow


def case_files(w, *, major=False, decided=False):
    def grow(n):
        numbers = []
        for _ in range(n):
            body = new_body(w)
            saved, w.handler = w.handler, body.handler
            case_file = file_case(
                w,
                body=body,
                power=body.penalty,
                officials=body.sworn,
                is_major=major,
                number=f"多执罚字〔2026〕{next(_n)}号",
            )
            if decided or major:
                case_file = decide(w, case_file, day=D(2026, 3, 20))
            w.handler = saved
            numbers.append(case_file.number)
        return numbers

    return grow


@covers("enforcement:index")
def test_public_index(w):
    assert_constant_queries(client_for(), "/enforcement/", bodies(w))


@covers("enforcement:office_bodies")
def test_bodies(w):
    assert_constant_queries(client_for(w.legal), "/enforcement/office/bodies/", bodies(w))


@covers("/api/enforcement/bodies")
def test_api_bodies(w):
    assert_constant_queries(client_for(w.legal), "/api/enforcement/bodies", bodies(w))


@covers("enforcement:officials")
def test_officials(w):
    assert_constant_queries(client_for(w.legal), "/enforcement/office/officials/", officials(w))


@covers("enforcement:case_files")
def test_case_files(w):
    assert_constant_queries(
        client_for(w.legal), "/enforcement/office/cases/", case_files(w, decided=True)
    )


@covers("/api/enforcement/case-files")
def test_api_case_files(w):
    assert_constant_queries(
        client_for(w.legal), "/api/enforcement/case-files", case_files(w, decided=True)
    )


@covers("enforcement:filings")
def test_filings(w):
    assert_constant_queries(
        client_for(w.legal), "/enforcement/office/filings/", case_files(w, major=True)
    )


@covers("enforcement:office")
def test_office_home(w):
    """The home lists the filings due (and the case files in review, the certificates
    expiring)."""
    assert_constant_queries(client_for(w.legal), "/enforcement/office/", case_files(w, major=True))


def campaigns(w):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            campaign = services.campaign_create(
                actor=w.legal, division=w.county, year=2000 + i, title=f"第{i}次案卷评查"
            )
            titles.append(campaign.title)
        return titles

    return grow


@covers("enforcement:campaigns")
def test_campaigns(w):
    assert_constant_queries(client_for(w.legal), "/enforcement/office/campaigns/", campaigns(w))


@covers("enforcement:campaign")
def test_a_campaigns_evaluations(w):
    campaign = services.campaign_create(actor=w.legal, division=w.county, year=2026, title="评查")
    services.campaign_sample(actor=w.legal, campaign=campaign)
    grow_files = case_files(w, decided=True)

    def grow(n):
        numbers = grow_files(n)
        for number in numbers:
            from zhengwu.enforcement.models import CaseFile

            case_file = CaseFile.objects.get(number=number)
            Evaluation.objects.create(campaign=campaign, case_file=case_file, body=case_file.body)
        return numbers

    url = f"/enforcement/office/campaigns/{campaign.pk}/"
    assert_constant_queries(client_for(w.legal), url, grow)


@covers("enforcement:export")
@pytest.mark.parametrize("registry", sorted(REGISTRIES))
def test_export(w, registry):
    grow = {
        "bodies": bodies(w),
        "laws": bodies(w),
        "certificates": officials(w),
        "case-files": case_files(w, decided=True),
        "filings": case_files(w, major=True),
        "evaluations": None,
    }[registry]
    if grow is None:
        campaign = services.campaign_create(actor=w.legal, division=w.county, year=2026,
                                            title="评查")  # fmt: skip
        services.campaign_sample(actor=w.legal, campaign=campaign)
        files = case_files(w, decided=True)

        def grow(n):
            from zhengwu.enforcement.models import CaseFile

            numbers = files(n)
            for case_file in CaseFile.objects.filter(number__in=numbers):
                Evaluation.objects.create(
                    campaign=campaign, case_file=case_file, body=case_file.body
                )
            return numbers

    url = f"/enforcement/office/export/{registry}.xlsx"
    assert_constant_queries(client_for(w.legal), url, grow)
