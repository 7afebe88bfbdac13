import datetime

import pytest
from django.urls import reverse

from tests.cases.world import build_world
from tests.factories import CitizenFactory, Role, StaffFactory
from zhengwu.cases.models import AgencyAuthorisation
from zhengwu.common.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = StaffFactory(roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client, admin


def test_an_administrator_records_an_agency_authorisation_through_the_service(admin_client):
    client, admin = admin_client
    w = build_world()
    applicant = CitizenFactory()
    url = reverse("admin:cases_agencyauthorisation_add")
    form = {
        "applicant": applicant.pk,
        "agent": w.reviewer.pk,  # not a window clerk posted at a centre
        "project": "草原乳业扩建项目",
        "document_reference": "代办委托书〔2026〕3号",
        "authorised_on": "2026-11-02",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "agent" in response.context["adminform"].form.errors
    assert not AgencyAuthorisation.objects.exists()

    response = client.post(url, form | {"agent": w.clerk.pk})
    assert response.status_code == 302
    agency = AgencyAuthorisation.objects.get()
    assert (agency.agent, agency.assigned_by, agency.authorised_on) == (
        w.clerk,
        admin,
        datetime.date(2026, 11, 2),
    )
    assert AuditEvent.objects.filter(action="agency_authorise", actor=admin).count() == 1


def test_cases_are_read_only_in_the_back_office(admin_client):
    client, _admin = admin_client
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 200
    assert client.get(reverse("admin:cases_case_add")).status_code == 403
