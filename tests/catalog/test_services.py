import pytest
from django.core.exceptions import ValidationError

from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory
from zhengwu.catalog import services
from zhengwu.catalog.models import LegalBasis, Material, Power, PowerVersion, Stage
from zhengwu.catalog.selectors import catalog_stats, published_versions
from zhengwu.common.errors import IllegalTransition
from zhengwu.common.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def dept():
    return DepartmentFactory(division=CountyFactory(), name="多伦县住房和城乡建设局")


@pytest.fixture
def officer():
    return StaffFactory(roles=[Role.LEGAL_OFFICER])


def make_power(officer, dept, code="152531-zjj-LIC00001", **fields):
    power, version = services.power_create(
        actor=officer,
        basic_code="LIC00001",
        implementation_code=code,
        **{
            "name": "建筑工程施工许可",
            "kind": "licensing",
            "department": dept,
            "legal_limit_days": 15,
            "promised_limit_days": 7,
            **fields,
        },
    )
    LegalBasis.objects.create(version=version, title="中华人民共和国建筑法", article="第八条")
    Material.objects.create(version=version, name="建筑工程施工许可申请表")
    Stage.objects.create(
        version=version,
        position=0,
        code="accept",
        name="受理",
        kind="accept",
        department=dept,
        limit_days=1,
    )
    Stage.objects.create(
        version=version,
        position=1,
        code="decide",
        name="决定",
        kind="decide",
        department=dept,
        limit_days=10,
    )
    return power, version


def test_publishing_makes_the_version_current_and_audits(officer, dept):
    power, version = make_power(officer, dept)
    assert power.status == "draft" and not published_versions().exists()
    services.power_version_publish(actor=officer, version=version)
    power.refresh_from_db()
    assert power.status == "in_force" and power.current == version
    assert list(published_versions()) == [version]
    event = AuditEvent.objects.get(action="power_version_publish")
    assert (event.from_state, event.to_state, event.actor) == ("draft", "in_force", officer)


def test_editing_a_published_power_creates_a_new_version(officer, dept):
    power, v1 = make_power(officer, dept)
    services.power_version_publish(actor=officer, version=v1)
    v2 = services.power_version_draft(actor=officer, power=power, change_note="缩短承诺时限")
    assert v2.number == 2 and v2.pk != v1.pk
    assert [m.name for m in v2.materials.all()] == ["建筑工程施工许可申请表"]
    assert v2.stages.count() == 2 and v2.legal_bases.count() == 1
    v2.promised_limit_days = 5
    v2.save()
    Material.objects.create(version=v2, name="施工图审查合格书", position=1)
    services.power_version_publish(actor=officer, version=v2)
    power.refresh_from_db()
    v1 = PowerVersion.objects.get(pk=v1.pk)
    assert power.current == v2 and v1.superseded_at is not None
    assert v1.promised_limit_days == 7 and v1.materials.count() == 1  # the old one, unchanged
    assert v2.materials.count() == 2


def test_a_published_version_and_its_parts_cannot_be_changed(officer, dept):
    _power, version = make_power(officer, dept)
    services.power_version_publish(actor=officer, version=version)
    version = PowerVersion.objects.get(pk=version.pk)
    version.name = "改名"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        Material.objects.create(version=version, name="新增材料")
    material = version.materials.get()
    material.copies = 3
    with pytest.raises(ValidationError):
        material.save()
    with pytest.raises(IllegalTransition):
        services.power_version_publish(actor=officer, version=version)


def test_publishing_refuses_an_invalid_process(officer, dept):
    _power, version = make_power(officer, dept)
    Stage.objects.create(
        version=version,
        position=2,
        code="loop",
        name="循环",
        kind="review",
        department=dept,
        after=["loop"],
    )
    with pytest.raises(ValidationError):
        services.power_version_publish(actor=officer, version=version)
    assert not PowerVersion.objects.get(pk=version.pk).is_published


def test_status_changes(officer, dept):
    power, version = make_power(officer, dept)
    with pytest.raises(IllegalTransition):
        services.power_set_status(actor=officer, power=power, status="suspended", reason="x")
    services.power_version_publish(actor=officer, version=version)
    services.power_set_status(actor=officer, power=power, status="suspended", reason="上级暂停")
    assert Power.objects.get(pk=power.pk).status == "suspended"
    services.power_set_status(actor=officer, power=power, status="repealed", reason="已取消")
    assert not published_versions().exists()
    with pytest.raises(IllegalTransition):
        services.power_set_status(actor=officer, power=power, status="in_force", reason="恢复")


def test_entrusted_body_must_name_the_entruster(officer, dept):
    with pytest.raises(ValidationError) as excinfo:
        make_power(officer, dept, standing="entrusted")
    assert "entrusting_body" in excinfo.value.error_dict


def test_stats_add_up(officer, dept):
    other = DepartmentFactory(division=dept.division, name="多伦县公安局")
    for i, (kind, body, standing) in enumerate(
        [
            ("licensing", dept, "statutory"),
            ("licensing", dept, "statutory"),
            ("fee", other, "statutory"),
            ("penalty", other, "statutory"),
            ("penalty", dept, "authorised"),
            ("compulsion", dept, "authorised"),
        ]
    ):
        _power, version = services.power_create(
            actor=officer,
            basic_code=f"B{i}",
            implementation_code=f"C{i}",
            name=f"事项{i}",
            kind=kind,
            department=body,
            standing=standing,
            in_service_centre=kind == "licensing",
        )
        services.power_version_publish(actor=officer, version=version)
    stats = catalog_stats()
    assert stats["by_kind"]["licensing"] == 2 and stats["by_kind"]["penalty"] == 2
    assert stats["implementing_bodies"] == 2  # dept (licensing) and other (fee)
    assert stats["enforcement_bodies"] == {"statutory": 1, "authorised": 1, "entrusted": 0}
    assert stats["service_centre"] == 2
    assert stats["total"] == 6 == sum(stats["by_kind"].values())
    assert sum(stats["by_department"].values()) == 6


def test_a_materials_blank_form_is_downloadable_once_published(
    officer, dept, client, settings, tmp_path
):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    _power, version = make_power(officer, dept)
    material = version.materials.get()
    material.blank_form.save("申请表.docx", ContentFile(b"blank form"), save=True)
    url = f"/catalog/{_power.implementation_code}/materials/{material.pk}/form/"
    assert client.get(url).status_code == 404  # not published yet
    services.power_version_publish(actor=officer, version=version)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"blank form"
    assert client.get(url.replace("/form/", "/sample/")).status_code == 404


def test_editing_a_draft_is_audited_and_a_published_version_refuses(officer, dept):
    power, version = make_power(officer, dept)
    services.power_version_update(actor=officer, version=version, promised_limit_days=5)
    event = AuditEvent.objects.get(action="power_version_update")
    assert event.detail == {"version": 1, "fields": ["promised_limit_days"]}
    services.power_version_publish(actor=officer, version=version)
    with pytest.raises(IllegalTransition):
        services.power_version_update(actor=officer, version=version, promised_limit_days=3)
    services.power_set_status(actor=officer, power=power, status="repealed", reason="取消")
    with pytest.raises(IllegalTransition):
        services.power_version_draft(actor=officer, power=power)
