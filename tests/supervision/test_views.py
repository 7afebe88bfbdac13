"""The supervision room's pages: the dashboard and its counts, filters and exports; the alert
page; supervision notices from issue to reply and close; who may see and do what.

The pages' own words are English msgids until the lead merges their Chinese translations, so the
assertions compare with ``gettext`` of the msgid, with numbers, names and form errors.

Dates: November 2026 has no holiday; Monday 2 November, Tuesday 10 November.
"""

from __future__ import annotations

import datetime
import io
import itertools
import re

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import gettext as _

from tests.cases.world import build_world, pdf
from tests.factories import CitizenFactory, Role, StaffFactory
from zhengwu.cases import services as cases
from zhengwu.cases.models import Case
from zhengwu.common.models import AuditEvent
from zhengwu.supervision import export
from zhengwu.supervision.models import Alert, Rule, SupervisionNotice

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 10)
_keys = itertools.count(1)
RAISED = D(2026, 11, 5)


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def w():
    return build_world()


@pytest.fixture
def supervisor():
    return StaffFactory(roles=[Role.SUPERVISOR])


def submit(w, power, key, *, accept=True):
    with on(D(2026, 11, 2)):
        case = cases.case_submit(
            actor=w.citizen, applicant=w.citizen, power=power, idempotency_key=key, files=[pdf()]
        ).case
        if accept:
            cases.case_accept(actor=w.clerk, case=case)
    return case


def alert(case, severity, *, department=None, due=None, raised=RAISED, status="open"):
    return Alert.objects.create(
        rule=Rule.objects.get(code="overdue" if severity == "red" else "near_due"),
        severity=severity,
        key=f"test:{next(_keys)}",
        object_type="cases.case",
        object_id=str(case.pk),
        case=case,
        department=department or case.department,
        due_date=due,
        raised_on=raised,
        status=status,
        cleared_on=None if status == "open" else raised,
    )


@pytest.fixture
def scene(w):
    """Four open cases (red, yellow, green, green), one completed case with a red alert."""
    red = submit(w, w.simple, "red")
    yellow = submit(w, w.simple, "yellow")
    green = submit(w, w.simple, "green", accept=False)
    cleared = submit(w, w.joint, "cleared")
    instant = submit(w, w.instant, "instant")
    with on(D(2026, 11, 2)):
        cases.case_handle_instant(actor=w.clerk, case=instant)
    alerts = {
        "red": alert(red, "red", due=D(2026, 11, 6)),
        "red_warning": alert(red, "yellow", due=D(2026, 11, 12)),
        "yellow": alert(yellow, "yellow", due=D(2026, 11, 11)),
        "co": alert(cleared, "yellow", department=w.co[0], due=D(2026, 11, 13)),
        "done": alert(instant, "red", due=D(2026, 11, 2)),
    }
    alert(cleared, "red", status="cleared")
    # The co-reviewing department's warning sits on a case that is otherwise fine: yellow too.
    return {"red": red, "yellow": yellow, "green": green, "cleared": cleared, "alerts": alerts}


def count(html: str, colour: str) -> int:
    match = re.search(rf'id="count-{colour}">(\d+)<', html)
    assert match, colour
    return int(match.group(1))


def direct_count() -> dict[str, int]:
    counts = {"red": 0, "yellow": 0, "green": 0}
    for case in Case.objects.filter(status__in=Case.OPEN_STATUSES):
        live = set(
            Alert.objects.filter(case=case, status="open").values_list("severity", flat=True)
        )
        counts["red" if "red" in live else "yellow" if "yellow" in live else "green"] += 1
    return counts


def alert_links(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/supervision/alerts/(\d+)/"', html)]


# ---------------------------------------------------------------------------------------------
# The dashboard
# ---------------------------------------------------------------------------------------------


def test_the_dashboard_counts_equal_a_direct_count_of_the_cases(client, w, scene, supervisor):
    client.force_login(supervisor)
    with on(TODAY):
        response = client.get(reverse("supervision:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    shown = {c: count(html, c) for c in ("red", "yellow", "green")}
    assert shown == direct_count() == {"red": 1, "yellow": 2, "green": 1}
    # Each colour also says what it is in words.
    for label in (_("red card"), _("yellow card"), _("green: on track")):
        assert label in html
    # The live list: red first, then by due date; the completed case's alert is still live.
    a = scene["alerts"]
    assert alert_links(html) == [
        a["done"].pk,
        a["red"].pk,
        a["yellow"].pk,
        a["red_warning"].pk,
        a["co"].pk,
    ]
    # The efficiency table and the trend are on the page, with this year's figures.
    assert "sv-trend-data" in html and w.lead.name in html


def test_the_dashboard_filters(client, w, scene, supervisor):
    client.force_login(supervisor)
    a = scene["alerts"]
    url = reverse("supervision:dashboard")
    with on(TODAY):
        by_dept = client.get(url, {"department": w.co[0].pk}).content.decode()
        by_power = client.get(url, {"power": w.instant.pk}).content.decode()
        yellow = client.get(url, {"severity": "yellow", "channel": "online"}).content.decode()
        live = client.get(
            url, {"power": w.simple.pk}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="live"
        )
        bad = client.get(url, {"department": "999999"})
    assert alert_links(by_dept) == [a["co"].pk]
    assert alert_links(by_power) == [a["done"].pk]
    assert count(by_power, "red") == 0  # the instant case is completed
    assert alert_links(yellow) == [a["yellow"].pk, a["red_warning"].pk, a["co"].pk]
    # htmx asks only for the live part: counts and list, filtered.
    assert live.templates[0].name == "supervision/partials/live.html"
    body = live.content.decode()
    assert (count(body, "red"), count(body, "yellow"), count(body, "green")) == (1, 1, 1)
    assert alert_links(body) == [a["red"].pk, a["yellow"].pk, a["red_warning"].pk]
    # An unknown choice is an error on the field, and the list is not filtered.
    assert bad.status_code == 200
    assert bad.context["form"].errors["department"]
    assert len(alert_links(bad.content.decode())) == 5


def test_only_supervisors_see_the_room(client, w, scene):
    a = scene["alerts"]["red"]
    urls = [
        reverse("supervision:dashboard"),
        reverse("supervision:export_alerts"),
        reverse("supervision:export_efficiency"),
        reverse("supervision:alert", args=[a.pk]),
    ]
    for user in (w.head, w.clerk, w.reviewer):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        response = client.post(
            reverse("supervision:alert_action", args=[a.pk, "resolve"]), {"resolve-note": "x"}
        )
        assert response.status_code == 403
    a.refresh_from_db()
    assert a.status == "open"
    client.force_login(w.clerk)  # no department head or reviewer: no notices either
    assert client.get(reverse("supervision:notices")).status_code == 403
    client.force_login(CitizenFactory())
    assert client.get(urls[0]).status_code == 302
    client.logout()
    assert client.get(urls[0])["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------------------------------------
# Notices: issue, reply, close
# ---------------------------------------------------------------------------------------------


def events(action: str, notice: SupervisionNotice):
    return AuditEvent.objects.filter(
        action=action, object_type="supervision.supervisionnotice", object_id=str(notice.pk)
    )


def test_a_notice_from_issue_to_reply_and_close(client, w, scene, supervisor):
    a = scene["alerts"]["red"]
    alert_url = reverse("supervision:alert", args=[a.pk])
    issue_url = reverse("supervision:alert_action", args=[a.pk, "notice"])
    client.force_login(supervisor)
    with on(TODAY):
        page = client.get(alert_url)
        assert page.status_code == 200 and 'name="notice-content"' in page.content.decode()
        # Errors field by field, with what was typed kept.
        invalid = client.post(
            issue_url, {"notice-content": "请说明超期原因", "notice-reply_days": 99}
        )
        assert invalid.status_code == 200
        form = invalid.context["forms"]["notice"]
        assert list(form.errors) == ["reply_days"]
        assert "请说明超期原因" in invalid.content.decode()
        empty = client.post(issue_url, {"notice-content": " ", "notice-reply_days": 3})
        assert list(empty.context["forms"]["notice"].errors) == ["content"]
        assert not SupervisionNotice.objects.exists()

        response = client.post(
            issue_url, {"notice-content": "请说明超期原因", "notice-reply_days": 3}
        )
    notice = SupervisionNotice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:notice", args=[notice.pk])
    assert (notice.alert, notice.case, notice.department) == (a, scene["red"], w.lead)
    assert (notice.status, notice.reply_days, notice.reply_due) == ("issued", 3, D(2026, 11, 13))
    issued = events("notice_issue", notice).get()
    assert (issued.actor, issued.to_state) == (supervisor, "issued")

    # The department sees it in its list and replies, with htmx.
    client.force_login(w.head)
    with on(D(2026, 11, 11)):
        listing = client.get(reverse("supervision:notices")).content.decode()
        assert notice.number in listing
        assert client.get(reverse("supervision:notice", args=[notice.pk])).status_code == 200
        reply_url = reverse("supervision:notice_action", args=[notice.pk, "reply"])
        blank = client.post(reply_url, {"reply-reply": ""}, HTTP_HX_REQUEST="true")
        assert blank.status_code == 200 and blank.context["forms"]["reply"].errors["reply"]
        replied = client.post(
            reply_url, {"reply-reply": "已于11日办结并约谈"}, HTTP_HX_REQUEST="true"
        )
    assert replied.status_code == 200
    assert replied.templates[0].name == "supervision/partials/notice_live.html"
    notice.refresh_from_db()
    assert (notice.status, notice.reply, notice.replied_by) == (
        "replied",
        "已于11日办结并约谈",
        w.head,
    )
    reply_event = events("notice_reply", notice).get()
    assert (reply_event.actor, reply_event.from_state, reply_event.to_state) == (
        w.head,
        "issued",
        "replied",
    )
    # The department cannot close its own notice.
    close_url = reverse("supervision:notice_action", args=[notice.pk, "close"])
    with on(D(2026, 11, 11)):
        assert client.post(close_url, {"close-conclusion": "好"}).status_code == 403

    client.force_login(supervisor)
    with on(D(2026, 11, 12)):
        missing = client.post(close_url, {"close-conclusion": ""})
        assert missing.status_code == 200 and missing.context["forms"]["close"].errors
        closed = client.post(close_url, {"close-conclusion": "整改到位，予以销号"})
    assert closed.status_code == 302
    notice.refresh_from_db()
    assert (notice.status, notice.conclusion, notice.closed_on) == (
        "closed",
        "整改到位，予以销号",
        D(2026, 11, 12),
    )
    close_event = events("notice_close", notice).get()
    assert (close_event.actor, close_event.from_state, close_event.to_state) == (
        supervisor,
        "replied",
        "closed",
    )


def test_a_department_cannot_answer_another_departments_notice(client, w, scene, supervisor):
    from zhengwu.supervision import services

    with on(TODAY):
        notice = services.notice_issue(
            actor=supervisor, alert=scene["alerts"]["red"], content="请说明超期原因"
        )
    outsider = w.co_reviewers[0]  # a reviewer of the fire brigade
    client.force_login(outsider)
    reply_url = reverse("supervision:notice_action", args=[notice.pk, "reply"])
    with on(D(2026, 11, 11)):
        assert client.get(reverse("supervision:notice", args=[notice.pk])).status_code == 403
        assert notice.number not in client.get(reverse("supervision:notices")).content.decode()
        assert client.post(reply_url, {"reply-reply": "已整改"}).status_code == 403
        htmx = client.post(reply_url, {"reply-reply": "已整改"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 403 and htmx["HX-Retarget"] == "#action-alert"
    notice.refresh_from_db()
    assert (notice.status, notice.reply) == ("issued", "")
    assert not events("notice_reply", notice).exists()


def test_escalating_then_closing_after_the_reply(client, w, scene, supervisor):
    from zhengwu.supervision import services

    with on(TODAY):
        notice = services.notice_issue(
            actor=supervisor, alert=scene["alerts"]["yellow"], content="x"
        )
    client.force_login(supervisor)
    url = reverse("supervision:notice_action", args=[notice.pk, "escalate"])
    with on(D(2026, 11, 18)):
        invalid = client.post(url, {"escalate-to": "", "escalate-reason": "逾期未回复"})
        assert set(invalid.context["forms"]["escalate"].errors) == {"to"}
        assert "逾期未回复" in invalid.content.decode()
        assert client.post(url, {"escalate-to": "县政府分管领导", "escalate-reason": "逾期未回复"})
        notice.refresh_from_db()
        assert (notice.status, notice.escalated_to) == ("escalated", "县政府分管领导")
        # Closing before the department replies is refused, with the reason on the form.
        close = reverse("supervision:notice_action", args=[notice.pk, "close"])
        refused = client.post(close, {"close-conclusion": "结案"})
        assert refused.status_code == 200 and refused.context["forms"]["close"].non_field_errors()
    assert events("notice_escalate", notice).get().actor == supervisor
    notice.refresh_from_db()
    assert notice.status == "escalated"


def test_resolving_an_alert_with_htmx(client, w, scene, supervisor):
    a = scene["alerts"]["done"]
    client.force_login(supervisor)
    url = reverse("supervision:alert_action", args=[a.pk, "resolve"])
    with on(TODAY):
        blank = client.post(url, {"resolve-note": ""}, HTTP_HX_REQUEST="true")
        assert blank.context["forms"]["resolve"].errors["note"]
        done = client.post(url, {"resolve-note": "已约谈窗口负责人"}, HTTP_HX_REQUEST="true")
        again = client.post(url, {"resolve-note": "再次"}, HTTP_HX_REQUEST="true")
    assert done.templates[0].name == "supervision/partials/alert_live.html"
    a.refresh_from_db()
    assert (a.status, a.resolved_by, a.note, a.cleared_on) == (
        "resolved",
        supervisor,
        "已约谈窗口负责人",
        TODAY,
    )
    assert AuditEvent.objects.filter(action="alert_resolve", object_id=str(a.pk)).count() == 1
    assert again.context["notice"][0] == "conflict"  # already resolved: someone else did it


# ---------------------------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------------------------


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == export.XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_the_live_list_as_xlsx(client, w, scene, supervisor):
    client.force_login(supervisor)
    with on(TODAY):
        sheet = workbook(client.get(reverse("supervision:export_alerts")))
        online = workbook(client.get(reverse("supervision:export_alerts"), {"severity": "red"}))
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == export.alert_headers()
    assert len(rows) == 1 + 5
    instant = Case.objects.get(power_version__power=w.instant)
    first = rows[1]
    assert first[0] == _("red card") and first[2] == instant.number
    assert first[4] == w.lead.name
    assert first[7].date() == D(2026, 11, 2)
    assert [r[0] for r in online.iter_rows(min_row=2, values_only=True)] == [_("red card")] * 2


def test_the_efficiency_table_as_xlsx(client, w, scene, supervisor):
    client.force_login(supervisor)
    with on(TODAY):
        sheet = workbook(client.get(reverse("supervision:export_efficiency"), {"year": 2026}))
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == export.efficiency_headers()
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {w.lead.name, w.co[0].name}
    lead = by_name[w.lead.name]
    # Received 5, accepted 4 (all but "green"), completed 1 (the instant case, on time, not
    # early: due and completed the same day).
    assert lead[1:5] == (5, 4, 1, 100.0)
    assert lead[5] == 0.0
    # Alerts raised in 2026 for which the lead is responsible: 3 red (the cleared one counts:
    # it was raised), 2 yellow → per 100 received: 60.0 and 40.0.
    assert lead[13:17] == (3, 60.0, 2, 40.0)
    fire = by_name[w.co[0].name]
    assert fire[1] == 0 and fire[15:17] == (1, None)


def test_a_notice_on_a_case_without_an_alert_to_a_co_reviewing_department(client, w, supervisor):
    case = submit(w, w.joint, "no-alert")
    url = reverse("supervision:case_notice", args=[case.number])
    client.force_login(w.clerk)
    assert client.get(url).status_code == 403
    client.force_login(supervisor)
    with on(TODAY):
        page = client.get(reverse("cases:case", args=[case.number])).content.decode()
        assert url in page
        form = client.get(url).context["form"]
        # The implementing body and every department of its process (co-reviews not open yet).
        choices = {d.pk for d in form.fields["department"].queryset}
        assert w.lead.pk in choices and w.co[0].pk in choices
        invalid = client.post(url, {"department": w.co[0].pk, "content": "", "reply_days": 3})
        assert invalid.status_code == 400 and list(invalid.context["form"].errors) == ["content"]
        stranger = StaffFactory().department
        wrong = client.post(url, {"department": stranger.pk, "content": "x", "reply_days": 3})
        assert list(wrong.context["form"].errors) == ["department"]
        response = client.post(
            url, {"department": w.co[0].pk, "content": "请说明联合审查进度", "reply_days": 5}
        )
    notice = SupervisionNotice.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("supervision:notice", args=[notice.pk])
    assert (notice.case, notice.alert, notice.department) == (case, None, w.co[0])
    assert AuditEvent.objects.filter(action="notice_issue", object_id=str(notice.pk)).exists()


def test_the_notice_list_filters_by_department(client, w, scene, supervisor):
    from zhengwu.supervision import services as supervision

    with on(TODAY):
        lead = supervision.notice_issue(actor=supervisor, alert=scene["alerts"]["red"],
                                        content="请说明超期原因")  # fmt: skip
        co = supervision.notice_issue(actor=supervisor, alert=scene["alerts"]["co"],
                                      content="请加快联合审查")  # fmt: skip
        client.force_login(supervisor)
        url = reverse("supervision:notices")
        both = client.get(url).content.decode()
        assert lead.number in both and co.number in both
        only = client.get(url, {"department": w.co[0].pk}).content.decode()
        assert co.number in only and lead.number not in only
        # An unknown department shows everything rather than nothing.
        assert lead.number in client.get(url, {"department": "999999"}).content.decode()
