"""The register's pages: who sees what (another township's dispute is a 404), filters and
pagination, the dispute page and its action forms, sweeps, figures, the XLSX export."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.disputes.factories import make_world, register
from zhengwu.disputes import services
from zhengwu.disputes.models import Dispute

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _other(world, **kwargs):
    return register(
        world,
        actor=world.other_staff,
        township=world.other_township,
        village=None,
        summary="另一乡镇的纠纷",
        **kwargs,
    )


def test_township_staff_see_their_township_and_the_legal_office_sees_all(world):
    own = register(world, summary="本镇的纠纷")
    other = _other(world)
    url = reverse("disputes:register")
    assert client_for().get(url).status_code == 302
    assert client_for(world.county_staff).get(url).status_code == 403
    html = client_for(world.township_staff).get(url).content.decode()
    assert "本镇的纠纷" in html and "另一乡镇的纠纷" not in html
    html = client_for(world.legal).get(url).content.decode()
    assert "本镇的纠纷" in html and "另一乡镇的纠纷" in html
    page = client_for(world.township_staff).get(reverse("disputes:dispute", args=[other.pk]))
    assert page.status_code == 404
    assert (
        client_for(world.township_staff).get(reverse("disputes:dispute", args=[own.pk])).status_code
        == 200
    )
    # A supervisor reads every dispute but has no action forms.
    page = client_for(world.supervisor).get(reverse("disputes:dispute", args=[other.pk]))
    assert page.status_code == 200 and "受理调解" not in page.content.decode()
    posted = client_for(world.township_staff).post(
        reverse("disputes:dispute_action", args=[other.pk, "accept"]), {"accept-on": "2026-03-02"}
    )
    assert posted.status_code == 404
    other.refresh_from_db()
    assert other.status == "registered"


def test_the_register_filters_and_paginates(world):
    for day in range(1, 23):
        register(world, found_on=D(2026, 3, day), dispute_type="land" if day % 2 else "family")
    register(world, found_on=D(2026, 4, 1), summary="四月的纠纷")
    client = client_for(world.legal)
    url = reverse("disputes:register")
    first = client.get(url).content.decode()
    assert "(23)" in first and "page=2" in first
    month = client.get(url, {"month": "2026-04"}).content.decode()
    assert "四月的纠纷" in month and "(1)" in month
    land = client.get(url, {"type": "land", "month": "2026-03"})
    assert land.context["page_obj"].paginator.count == 11  # 1, 3, ..., 21
    township = client.get(url, {"township": world.other_township.pk})
    assert township.context["page_obj"].paginator.count == 0
    open_ones = client.get(url, {"outcome": "open"})
    assert open_ones.context["page_obj"].paginator.count == 23
    second = client.get(url, {"page": 2})
    assert len(second.context["page_obj"].object_list) == 3


def test_registering_through_the_form_keeps_the_input_on_an_error(world):
    client = client_for(world.township_staff)
    url = reverse("disputes:dispute_new")
    data = {
        "township": world.township.pk,
        "village": world.village.pk,
        "found_on": "2026-03-02",
        "how_found": "walk_in",
        "dispute_type": "neighbours",
        "summary": "排水沟纠纷",
        "risk_level": "general",
        "applicant_name": "张三",
        "applicant_phone": "电话号码",
        "mediator_kind": "village_committee",
        "accepted_on": "2026-03-01",
    }
    page = client.post(url, data)
    assert page.status_code == 200
    form = page.context["form"]
    assert "applicant_phone" in form.errors and "排水沟纠纷" in page.content.decode()
    data["applicant_phone"] = "13904791234"
    page = client.post(url, data)  # accepted before it was found
    assert "accepted_on" in page.context["form"].errors
    data["accepted_on"] = "2026-03-02"
    page = client.post(url, data)
    dispute = Dispute.objects.get()
    assert page.status_code == 302 and page["Location"] == reverse(
        "disputes:dispute", args=[dispute.pk]
    )
    assert dispute.status == "mediating"
    html = client.get(page["Location"]).content.decode()
    assert "139****1234" in html and "13904791234" not in html
    # Only the township's own township is on offer to its staff.
    choices = client.get(url).context["form"].fields["township"].queryset
    assert list(choices) == [world.township]


def test_the_dispute_page_offers_the_moves_and_records_them(world):
    dispute = register(world, found_on=D(2026, 3, 2))
    client = client_for(world.township_staff)
    page = client.get(reverse("disputes:dispute", args=[dispute.pk]))
    actions = [a for a, _label, _form in page.context["forms"]]
    assert actions == ["accept", "refer", "risk"]
    url = reverse("disputes:dispute_action", args=[dispute.pk, "accept"])
    bad = client.post(url, {"accept-on": "2026-03-01"})  # before it was found
    assert bad.status_code == 422
    assert bad.context["forms"][0][2].errors["on"]
    done = client.post(url, {"accept-on": "2026-03-02"})
    assert done.status_code == 302
    dispute.refresh_from_db()
    assert dispute.status == "mediating"
    page = client.get(reverse("disputes:dispute", args=[dispute.pk]))
    actions = [a for a, _label, _form in page.context["forms"]]
    assert actions == ["session", "succeed", "fail", "extend", "refer", "risk"]
    assert "调解期限" in page.content.decode()
    succeed = client.post(
        reverse("disputes:dispute_action", args=[dispute.pk, "succeed"]),
        {"succeed-on": "2026-03-10", "succeed-agreement_form": "written"},
    )
    bound = {action: form for action, _label, form in succeed.context["forms"]}["succeed"]
    assert succeed.status_code == 422 and "agreement_text" in bound.errors
    client.post(
        reverse("disputes:dispute_action", args=[dispute.pk, "succeed"]),
        {"succeed-on": "2026-03-10", "succeed-agreement_form": "oral"},
    )
    dispute.refresh_from_db()
    assert dispute.status == "succeeded"
    page = client.get(reverse("disputes:dispute", args=[dispute.pk]))
    assert [a for a, _l, _f in page.context["forms"]] == ["followup"]
    assert (
        client.get(reverse("disputes:dispute_action", args=[dispute.pk, "accept"])).status_code
        == 404
    )


def test_sweeps_are_organised_by_the_legal_office_and_show_their_figures(world):
    url = reverse("disputes:campaigns")
    data = {
        "campaign-name": "2026年3月排查",
        "campaign-kind": "monthly",
        "campaign-started_on": "2026-03-01",
        "campaign-ended_on": "2026-03-31",
    }
    assert client_for(world.township_staff).post(url, data).status_code == 403
    page = client_for(world.legal).post(url, data)
    assert page.status_code == 302
    dispute = register(world, found_on=D(2026, 3, 3), how_found="sweep", accepted_on=D(2026, 3, 3))
    services.dispute_succeed(
        actor=world.township_staff, dispute=dispute, agreement_form="oral", on=D(2026, 3, 5)
    )
    campaign = dispute.campaign
    page = client_for(world.township_staff).get(reverse("disputes:campaign", args=[campaign.pk]))
    assert page.context["figures"]["found"] == 1 and page.context["figures"]["success_rate"] == 100
    assert dispute.number in page.content.decode()


def test_the_figures_page_and_the_export(world):
    dispute = register(world, found_on=D(2025, 3, 3), accepted_on=D(2025, 3, 3))
    services.dispute_succeed(
        actor=world.township_staff, dispute=dispute, agreement_form="oral", on=D(2025, 3, 5)
    )
    _other(world, found_on=D(2025, 4, 1))
    page = client_for(world.legal).get(reverse("disputes:figures"), {"year": 2025})
    assert (page.context["figures"]["found"], page.context["figures"]["succeeded"]) == (2, 1)
    page = client_for(world.township_staff).get(reverse("disputes:figures"), {"year": 2025})
    assert page.context["figures"]["found"] == 1  # its own township
    response = client_for(world.township_staff).get(reverse("disputes:register_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == dispute.number
    assert "139****1234" in rows[1][7] and "13904791234" not in rows[1][7]
