import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.factories import CitizenFactory, Role, StaffFactory, make_id_number
from zhengwu.org.personal_data import id_number_for, phone_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return CitizenFactory(id_number=make_id_number("15012519900101123"), phone="13812345678")


def test_owner_sees_everything(owner):
    assert id_number_for(owner, owner) == owner.id_number
    assert phone_for(owner, owner) == "13812345678"


@pytest.mark.parametrize(
    "role",
    [
        Role.WINDOW_CLERK,
        Role.VILLAGE_AGENT,
        Role.REVIEWER,
        Role.DEPARTMENT_HEAD,
        Role.ADMINISTRATOR,
    ],
)
def test_authorised_staff_see_everything(owner, role):
    viewer = StaffFactory(roles=[role])
    assert id_number_for(viewer, owner) == owner.id_number


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.DISCLOSURE_OFFICER])
def test_other_staff_see_masked_values(owner, role):
    viewer = StaffFactory(roles=[role])
    assert (
        id_number_for(viewer, owner) == "150125********199X"[:6] + "********" + owner.id_number[-4:]
    )
    assert phone_for(viewer, owner) == "138****5678"


def test_other_applicants_and_anonymous_see_masked_values(owner):
    from django.contrib.auth.models import AnonymousUser

    assert phone_for(CitizenFactory(), owner) == "138****5678"
    assert id_number_for(AnonymousUser(), owner).count("*") == 8
    assert id_number_for(None, owner).startswith("150125********")


def test_template_tags_mask_for_the_viewer(owner):
    request = RequestFactory().get("/")
    request.user = StaffFactory(roles=[Role.SUPERVISOR])
    html = Template("{% load personal_data %}{% id_number_for o %} {% phone_for o %}").render(
        Context({"request": request, "o": owner})
    )
    assert html == f"150125********{owner.id_number[-4:]} 138****5678"
