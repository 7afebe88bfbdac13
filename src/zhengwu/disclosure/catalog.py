"""The disclosure catalog tree a county starts with, and the services that keep it.

The first fifteen categories are the items of proactive disclosure that art. 20 of the 2019
Regulations on Government Information Disclosure requires of every administrative body; the next
four are those art. 21 adds for county governments; the last four hold the disclosure system
itself (guide, rules, annual reports, request handling). 23 categories and 65 sub-items, as the
seed county's catalog has. A ``feed`` names the module whose published records fill the
category automatically.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.errors import DomainError
from zhengwu.disclosure.models import Category

# (code, name, art. 20 item or None, feed, [(sub-item name, feed)])
DEFAULT_TREE: list[tuple[str, str, int | None, str, list[tuple[str, str]]]] = [
    ("01", "法规文件", 1, "", [
        ("规章", "rulemaking"), ("行政规范性文件", "rulemaking"), ("政策解读", ""),
        ("文件清理结果", "rulemaking")]),
    ("02", "机构职能", 2, "", [
        ("机构设置", ""), ("领导信息", ""), ("内设机构", ""), ("办公地址和联系方式", "")]),
    ("03", "规划计划", 3, "", [
        ("国民经济和社会发展规划", ""), ("专项规划", ""), ("区域规划及相关政策", ""),
        ("年度工作计划", "")]),
    ("04", "统计信息", 4, "statistics", [
        ("统计公报", "statistics"), ("统计数据", "statistics"), ("统计分析", "")]),
    ("05", "行政许可和政务服务", 5, "catalog", [
        ("权力清单和责任清单", "catalog"), ("办事指南", "catalog"),
        ("行政许可结果", "cases"), ("其他对外管理服务事项", "")]),
    ("06", "行政处罚和行政强制", 6, "enforcement", [
        ("执法依据和程序", "enforcement"), ("行政处罚决定", "enforcement"),
        ("行政强制决定", "enforcement")]),
    ("07", "财政信息", 7, "", [
        ("财政预算", ""), ("财政决算", ""), ("预算执行", ""), ("“三公”经费", "")]),
    ("08", "行政事业性收费", 8, "", [("收费项目及依据", ""), ("收费标准", "")]),
    ("09", "政府采购", 9, "", [("集中采购目录和标准", ""), ("采购实施情况", "")]),
    ("10", "重大建设项目", 10, "", [("项目批准", ""), ("项目实施", "")]),
    ("11", "民生保障", 11, "", [
        ("扶贫", ""), ("教育", ""), ("医疗卫生", ""), ("社会保障", ""), ("促进就业", "")]),
    ("12", "应急管理", 12, "", [("应急预案", ""), ("预警信息", ""), ("应对情况", "")]),
    ("13", "监督检查", 13, "", [
        ("环境保护", ""), ("公共卫生", ""), ("安全生产", ""), ("食品药品", ""),
        ("产品质量", "")]),
    ("14", "人事信息", 14, "", [("公务员招考", ""), ("录用结果", "")]),
    ("15", "其他主动公开信息", 15, "", [("工作动态", ""), ("通知公告", ""), ("会议信息", "")]),
    ("16", "城乡建设和管理", None, "", [("重大事项", ""), ("城乡规划", ""), ("市政公用设施", "")]),
    ("17", "社会公益事业", None, "", [("社会公益事业建设", "")]),
    ("18", "土地征收和房屋征收", None, "", [
        ("征收土地", ""), ("房屋征收", ""), ("补偿补助费用发放", "")]),
    ("19", "救灾优抚救济", None, "", [
        ("抢险救灾", ""), ("优抚", ""), ("救济和社会捐助", "")]),
    ("20", "政府信息公开指南", None, "", [("公开指南", "")]),
    ("21", "政府信息公开制度", None, "", [("工作制度", "")]),
    ("22", "政府信息公开年报", None, "", [("年度报告", "reports")]),
    ("23", "依申请公开", None, "", [("申请方式", ""), ("办理情况", "")]),
]  # fmt: skip


@transaction.atomic
def catalog_create_defaults(*, actor, division) -> int:
    """Create the default tree for ``division`` where its codes are missing; returns how many
    categories were created (0 when the tree is already there)."""
    existing = set(Category.objects.filter(division=division).values_list("code", flat=True))
    created = 0
    for position, (code, name, item, feed, children) in enumerate(DEFAULT_TREE):
        parent = Category.objects.filter(division=division, code=code).first()
        if parent is None:
            parent = Category.objects.create(
                division=division, code=code, name=name, position=position,
                statutory_item=item, feed=feed,
            )  # fmt: skip
            created += 1
        for sub, (child, child_feed) in enumerate(children, start=1):
            child_code = f"{code}.{sub:02d}"
            if child_code in existing:
                continue
            Category.objects.create(
                division=division, parent=parent, code=child_code, name=child, position=sub,
                statutory_item=item, feed=child_feed,
            )  # fmt: skip
            created += 1
    if created:
        audit_record(
            actor=actor,
            action="disclosure_catalog_create_defaults",
            object_type="org.division",
            object_id=str(division.pk),
            detail={"created": created},
            division=division,
        )
    return created


def category_for_feed(division, feed: str, name: str = "") -> Category:
    """The category that a module's published records go to (the sub-item of that feed with
    that name, else the first sub-item of that feed, else the first category of that feed)."""
    categories = Category.objects.filter(division=division, feed=feed, is_active=True)
    found = (
        (categories.filter(name=name).first() if name else None)
        or categories.filter(parent__isnull=False).order_by("code").first()
        or categories.order_by("code").first()
    )
    if found is None:
        raise DomainError(
            _("The disclosure catalog has no category for %(feed)s.") % {"feed": feed},
            code="no_category",
        )
    return found
