"""The cases' JSON API: the lifecycle driven over HTTP, visibility (404, never a confirming 403),
bearer tokens, field-by-field errors, public tracking and the OpenAPI schema.

The dates are those of ``test_acceptance_walk`` (2026 calendar), worked out by hand there:
acceptance window due 30 Sep, after the correction 12 Oct; accepted 9 Oct, promised limit due
5 Nov, legal 10 Dec (31 Dec after 15 days' extension); rating follow-up due 16 Nov.
"""

import datetime
import json

import pytest
import time_machine
from django.test import Client

from tests.cases.world import PDF, PNG, build_world, pdf, png
from tests.factories import CitizenFactory, Role, ServiceCentreFactory, StaffFactory
from zhengwu.cases.models import Case, Task
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import ServiceCentre
from zhengwu.org.services import api_token_issue

pytestmark = pytest.mark.django_db
D = datetime.date
CASES = "/api/cases"
NOT_FOUND = {"code": "not_found", "message": "所请求的记录不存在。"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def w():
    return build_world()


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False)


def as_(user) -> Client:
    """A browser signed in as ``user`` (sign in inside the frozen day: sessions idle out)."""
    client = Client()
    client.force_login(user)
    return client


def post_json(client: Client, url: str, body: dict | None = None, **extra):
    return client.post(url, body or {}, content_type="application/json", **extra)


def apply(client: Client, power, key: str, files=(), **fields):
    data = {"power": power.implementation_code, "idempotency_key": key, **fields}
    if files:
        data["files"] = list(files)
    return client.post(CASES, data)


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["errors"]}


def task_id(case_number: str, stage: str) -> int:
    return Task.objects.get(case__number=case_number, stage_code=stage).pk


def accepted_case(w, power, key="k1") -> str:
    """A case of ``w.citizen`` for ``power``, accepted at the window; its number."""
    number = apply(as_(w.citizen), power, key, files=[pdf()]).json()["case"]["number"]
    assert post_json(as_(w.clerk), f"{CASES}/{number}/accept").status_code == 200
    return number


# ---------------------------------------------------------------------------------------------
# The whole lifecycle
# ---------------------------------------------------------------------------------------------


def test_a_parallel_approval_case_through_the_api(w):
    citizen, clerk, reviewer, head = w.citizen, w.clerk, w.reviewer, w.head

    with on(D(2026, 9, 22)):
        response = apply(
            as_(citizen),
            w.joint,
            "a1",
            files=[pdf()],
            form_data=json.dumps({"项目名称": "草原文化中心"}),
        )
        assert response.status_code == 201
        body = response.json()
        assert body["created"] is True and len(body["query_code"]) == 8
        case = body["case"]
        number = case["number"]
        assert case["status"] == "submitted" and case["channel"] == "online"
        assert case["matter"]["implementation_code"] == w.joint.implementation_code
        assert case["form_data"] == {"项目名称": "草原文化中心"}
        assert [(m["name"], m["size"]) for m in case["materials"]] == [("申请书.pdf", len(PDF))]
        assert set(case["materials"][0]) == {"id", "name", "content_type", "size", "uploaded_at"}
        # Until acceptance, the only clock — and the deadline told — is the acceptance window.
        assert case["deadline"]["due_date"] == "2026-09-30"
        assert [(c["purpose"], c["due_date"], c["state"]) for c in case["clocks"]] == [
            ("approval.acceptance", "2026-09-30", "running")
        ]
        # A retry with the same key: the first case, 200, and no query code this time.
        again = apply(as_(citizen), w.joint, "a1", files=[pdf()])
        assert again.status_code == 200
        assert again.json()["created"] is False and again.json()["query_code"] is None
        assert again.json()["case"]["number"] == number
        assert Case.objects.count() == 1
        code = body["query_code"]

    with on(D(2026, 9, 24)):
        intake = as_(clerk).get(f"{CASES}/intake").json()
        assert [(c["number"], c["acceptance_due"]) for c in intake["items"]] == [
            (number, "2026-09-30")
        ]
        response = post_json(
            as_(clerk), f"{CASES}/{number}/correction", {"items": ["营业执照", "施工图审查合格书"]}
        )
        assert response.status_code == 200
        assert response.json()["status"] == "correction"
        mine = as_(citizen).get(f"{CASES}/{number}").json()
        assert mine["correction"]["items"] == ["营业执照", "施工图审查合格书"]
        tracked = Client().get("/api/track", {"number": number, "code": code}).json()
        assert tracked["missing"] == ["营业执照", "施工图审查合格书"]
        assert tracked["deadline"] is None  # no time runs against the office while correcting

    with on(D(2026, 9, 29)):
        response = as_(citizen).post(
            f"{CASES}/{number}/materials", {"files": [png("营业执照.png")], "note": "已补齐"}
        )
        assert response.status_code == 200
        case = response.json()
        assert case["status"] == "submitted" and case["correction"] is None
        assert [m["name"] for m in case["materials"]] == ["申请书.pdf", "营业执照.png"]
        assert case["materials"][1]["size"] == len(PNG)
        window = [c for c in case["clocks"] if c["status"] == "running"]
        assert [(c["purpose"], c["due_date"]) for c in window] == [
            ("approval.acceptance", "2026-10-12")
        ]

    with on(D(2026, 10, 9)):
        case = post_json(as_(clerk), f"{CASES}/{number}/accept").json()
        assert (case["status"], case["accepted_on"]) == ("accepted", "2026-10-09")
        assert case["deadline"]["purpose"] == "approval.promised"
        assert case["deadline"]["due_date"] == "2026-11-05"
        clocks = {c["purpose"]: c for c in case["clocks"]}
        assert clocks["approval.legal"]["due_date"] == "2026-12-10"
        assert clocks["approval.acceptance"]["state"] == "completed_on_time"
        open_tasks = [
            (t["stage_code"], t["due_on"]) for t in case["tasks"] if t["status"] == "open"
        ]
        assert open_tasks == [("review", "2026-10-15")]
        assert as_(clerk).get(f"{CASES}/intake").json()["count"] == 0

    with on(D(2026, 10, 13)):
        inbox = as_(reviewer).get("/api/tasks").json()
        assert [(t["case"], t["stage_code"], t["actionable"]) for t in inbox["items"]] == [
            (number, "review", True)
        ]
        response = post_json(
            as_(reviewer),
            f"/api/tasks/{inbox['items'][0]['id']}/complete",
            {"verdict": "agree", "opinion": "材料齐全"},
        )
        assert response.status_code == 200
        assert (response.json()["status"], response.json()["completed_by"]) == (
            "done",
            str(reviewer),
        )
        # The decision cannot come before the co-reviews.
        early = post_json(as_(head), f"{CASES}/{number}/decide", {"decision": "approve"})
        assert (early.status_code, early.json()["code"]) == (409, "illegal_transition")

    co_tasks = [task_id(number, f"co{i}") for i in (1, 2, 3)]
    for day, task, person in zip(
        [D(2026, 10, 14), D(2026, 10, 16), D(2026, 10, 20)], co_tasks, w.co_reviewers, strict=True
    ):
        with on(day):
            client = as_(person)
            assert [t["id"] for t in client.get("/api/tasks").json()["items"]] == [task]
            url = f"/api/tasks/{task}/complete"
            assert (
                post_json(client, url, {"verdict": "agree", "opinion": "同意"}).status_code == 200
            )
            twice = post_json(client, url, {"verdict": "agree"})
            assert (twice.status_code, twice.json()["code"]) == (409, "conflict")

    with on(D(2026, 10, 21)):
        response = post_json(
            as_(head), f"{CASES}/{number}/extend", {"days": 15, "reason": "需现场核查消防设施"}
        )
        assert response.status_code == 200
        clocks = {c["purpose"]: c for c in response.json()["clocks"]}
        assert clocks["approval.legal"]["due_date"] == "2026-12-31"
        assert clocks["approval.legal"]["extended_days"] == 15

    with on(D(2026, 10, 22)):
        response = post_json(
            as_(head), f"{CASES}/{number}/decide", {"decision": "approve", "reason": "符合法定条件"}
        )
        assert response.status_code == 200
        case = response.json()
        assert (case["status"], case["decision"], case["decided_on"]) == (
            "decided",
            "approve",
            "2026-10-22",
        )

    with on(D(2026, 10, 23)):
        missing = post_json(as_(clerk), f"{CASES}/{number}/deliver", {"method": "window"})
        assert missing.status_code == 422 and fields_of(missing) == {"licence_number"}
        response = post_json(
            as_(clerk),
            f"{CASES}/{number}/deliver",
            {"method": "window", "licence_number": "152531202610230101"},
        )
        case = response.json()
        assert (case["status"], case["delivered_on"], case["completed_on"]) == (
            "completed",
            "2026-10-23",
            "2026-10-23",
        )
        assert case["licence_number"] == "152531202610230101"

    with on(D(2026, 10, 26)):
        response = post_json(
            as_(citizen), f"{CASES}/{number}/rate", {"level": 2, "comment": "等待时间太长"}
        )
        assert response.status_code == 200
        assert response.json()["rating"]["follow_up_due"] == "2026-11-16"

    with on(D(2026, 10, 28)):
        response = post_json(
            as_(head), f"{CASES}/{number}/rating/follow-up", {"answer": "已约谈窗口，优化流程"}
        )
        assert response.status_code == 200
        assert response.json()["rating"]["follow_up_on"] == "2026-10-28"

        # The applicant's view: the public timeline, without officials' names or opinions.
        mine = as_(citizen).get(f"{CASES}/{number}").json()
        staff = as_(head).get(f"{CASES}/{number}").json()

    events = list(
        AuditEvent.objects.filter(object_type="cases.case", action__in=ACTIONS)
        .order_by("pk")
        .values_list("action", "actor_id")
    )
    assert events == [
        ("case_submit", citizen.pk),
        ("case_request_correction", clerk.pk),
        ("case_supply_materials", citizen.pk),
        ("case_accept", clerk.pk),
        ("task_complete", reviewer.pk),
        *[("task_complete", person.pk) for person in w.co_reviewers],
        ("case_extend", head.pk),
        ("case_decide", head.pk),
        ("case_deliver", clerk.pk),
        ("case_complete", clerk.pk),
        ("case_rate", citizen.pk),
        ("rating_follow_up", head.pk),
    ]
    assert [step["action"] for step in mine["timeline"]] == [a for a, _ in events]
    officials = {str(p) for p in [clerk, reviewer, head, *w.co_reviewers]}
    assert not officials & {step["by"] for step in mine["timeline"]}
    assert {step["by"] for step in mine["timeline"] if step["action"] == "case_decide"} == {
        w.lead.name
    }
    assert all(step["detail"] is None for step in mine["timeline"])
    assert all(t["opinion"] == "" and t["completed_by"] is None for t in mine["tasks"])
    assert any(step["by"].startswith(str(head)) for step in staff["timeline"])
    assert {t["opinion"] for t in staff["tasks"] if t["kind"] == "co_review"} == {"同意"}


ACTIONS = [
    "case_submit",
    "case_request_correction",
    "case_supply_materials",
    "case_accept",
    "task_complete",
    "case_extend",
    "case_decide",
    "case_deliver",
    "case_complete",
    "case_rate",
    "rating_follow_up",
]


def test_an_instant_matter_is_handled_on_the_spot(w):
    clerk = as_(w.clerk)
    response = apply(clerk, w.instant, "i1", applicant=w.citizen.username)
    assert response.status_code == 201
    case = response.json()["case"]
    assert (case["channel"], case["applicant"]) == ("county_window", str(w.citizen))
    done = post_json(clerk, f"{CASES}/{case['number']}/handle-instant")
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["decision"]) == ("completed", "approve")
    assert done.json()["accepted_on"] == done.json()["completed_on"]


def test_refusal_and_withdrawal(w):
    first = apply(as_(w.citizen), w.simple, "r1").json()["case"]["number"]
    second = apply(as_(w.citizen), w.simple, "r2").json()["case"]["number"]
    no_reason = post_json(as_(w.clerk), f"{CASES}/{first}/refuse", {"reason": " "})
    assert no_reason.status_code == 422 and fields_of(no_reason) == {"reason"}
    refused = post_json(as_(w.clerk), f"{CASES}/{first}/refuse", {"reason": "不属于本机关职权"})
    assert (refused.json()["status"], refused.json()["refusal_reason"]) == (
        "refused",
        "不属于本机关职权",
    )
    # The clerk cannot withdraw the applicant's application; the applicant can.
    assert post_json(as_(w.clerk), f"{CASES}/{second}/withdraw").status_code == 403
    unrated = post_json(as_(w.head), f"{CASES}/{first}/rating/follow-up", {"answer": "已整改"})
    assert (unrated.status_code, unrated.json()["code"]) == (409, "illegal_transition")
    withdrawn = post_json(as_(w.citizen), f"{CASES}/{second}/withdraw", {"reason": "不再需要"})
    assert withdrawn.json()["status"] == "withdrawn"
    listed = as_(w.citizen).get(CASES, {"status": "withdrawn"}).json()
    assert [c["number"] for c in listed["items"]] == [second]


def test_an_application_taken_at_a_village_point_is_forwarded(w):
    point = ServiceCentreFactory(
        division=w.centre.division, kind=ServiceCentre.Kind.VILLAGE_POINT, name="大河口村代办点"
    )
    agent = StaffFactory(service_centre=point, roles=[Role.VILLAGE_AGENT])
    with on(D(2026, 9, 22)):
        response = apply(as_(agent), w.simple, "v1", files=[pdf()], applicant=w.citizen.username)
        assert response.status_code == 201
        number = response.json()["case"]["number"]
        assert response.json()["case"]["channel"] == "village_point"
        queue = as_(agent).get(f"{CASES}/intake").json()["items"]
        assert [(c["number"], c["waiting_for_forwarding"]) for c in queue] == [(number, True)]
        # Not yet at the centre: its windows neither see nor accept it.
        early = post_json(as_(w.clerk), f"{CASES}/{number}/accept")
        assert (early.status_code, early.json()) == (404, NOT_FOUND)
    with on(D(2026, 9, 23)):
        forwarded = post_json(as_(agent), f"{CASES}/{number}/forward")
        assert forwarded.status_code == 200
        assert (forwarded.json()["handled_at"], forwarded.json()["forwarded_on"]) == (
            w.centre.name,
            "2026-09-23",
        )
        again = post_json(as_(agent), f"{CASES}/{number}/forward")
        assert (again.status_code, again.json()["code"]) == (409, "illegal_transition")
    with on(D(2026, 9, 24)):
        assert [c["number"] for c in as_(w.clerk).get(f"{CASES}/intake").json()["items"]] == [
            number
        ]
        case = post_json(as_(w.clerk), f"{CASES}/{number}/accept").json()
        # The receipt date at the point stays the case's receipt date.
        assert (case["status"], case["received_on"], case["received_at"]) == (
            "accepted",
            "2026-09-22",
            point.name,
        )


def test_listing_is_paged_and_filtered(w):
    client = as_(w.citizen)
    numbers = [apply(client, w.simple, f"p{n}").json()["case"]["number"] for n in range(3)]
    other = CitizenFactory()
    apply(as_(other), w.simple, "p0")
    page = client.get(CASES, {"limit": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    rest = client.get(CASES, {"limit": 2, "offset": 2}).json()
    assert {c["number"] for c in page["items"] + rest["items"]} == set(numbers)
    assert client.get(CASES, {"status": "accepted"}).json()["count"] == 0
    assert client.get(CASES, {"status": "nonsense"}).status_code == 422


# ---------------------------------------------------------------------------------------------
# Who sees and does what
# ---------------------------------------------------------------------------------------------


def test_an_applicant_gets_404_for_another_applicants_case(w):
    number = accepted_case(w, w.simple)
    review = task_id(number, "review")
    stranger = as_(CitizenFactory())
    absent = stranger.get(f"{CASES}/000000000000000000")
    assert (absent.status_code, absent.json()) == (404, NOT_FOUND)
    for response in [
        stranger.get(f"{CASES}/{number}"),
        post_json(stranger, f"{CASES}/{number}/withdraw"),
        post_json(stranger, f"{CASES}/{number}/rate", {"level": 5}),
        post_json(stranger, f"/api/tasks/{review}/complete", {"verdict": "agree"}),
    ]:
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert stranger.get(CASES).json()["count"] == 0
    assert stranger.get("/api/tasks").json()["count"] == 0
    assert Case.objects.get(number=number).status == "accepted"


def test_the_public_tracking_tells_nothing_without_the_right_code(w):
    response = apply(as_(w.citizen), w.simple, "t1")
    number, code = response.json()["case"]["number"], response.json()["query_code"]
    anonymous = Client()
    tracked = anonymous.get("/api/track", {"number": number, "code": code})
    assert tracked.status_code == 200
    body = tracked.json()
    assert (body["number"], body["status"], body["missing"]) == (number, "submitted", [])
    assert [s["action"] for s in body["steps"]] == ["case_submit"]
    assert body["deadline"]["purpose"] == "approval.acceptance"  # not accepted yet
    assert "applicant" not in body
    wrong_code = f"{(int(code) + 1) % 10**8:08d}"
    by_code = anonymous.get("/api/track", {"number": number, "code": wrong_code})
    by_number = anonymous.get("/api/track", {"number": "152531202600009999", "code": code})
    assert (by_code.status_code, by_code.json()) == (404, NOT_FOUND)
    assert (by_number.status_code, by_number.json()) == (404, NOT_FOUND)
    # Another applicant signed in fares no better.
    other = as_(CitizenFactory()).get("/api/track", {"number": number, "code": wrong_code})
    assert (other.status_code, other.json()) == (404, NOT_FOUND)


def test_the_public_tracking_answers_in_three_queries_however_long_the_timeline(
    w, django_assert_num_queries
):
    """The case with its matter and department, its clocks, its timeline: nothing per step."""
    response = apply(as_(w.citizen), w.joint, "t-count")
    number, code = response.json()["case"]["number"], response.json()["query_code"]
    anonymous = Client()
    with django_assert_num_queries(3):
        first = anonymous.get("/api/track", {"number": number, "code": code}).json()
    case = Case.objects.get(number=number)
    from zhengwu.cases import services

    services.case_accept(actor=w.clerk, case=case)
    services.task_complete(
        actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
    )
    with django_assert_num_queries(3):
        later = anonymous.get("/api/track", {"number": number, "code": code}).json()
    assert len(later["steps"]) > len(first["steps"])
    assert later["matter"] == first["matter"] and later["department"] == first["department"]


def test_a_reviewer_cannot_complete_another_departments_task(w):
    number = accepted_case(w, w.joint)
    review = task_id(number, "review")
    fire, land = w.co_reviewers[0], w.co_reviewers[1]
    # Before the co-reviews open, the case is not the fire brigade's to see at all.
    hidden = post_json(as_(fire), f"/api/tasks/{review}/complete", {"verdict": "agree"})
    assert (hidden.status_code, hidden.json()) == (404, NOT_FOUND)
    assert as_(fire).get(f"{CASES}/{number}").status_code == 404
    post_json(as_(w.reviewer), f"/api/tasks/{review}/complete", {"verdict": "agree"})
    # Now the case is visible to the co-reviewers, but each acts only on their own task.
    lands = task_id(number, "co2")
    response = post_json(as_(fire), f"/api/tasks/{lands}/complete", {"verdict": "agree"})
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    again = post_json(as_(fire), f"/api/tasks/{review}/complete", {"verdict": "agree"})
    assert (again.status_code, again.json()["code"]) == (403, "forbidden")
    elsewhere = as_(StaffFactory(roles=[Role.REVIEWER]))
    response = post_json(elsewhere, f"/api/tasks/{lands}/complete", {"verdict": "agree"})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert Task.objects.get(pk=lands).status == "open"
    ok = post_json(as_(land), f"/api/tasks/{lands}/complete", {"verdict": "agree"})
    assert ok.status_code == 200 and ok.json()["status"] == "done"


def test_a_citizen_files_only_for_themself(w):
    other = CitizenFactory()
    response = apply(as_(w.citizen), w.simple, "b1", applicant=other.username)
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    unknown = apply(as_(w.clerk), w.simple, "b2", applicant="nobody-here")
    assert unknown.status_code == 422 and fields_of(unknown) == {"applicant"}
    by_id = apply(as_(w.clerk), w.simple, "b3", applicant=str(other.pk))
    assert by_id.status_code == 201 and by_id.json()["case"]["applicant"] == str(other)
    assert Case.objects.get().applicant == other


def test_bearer_token_access(w):
    number = accepted_case(w, w.simple)
    _token, raw = api_token_issue(actor=w.reviewer, user=w.reviewer, name="审批客户端")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = Client(enforce_csrf_checks=True)  # no session: the token alone
    inbox = client.get("/api/tasks", **bearer)
    assert inbox.status_code == 200
    assert [t["case"] for t in inbox.json()["items"]] == [number]
    review = inbox.json()["items"][0]["id"]
    done = post_json(client, f"/api/tasks/{review}/complete", {"verdict": "agree"}, **bearer)
    assert done.status_code == 200 and done.json()["completed_by"] == str(w.reviewer)
    assert client.get(CASES).status_code == 401
    # A signed-in browser still needs its CSRF token to act.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(w.reviewer)
    assert browser.get("/api/tasks").json()["count"] == 0
    refused = post_json(browser, f"/api/tasks/{review}/complete", {"verdict": "agree"})
    assert refused.status_code == 403
    forged = client.get(CASES, HTTP_AUTHORIZATION="Bearer zw_forged")
    assert (forged.status_code, forged.json()["code"]) == (401, "not_authenticated")


# ---------------------------------------------------------------------------------------------
# Errors, field by field
# ---------------------------------------------------------------------------------------------


def test_apply_reports_every_bad_field(w):
    client = as_(w.citizen)
    response = client.post(
        CASES, {"power": "NO-SUCH-CODE", "idempotency_key": "v1", "form_data": "[1, 2]"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert fields_of(response) == {"power", "form_data"}
    missing = client.post(CASES, {"power": w.simple.implementation_code})
    assert missing.status_code == 422 and fields_of(missing) == {"idempotency_key"}
    long_key = apply(client, w.simple, "k" * 65)
    assert long_key.status_code == 422 and fields_of(long_key) == {"idempotency_key"}
    bad_file = apply(client, w.simple, "v2", files=[pdf(), pdf("程序.exe")])
    assert bad_file.status_code == 422
    assert [(e["field"], e["type"]) for e in bad_file.json()["errors"]] == [
        ("files", "upload_type")
    ]
    assert not Case.objects.exists()


def test_actions_report_bad_fields(w):
    number = accepted_case(w, w.simple)
    post_json(
        as_(w.reviewer), f"/api/tasks/{task_id(number, 'review')}/complete", {"verdict": "agree"}
    )
    head = as_(w.head)
    deny = post_json(head, f"{CASES}/{number}/decide", {"decision": "deny"})
    assert deny.status_code == 422 and fields_of(deny) == {"reason", "legal_basis"}
    unknown = post_json(head, f"{CASES}/{number}/decide", {"decision": "maybe"})
    assert unknown.status_code == 422 and fields_of(unknown) == {"decision"}
    no_decision = post_json(head, f"{CASES}/{number}/decide", {})
    assert no_decision.status_code == 422 and fields_of(no_decision) == {"decision"}
    days = post_json(head, f"{CASES}/{number}/extend", {"days": "many"})
    assert days.status_code == 422 and fields_of(days) == {"days"}
    assert Case.objects.get(number=number).status == "in_review"
    fresh = apply(as_(w.citizen), w.simple, "c2").json()["case"]["number"]
    empty = post_json(as_(w.clerk), f"{CASES}/{fresh}/correction", {"items": [" "]})
    assert empty.status_code == 422 and fields_of(empty) == {"items"}
    verdict = post_json(as_(w.clerk), f"{CASES}/{fresh}/rate", {"level": "x"})
    assert verdict.status_code == 422 and fields_of(verdict) == {"level"}


# ---------------------------------------------------------------------------------------------
# The schema
# ---------------------------------------------------------------------------------------------


def test_the_openapi_schema_documents_the_case_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    expected = {
        ("/api/cases", "post"),
        ("/api/cases", "get"),
        ("/api/cases/intake", "get"),
        ("/api/cases/{number}", "get"),
        *(
            (f"/api/cases/{{number}}/{action}", "post")
            for action in [
                "forward",
                "accept",
                "refuse",
                "correction",
                "materials",
                "decide",
                "deliver",
                "handle-instant",
                "extend",
                "withdraw",
                "rate",
                "rating/follow-up",
            ]
        ),
        ("/api/tasks", "get"),
        ("/api/tasks/{task_id}/complete", "post"),
        ("/api/track", "get"),
    }
    documented = {
        (path, method)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if "cases" in operation.get("tags", [])
    }
    assert documented == expected
    for path, method in expected:
        operation = paths[path][method]
        assert operation["summary"], (path, method)
        assert any(status.startswith("2") for status in operation["responses"]), (path, method)
    apply_op = paths["/api/cases"]["post"]
    assert set(apply_op["responses"]) >= {"200", "201"}
    assert "multipart/form-data" in apply_op["requestBody"]["content"]
    assert paths["/api/track"]["get"].get("security") in (None, [])
    assert paths["/api/cases"]["get"]["security"]  # signed in
    components = schema["components"]["schemas"]
    detail = components["CaseDetailOut"]["properties"]
    for name in ("status", "clocks", "deadline", "tasks", "correction", "timeline", "materials"):
        assert name in detail, name
    assert components["DecideIn"]["properties"]["decision"]["enum"] == ["approve", "deny"]
