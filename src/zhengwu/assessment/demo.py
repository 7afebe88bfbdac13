"""The demo county's assessment of law-based administration.

The 2012 scheme (the seed: 将依法行政工作纳入政府目标考评体系, 结合行政效能、行政审批、行政执法工作,
组织检查考核组对全县各乡镇、各职能部门进行检查考评): eight categories, 19 leaves. A leaf whose
preferred indicator is registered when the loader runs is computed from the records; one whose
indicator is not (another app not installed or not loaded) is scored by the assessors instead,
with the same points, so the tree always adds up. 2012 is computed, scored for every township
and department, and finalised with its ranking; the current year's scheme is copied from it,
computed, and its assessed leaves partly scored.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhengwu.assessment import services
from zhengwu.assessment.indicators import registered_indicators
from zhengwu.assessment.models import AssessmentScheme, Method, Score
from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import User
from zhengwu.org.roles import Role
from zhengwu.org.selectors import home_county

D = Decimal

# (code, label, points, [leaves]); a leaf: (code, label, points, applies to, indicator or None,
# rule parameters, criteria).
TREE = [
    ("1", "组织领导", 10, [
        ("1.1", "依法行政领导小组健全、年度工作计划明确", 4, "all", None, {},
         "有领导小组和年度计划得满分；无计划扣2分，领导小组未调整扣1分。"),
        ("1.2", "依法行政纳入目标考评体系", 3, "all", None, {},
         "纳入本单位目标考评并落实得满分。"),
        ("1.3", "人大代表建议和政协委员提案按时答复", 3, "department", "proposal_reply_on_time",
         {"rule": "linear", "floor": 80, "target": 100},
         "未按时答复的，每件扣1分。"),
    ]),
    ("2", "制度建设", 10, [
        ("2.1", "重大行政决策程序制度落实", 4, "all", None, {},
         "公众参与、专家论证、风险评估、合法性审查、集体讨论决定，缺一项扣1分。"),
        ("2.2", "行政执法责任制落实", 3, "all", None, {}, "执法依据梳理、责任分解、评议考核。"),
        ("2.3", "合同签订前经合法性审查", 3, "department", "contracts_reviewed_before_signing",
         {"rule": "linear", "floor": 80, "target": 100}, "未经审查签订合同的，每件扣1分。"),
    ]),
    ("3", "行政审批", 20, [
        ("3.1", "行政审批事项办结率", 7, "department", "case_completion_rate",
         {"rule": "linear", "floor": 90, "target": 100}, ""),
        ("3.2", "行政审批事项按时办结率", 7, "department", "case_on_time_rate",
         {"rule": "linear", "floor": 90, "target": 100}, ""),
        ("3.3", "便民服务大厅规范运行", 6, "township", None, {},
         "事项进厅、公开上墙、代办点运行，每缺一项扣2分。"),
    ]),
    ("4", "政务公开", 10, [
        ("4.1", "政府信息主动公开", 5, "all", None, {}, "按公开目录及时公开，抽查缺项每项扣1分。"),
        ("4.2", "依申请公开按时答复", 5, "all", "disclosure_reply_on_time_rate",
         {"rule": "linear", "floor": 80, "target": 100}, "逾期答复每件扣1分。"),
    ]),
    ("5", "规范性文件", 10, [
        ("5.1", "规范性文件报送备案率", 5, "department", "normative_filing_rate",
         {"rule": "linear", "floor": 80, "target": 100}, "未在30日内报送备案的，每件扣1分。"),
        ("5.2", "规范性文件清理", 5, "all", None, {}, "按要求开展清理并公布结果。"),
    ]),
    ("6", "行政执法", 20, [
        ("6.1", "行政执法案卷评查得分", 10, "all", "enforcement_evaluation_score",
         {"rule": "linear", "floor": 60, "target": 95}, "案卷评查平均分。"),
        ("6.2", "电子监察红牌", 10, "all", "supervision_red_cards",
         {"rule": "deduction", "deduction": 2}, "每张红牌扣2分。"),
    ]),
    ("7", "复议应诉", 10, [
        ("7.1", "行政复议纠错", 5, "all", "reconsideration_corrected",
         {"rule": "deduction", "deduction": 1}, "被复议机关撤销、变更或确认违法的，每件扣1分。"),
        ("7.2", "行政机关负责人出庭应诉", 5, "all", None, {}, "应出庭而未出庭的，每件扣2分。"),
    ]),
    ("8", "学法用法", 10, [
        ("8.1", "学法考试参考率", 5, "all", "exam_participation",
         {"rule": "linear", "floor": 90, "target": 100}, "参考率低于要求的按比例扣分。"),
        ("8.2", "领导干部学法制度", 5, "all", None, {}, "会前学法、集中培训、任前考法。"),
    ]),
]  # fmt: skip


def _build_tree(actor, scheme: AssessmentScheme, registered: dict) -> int:
    computed = 0
    position = 0
    for code, label, points, leaves in TREE:
        position += 1
        category = services.node_add(actor=actor, scheme=scheme, code=code, label=label,
                                     points=D(points), method=Method.CATEGORY,
                                     position=position)  # fmt: skip
        for leaf_code, leaf_label, leaf_points, applies, indicator, params, criteria in leaves:
            position += 1
            fields = {"parent": category, "code": leaf_code, "label": leaf_label,
                      "points": D(leaf_points), "applies_to": applies, "criteria": criteria,
                      "position": position}  # fmt: skip
            if indicator and indicator in registered:
                computed += 1
                fields.update(method=Method.COMPUTED, indicator_code=indicator,
                              rule=params["rule"],
                              **{k: D(str(v)) for k, v in params.items()
                                 if k != "rule"})  # fmt: skip
            else:
                fields["method"] = Method.ASSESSED
            services.node_add(actor=actor, scheme=scheme, **fields)
    return computed


def _share(*parts: str) -> Decimal:
    """A deterministic share between 0.80 and 1.00 for a unit and a leaf."""
    digest = hashlib.sha256("/".join(parts).encode()).digest()
    return D(80 + digest[0] % 21) / 100


def _points(node, unit, year: int) -> Decimal:
    raw = node.points * _share(str(year), unit.department.code, unit.department.division.code,
                               node.code)  # fmt: skip
    return (raw * 2).quantize(D(1)) / 2  # to half points


def _score(actor, scheme: AssessmentScheme, *, every: int = 1) -> int:
    """Score the assessed leaves: every unit's, or one unit and leaf in ``every``."""
    n = done = 0
    leaves = list(scheme.nodes.filter(method=Method.ASSESSED).order_by("position"))
    units = scheme.units.select_related("department__division").order_by("group", "pk")
    for unit in units:
        for node in leaves:
            if not node.applies_to_group(unit.group):
                continue
            n += 1
            if n % every:
                continue
            points = _points(node, unit, scheme.year)
            lost = node.points - points
            if lost:
                rule = (node.criteria or node.label).rstrip("。")
                reasoning = f"检查考核组实地检查、查阅资料（{rule}），扣{lost.normalize():f}分。"
            else:
                reasoning = f"检查考核组实地检查、查阅资料：{node.label}，资料齐全。"
            services.score_record(
                actor=actor, unit=unit, node=node, points=points, reasoning=reasoning,
                evidence_link=f"http://oa.duolun.gov.cn/kaohe/{scheme.year}/"
                f"{unit.department.division.code}-{unit.department.code}/{node.code}",
            )  # fmt: skip
            done += 1
    return done


def _assessor(county) -> User | None:
    return (
        User.objects.filter(is_active=True, kind=User.Kind.STAFF,
                            groups__name=str(Role.LEGAL_OFFICER), department__division=county)
        .order_by("pk")
        .first()
    )  # fmt: skip


def _usable(ctx: DemoContext, county) -> dict:
    """The registered indicators that give values for 2012 on the records loaded; one that
    fails (another app's code) or has nothing to count is scored by the assessors instead."""
    usable = {}
    for code, ind in registered_indicators().items():
        try:
            with transaction.atomic():
                values = ind.compute(county, 2012)
        except Exception as exc:  # another app's code, reported below
            ctx.step(f"indicator {code} fails ({exc.__class__.__name__}): scored by hand instead")
            continue
        if not any(v is not None for v in values.values()):
            ctx.step(f"indicator {code} has no value for 2012: scored by hand instead")
            continue
        usable[code] = ind
    return usable


def load(ctx: DemoContext) -> None:
    county = home_county()
    actor = _assessor(county) if county else None
    if actor is None:
        ctx.step("no county or no legal officer: nothing to assess")
        return
    registered = _usable(ctx, county)
    scheme = services.scheme_create(actor=actor, division=county, year=2012,
                                    title="多伦县2012年度依法行政工作考核")  # fmt: skip
    computed = _build_tree(actor, scheme, registered)
    counts = services.assessment_compute(actor=actor, scheme=scheme)
    scored = _score(actor, scheme)
    services.assessment_finalise(actor=actor, scheme=scheme)
    # The 2012 run was done in January 2013 (the services stamp today's time).
    computed_at = timezone.make_aware(datetime.datetime(2013, 1, 15, 9, 30))
    finalised_at = timezone.make_aware(datetime.datetime(2013, 1, 25, 16, 0))
    AssessmentScheme.objects.filter(pk=scheme.pk).update(
        tree_changed_at=computed_at - datetime.timedelta(days=30), computed_at=computed_at,
        finalised_at=finalised_at,
    )  # fmt: skip
    Score.objects.filter(unit__scheme=scheme, computed_at__isnull=False).update(
        computed_at=computed_at
    )
    Score.objects.filter(unit__scheme=scheme, scored_at__isnull=False).update(
        scored_at=computed_at + datetime.timedelta(days=5)
    )
    ctx.step(f"2012: {counts['units']} units, {computed} computed and "
             f"{scheme.nodes.filter(method=Method.ASSESSED).count()} assessed indicators, "
             f"{scored} assessed scores, finalised")  # fmt: skip
    year = timezone.localdate().year
    if year != 2012:
        current = services.scheme_copy(actor=actor, source=scheme, year=year)
        counts = services.assessment_compute(actor=actor, scheme=current)
        scored = _score(actor, current, every=2)
        ctx.step(f"{year}: computed for {counts['units']} units, {scored} assessed scores "
                 f"of {counts['unscored']} so far")  # fmt: skip
