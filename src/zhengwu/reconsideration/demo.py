"""The demo county's reconsideration and litigation, driven through the services.

History (fixed dates): a few cases of 2010 and 2011, all closed by the end of 2011 — so that
2012 has none, as the seed report says (全年无行政复议和应诉案件): every figure of 2012 is zero.

Now (dates counted back from the real today): applications in every state — under
examination, awaiting correction, accepted with the respondent's answer running and overdue,
suspended (a running suspension), in the simplified procedure, near its decision date, with an
incidental review of a normative document of the registry (when the normative-documents demo
is loaded; named in free text otherwise), decided after an extension, not accepted, abandoned,
withdrawn, terminated and deemed accepted — and suits answered, judged with the agency's head
in court, and under appeal.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import Department, User
from zhengwu.org.selectors import home_county
from zhengwu.reconsideration import services

D = datetime.date
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def _id(body17: str) -> str:
    total = sum(int(c) * w for c, w in zip(body17, WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


def _person(name: str, n: int) -> dict:
    birth = f"19{70 + n % 20:02d}0{1 + n % 9}1{n % 10}"
    return {"name": name, "id_number": _id(f"152531{birth}{n:03d}"), "phone": f"139{n:08d}"}


def _register(legal, deps, dep, day, act, *, n, name="王某某", knew=None, **kwargs):
    return services.case_register(
        actor=legal, respondent=deps[dep], applicants=[_person(name, n)], contested_act=act,
        knew_on=knew or day - datetime.timedelta(days=12), request="请求撤销该行政行为",
        reasons="被申请人认定事实不清，适用法律错误。", received_on=day,
        channel=kwargs.pop("channel", "window"), **kwargs,
    ).case  # fmt: skip


def _reviewed(legal, case, *, accepted, sent, answered=None, **accept):
    case = services.case_accept(actor=legal, case=case, on=accepted, **accept)
    case = services.case_send_to_respondent(actor=legal, case=case, on=sent)
    if answered:
        case = services.case_record_answer(actor=legal, case=case, on=answered,
                                           summary="书面答复及证据材料")  # fmt: skip
    return case


def _suit(legal, deps, dep, number, filed, *, plaintiff, act, after=None, disclosure=False):
    return services.litigation_register(
        actor=legal, defendant=deps[dep], plaintiff=plaintiff, court="多伦县人民法院",
        court_number=number, contested_act=act, filed_on=filed,
        served_on=filed + datetime.timedelta(days=3), after_review=after,
        is_disclosure=disclosure,
    )  # fmt: skip


def _history(ctx, legal, deps) -> None:
    a = _register(legal, deps, "gtj", D(2010, 4, 12), "多国土资字〔2010〕7号土地权属确认决定",
                  n=1, name="张某某")  # fmt: skip
    a = _reviewed(legal, a, accepted=D(2010, 4, 14), sent=D(2010, 4, 15), answered=D(2010, 4, 26))
    services.case_record_review(actor=legal, case=a, mode="opinions", on=D(2010, 5, 20))
    services.case_decide(actor=legal, case=a, decision_type="maintain", on=D(2010, 6, 8),
                         text="维持被申请人作出的土地权属确认决定")  # fmt: skip
    b = _register(legal, deps, "gaj", D(2010, 8, 2), "对信访事项的处理意见", n=2)
    services.case_refuse(actor=legal, case=b, on=D(2010, 8, 4),
                         reasons="信访处理意见不属于行政复议受案范围")  # fmt: skip
    c = _register(legal, deps, "zjj", D(2011, 5, 9), "多建限拆字〔2011〕3号责令限期拆除决定",
                  n=3, name="刘某某")  # fmt: skip
    c = _reviewed(legal, c, accepted=D(2011, 5, 11), sent=D(2011, 5, 13), answered=D(2011, 5, 24))
    services.case_record_review(actor=legal, case=c, mode="hearing", on=D(2011, 6, 21),
                                note="公开听证")  # fmt: skip
    services.case_decide(actor=legal, case=c, decision_type="revoke", on=D(2011, 7, 20),
                         text="撤销责令限期拆除决定，责令被申请人重新作出")  # fmt: skip
    d = _register(legal, deps, "gkb", D(2011, 8, 15), "政府信息公开申请答复（不予公开）", n=4,
                  is_disclosure=True)  # fmt: skip
    d = _reviewed(legal, d, accepted=D(2011, 8, 17), sent=D(2011, 8, 18))
    services.case_withdraw(actor=legal, case=d, on=D(2011, 9, 5),
                           reason="被申请人重新答复并公开，申请人撤回申请")  # fmt: skip
    # Suits: after the 2010 reconsideration (maintained), and one brought directly in 2011.
    s1 = _suit(legal, deps, "gtj", "(2010)多行初字第3号", D(2010, 6, 25), plaintiff="张某某",
               act="土地权属确认决定", after=a)  # fmt: skip
    services.litigation_record_answer(actor=legal, case=s1, on=D(2010, 7, 8))
    services.litigation_record_hearing(actor=legal, case=s1, held_on=D(2010, 8, 18),
                                       head_appeared=True, head_name="李国华",
                                       head_post="国土资源局局长")  # fmt: skip
    services.litigation_record_judgment(actor=legal, case=s1, result="maintain",
                                        on=D(2010, 10, 15))  # fmt: skip
    s2 = _suit(legal, deps, "gsj", "(2011)多行初字第2号", D(2011, 4, 6),
               plaintiff="多伦县某商贸公司", act="多工商处字〔2011〕15号行政处罚决定")  # fmt: skip
    services.litigation_record_answer(actor=legal, case=s2, on=D(2011, 4, 18))
    services.litigation_record_hearing(actor=legal, case=s2, held_on=D(2011, 5, 26))
    services.litigation_record_judgment(actor=legal, case=s2, result="change", on=D(2011, 7, 1))
    ctx.step("4 reconsideration cases and 2 suits of 2010-2011, all closed; none in 2012")


def _document(county, title: str):
    from zhengwu.rulemaking.models import NormativeDocument

    return (
        NormativeDocument.objects.filter(division=county, title=title, status="published").first()
        or NormativeDocument.objects.filter(division=county, status="published")
        .order_by("-published_on")
        .first()
    )


def _current(ctx, legal, deps, county, today) -> None:
    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    act = "行政处罚决定"
    # Under examination (online), and awaiting correction.
    services.case_register(
        actor=None, respondent=deps["cgzf"], applicants=[_person("陈某某", 11)], channel="online",
        contested_act=f"多城管罚字〔{today.year}〕21号行政处罚决定", knew_on=ago(15),
        request="请求撤销罚款决定", received_on=ago(1),
    )  # fmt: skip
    waiting = _register(legal, deps, "ypj", ago(4), "食品经营许可不予许可决定", n=12)
    services.case_request_correction(
        actor=legal, case=waiting, on=ago(2), items=["申请人身份证明复印件", "不予许可决定书复印件"]
    )
    # Accepted: the answer running; the answer overdue.
    running = _register(legal, deps, "hbj", ago(9), f"环保{act}", n=13, name="赵某某")
    _reviewed(legal, running, accepted=ago(7), sent=ago(5))
    overdue = _register(legal, deps, "ajj", ago(30), f"安全生产{act}", n=14)
    _reviewed(legal, overdue, accepted=ago(28), sent=ago(26))
    # A running suspension (another case must be concluded first).
    suspended = _register(legal, deps, "gtj", ago(44), "土地权属争议处理决定", n=15)
    suspended = _reviewed(legal, suspended, accepted=ago(42), sent=ago(40), answered=ago(31))
    services.case_suspend(actor=legal, case=suspended, ground="other_case", on=ago(10),
                          note="需以人民法院正在审理的民事案件结果为依据")  # fmt: skip
    # The simplified procedure.
    simple = _register(legal, deps, "jtj", ago(8), "道路运输违法行为罚款200元", n=16)
    _reviewed(legal, simple, accepted=ago(6), sent=ago(5), simplified=True)
    # Near its decision date, after a hearing.
    near = _register(legal, deps, "zjj", ago(55), "多建限拆字责令限期拆除决定", n=17,
                     name="孙某某")  # fmt: skip
    near = _reviewed(legal, near, accepted=ago(53), sent=ago(52), answered=ago(43))
    services.case_record_review(actor=legal, case=near, mode="hearing", on=ago(15),
                                note="公开听证，双方到场")  # fmt: skip
    # An incidental review of a normative document of the registry.
    document = _document(county, "多伦县城区停车场管理办法")
    reviewed = _register(
        legal, deps, "jtj", ago(12), "依据规范性文件作出的停车收费处理决定", n=18,
        normative_document=document,
        normative_document_text="" if document else "多伦县城区停车场管理办法",
    )  # fmt: skip
    reviewed = _reviewed(legal, reviewed, accepted=ago(10), sent=ago(9))
    services.case_suspend(actor=legal, case=reviewed, ground="document_review", on=ago(8))
    services.case_notify_drafter(actor=legal, case=reviewed, on=ago(7))
    # Decided after an extension; not accepted (late); withdrawn; terminated.
    decided = _register(legal, deps, "rsj", ago(82), "工伤认定决定", n=19)
    decided = _reviewed(legal, decided, accepted=ago(80), sent=ago(78), answered=ago(70))
    services.case_extend(actor=legal, case=decided, days=30, on=ago(25),
                         reason="案情复杂，需补充调查")  # fmt: skip
    services.case_decide(actor=legal, case=decided, decision_type="revoke", on=ago(6),
                         text="撤销工伤认定决定，责令重新作出")  # fmt: skip
    late = _register(legal, deps, "gsj", ago(20), "营业执照吊销决定", n=20, knew=ago(150))
    services.case_refuse(actor=legal, case=late, on=ago(18),
                         reasons="超过法定申请期限且无正当理由（第二十条）")  # fmt: skip
    withdrawn = _register(legal, deps, "gkb", ago(35), "政府信息公开申请答复", n=21,
                          is_disclosure=True)  # fmt: skip
    withdrawn = _reviewed(legal, withdrawn, accepted=ago(33), sent=ago(32))
    services.case_withdraw(actor=legal, case=withdrawn, on=ago(14), reason="已重新答复，撤回申请")
    ended = _register(legal, deps, "mzj", ago(60), "最低生活保障待遇停发决定", n=22)
    ended = _reviewed(legal, ended, accepted=ago(58), sent=ago(57))
    services.case_suspend(actor=legal, case=ended, ground="death", on=ago(40))
    services.case_terminate(actor=legal, case=ended, ground="no_heir", on=ago(16),
                            reason="申请人死亡，其近亲属放弃行政复议权利")  # fmt: skip
    # Left alone: abandoned and deemed accepted by the sweep.
    gone = _register(legal, deps, "wsj", ago(45), "卫生行政处罚决定", n=23)
    services.case_request_correction(actor=legal, case=gone, on=ago(43), items=["授权委托书"])
    _register(legal, deps, "lyj", ago(25), "林木采伐许可不予许可决定", n=24)
    swept = services.cases_sweep(on=today)
    # Suits: the answer running; judged with the head in court; under appeal after review.
    _suit(legal, deps, "cgzf", f"({today.year})内2531行初11号", ago(6),
          plaintiff="多伦县某建材公司", act="责令停止违法建设决定")  # fmt: skip
    judged = _suit(legal, deps, "gsj", f"({today.year})内2531行初7号", ago(70),
                   plaintiff="刘某某", act="行政处罚决定")  # fmt: skip
    services.litigation_record_answer(actor=legal, case=judged, on=ago(60))
    services.litigation_record_hearing(actor=legal, case=judged, held_on=ago(30),
                                       head_appeared=True, head_name="王建军",
                                       head_post="工商局局长")  # fmt: skip
    services.litigation_record_judgment(actor=legal, case=judged, result="maintain", on=ago(12))
    appealed = _suit(legal, deps, "hbj", f"({ago(120).year})内2531行初1号",
                     ago(120), plaintiff="多伦县某化工企业", act="责令停产整治决定")  # fmt: skip
    services.litigation_record_answer(actor=legal, case=appealed, on=ago(110))
    services.litigation_record_hearing(actor=legal, case=appealed, held_on=ago(70))
    services.litigation_record_judgment(actor=legal, case=appealed, result="revoke", on=ago(40))
    services.litigation_appeal(actor=legal, case=appealed, court="锡林郭勒盟中级人民法院",
                               on=ago(30))  # fmt: skip
    ctx.step(
        f"14 current applications in every state ({len(swept.abandoned)} abandoned, "
        f"{len(swept.deemed_accepted)} deemed accepted by the sweep) and 3 current suits"
    )


def load(ctx: DemoContext) -> None:
    county = home_county()
    deps = {d.code: d for d in Department.objects.filter(division=county)}
    legal = User.objects.get(username="legal")
    _history(ctx, legal, deps)
    _current(ctx, legal, deps, county, timezone.localdate())
