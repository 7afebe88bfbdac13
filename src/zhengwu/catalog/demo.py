"""The demo county's catalog, in the seed report's proportions.

Service items: 257 licensing, 56 other approvals, 21 public services (the 334 handled in the
service centre by its 29 stationed departments) and 98 fees (by the other 15 of the 44 implementing
bodies). Enforcement acts: 903 penalties, 29 confirmations, 44 compulsions, 29 levies, 10 rulings
and 34 others, exercised by 10 statutory agencies, 9 authorised and 9 entrusted organisations.
The most common county matters carry their real names and legal bases; the rest are generated.
Part of the centre's matters carry the fees collected with them at its windows (``COMMON_FEES``,
and a certificate fee on every third generated licence); these are parts of a version, not powers,
so they do not change the counts above.
"""

from __future__ import annotations

import random
from itertools import cycle

from django.utils import timezone

from zhengwu.catalog.models import (
    BodyStanding,
    Fee,
    LegalBasis,
    Material,
    Power,
    PowerKind,
    PowerVersion,
    Stage,
)
from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.org.demo import AUTHORISED_ORGANISATIONS, ENTRUSTED_ORGANISATIONS
from zhengwu.org.models import Department
from zhengwu.org.selectors import home_county

SERVICE_COUNTS = {
    PowerKind.LICENSING: 257,
    PowerKind.OTHER_APPROVAL: 56,
    PowerKind.PUBLIC_SERVICE: 21,
    PowerKind.FEE: 98,
}
ENFORCEMENT_COUNTS = {
    PowerKind.PENALTY: 903,
    PowerKind.CONFIRMATION: 29,
    PowerKind.COMPULSION: 44,
    PowerKind.LEVY: 29,
    PowerKind.RULING: 10,
    PowerKind.OTHER: 34,
}
# The ten statutory agencies whose enforcement acts were confirmed (department codes).
STATUTORY_AGENCIES = ["gaj", "gtj", "hbj", "zjj", "jtj", "swj", "nmj", "lyj", "gsj", "ypj"]
# Implementing bodies of the fees and other items outside the centre, besides the townships.
OTHER_SERVICE_BODIES = ["tjj", "sjj"]

# (department code, name, kind, legal limit, promised limit, law, article, result, materials,
#  co-reviewing department codes for parallel approval)
COMMON_MATTERS = [
    (
        "ypj",
        "食品经营许可",
        "licensing",
        20,
        10,
        "中华人民共和国食品安全法",
        "第三十五条",
        "食品经营许可证",
        ["食品经营许可申请书", "营业执照", "经营场所平面图", "食品安全管理制度"],
        [],
    ),
    (
        "gsj",
        "个体工商户设立登记",
        "licensing",
        15,
        3,
        "个体工商户条例",
        "第八条",
        "个体工商户营业执照",
        ["个体工商户开业登记申请书", "经营者身份证明", "经营场所使用证明"],
        [],
    ),
    (
        "zjj",
        "建筑工程施工许可",
        "licensing",
        15,
        7,
        "中华人民共和国建筑法",
        "第七条、第八条",
        "建筑工程施工许可证",
        ["建筑工程施工许可申请表", "建设工程规划许可证", "中标通知书", "施工图审查合格书"],
        ["xfd", "gtj", "hbj"],
    ),
    (
        "wsj",
        "医疗机构执业登记",
        "licensing",
        45,
        20,
        "医疗机构管理条例",
        "第十五条",
        "医疗机构执业许可证",
        ["医疗机构执业登记申请书", "设置医疗机构批准书", "房屋产权证明"],
        [],
    ),
    (
        "zjj",
        "城镇污水排入排水管网许可",
        "licensing",
        15,
        10,
        "城镇排水与污水处理条例",
        "第二十一条",
        "排水许可证",
        ["排水许可申请表", "排水户内部排水管网图", "排水水质检测报告"],
        [],
    ),
    (
        "zjj",
        "建设工程规划许可",
        "licensing",
        20,
        10,
        "中华人民共和国城乡规划法",
        "第四十条",
        "建设工程规划许可证",
        ["建设工程规划许可申请表", "土地使用权属证明", "建设工程设计方案"],
        ["gtj"],
    ),
    (
        "zjj",
        "建设用地规划许可",
        "licensing",
        20,
        10,
        "中华人民共和国城乡规划法",
        "第三十七条",
        "建设用地规划许可证",
        ["建设用地规划许可申请表", "项目批准文件", "用地红线图"],
        [],
    ),
    (
        "swj",
        "取水许可",
        "licensing",
        45,
        20,
        "取水许可和水资源费征收管理条例",
        "第十条",
        "取水许可证",
        ["取水许可申请书", "建设项目水资源论证报告书", "取水单位身份证明"],
        [],
    ),
    (
        "lyj",
        "林木采伐许可证核发",
        "licensing",
        20,
        10,
        "中华人民共和国森林法",
        "第五十六条",
        "林木采伐许可证",
        ["林木采伐申请表", "林木权属证明", "采伐作业设计"],
        [],
    ),
    (
        "nmj",
        "动物防疫条件合格证核发",
        "licensing",
        20,
        15,
        "中华人民共和国动物防疫法",
        "第二十四条",
        "动物防疫条件合格证",
        ["动物防疫条件审查申请表", "场所地理位置图", "防疫制度"],
        [],
    ),
    (
        "nmj",
        "种畜禽生产经营许可",
        "licensing",
        20,
        15,
        "中华人民共和国畜牧法",
        "第二十四条",
        "种畜禽生产经营许可证",
        ["种畜禽生产经营许可申请表", "畜禽品种证明", "技术人员资格证明"],
        [],
    ),
    (
        "nmj",
        "草原征占用审核",
        "other_approval",
        20,
        15,
        "中华人民共和国草原法",
        "第三十八条",
        "草原征占用审核同意书",
        ["草原征占用申请表", "项目批准文件", "草原权属证明", "补偿协议"],
        [],
    ),
    (
        "jyj",
        "民办学校设立审批",
        "licensing",
        90,
        60,
        "中华人民共和国民办教育促进法",
        "第十二条",
        "办学许可证",
        ["民办学校设立申请报告", "举办者资格证明", "校舍及资产证明"],
        [],
    ),
    (
        "jyj",
        "教师资格认定",
        "licensing",
        30,
        30,
        "教师资格条例",
        "第十三条",
        "教师资格证书",
        ["教师资格认定申请表", "身份证明", "学历证书", "体检合格证明"],
        [],
    ),
    (
        "ajj",
        "危险化学品经营许可",
        "licensing",
        30,
        20,
        "危险化学品安全管理条例",
        "第三十三条",
        "危险化学品经营许可证",
        ["危险化学品经营许可申请书", "安全评价报告", "安全管理制度"],
        [],
    ),
    (
        "ajj",
        "烟花爆竹经营（零售）许可",
        "licensing",
        20,
        10,
        "烟花爆竹安全管理条例",
        "第十九条",
        "烟花爆竹经营（零售）许可证",
        ["烟花爆竹经营（零售）申请书", "营业执照", "场所安全条件说明"],
        [],
    ),
    (
        "jtj",
        "道路运输经营许可",
        "licensing",
        20,
        15,
        "中华人民共和国道路运输条例",
        "第十条",
        "道路运输经营许可证",
        ["道路运输经营申请表", "车辆技术证明", "驾驶人员从业资格证"],
        [],
    ),
    (
        "wsj",
        "公共场所卫生许可",
        "licensing",
        20,
        10,
        "公共场所卫生管理条例",
        "第八条",
        "公共场所卫生许可证",
        ["公共场所卫生许可申请书", "卫生检测报告", "从业人员健康证明"],
        [],
    ),
    (
        "ypj",
        "药品零售企业经营许可",
        "licensing",
        30,
        20,
        "中华人民共和国药品管理法",
        "第五十一条",
        "药品经营许可证",
        ["药品经营许可申请表", "执业药师资格证明", "营业场所证明"],
        [],
    ),
    (
        "gaj",
        "户口迁移审批",
        "other_approval",
        20,
        5,
        "中华人民共和国户口登记条例",
        "第十条",
        "准予迁入证明",
        ["户口迁移申请表", "居民户口簿", "居民身份证"],
        [],
    ),
    (
        "gaj",
        "居民身份证申领",
        "public_service",
        60,
        30,
        "中华人民共和国居民身份证法",
        "第八条",
        "居民身份证",
        ["居民户口簿", "近期相片"],
        [],
    ),
    (
        "mzj",
        "最低生活保障审批",
        "other_approval",
        30,
        20,
        "社会救助暂行办法",
        "第十一条",
        "最低生活保障证",
        ["最低生活保障申请书", "家庭收入证明", "居民户口簿"],
        [],
    ),
    (
        "mzj",
        "婚姻登记",
        "public_service",
        1,
        0,
        "婚姻登记条例",
        "第七条",
        "结婚证",
        ["居民户口簿", "居民身份证", "本人无配偶以及与对方当事人没有直系血亲关系的签字声明"],
        [],
    ),
    (
        "mzj",
        "社会团体成立登记",
        "licensing",
        60,
        30,
        "社会团体登记管理条例",
        "第十一条",
        "社会团体法人登记证书",
        ["社会团体成立登记申请书", "业务主管单位批准文件", "章程草案"],
        [],
    ),
    (
        "rsj",
        "就业失业登记",
        "public_service",
        5,
        1,
        "就业服务与就业管理规定",
        "第六十一条",
        "就业创业证",
        ["居民身份证", "近期相片"],
        [],
    ),
    (
        "rsj",
        "劳务派遣经营许可",
        "licensing",
        20,
        15,
        "中华人民共和国劳动合同法",
        "第五十七条",
        "劳务派遣经营许可证",
        ["劳务派遣经营许可申请书", "营业执照", "注册资本证明"],
        [],
    ),
    (
        "wtj",
        "出版物零售单位设立",
        "licensing",
        20,
        10,
        "出版管理条例",
        "第三十七条",
        "出版物经营许可证",
        ["出版物零售申请书", "经营场所证明", "负责人身份证明"],
        [],
    ),
    (
        "wtj",
        "娱乐场所经营许可",
        "licensing",
        20,
        15,
        "娱乐场所管理条例",
        "第九条",
        "娱乐经营许可证",
        ["娱乐场所经营申请书", "投资人身份证明", "消防安全检查合格意见"],
        [],
    ),
    (
        "hbj",
        "建设项目环境影响报告书审批",
        "licensing",
        60,
        30,
        "中华人民共和国环境影响评价法",
        "第二十二条",
        "环评批复",
        ["环境影响报告书", "建设项目审批申请", "公众参与说明"],
        [],
    ),
    (
        "fgj",
        "企业投资项目核准",
        "licensing",
        20,
        15,
        "企业投资项目核准和备案管理条例",
        "第十一条",
        "项目核准文件",
        ["项目申请报告", "城乡规划意见", "用地预审意见"],
        ["gtj", "zjj"],
    ),
    (
        "xfd",
        "公众聚集场所投入使用、营业前消防安全检查",
        "licensing",
        10,
        7,
        "中华人民共和国消防法",
        "第十五条",
        "消防安全检查合格证",
        ["消防安全检查申报表", "营业执照", "消防安全制度"],
        [],
    ),
    (
        "qxj",
        "雷电防护装置设计审核",
        "licensing",
        20,
        10,
        "气象灾害防御条例",
        "第二十三条",
        "防雷装置设计核准书",
        ["防雷装置设计审核申请书", "设计说明书和图纸"],
        [],
    ),
]
# The fees collected at the centre's windows with a matter (统一收费), by matter: (item, standard
# in yuan, basis). Certificates carry a 证照工本费; land, building, water and grassland matters
# carry the funds and fees that make up most of the centre's collection. A standard that the rules
# set per square metre, cubic metre or mu is given as the flat amount of the county's typical case.
PRICE_BUREAU = "自治区物价局、财政厅核定的收费标准"
COMMON_FEES = {
    "食品经营许可": [("食品经营许可证工本费", 10, PRICE_BUREAU)],
    "建筑工程施工许可": [
        ("城市基础设施配套费", 40_000, "内蒙古自治区城市基础设施配套费征收管理办法"),
        ("新型墙体材料专项基金", 8_000, "新型墙体材料专项基金征收使用管理办法"),
    ],
    "医疗机构执业登记": [("医疗机构执业许可证工本费", 20, PRICE_BUREAU)],
    "城镇污水排入排水管网许可": [("排水许可证工本费", 10, PRICE_BUREAU)],
    "建设工程规划许可": [
        ("人防工程易地建设费", 10_000, "内蒙古自治区人民防空工程建设管理规定"),
        ("建设工程规划许可证工本费", 20, PRICE_BUREAU),
    ],
    "建设用地规划许可": [("建设用地规划许可证工本费", 20, PRICE_BUREAU)],
    "取水许可": [
        ("水资源费", 8_000, "取水许可和水资源费征收管理条例"),
        ("取水许可证工本费", 10, PRICE_BUREAU),
    ],
    "林木采伐许可证核发": [("育林费", 2_000, "育林基金征收使用管理办法")],
    "动物防疫条件合格证核发": [("动物防疫条件合格证工本费", 10, PRICE_BUREAU)],
    "种畜禽生产经营许可": [("种畜禽生产经营许可证工本费", 10, PRICE_BUREAU)],
    "草原征占用审核": [("草原植被恢复费", 45_000, "内蒙古自治区草原植被恢复费征收使用管理办法")],
    "教师资格认定": [("教师资格证书工本费", 10, PRICE_BUREAU)],
    "危险化学品经营许可": [("危险化学品经营许可证工本费", 10, PRICE_BUREAU)],
    "烟花爆竹经营（零售）许可": [("烟花爆竹经营许可证工本费", 10, PRICE_BUREAU)],
    "道路运输经营许可": [("道路运输经营许可证工本费", 20, PRICE_BUREAU)],
    "公共场所卫生许可": [("公共场所卫生许可证工本费", 10, PRICE_BUREAU)],
    "药品零售企业经营许可": [("药品经营许可证工本费", 10, PRICE_BUREAU)],
    "居民身份证申领": [("居民身份证工本费", 20, "居民身份证工本费收费标准")],
    "婚姻登记": [("结婚证工本费", 9, "婚姻登记收费标准")],
    "社会团体成立登记": [("社会团体法人登记证书工本费", 20, PRICE_BUREAU)],
    "劳务派遣经营许可": [("劳务派遣经营许可证工本费", 10, PRICE_BUREAU)],
    "出版物零售单位设立": [("出版物经营许可证工本费", 10, PRICE_BUREAU)],
    "娱乐场所经营许可": [("娱乐经营许可证工本费", 10, PRICE_BUREAU)],
    "雷电防护装置设计审核": [("防雷装置设计技术评价费", 3_000, PRICE_BUREAU)],
}
# Every third generated licensing item of the centre charges a certificate fee, in this cycle.
GENERATED_LICENCE_FEES = (10, 10, 20, 50)


def _fees(rows) -> list[dict]:
    return [{"item": item, "amount": amount, "basis": basis} for item, amount, basis in rows]


# The main law of each agency, for generated items' legal bases.
MAIN_LAW = {
    "gaj": "中华人民共和国治安管理处罚法",
    "gtj": "中华人民共和国土地管理法",
    "hbj": "中华人民共和国环境保护法",
    "zjj": "中华人民共和国建筑法",
    "jtj": "中华人民共和国道路运输条例",
    "swj": "中华人民共和国水法",
    "nmj": "中华人民共和国草原法",
    "lyj": "中华人民共和国森林法",
    "gsj": "中华人民共和国公司登记管理条例",
    "ypj": "中华人民共和国食品安全法",
    "zjj2": "中华人民共和国产品质量法",
    "ajj": "中华人民共和国安全生产法",
    "wsj": "中华人民共和国执业医师法",
    "wtj": "娱乐场所管理条例",
    "jyj": "中华人民共和国教育法",
    "mzj": "社会团体登记管理条例",
    "rsj": "劳动保障监察条例",
    "fgj": "中华人民共和国价格法",
    "czj": "中华人民共和国会计法",
    "qxj": "中华人民共和国气象法",
    "xfd": "中华人民共和国消防法",
    "fgc": "中华人民共和国城市房地产管理法",
    "gsw": "中华人民共和国税收征收管理法",
    "dsw": "中华人民共和国税收征收管理法",
    "sfj": "中华人民共和国律师法",
    "jsj": "中华人民共和国人口与计划生育法",
    "mzzj": "宗教事务条例",
    "lvj": "旅行社条例",
    "jxj": "中华人民共和国节约能源法",
    "tjj": "中华人民共和国统计法",
    "sjj": "中华人民共和国审计法",
}
ENFORCEMENT_VERBS = {
    PowerKind.PENALTY: "处罚",
    PowerKind.CONFIRMATION: "确认",
    PowerKind.COMPULSION: "强制措施",
    PowerKind.LEVY: "征收",
    PowerKind.RULING: "裁决",
    PowerKind.OTHER: "其他行政行为",
}
KIND_LABEL = {
    PowerKind.LICENSING: "行政许可",
    PowerKind.OTHER_APPROVAL: "非行政许可审批",
    PowerKind.PUBLIC_SERVICE: "公共服务",
    PowerKind.FEE: "行政事业性收费",
}
# Life events (主题服务) under which the portal groups the matters, by department.
LIFE_EVENTS = {
    "gsj": "企业开办",
    "ypj": "企业开办",
    "jxj": "企业开办",
    "lvj": "企业开办",
    "zjj": "工程建设",
    "gtj": "工程建设",
    "fgj": "工程建设",
    "hbj": "工程建设",
    "xfd": "工程建设",
    "qxj": "工程建设",
    "mzj": "社会救助,婚姻家庭",
    "rsj": "就业创业",
    "jyj": "教育",
    "wsj": "医疗卫生",
    "nmj": "农牧业生产",
    "lyj": "农牧业生产",
    "swj": "农牧业生产",
    "gaj": "户籍证件",
    "jtj": "交通出行",
    "wtj": "文化娱乐",
    "ajj": "安全生产",
}
CHINESE_DIGITS = "〇一二三四五六七八九"


def _article(n: int) -> str:
    """第N条 in Chinese numerals (N < 200)."""
    if n < 10:
        text = CHINESE_DIGITS[n]
    elif n < 100:
        tens, ones = divmod(n, 10)
        text = (
            ("" if tens == 1 else CHINESE_DIGITS[tens])
            + "十"
            + (CHINESE_DIGITS[ones] if ones else "")
        )
    else:
        hundreds, rest = divmod(n, 100)
        tens, ones = divmod(rest, 10)
        text = CHINESE_DIGITS[hundreds] + "百"
        if rest:
            text += (CHINESE_DIGITS[tens] + "十" if tens else "零") + (
                CHINESE_DIGITS[ones] if ones else ""
            )
    return f"第{text}条"


class _Builder:
    """Collects powers, versions and their parts, then inserts them in bulk."""

    def __init__(self, county_code: str, published_at):
        self.county_code = county_code
        self.published_at = published_at
        self.items: list[dict] = []

    def add(self, **item) -> None:
        self.items.append(item)

    def save(self) -> int:
        powers = Power.objects.bulk_create(
            [
                Power(
                    basic_code=item["basic_code"],
                    implementation_code=item["implementation_code"],
                    status=Power.Status.IN_FORCE,
                )
                for item in self.items
            ],
            batch_size=1000,
        )
        versions = PowerVersion.objects.bulk_create(
            [
                PowerVersion(
                    power=power, number=1, published_at=self.published_at, **item["fields"]
                )
                for power, item in zip(powers, self.items, strict=True)
            ],
            batch_size=500,
        )
        for power, version in zip(powers, versions, strict=True):
            power.current = version
        Power.objects.bulk_update(powers, ["current"], batch_size=1000)
        parts = {LegalBasis: [], Material: [], Fee: [], Stage: []}
        for version, item in zip(versions, self.items, strict=True):
            for model, rows in item["parts"].items():
                parts[model] += [
                    model(version=version, position=i, **row) for i, row in enumerate(rows)
                ]
        for model, rows in parts.items():
            model.objects.bulk_create(rows, batch_size=1000)
        return len(versions)


def _stages(
    dept: Department, legal: int, co_reviewers: list[Department], instant: bool
) -> list[dict]:
    if instant:
        return [
            {
                "code": "accept",
                "name": "受理",
                "kind": "accept",
                "department": dept,
                "role": "window_clerk",
            },
            {
                "code": "decide",
                "name": "当场办结",
                "kind": "decide",
                "department": dept,
                "role": "reviewer",
            },
        ]
    review = max(legal // 2, 1)
    stages = [
        {
            "code": "accept",
            "name": "受理",
            "kind": "accept",
            "department": dept,
            "role": "window_clerk",
            "limit_days": 1,
        },
        {
            "code": "review",
            "name": "审查",
            "kind": "review",
            "department": dept,
            "role": "reviewer",
            "limit_days": review,
        },
    ]
    stages += [
        {
            "code": f"co{i}",
            "name": f"{co.short_name or co.name}联合审查",
            "kind": "co_review",
            "department": co,
            "role": "reviewer",
            "limit_days": max(review // 2, 1),
            "parallel_group": 1,
        }
        for i, co in enumerate(co_reviewers, start=1)
    ]
    stages += [
        {
            "code": "decide",
            "name": "决定",
            "kind": "decide",
            "department": dept,
            "role": "department_head",
            "limit_days": max(legal - review - 2, 1),
        },
        {
            "code": "deliver",
            "name": "送达",
            "kind": "deliver",
            "department": dept,
            "role": "window_clerk",
            "limit_days": 1,
        },
    ]
    return stages


def _fields(
    dept,
    kind,
    name,
    *,
    legal,
    promised,
    in_centre,
    result,
    standing=BodyStanding.STATUTORY,
    entruster=None,
    instant=False,
    events="",
):
    return {
        "name": name,
        "kind": kind,
        "department": dept,
        "standing": standing,
        "entrusting_body": entruster,
        "level": PowerVersion.Level.COUNTY,
        "content": f"{dept.name}依法实施的{name}。",
        "conditions": "申请材料齐全、符合法定形式，符合法律法规规定的条件。"
        if kind in KIND_LABEL
        else "",
        "legal_limit_days": legal,
        "promised_limit_days": promised,
        "max_extension_days": 10 if kind == PowerKind.LICENSING else 0,
        "matter_type": PowerVersion.MatterType.INSTANT
        if instant
        else PowerVersion.MatterType.PROMISED,
        "place": "多伦县行政服务中心" if in_centre else f"{dept.name}办公地点",
        "hours": "周一至周五 8:30-12:00, 14:30-17:30（法定节假日除外）",
        "consultation_channel": "0479-4522345",
        "supervision_channel": "多伦县行政服务中心电子监察室 0479-4522300",
        "result_name": result,
        "online_depth": 3 if in_centre else 1,
        "visits_required": 0 if instant else 1,
        "in_service_centre": in_centre,
        "life_events": events,
    }


def _licence_fee(kind: str, n: int) -> list[dict]:
    """The certificate fee of the nth generated item of ``kind`` (a third of the licences)."""
    if kind != PowerKind.LICENSING or n % 3:
        return []
    amount = GENERATED_LICENCE_FEES[n // 3 % len(GENERATED_LICENCE_FEES)]
    return _fees([("证照工本费", amount, PRICE_BUREAU)])


def load(ctx: DemoContext) -> None:
    county = home_county()
    rng = random.Random(2012)  # noqa: S311 - demo data, deterministic
    by_code = {d.code: d for d in Department.objects.filter(division=county)}
    stationed = list(
        Department.objects.filter(division=county, stationed_in_centre=True).order_by("code")
    )
    townships = list(
        Department.objects.filter(
            division__parent=county, kind=Department.Kind.GOVERNMENT
        ).order_by("division__code")
    )
    authorised = [by_code[code] for code, *_rest in AUTHORISED_ORGANISATIONS]
    entrusted = [
        (by_code[code], by_code[entruster]) for code, _n, _s, entruster in ENTRUSTED_ORGANISATIONS
    ]
    other_bodies = townships + authorised + [by_code[c] for c in OTHER_SERVICE_BODIES]
    builder = _Builder(county.code, timezone.now())
    serial = iter(range(1, 10_000))

    def codes(dept: Department, kind: str) -> dict:
        n = next(serial)
        basic = f"{kind[:3].upper()}{n:05d}"
        return {
            "basic_code": basic,
            "implementation_code": f"{county.code[:6]}-{dept.code}-{basic}",
        }

    def legal_basis(law: str, article: str, dept: Department) -> dict:
        return {
            "title": law,
            "issuer": "全国人民代表大会常务委员会"
            if law.startswith("中华人民共和国")
            else "国务院",
            "article": article,
            "excerpt": f"《{law}》{article}规定的{dept.short_name or dept.name}职责。",
        }

    # The common matters, real names and bases, all handled in the centre.
    counts = dict.fromkeys(SERVICE_COUNTS, 0)
    for code, name, kind, legal, promised, law, article, result, materials, co in COMMON_MATTERS:
        dept = by_code[code]
        instant = promised == 0
        builder.add(
            **codes(dept, kind),
            fields=_fields(
                dept,
                kind,
                name,
                legal=legal,
                promised=promised,
                in_centre=True,
                result=result,
                instant=instant,
                events=LIFE_EVENTS.get(code, ""),
            )
            | ({"lead_department": dept} if co else {}),
            parts={
                LegalBasis: [legal_basis(law, article, dept)],
                Material: [
                    {
                        "name": m,
                        "form": Material.Form.ORIGINAL_AND_COPY if i else Material.Form.ORIGINAL,
                        "copies": 1,
                    }
                    for i, m in enumerate(materials)
                ],
                Fee: _fees(COMMON_FEES.get(name, [])),
                Stage: _stages(dept, legal, [by_code[c] for c in co], instant),
            },
        )
        counts[kind] += 1

    # The rest of the 334 centre items, spread over the 29 stationed departments.
    depts = cycle(stationed)
    for kind in (PowerKind.LICENSING, PowerKind.OTHER_APPROVAL, PowerKind.PUBLIC_SERVICE):
        while counts[kind] < SERVICE_COUNTS[kind]:
            dept = next(depts)
            counts[kind] += 1
            legal = rng.choice((10, 15, 20, 20, 30))
            instant = rng.random() < 0.14
            name = f"{dept.short_name}{KIND_LABEL[kind]}事项（{counts[kind]:03d}）"
            law = MAIN_LAW.get(dept.code, "中华人民共和国行政许可法")
            builder.add(
                **codes(dept, kind),
                fields=_fields(
                    dept,
                    kind,
                    name,
                    legal=legal,
                    promised=0 if instant else legal // 2,
                    in_centre=True,
                    result="批准文书",
                    instant=instant,
                    events=LIFE_EVENTS.get(dept.code, ""),
                ),
                parts={
                    LegalBasis: [legal_basis(law, _article(rng.randint(5, 90)), dept)],
                    Material: [
                        {"name": "申请书", "form": Material.Form.ORIGINAL, "copies": 1},
                        {"name": "申请人身份证明", "form": Material.Form.COPY, "copies": 1},
                    ],
                    Fee: _licence_fee(kind, counts[kind]),
                    Stage: _stages(dept, legal, [], instant),
                },
            )
    # The 98 fees, collected by the other 15 implementing bodies.
    bodies = cycle(other_bodies)
    for n in range(1, SERVICE_COUNTS[PowerKind.FEE] + 1):
        dept = next(bodies)
        builder.add(
            **codes(dept, PowerKind.FEE),
            fields=_fields(
                dept,
                PowerKind.FEE,
                f"{dept.short_name}行政事业性收费（{n:03d}）",
                legal=None,
                promised=None,
                in_centre=False,
                result="收费票据",
            ),
            parts={
                LegalBasis: [legal_basis("行政事业性收费项目目录", f"第{n}项", dept)],
                Material: [],
                Fee: [
                    {
                        "item": f"收费项目{n:03d}",
                        "amount": rng.choice((10, 20, 50, 100, 200)),
                        "basis": "自治区财政厅、发展改革委核定的收费标准",
                    }
                ],
                Stage: [],
            },
        )
    ctx.step(f"{len(builder.items)} service items")

    # Enforcement acts: 10 statutory agencies, 9 authorised, 9 entrusted organisations.
    exercising = (
        [(by_code[c], BodyStanding.STATUTORY, None) for c in STATUTORY_AGENCIES]
        + [(org, BodyStanding.AUTHORISED, None) for org in authorised]
        + [(org, BodyStanding.ENTRUSTED, entruster) for org, entruster in entrusted]
    )
    for kind, total in ENFORCEMENT_COUNTS.items():
        bodies = cycle(exercising)
        for n in range(1, total + 1):
            dept, standing, entruster = next(bodies)
            law_owner = entruster or dept
            law = MAIN_LAW.get(law_owner.code, "中华人民共和国行政处罚法")
            article = _article(rng.randint(20, 120))
            builder.add(
                **codes(dept, kind),
                fields=_fields(
                    dept,
                    kind,
                    f"对违反《{law}》{article}行为的{ENFORCEMENT_VERBS[kind]}"
                    if kind == PowerKind.PENALTY
                    else f"{dept.short_name}{ENFORCEMENT_VERBS[kind]}（{n:03d}）",
                    legal=None,
                    promised=None,
                    in_centre=False,
                    result="",
                    standing=standing,
                    entruster=entruster,
                ),
                parts={
                    LegalBasis: [legal_basis(law, article, dept)],
                    Material: [],
                    Fee: [],
                    Stage: [],
                },
            )
    created = builder.save()
    ctx.step(f"{created} catalog items in all")
    audit_record(
        actor=None,
        action="demo_load_catalog",
        object_type="catalog.power",
        object_id="*",
        detail={"powers": created},
        division=county,
    )
