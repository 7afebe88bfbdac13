"""The demo county's register: the seed's 47 + 56 and 100% for 2012 come from the records; the
current proposals are in every state."""

from __future__ import annotations

import pytest

from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.org.selectors import home_county
from zhengwu.proposals.figures import annual_figures
from zhengwu.proposals.models import Assignment, Proposal, Reply, Status

pytestmark = pytest.mark.django_db


def test_the_demo_register(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(DemoContext(report=lambda _m: None), only=["org", "proposals"])
    county = home_county()
    figures = annual_figures(county, 2012)
    assert (figures["deputies"], figures["cppcc"]) == (47, 56)
    assert figures["reply_rate"] == 100.0 and figures["on_time_rate"] == 100.0
    assert figures["replied"] == figures["handled"] == 103
    # Every 2012 proposal was assigned in March, after the sessions.
    of_2012 = Proposal.objects.filter(session__year=2012)
    assert set(of_2012.values_list("assigned_on__month", flat=True)) == {3}
    # Feedback mostly satisfied; the two unsatisfied replies were handled again.
    satisfaction = figures["satisfaction"]
    assert satisfaction["satisfied"] > satisfaction["basic"] > satisfaction["unsatisfied"] == 0
    assert figures["rehandled"] == 2 and figures["feedback"] == 103
    assert sum(figures["by_classification"].values()) == 103
    assert Reply.objects.filter(proposal__session__year=2012, published_on__isnull=False).exists()
    # Now: every state, a pending co-handling opinion, an overdue reply, a pending decline.
    current = Proposal.objects.exclude(session__year=2012)
    assert set(current.values_list("status", flat=True)) == set(Status.values)
    pending = Assignment.objects.filter(role="co", opinion_on__isnull=True,
                                        proposal__status="assigned")  # fmt: skip
    assert pending.exists()
    from django.utils import timezone

    today = timezone.localdate()
    assert current.filter(status="assigned", reply_due_on__lt=today).exists()
    assert Assignment.objects.filter(status="declined").count() == 1
    assert Assignment.objects.filter(status="reassigned").count() == 1
    assert current.filter(status="assigned", round=2).count() == 1
    assert audit_verify().ok
    check_the_pages_render(current)


def check_the_pages_render(current):
    from django.test import Client
    from django.urls import reverse

    from zhengwu.org.models import User

    public = Client().get(reverse("proposals:public_list"), {"year": 2012})
    assert public.status_code == 200 and public.context["page_obj"].paginator.count > 40
    office, head = Client(), Client()
    office.force_login(User.objects.get(username="legal"))
    head.force_login(User.objects.get(username="head"))  # 住建局's head
    register = office.get(reverse("proposals:register"), {"year": 2012, "kind": "deputy"})
    assert register.context["page_obj"].paginator.count == 47
    for proposal in current:
        assert office.get(reverse("proposals:proposal", args=[proposal.pk])).status_code == 200
    mine = current.filter(lead_department__code="zjj", status="assigned").first()
    page = head.get(reverse("proposals:proposal", args=[mine.pk])).content.decode()
    assert "答复" in page and mine.title in page
    others = current.exclude(assignments__department__code="zjj").first()
    assert head.get(reverse("proposals:proposal", args=[others.pk])).status_code == 404
