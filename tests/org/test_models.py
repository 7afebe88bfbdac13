import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import (
    CitizenFactory,
    CountyFactory,
    DepartmentFactory,
    LeagueFactory,
    Role,
    StaffFactory,
    TownshipFactory,
    make_id_number,
)
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import Division, ServiceCentre, User
from zhengwu.org.services import applicant_register, staff_create, staff_set_roles

pytestmark = pytest.mark.django_db


def test_division_levels_must_nest():
    county = CountyFactory()
    village_under_county = Division(
        code="152531100201", name="错村", level="village", parent=county
    )
    with pytest.raises(ValidationError) as excinfo:
        village_under_county.full_clean()
    assert "parent" in excinfo.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Division.objects.create(code="152531100202", name="无上级县", level="county")


def test_county_of_a_township():
    township = TownshipFactory()
    assert township.county == township.parent
    assert LeagueFactory().county is None


def test_service_point_must_sit_at_its_level():
    county = CountyFactory()
    point = ServiceCentre(division=county, name="代办点", kind=ServiceCentre.Kind.VILLAGE_POINT)
    with pytest.raises(ValidationError) as excinfo:
        point.full_clean()
    assert "division" in excinfo.value.error_dict


def test_citizen_with_a_wrong_id_check_digit_is_rejected_naming_it():
    good = make_id_number("15012519900101123")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    user = User(username="x", full_name="某人", kind=User.Kind.CITIZEN, id_number=wrong)
    with pytest.raises(ValidationError) as excinfo:
        user.full_clean(exclude=["password"])
    [error] = excinfo.value.error_dict["id_number"]
    assert error.code == "id_number_checksum"
    assert good[-1] in str(error.message % error.params)


def test_organisation_with_a_wrong_credit_code_check_character_is_rejected():
    with pytest.raises(ValidationError) as excinfo:
        applicant_register(
            username="org",
            full_name="某公司",
            kind=User.Kind.ORGANISATION,
            password=None,
            credit_code="91350100M000100Y44",
        )
    [error] = excinfo.value.error_dict["credit_code"]
    assert error.code == "credit_code_checksum"
    assert not User.objects.filter(username="org").exists()


def test_account_kinds_need_their_identifiers():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="s", full_name="无部门", kind=User.Kind.STAFF)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="c", full_name="无证件", kind=User.Kind.CITIZEN)
    citizen = CitizenFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CitizenFactory(id_number=citizen.id_number)


def test_staff_create_records_one_audit_event():
    department = DepartmentFactory()
    user = staff_create(
        actor=None,
        username="wf",
        full_name="王芳",
        department=department,
        roles=[Role.WINDOW_CLERK],
        password="Correct-horse-9",
    )
    assert user.has_role(Role.WINDOW_CLERK) and not user.has_role(Role.SUPERVISOR)
    [event] = AuditEvent.objects.filter(action="staff_create")
    assert event.object_id == str(user.pk) and event.to_state == "active"
    assert event.chain == department.division.code
    assert event.detail["roles"] == ["window_clerk"]


def test_only_administrators_change_roles():
    from zhengwu.common.errors import NotPermitted

    admin = StaffFactory(roles=[Role.ADMINISTRATOR])
    clerk = StaffFactory(roles=[Role.WINDOW_CLERK])
    with pytest.raises(NotPermitted):
        staff_set_roles(actor=clerk, user=clerk, roles=[Role.ADMINISTRATOR])
    staff_set_roles(actor=admin, user=clerk, roles=[Role.REVIEWER], reason="调岗")
    clerk = User.objects.get(pk=clerk.pk)
    assert clerk.role_codes == {"reviewer"}
    event = AuditEvent.objects.get(action="staff_set_roles")
    assert event.detail == {"before": ["window_clerk"], "after": ["reviewer"]}
    assert event.actor == admin and event.reason == "调岗"


def test_inactive_staff_hold_no_roles():
    user = StaffFactory(roles=[Role.SUPERVISOR], is_active=False)
    assert not user.has_role(Role.SUPERVISOR)


def test_permission_predicates():
    clerk = StaffFactory(roles=[Role.WINDOW_CLERK])
    admin = StaffFactory(roles=[Role.ADMINISTRATOR])
    supervisor = StaffFactory(roles=[Role.SUPERVISOR])
    citizen = CitizenFactory()
    assert clerk.has_perm("org.use_workbench") and not clerk.has_perm("org.administer")
    assert admin.has_perm("org.administer")
    assert supervisor.has_perm("common.view_audit_trail")
    assert not clerk.has_perm("common.view_audit_trail")
    assert not citizen.has_perm("org.use_workbench")
