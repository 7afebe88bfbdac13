"""The demo county's register: the seed's 59 contracts of 2012 come from the records, the
current contracts are in every state, and the audit chain holds."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhengwu.common.audit import audit_verify
from zhengwu.contracts.figures import annual_figures, reviewed_before_signing
from zhengwu.contracts.models import ContractStatus, GovernmentContract
from zhengwu.contracts.selectors import contracts_expiring, milestones_overdue
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.org.models import User
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db


def test_the_demo_register(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(DemoContext(report=lambda _m: None), only=["org", "contracts"])
    county = home_county()
    figures = annual_figures(county, 2012)
    # The seed: 今年审查政府合同59件,内容涉及项目开发、工程建设等方面.
    assert figures["reviewed"] == 59
    assert figures["by_kind"]["project_development"] == 24
    assert figures["by_kind"]["construction"] == 21
    assert sum(figures["by_kind"].values()) == 59
    # 8 amended then lawful (each counted once), 1 unlawful; 2 opinions late.
    assert figures["reviews"] == 59 + 8 and figures["amended_then_lawful"] == 8
    assert figures["by_conclusion"] == {"lawful": 58, "amend": 0, "unlawful": 1}
    assert figures["reviewed_on_time"] == 57 and figures["on_time_rate"] == 96.6
    assert figures["signed"] == 58 and figures["reviewed_before_signing_rate"] == 100.0
    assert set(reviewed_before_signing(county, 2012).values()) == {100.0}

    states = set(GovernmentContract.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "under_review", "returned", "signed", "in_performance",
            "completed"} <= states  # fmt: skip
    assert states <= set(ContractStatus.values)
    today = timezone.localdate()
    running = Clock.objects.filter(purpose="contracts.review", status="running")
    assert running.count() == 2  # just submitted, and under review
    assert Clock.objects.filter(purpose="contracts.review", status="suspended").count() == 1
    amend = GovernmentContract.objects.get(status="returned", reviews__conclusion="amend")
    assert amend.current_version.number == 1
    assert milestones_overdue(today).count() == 1
    assert contracts_expiring(GovernmentContract.objects.all(), today, 30).count() == 1
    assert GovernmentContract.objects.filter(reviewed_before_signing=False).count() == 1
    assert audit_verify().ok
    # Every current contract's page renders for the legal office and its department.
    legal = Client()
    legal.force_login(User.objects.get(username="legal"))
    for contract in GovernmentContract.objects.exclude(status="completed"):
        page = legal.get(reverse("contracts:contract", args=[contract.pk]))
        assert page.status_code == 200, contract.status
    head = Client()
    head.force_login(User.objects.get(username="head"))
    register = head.get(reverse("contracts:register"))
    assert register.status_code == 200
    assert {c.department.code for c in register.context["page_obj"].object_list} == {"zjj"}
