"""The register's pages: visibility (a department never sees another's contract: 404), the
register's filters, sorting and pages, the contract page and its actions, field-level errors,
the files and the XLSX export."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.contracts.factories import create, make_world, review
from zhengwu.contracts import services
from zhengwu.contracts.models import GovernmentContract

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


def test_a_department_sees_its_own_contracts_and_gets_404_for_another(world):
    mine = create(world, on=D(2012, 3, 1), title="本局的施工合同")
    theirs = create(world, on=D(2012, 3, 1), actor=world.outsider,
                    department=world.other_department, title="教育局的采购合同")  # fmt: skip
    staff = client_for(world.staff)
    page = staff.get(reverse("contracts:register")).content.decode()
    assert "本局的施工合同" in page and "教育局的采购合同" not in page
    assert staff.get(reverse("contracts:contract", args=[mine.pk])).status_code == 200
    assert staff.get(reverse("contracts:contract", args=[theirs.pk])).status_code == 404
    url = reverse("contracts:contract_action", args=[theirs.pk, "submit"])
    assert staff.post(url, {"submit-on": "2012-03-02"}).status_code == 404
    assert staff.get(reverse("contracts:version_file", args=[theirs.pk, 1])).status_code == 404
    for user in (world.legal, world.supervisor):
        page = client_for(user).get(reverse("contracts:register")).content.decode()
        assert "本局的施工合同" in page and "教育局的采购合同" in page
    anonymous = client_for().get(reverse("contracts:register"))
    assert anonymous.status_code == 302


def test_filters_sorting_and_pages(world):
    for i in range(22):
        create(world, on=D(2012, 3, 1), title=f"合同{i:02d}", kind="construction", amount=i)
    create(world, on=D(2012, 3, 1), title="租赁合同甲", kind="leasing")
    legal = client_for(world.legal)
    page = legal.get(reverse("contracts:register"), {"kind": "leasing"})
    assert page.context["page_obj"].paginator.count == 1
    first = legal.get(reverse("contracts:register"), {"kind": "construction", "sort": "amount"})
    assert first.context["page_obj"].paginator.count == 22
    assert [c.title for c in first.context["page_obj"].object_list][:2] == ["合同21", "合同20"]
    second = legal.get(reverse("contracts:register"), {"kind": "construction", "page": 2})
    assert len(second.context["page_obj"].object_list) == 2
    assert (
        legal.get(reverse("contracts:register"), {"q": "租赁"}).context["page_obj"].paginator.count
        == 1
    )


def test_a_new_contract_and_field_level_errors_in_chinese(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = client_for(world.staff)
    bad = staff.post(reverse("contracts:contract_new"), {
        "department": world.department.pk, "title": "", "kind": "construction",
        "counterparty": "某公司", "amount": "-5", "text": "",
    })  # fmt: skip
    assert bad.status_code == 200
    form = bad.context["form"]
    assert "title" in form.errors and "amount" in form.errors
    assert "必填项" in bad.content.decode()
    assert 'value="某公司"' in bad.content.decode()  # nothing lost
    empty = staff.post(reverse("contracts:contract_new"), {
        "department": world.department.pk, "title": "合同", "kind": "construction",
        "counterparty": "某公司", "text": "",
    })  # fmt: skip
    assert "text" in empty.context["form"].errors
    upload = SimpleUploadedFile("草案.pdf", b"%PDF-1.4 draft", content_type="application/pdf")
    done = staff.post(reverse("contracts:contract_new"), {
        "department": world.department.pk, "title": "多伦县污水处理厂特许经营协议",
        "kind": "franchise", "counterparty": "某水务公司", "amount": "3000000", "upload": upload,
    })  # fmt: skip
    contract = GovernmentContract.objects.get(title="多伦县污水处理厂特许经营协议")
    assert done.status_code == 302 and done["Location"] == f"/contracts/{contract.pk}/"
    file = staff.get(reverse("contracts:version_file", args=[contract.pk, 1]))
    assert file.status_code == 200 and b"".join(file.streaming_content) == b"%PDF-1.4 draft"


def test_the_actions_on_the_contract_page(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contract = create(world, on=D(2012, 3, 1))
    staff, legal = client_for(world.staff), client_for(world.legal)

    def act(client, action, data, files=None):
        url = reverse("contracts:contract_action", args=[contract.pk, action])
        payload = {f"{action}-{k}": v for k, v in data.items()}
        return client.post(url, {**payload, **(files or {})})

    page = staff.get(reverse("contracts:contract", args=[contract.pk]))
    assert [a for a, *_ in page.context["forms"]] == ["version", "submit"]
    assert act(staff, "submit", {"on": "2012-03-01"}).status_code == 302
    assert act(staff, "start_review", {"on": "2012-03-02"}).status_code == 403
    assert act(legal, "start_review", {"on": "2012-03-02"}).status_code == 302
    missing = act(legal, "opinion", {"on": "2012-03-05", "conclusion": "amend"})
    assert missing.status_code == 422
    assert "findings" in dict(
        (a, f) for a, _l, f, _m in missing.context["forms"]
    )["opinion"].errors  # fmt: skip
    done = act(legal, "opinion", {"on": "2012-03-05", "conclusion": "lawful",
                                  "legal_bases": "《中华人民共和国招标投标法》"})  # fmt: skip
    assert done.status_code == 302
    page = staff.get(reverse("contracts:contract", args=[contract.pk]))
    assert "sign" in [a for a, *_ in page.context["forms"]]
    signed_copy = SimpleUploadedFile(
        "签订稿.pdf", b"%PDF-1.4 signed", content_type="application/pdf"
    )
    response = act(staff, "sign", {"on": "2012-03-06", "expires_on": "2013-03-05"},
                   {"sign-upload": signed_copy})  # fmt: skip
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.status == "signed" and contract.signed_copy_name == "签订稿.pdf"
    copy = staff.get(reverse("contracts:signed_copy", args=[contract.pk]))
    assert b"".join(copy.streaming_content) == b"%PDF-1.4 signed"


def test_the_page_says_why_an_amended_contract_cannot_be_signed(world):
    contract = create(world, on=D(2012, 3, 1))
    review(world, contract, submitted=D(2012, 3, 1), returned=D(2012, 3, 5), conclusion="amend")
    page = client_for(world.staff).get(reverse("contracts:contract", args=[contract.pk]))
    assert "sign" not in [a for a, *_ in page.context["forms"]]
    assert "修改" in page.content.decode()  # the amendment-required notice, in Chinese


def test_the_xlsx_export_has_the_visible_contracts(world):
    a = create(world, on=D(2012, 3, 1), title="导出合同")
    review(world, a, submitted=D(2012, 3, 1), returned=D(2012, 3, 5))
    create(world, on=D(2012, 3, 1), actor=world.outsider, department=world.other_department,
           title="别人的合同")  # fmt: skip
    response = client_for(world.staff).get(reverse("contracts:register_export"))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "导出合同"
    services.contract_sign(actor=world.staff, contract=a, on=D(2012, 3, 6))


def test_the_page_of_a_contract_in_performance_with_its_clock_and_milestones(world):
    contract = create(world, on=D(2012, 3, 1))
    services.contract_submit(actor=world.staff, contract=contract, on=D(2012, 3, 1))
    services.contract_start_review(actor=world.legal, contract=contract, on=D(2012, 3, 1))
    services.contract_request_materials(actor=world.legal, contract=contract,
                                        reason="请补充资金来源证明", on=D(2012, 3, 2))  # fmt: skip
    legal = client_for(world.legal)
    page = legal.get(reverse("contracts:contract", args=[contract.pk]))
    assert "materials_received" in [a for a, *_ in page.context["forms"]]
    assert "请补充资金来源证明" in page.content.decode()
    services.contract_materials_received(actor=world.staff, contract=contract, on=D(2012, 3, 6))
    services.contract_return_opinion(actor=world.legal, contract=contract, conclusion="lawful",
                                     on=D(2012, 3, 7))  # fmt: skip
    services.contract_sign(actor=world.staff, contract=contract, on=D(2012, 3, 8))
    services.contract_start_performance(actor=world.staff, contract=contract, on=D(2012, 3, 8))
    staff = client_for(world.staff)
    url = reverse("contracts:contract_action", args=[contract.pk, "milestone"])
    bad = staff.post(url, {"milestone-title": "", "milestone-due_on": "2012-02-01"},
                     HTTP_HX_REQUEST="true")  # fmt: skip
    assert bad.status_code == 200 and "必填项" in bad.content.decode()
    ok = staff.post(url, {"milestone-title": "竣工验收", "milestone-due_on": "2012-06-30"},
                    HTTP_HX_REQUEST="true")  # fmt: skip
    assert ok.status_code == 204 and ok["HX-Redirect"] == f"/contracts/{contract.pk}/"
    page = staff.get(reverse("contracts:contract", args=[contract.pk])).content.decode()
    assert "竣工验收" in page and "已逾期" in page  # due 2012-06-30, long past
    register = staff.get(reverse("contracts:register")).content.decode()
    assert "逾期的履约节点" in register
