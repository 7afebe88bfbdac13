"""The catalog in the back office: read-only published versions, drafts, publish, export, import."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission
from django.db.models.fields.files import FieldFile
from django.utils.translation import override

from tests.catalog.test_spreadsheet import (
    CODES,
    SHEETS,
    build_catalog,
    cells,
    empty_catalog,
    export_bytes,
    three_bad_rows,
)
from tests.factories import Role, StaffFactory
from zhengwu.catalog import services
from zhengwu.catalog.models import Power, PowerVersion, Stage
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import User

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def root():
    return User.objects.create_superuser(
        username="root", password="Correct-horse-9", email="", kind="staff", full_name="管理员"
    )


@pytest.fixture
def root_client(client, root):
    client.force_login(root)
    return client


@pytest.fixture
def catalog(root):
    return build_catalog(actor=root)


def get(client, url, data=None):
    """Requests in English: the page's messages are compared with their English msgids."""
    client.cookies["django_language"] = "en"
    with override("en"):
        return client.get(url, data or {})


def post(client, url, data, **kwargs):
    client.cookies["django_language"] = "en"
    with override("en"):
        return client.post(url, data, **kwargs)


def messages_of(response) -> list[str]:
    with override("en"):
        return [str(m) for m in response.context["messages"]]


def test_power_list_with_filters_and_links(root_client, catalog):
    response = get(root_client, "/admin/catalog/power/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/admin/catalog/power/export/" in html and "/admin/catalog/power/import/" in html
    assert "食品经营许可" in html and "administrative licensing" in html
    assert response.context["cl"].result_count == 5
    for query, expected in [
        ({"status__exact": "suspended"}, {CODES["entrusted"]}),
        ({"current__kind__exact": "licensing"}, {CODES["food"], CODES["permit"]}),
        (
            {"current__department__id__exact": catalog["penalty"].current.department_id},
            {CODES["food"], CODES["penalty"]},
        ),
    ]:
        response = get(root_client, "/admin/catalog/power/", query)
        assert response.status_code == 200
        codes = {p.implementation_code for p in response.context["cl"].queryset}
        assert codes == expected, query
    # Powers come from the services: no adding, changing or deleting here.
    assert get(root_client, "/admin/catalog/power/add/").status_code == 403
    power = catalog["food"]
    page = get(root_client, f"/admin/catalog/power/{power.pk}/change/")
    assert page.status_code == 200
    assert b'name="implementation_code"' not in page.content
    assert f"/admin/catalog/powerversion/{power.current_id}/change/".encode() in page.content


def test_a_published_version_is_read_only(root_client, catalog):
    version = catalog["food"].current
    url = f"/admin/catalog/powerversion/{version.pk}/change/"
    page = get(root_client, url)
    assert page.status_code == 200
    assert b'name="name"' not in page.content and b'name="stages-0-code"' not in page.content
    assert "受理" in page.content.decode()  # the stages are shown
    assert post(root_client, url, {"name": "改名"}).status_code == 403
    version.refresh_from_db()
    assert version.name == "食品经营许可"


def draft_form(page) -> dict:
    """The POST data of an admin change form as rendered, management forms included."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = getattr(value, "pk", value)
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        for key, value in fs.management_form.initial.items():
            data[f"{fs.prefix}-{key}"] = value
        for sub in fs.forms:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if value is None or value is False or isinstance(value, FieldFile):
                    continue
                if value is True:
                    value = "on"
                data[sub.add_prefix(name)] = getattr(value, "pk", value)
    return data


def test_a_draft_is_edited_and_published_with_the_action(root_client, root, catalog):
    power = catalog["food"]
    response = post(
        root_client,
        "/admin/catalog/power/",
        {"action": "start_new_version", "_selected_action": [power.pk]},
    )
    draft = PowerVersion.objects.get(power=power, number=2)
    assert response.status_code == 302
    assert response.url == f"/admin/catalog/powerversion/{draft.pk}/change/"
    page = get(root_client, response.url)
    assert page.status_code == 200
    assert b'name="name"' in page.content and b'name="stages-0-after"' in page.content
    data = draft_form(page)
    data["promised_limit_days"] = "5"
    data["stages-2-after"] = "accept, review"
    response = post(root_client, response.url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.promised_limit_days == 5 and not draft.is_published
    assert draft.stages.get(code="decide").after == ["accept", "review"]

    response = post(
        root_client,
        "/admin/catalog/powerversion/",
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "1 version was published." in messages_of(response)
    power.refresh_from_db()
    assert power.current_id == draft.pk
    assert AuditEvent.objects.filter(action="power_version_publish", actor=root).count() == 6


def test_the_publish_action_shows_validation_errors(root_client, root, catalog):
    power = catalog["permit"]
    draft = services.power_version_draft(actor=root, power=power)
    Stage.objects.filter(version=draft, code="decide").update(department=None, role="")
    Stage.objects.filter(version=draft, code="deliver").update(limit_days=99)
    response = post(
        root_client,
        "/admin/catalog/powerversion/",
        {"action": "publish", "_selected_action": [draft.pk, power.current_id]},
        follow=True,
    )
    shown = messages_of(response)
    assert any("is already published" in m for m in shown)
    assert any("has no responsible department or role" in m for m in shown)
    assert any("more than the whole time limit (15 days)" in m for m in shown)
    assert not [m for m in shown if "was published." in m or "were published." in m]
    draft.refresh_from_db()
    assert not draft.is_published


def test_admin_export_downloads_the_catalog(root_client, catalog):
    response = get(root_client, "/admin/catalog/power/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    assert ".xlsx" in response["Content-Disposition"]
    sheets = cells(response.content)
    assert list(sheets) == SHEETS
    assert sheets == cells(export_bytes())


def upload(data: bytes, name: str = "catalog.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return file


def test_admin_import_dry_run_shows_the_problems(root_client, catalog):
    bad, _rows = three_bad_rows(export_bytes())
    empty_catalog()
    page = get(root_client, "/admin/catalog/power/import/")
    assert page.status_code == 200 and b'name="dry_run"' in page.content
    response = post(
        root_client, "/admin/catalog/power/import/", {"file": upload(bad), "dry_run": "on"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 problems, nothing was imported." in html
    assert 'id="import-problems"' in html
    assert "Unknown department “多伦县不存在局”." in html
    assert "<td>13</td>" in html and "<td>前置环节</td>" in html
    assert not Power.objects.exists()


def test_admin_import_imports_a_good_file(root_client, catalog):
    data = export_bytes()
    empty_catalog()
    response = post(root_client, "/admin/catalog/power/import/", {"file": upload(data)})
    assert response.status_code == 200
    assert 'id="import-result"' in response.content.decode()
    assert "The catalog was imported: 5 powers written." in messages_of(response)
    assert Power.objects.count() == 5
    assert AuditEvent.objects.filter(action="power_create", actor__username="root").exists()


def test_admin_import_refuses_other_files(root_client):
    response = post(root_client, "/admin/catalog/power/import/", {"file": upload(b"x", "a.csv")})
    assert response.status_code == 200
    with override("en"):
        assert response.context["form"].errors["file"] == ["Upload an .xlsx workbook."]
    response = post(root_client, "/admin/catalog/power/import/", {"file": upload(b"x")})
    assert "The file is not an .xlsx workbook" in response.content.decode()


def test_a_clerk_cannot_export_or_import(client, catalog):
    clerk = StaffFactory(roles=[Role.WINDOW_CLERK])
    client.force_login(clerk)
    for url in ["/admin/catalog/power/export/", "/admin/catalog/power/import/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
    # A staff account of the back office that may only view powers: export yes, import no.
    clerk.is_staff = True
    clerk.save()
    clerk.user_permissions.add(Permission.objects.get(codename="view_power"))
    clerk = User.objects.get(pk=clerk.pk)
    client.force_login(clerk)
    assert client.get("/admin/catalog/power/export/").status_code == 200
    assert client.get("/admin/catalog/power/import/").status_code == 403
    response = client.post("/admin/catalog/power/import/", {"file": upload(export_bytes())})
    assert response.status_code == 403
    listing = client.get("/admin/catalog/power/")
    assert listing.status_code == 200
    assert b"/admin/catalog/power/import/" not in listing.content
