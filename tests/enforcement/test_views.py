"""The public pages (confirmed bodies, the certificate lookup) and the staff pages."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.enforcement.world import OfficialFactory, build_world, file_case, on
from zhengwu.common.identity import mask_id_number, mask_phone
from zhengwu.enforcement.models import CaseFile, CertificateApplication, LawExamResult

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return build_world()


def personal_forms(official) -> list[str]:
    """The holder's ID number and phone, in full and masked, and their distinctive parts."""
    return [
        official.id_number,
        mask_id_number(official.id_number),
        official.id_number[-4:] + "<",  # the tail the mask shows, as it would end a cell
        official.phone,
        mask_phone(official.phone),
    ]


# --- Public pages -------------------------------------------------------------------------------


def test_the_public_list_shows_the_confirmed_bodies_and_their_acts(client, w):
    page = client.get(reverse("enforcement:index")).content.decode()
    assert w.bureau.name in page and "多政发〔2012〕45号" in page
    assert w.squad.name not in page  # not registered, not confirmed
    detail = client.get(reverse("enforcement:body", args=[w.body.pk])).content.decode()
    assert "对违法建设行为的处罚" in detail and "查封施工现场" in detail
    assert "中华人民共和国行政强制法" in detail


def test_the_certificate_lookup_shows_the_holder_and_validity_but_no_id_number_or_phone(client, w):
    official = w.officials[0]
    certificate = official.certificates.get()
    response = client.get(reverse("enforcement:certificate_lookup"), {"number": certificate.number})
    page = response.content.decode()
    assert official.full_name in page and w.bureau.name in page and "多伦县行政区域" in page
    assert "2028-12-31" in page
    for form in personal_forms(official):
        assert form not in page
    data = client.get(f"/api/enforcement/certificates/{certificate.number}").json()
    assert data["holder"] == official.full_name and data["status"] == "valid"
    text = json.dumps(data, ensure_ascii=False)
    for form in personal_forms(official)[:2] + personal_forms(official)[3:]:
        assert form not in text
    assert set(data) == {
        "number",
        "holder",
        "body",
        "area",
        "issuing_authority",
        "valid_from",
        "valid_to",
        "status",
        "status_label",
    }


def test_failed_lookups_are_throttled_per_address(client, w, settings):
    number = w.officials[0].certificates.get().number
    url = reverse("enforcement:certificate_lookup")
    for n in range(20):
        page = client.get(url, {"number": f"0000{n}"}).content.decode()
        assert "No certificate has this number" in page or "没有" in page
    blocked = client.get(url, {"number": number}).content.decode()
    assert w.officials[0].full_name not in blocked
    assert client.get(f"/api/enforcement/certificates/{number}").status_code == 429


# --- Staff pages --------------------------------------------------------------------------------


def test_the_legal_office_sees_every_page_and_a_body_only_its_own(client, w):
    client.force_login(w.legal)
    for name, args in [
        ("office", []),
        ("office_bodies", []),
        ("office_body", [w.body.pk]),
        ("officials", []),
        ("official", [w.officials[0].pk]),
        ("case_files", []),
        ("filings", []),
        ("campaigns", []),
    ]:
        assert client.get(reverse(f"enforcement:{name}", args=args)).status_code == 200, name
    client.force_login(w.outsider)
    assert client.get(reverse("enforcement:official", args=[w.officials[0].pk])).status_code == 404
    assert (
        w.officials[0].full_name
        not in client.get(reverse("enforcement:officials")).content.decode()
    )
    client.logout()
    assert client.get(reverse("enforcement:office")).status_code == 302


def test_a_refused_application_shows_its_reason_on_the_page_and_is_kept(client, w):
    official = OfficialFactory(body=w.body, on_establishment=False)
    LawExamResult.objects.create(official=official, taken_on=D(2026, 6, 1), passed=True)
    client.force_login(w.legal)
    with on(D(2026, 12, 3)):
        response = client.post(
            reverse("enforcement:official_action", args=[official.pk, "apply"]),
            {
                "apply-on": "2026-12-03",
                "apply-number": "152531X0001",
                "apply-issuing_authority": "内蒙古自治区人民政府",
                "apply-area": "多伦县行政区域",
                "apply-valid_to": "2029-12-31",
            },
        )
    page = response.content.decode()
    assert response.status_code == 200 and "不在编" in page
    assert 'value="152531X0001"' in page  # what was typed is kept
    assert CertificateApplication.objects.get(official=official).status == "refused"


def test_filing_a_case_with_one_official_is_refused_on_the_officials_field(client, w):
    client.force_login(w.handler)
    with on(D(2026, 3, 5)):
        response = client.post(
            reverse("enforcement:case_file_new", args=[w.body.pk]),
            {
                "power": w.penalty.pk,
                "number": "多住建罚立〔2026〕1号",
                "parties": "某公司",
                "filed_on": "2026-03-05",
                "officials": [w.officials[0].pk],
            },
        )
        page = response.content.decode()
        assert response.status_code == 200 and "两名以上持证执法人员" in page
        assert "多住建罚立〔2026〕1号" in page
        assert not CaseFile.objects.exists()
        response = client.post(
            reverse("enforcement:case_file_new", args=[w.body.pk]),
            {
                "power": w.penalty.pk,
                "number": "多住建罚立〔2026〕1号",
                "parties": "某公司",
                "filed_on": "2026-03-05",
                "officials": [o.pk for o in w.officials[:2]],
            },
        )
    case_file = CaseFile.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "enforcement:case_file", args=[case_file.pk]
    )
    with on(D(2026, 3, 5)):
        detail = client.get(response["Location"])
        assert detail.status_code == 200, detail
        page = detail.content.decode()
    assert "2026-06-03" in page  # the 90-day decision clock (see test_services)


def test_the_decision_of_a_major_case_before_review_says_why(client, w):
    case_file = file_case(w, is_major=True)
    client.force_login(w.handler)
    with on(D(2026, 3, 9)):
        client.post(
            reverse("enforcement:case_file_action", args=[case_file.pk, "investigate"]),
            {"investigate-on": "2026-03-09"},
        )
        response = client.post(
            reverse("enforcement:case_file_action", args=[case_file.pk, "decide"]),
            {
                "decide-on": "2026-03-09",
                "decide-outcome": "penalised",
                "decide-penalty_amount": "100000",
            },
        )
    assert "法制审核" in response.content.decode()
    case_file.refresh_from_db()
    assert (case_file.status, case_file.decided_on) == ("investigated", None)


def test_an_entrusted_body_without_its_entrustment_is_refused_field_by_field(client, w):
    client.force_login(w.legal)
    url = reverse("enforcement:office_bodies")
    response = client.post(url, {"body-department": w.squad.pk, "body-standing": "entrusted"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "请填写委托文件" in page and "受委托组织须注明委托机关" in page
    response = client.post(
        url,
        {
            "body-department": w.squad.pk,
            "body-standing": "entrusted",
            "body-entrusting_body": w.bureau.pk,
            "body-entrustment_document": "多住建委〔2022〕3号",
            "body-entrusted_from": "2022-06-01",
            "body-entrusted_to": "2027-05-31",
        },
    )
    assert response.status_code == 302
    assert w.squad.enforcement_body.entrusting_body == w.bureau
    client.force_login(w.handler)
    assert client.post(url, {"batch-number": "2"}).status_code == 403


def test_the_campaign_page_samples_and_scores_field_by_field(client, w):
    from tests.enforcement.world import decide
    from zhengwu.enforcement import services
    from zhengwu.enforcement.models import Evaluation

    decide(w, file_case(w), day=D(2026, 4, 1))
    with on(D(2026, 12, 1)):
        campaign = services.campaign_create(
            actor=w.legal, division=w.county, year=2026, title="2026年度案卷评查", per_body=2
        )
    client.force_login(w.legal)
    with on(D(2026, 12, 1)):
        client.post(reverse("enforcement:campaign_action", args=[campaign.pk, "sample"]))
        evaluation = Evaluation.objects.get()
        prefix = f"e{evaluation.pk}"
        marks = {
            f"{prefix}-{code}": points
            for code, points in [
                ("subject", 10),
                ("facts", 15),
                ("evidence", 20),
                ("procedure", 20),
                ("law", 15),
                ("discretion", 10),
                ("documents", 10),
            ]
        }
        response = client.post(
            reverse("enforcement:campaign_action", args=[campaign.pk, "score"]),
            {"evaluation": evaluation.pk, **marks, f"{prefix}-evidence": 25},
        )
        assert response.status_code == 200
        assert "has-error" in response.content.decode() and Evaluation.objects.get().score is None
        response = client.post(
            reverse("enforcement:campaign_action", args=[campaign.pk, "score"]),
            {"evaluation": evaluation.pk, **marks},
        )
        assert response.status_code == 302
        assert Evaluation.objects.get().score == 100
        page = client.get(reverse("enforcement:campaign", args=[campaign.pk])).content.decode()
    assert w.bureau.name in page and "100.0" in page
