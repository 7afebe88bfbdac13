"""The demo county's major administrative decisions, driven through the services.

2012 (fixed dates, as the seed report tells it: "在城市规划、房屋拆迁、重大工程项目建设等重要决策
过程中……征询县人大、县政协、离退休老同志和社区民众代表对有关重要事项的意见，邀请有关专家、学者参与
论证" and "推行重大决策的调研、论证、听证制度"): four decisions — the revision of the county's
urban master plan, the compensation scheme for the expropriation of houses in the old town (with
a hearing), the central heating network and the refuse landfill — each with every step: public
comment of more than 30 days, expert argumentation, risk assessment, legality review and the
executive meeting; then published and reported on. The projects were completed in 2013 and
2014; the master plan was replaced in 2021.

Now (dates counted back from today): decisions in every stage — out for comment (clock
running), in legality review (clock running), ready for the meeting, one blocked at adoption by
a missing risk assessment, one adopted not yet published, one in implementation with its
follow-up clock running, and one whose implementation report is overdue.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhengwu.decisions import services
from zhengwu.decisions.models import MajorDecision
from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import Department, User
from zhengwu.org.selectors import home_county

D = datetime.date
DAY = datetime.timedelta(days=1)
CONSULTED = "征询县人大、县政协、离退休老同志和社区民众代表意见"
RESPONSIBLE = {"reviewing_official": "县政府法制办主任 王立新", "deciding_leader": "县长 李文华"}

# (key, title, area, undertaking department, its official, start, hearing, ends)
YEAR_2012 = [
    ("plan", "多伦县城市总体规划（2012—2030年）修编", "urban_planning", "zjj",
     "县住房和城乡建设局局长 赵建华", D(2012, 3, 5), False,
     ("stop", D(2021, 6, 18), "被《多伦县国土空间总体规划（2021—2035年）》取代")),
    ("expropriation", "多伦县旧城区改造国有土地上房屋征收补偿安置方案", "expropriation", "fgc",
     "县房产管理局局长 孙海军", D(2012, 4, 9), True,
     ("complete", D(2014, 10, 20), "征收补偿安置工作全部完成")),
    ("heating", "多伦县城区集中供热管网改扩建工程", "major_project", "zjj",
     "县住房和城乡建设局局长 赵建华", D(2012, 5, 14), False,
     ("complete", D(2013, 10, 8), "工程竣工验收并投入使用")),
    ("landfill", "多伦县城区生活垃圾卫生填埋场建设项目", "environment", "hbj",
     "县环境保护局局长 周志刚", D(2012, 6, 11), False,
     ("complete", D(2014, 5, 26), "工程竣工验收并投入运行")),
]  # fmt: skip


def _prepare_2012(legal, deps, n, key, title, area, dept, official, start, hearing):
    decision = services.decision_create(
        actor=legal, undertaking_department=deps[dept], title=title, subject_area=area,
        summary=f"{title}（草案）及起草说明", in_catalogue=True, catalogue_year=2012,
        needs_expert=True, needs_risk=True, undertaking_official=official, **RESPONSIBLE,
    )  # fmt: skip
    services.comment_open(actor=legal, decision=decision, on=start, days=30,
                          channel="多伦县人民政府门户网站、县城公示栏")  # fmt: skip
    services.comment_close(
        actor=legal, decision=decision, on=start + 35 * DAY, opinions_count=18 + 7 * n,
        summary=f"通过向社会公示、民意调查收集意见{18 + 7 * n}条；{CONSULTED}",
        adoption=f"采纳{9 + 3 * n}条，未采纳的已说明理由",
    )  # fmt: skip
    if hearing:
        services.hearing_record(
            actor=legal, decision=decision, materials_sent_on=start + 36 * DAY,
            held_on=start + 45 * DAY, place="多伦县人民政府三楼会议室",
            participants="被征收户代表15人、县人大代表3人、县政协委员3人、社区群众代表5人",
            summary="听证参加人就补偿标准、安置房源和搬迁期限提出意见21条",
            adoption="提高搬迁补助标准、增加安置房源等意见予以采纳",
        )  # fmt: skip
    services.expert_record(
        actor=legal, decision=decision, held_on=start + 38 * DAY, form="meeting",
        experts="邀请规划、建设、法律等方面专家学者7人",
        opinions="方案必要、可行，建议完善分期实施安排",
        adoption="已采纳",
    )  # fmt: skip
    services.risk_record(
        actor=legal, decision=decision, assessed_on=start + 40 * DAY,
        assessor="县维护稳定工作领导小组办公室",
        level="medium" if key == "expropriation" else "low",
        findings="群众对补偿标准和工期存在关注",
        measures="公开补偿标准，设立咨询点，做好解释和矛盾纠纷调处",
    )  # fmt: skip
    services.review_submit(actor=legal, decision=decision, on=start + 46 * DAY,
                           reviewing_department=deps["fzb"])  # fmt: skip
    services.review_complete(
        actor=legal, decision=decision, on=start + 60 * DAY, conclusion="lawful",
        legal_bases="《中华人民共和国城乡规划法》《国有土地上房屋征收与补偿条例》等",
        opinion="决策草案符合法律、法规和国家政策规定",
    )  # fmt: skip
    meeting = start + 65 * DAY
    services.discussion_record(
        actor=legal, decision=decision, meeting_kind="executive",
        meeting_name=f"多伦县人民政府2012年第{5 + n}次常务会议", held_on=meeting, members_total=9,
        members_present=8, attendance="县政府法制办负责人列席", outcome="approve",
    )  # fmt: skip
    services.decision_adopt(actor=legal, decision=decision, on=meeting)
    services.decision_publish(actor=legal, decision=decision, on=start + 70 * DAY,
                              channel="多伦县人民政府门户网站")  # fmt: skip
    return decision


def _year_2012(ctx, legal, deps) -> list[MajorDecision]:
    made = []
    for n, (key, title, area, dept, official, start, hearing, end) in enumerate(YEAR_2012):
        decision = _prepare_2012(legal, deps, n, key, title, area, dept, official, start, hearing)
        services.report_record(actor=legal, decision=decision, on=start + 160 * DAY,
                               progress="按计划推进，完成年度目标任务")  # fmt: skip
        made.append((decision, end))
    services.evaluation_record(
        actor=legal, decision=made[1][0], on=D(2012, 12, 20), evaluator="县政府法制办",
        public_opinion=True, conclusion="补偿安置政策得到群众认可，实施效果良好",
        recommendation="continue",
    )  # fmt: skip
    for decision, (kind, on, reason) in made:
        services.implementation_change(actor=legal, decision=decision, kind=kind, reason=reason,
                                       on=on)  # fmt: skip
    ctx.step(f"{len(made)} major decisions of 2012 with every step, one with a hearing")
    return [d for d, _end in made]


def _current(ctx, legal, head, deps, today) -> int:
    def ago(days: int) -> datetime.date:
        return today - days * DAY

    before = MajorDecision.objects.count()

    def case(title, area, *, dept="zjj", actor=head, expert=False, risk=False):
        return services.decision_create(
            actor=actor, undertaking_department=deps[dept], title=title, subject_area=area,
            summary=f"{title}（征求意见稿）", in_catalogue=True, catalogue_year=today.year,
            needs_expert=expert, needs_risk=risk,
            undertaking_official="县住房和城乡建设局局长 刘洋" if dept == "zjj" else "单位负责人",
            **RESPONSIBLE,
        )  # fmt: skip

    def comment(decision, opened, closed=None, actor=legal):
        services.comment_open(actor=actor, decision=decision, channel="多伦县人民政府门户网站",
                              on=opened)  # fmt: skip
        if closed:
            services.comment_close(actor=actor, decision=decision, on=closed, opinions_count=12,
                                   summary="收到意见12条", adoption="采纳7条")  # fmt: skip

    def review(decision, submitted, *, complete=True):
        found = services.review_submit(actor=legal, decision=decision, on=submitted,
                                       reviewing_department=deps["fzb"])  # fmt: skip
        if complete:
            services.review_complete(actor=legal, decision=decision, conclusion="lawful",
                                     legal_bases="《重大行政决策程序暂行条例》等",
                                     on=min(found.earliest_on + 2 * DAY, today))  # fmt: skip
        return found

    def meeting(decision, on, number):
        services.discussion_record(
            actor=legal, decision=decision, meeting_kind="executive",
            meeting_name=f"多伦县人民政府{on.year}年第{number}次常务会议", held_on=on,
            members_total=9, members_present=9, outcome="approve",
        )  # fmt: skip

    # Out for public comment: the clock runs for 20 more days.
    out = case("多伦县城区老旧小区改造提升实施方案", "urban_planning")
    comment(out, ago(10), actor=head)
    # In legality review: submitted 3 days ago.
    in_review = case("多伦县城区停车设施规划建设方案", "urban_planning", expert=True)
    comment(in_review, ago(70), ago(35))
    services.expert_record(actor=head, decision=in_review, held_on=ago(30), form="written",
                           experts="交通规划专家3人", opinions="布局基本合理")  # fmt: skip
    review(in_review, ago(3), complete=False)
    # Ready for the meeting: every step but the collective discussion.
    ready = case("多伦县乡村振兴产业发展资金管理使用方案", "finance", dept="czj", actor=legal,
                 risk=True)  # fmt: skip
    comment(ready, ago(90), ago(55))
    services.risk_record(actor=legal, decision=ready, assessed_on=ago(50), assessor="县财政局",
                         level="low", findings="资金使用监管风险",
                         measures="实行项目库管理和绩效评价")  # fmt: skip
    review(ready, ago(45))
    # Blocked: a price adjustment needing a risk assessment that was never made.
    blocked = case("多伦县城区集中供热价格调整方案", "public_service", risk=True)
    comment(blocked, ago(120), ago(85))
    review(blocked, ago(80))
    meeting(blocked, ago(20), 21)
    # Adopted, not yet published.
    fresh = case("多伦县城乡居民生活垃圾分类工作实施方案", "environment", dept="hbj", actor=legal)
    comment(fresh, ago(110), ago(75))
    review(fresh, ago(70))
    meeting(fresh, ago(4), 23)
    services.decision_adopt(actor=legal, decision=fresh, on=ago(4))
    # In implementation: published, reported on 10 days ago (the next report in 170 days).
    running = case("多伦县全民健身中心建设项目", "major_project", dept="zjj", expert=True,
                   risk=True)  # fmt: skip
    comment(running, ago(260), ago(225))
    services.expert_record(actor=head, decision=running, held_on=ago(220), form="meeting",
                           experts="建筑、结构专家5人", opinions="选址合理，方案可行")  # fmt: skip
    services.risk_record(actor=head, decision=running, assessed_on=ago(218),
                         assessor="第三方评估机构", level="low", findings="施工扰民",
                         measures="合理安排工期")  # fmt: skip
    review(running, ago(215))
    meeting(running, ago(190), 9)
    services.decision_adopt(actor=legal, decision=running, on=ago(190))
    services.decision_publish(actor=legal, decision=running, on=ago(185),
                              channel="多伦县人民政府门户网站")  # fmt: skip
    services.report_record(actor=head, decision=running, on=ago(10), progress="主体工程完工")
    # Report overdue: published 200 days ago, never reported on.
    late = case("多伦县城区公共自行车系统建设运营方案", "public_service", dept="jtj", actor=legal)
    comment(late, ago(300), ago(265))
    review(late, ago(260))
    meeting(late, ago(205), 7)
    services.decision_adopt(actor=legal, decision=late, on=ago(205))
    services.decision_publish(actor=legal, decision=late, on=ago(200),
                              channel="多伦县人民政府门户网站")  # fmt: skip
    made = MajorDecision.objects.count() - before
    ctx.step(f"{made} current major decisions in every stage")
    return made


def load(ctx: DemoContext) -> None:
    county = home_county()
    deps = {d.code: d for d in Department.objects.filter(division=county)}
    legal = User.objects.get(username="legal")
    head = User.objects.get(username="head")
    _year_2012(ctx, legal, deps)
    _current(ctx, legal, head, deps, timezone.localdate())
