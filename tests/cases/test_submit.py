import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    CitizenFactory,
    CountyFactory,
    DepartmentFactory,
    Role,
    ServiceCentreFactory,
    StaffFactory,
)
from zhengwu.cases.models import Case, CaseMaterial
from zhengwu.cases.selectors import case_find, cases_visible_to
from zhengwu.cases.services import case_submit
from zhengwu.cases.uploads import safe_name
from zhengwu.catalog import services as catalog
from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.common.models import AuditEvent

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def power():
    county = CountyFactory()
    dept = DepartmentFactory(division=county, name="多伦县市场监督管理局")
    power, version = catalog.power_create(
        actor=None,
        basic_code="LIC1",
        implementation_code="152531-ypj-LIC1",
        name="食品经营许可",
        kind="licensing",
        department=dept,
        legal_limit_days=20,
        promised_limit_days=10,
        in_service_centre=True,
    )
    catalog.power_version_publish(actor=None, version=version)
    power.refresh_from_db()
    return power


def files():
    return [SimpleUploadedFile("申请书.pdf", PDF), SimpleUploadedFile("营业执照.png", PNG)]


def test_a_citizen_applies_online_with_two_files(power, tmp_path):
    citizen = CitizenFactory()
    submission = case_submit(
        actor=citizen,
        applicant=citizen,
        power=power,
        idempotency_key="k-1",
        files=files(),
        form_data={"店名": "草原小馆"},
    )
    case = submission.case
    assert submission.created and re.fullmatch(r"\d{8}", submission.query_code)
    assert re.fullmatch(r"152531\d{4}\d{8}", case.number)
    assert (case.status, case.channel, case.service_centre) == ("submitted", "online", None)
    assert case.power_version == power.current and case.department == power.current.department
    stored = list(case.materials.order_by("id"))
    assert [m.original_name for m in stored] == ["申请书.pdf", "营业执照.png"]
    assert stored[0].content_type == "application/pdf" and stored[0].size == len(PDF)
    # Stored under generated names, outside the web root (MEDIA_ROOT is not served).
    assert "申请书" not in stored[0].file.name and stored[0].file.name.endswith(".pdf")
    assert (tmp_path / "media" / stored[0].file.name).read_bytes() == PDF
    event = AuditEvent.objects.get(action="case_submit")
    assert event.actor == citizen and event.to_state == "submitted"
    assert event.detail["materials"] == 2 and event.detail["number"] == case.number


def test_a_retried_submission_returns_the_first_case(power):
    citizen = CitizenFactory()
    first = case_submit(
        actor=citizen, applicant=citizen, power=power, idempotency_key="k-2", files=files()
    )
    again = case_submit(
        actor=citizen, applicant=citizen, power=power, idempotency_key="k-2", files=files()
    )
    assert again.case == first.case and not again.created and again.query_code is None
    assert Case.objects.count() == 1 and CaseMaterial.objects.count() == 2
    assert AuditEvent.objects.filter(action="case_submit").count() == 1


def test_a_window_clerk_files_for_a_walk_in_applicant(power):
    centre = ServiceCentreFactory(division=power.current.department.division)
    clerk = StaffFactory(roles=[Role.WINDOW_CLERK], service_centre=centre)
    citizen = CitizenFactory()
    case = case_submit(actor=clerk, applicant=citizen, power=power, idempotency_key="w-1").case
    assert (case.channel, case.service_centre, case.submitted_by) == (
        "county_window",
        centre,
        clerk,
    )
    reviewer = StaffFactory(roles=[Role.REVIEWER], service_centre=centre)
    with pytest.raises(NotPermitted):
        case_submit(actor=reviewer, applicant=citizen, power=power, idempotency_key="w-2")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("程序.exe", b"MZ\x90\x00", "upload_type"),
        ("假的.pdf", b"not a pdf at all", "upload_content"),
        ("空.pdf", b"", "upload_empty"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_kept(power, name, content, code):
    citizen = CitizenFactory()
    with pytest.raises(ValidationError) as excinfo:
        case_submit(
            actor=citizen,
            applicant=citizen,
            power=power,
            idempotency_key="b",
            files=[SimpleUploadedFile("好的.pdf", PDF), SimpleUploadedFile(name, content)],
        )
    assert excinfo.value.code == code and name in excinfo.value.messages[0]
    assert not Case.objects.exists() and not CaseMaterial.objects.exists()


def test_a_file_over_the_size_limit_is_refused(power, settings):
    settings.ZHENGWU_MAX_UPLOAD_BYTES = 1024
    citizen = CitizenFactory()
    with pytest.raises(ValidationError) as excinfo:
        case_submit(
            actor=citizen,
            applicant=citizen,
            power=power,
            idempotency_key="s",
            files=[SimpleUploadedFile("大.pdf", PDF + b"x" * 2000)],
        )
    assert excinfo.value.code == "upload_size"


def test_the_files_of_one_case_stay_within_the_per_case_limit(settings):
    from tests.cases.world import build_world
    from zhengwu.cases.services import case_request_correction, case_supply_materials

    settings.ZHENGWU_MAX_CASE_UPLOAD_BYTES = 3000
    w = build_world()
    big = PDF + b"x" * 1500

    def submit(key, *files):
        return case_submit(
            actor=w.citizen, applicant=w.citizen, power=w.simple, idempotency_key=key, files=files
        ).case

    with pytest.raises(ValidationError) as excinfo:
        submit("t1", SimpleUploadedFile("一.pdf", big), SimpleUploadedFile("二.pdf", big))
    assert excinfo.value.code == "upload_case_size"
    assert not Case.objects.exists() and not CaseMaterial.objects.exists()
    case = submit("t2", SimpleUploadedFile("一.pdf", big))
    # What the case already holds counts when more is supplied.
    case_request_correction(actor=w.clerk, case=case, items=["营业执照"])
    with pytest.raises(ValidationError) as excinfo:
        case_supply_materials(actor=w.citizen, case=case, files=[SimpleUploadedFile("三.pdf", big)])
    assert excinfo.value.code == "upload_case_size"
    assert case.materials.count() == 1
    small = SimpleUploadedFile("三.pdf", PDF + b"x" * 100)
    case_supply_materials(actor=w.citizen, case=case, files=[small])
    assert case.materials.count() == 2


def test_file_names_are_sanitised():
    assert safe_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_name("C:\\Users\\王\\身份证.jpg") == "身份证.jpg"
    assert safe_name(".hidden\x00.pdf") == "hidden.pdf"
    assert len(safe_name("长" * 300 + ".pdf")) == 100 and safe_name("长" * 300 + ".pdf").endswith(
        ".pdf"
    )


def test_tracking_needs_the_number_and_the_right_code(power):
    citizen = CitizenFactory()
    submission = case_submit(actor=citizen, applicant=citizen, power=power, idempotency_key="t")
    assert case_find(submission.case.number, submission.query_code) == submission.case
    wrong = f"{(int(submission.query_code) + 1) % 10**8:08d}"
    assert case_find(submission.case.number, wrong) is None
    assert case_find("000000", submission.query_code) is None


def test_only_matters_in_force_can_be_applied_for(power):
    citizen = CitizenFactory()
    catalog.power_set_status(actor=None, power=power, status="suspended", reason="暂停")
    with pytest.raises(DomainError) as excinfo:
        case_submit(actor=citizen, applicant=citizen, power=power, idempotency_key="x")
    assert excinfo.value.code == "not_in_force"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_retries_make_one_case():
    import threading

    from django.db import connections

    county = CountyFactory()
    dept = DepartmentFactory(division=county)
    power, version = catalog.power_create(
        actor=None,
        basic_code="L2",
        implementation_code="152531-x-L2",
        name="事项",
        kind="licensing",
        department=dept,
    )
    catalog.power_version_publish(actor=None, version=version)
    citizen = CitizenFactory()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(
                case_submit(actor=citizen, applicant=citizen, power=power, idempotency_key="same")
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Case.objects.count() == 1
    assert {r.case.pk for r in results} == {Case.objects.get().pk}
    assert sorted(r.created for r in results) == [False, True]


def test_who_sees_which_case(power):
    centre = ServiceCentreFactory(division=power.current.department.division)
    clerk = StaffFactory(roles=[Role.WINDOW_CLERK], service_centre=centre)
    alice, bob = CitizenFactory(), CitizenFactory()
    mine = case_submit(actor=alice, applicant=alice, power=power, idempotency_key="a").case
    filed = case_submit(actor=clerk, applicant=bob, power=power, idempotency_key="b").case
    reviewer_here = StaffFactory(roles=[Role.REVIEWER], department=power.current.department)
    reviewer_elsewhere = StaffFactory(roles=[Role.REVIEWER])
    supervisor = StaffFactory(roles=[Role.SUPERVISOR])
    from django.contrib.auth.models import AnonymousUser

    assert list(cases_visible_to(alice)) == [mine]
    assert list(cases_visible_to(bob)) == [filed]
    assert set(cases_visible_to(reviewer_here)) == {mine, filed}
    assert not cases_visible_to(reviewer_elsewhere).exists()
    # The centre's windows see what they filed and every case the centre handles.
    assert set(cases_visible_to(clerk)) == {mine, filed}
    other_centre = ServiceCentreFactory(division=power.current.department.division)
    clerk_elsewhere = StaffFactory(roles=[Role.WINDOW_CLERK], service_centre=other_centre)
    assert not cases_visible_to(clerk_elsewhere).exists()
    assert set(cases_visible_to(supervisor)) == {mine, filed}
    assert not cases_visible_to(AnonymousUser()).exists()
