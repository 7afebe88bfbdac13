"""The demo county's organisation: 锡林郭勒盟 › 多伦县, 4 townships, 64 villages/communities,
29 departments stationed in the service centre, the service network and one account per role."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import Department, Division, ServiceCentre, User
from zhengwu.org.roles import Role

LEAGUE = ("152500000000", "锡林郭勒盟")
COUNTY = ("152531000000", "多伦县")

# The 29 departments whose matters are handled in the county administrative service centre.
STATIONED_DEPARTMENTS = [
    ("fgj", "多伦县发展和改革局", "发改局"),
    ("jyj", "多伦县教育局", "教育局"),
    ("gaj", "多伦县公安局", "公安局"),
    ("mzj", "多伦县民政局", "民政局"),
    ("sfj", "多伦县司法局", "司法局"),
    ("czj", "多伦县财政局", "财政局"),
    ("rsj", "多伦县人力资源和社会保障局", "人社局"),
    ("gtj", "多伦县国土资源局", "国土局"),
    ("hbj", "多伦县环境保护局", "环保局"),
    ("zjj", "多伦县住房和城乡建设局", "住建局"),
    ("jtj", "多伦县交通运输局", "交通局"),
    ("swj", "多伦县水务局", "水务局"),
    ("nmj", "多伦县农牧业局", "农牧业局"),
    ("lyj", "多伦县林业局", "林业局"),
    ("jxj", "多伦县经济和信息化局", "经信局"),
    ("wtj", "多伦县文化体育广播电视局", "文体广电局"),
    ("wsj", "多伦县卫生局", "卫生局"),
    ("jsj", "多伦县人口和计划生育局", "人口计生局"),
    ("gsj", "多伦县工商行政管理局", "工商局"),
    ("zjj2", "多伦县质量技术监督局", "质监局"),
    ("ypj", "多伦县食品药品监督管理局", "食药监局"),
    ("ajj", "多伦县安全生产监督管理局", "安监局"),
    ("gsw", "多伦县国家税务局", "国税局"),
    ("dsw", "多伦县地方税务局", "地税局"),
    ("qxj", "多伦县气象局", "气象局"),
    ("xfd", "多伦县公安消防大队", "消防大队"),
    ("fgc", "多伦县房产管理局", "房管局"),
    ("mzzj", "多伦县民族宗教事务局", "民宗局"),
    ("lvj", "多伦县旅游局", "旅游局"),
]
# Offices of the county government that are not stationed in the centre.
COUNTY_OFFICES = [
    ("zfb", "多伦县人民政府办公室", "政府办", Department.Kind.OFFICE),
    ("fzb", "多伦县人民政府法制办公室", "法制办", Department.Kind.OFFICE),
    ("gkb", "多伦县政务公开办公室", "政务公开办", Department.Kind.OFFICE),
    ("spzx", "多伦县行政审批服务中心管理办公室", "审批中心", Department.Kind.OFFICE),
    ("jcj", "多伦县监察局", "监察局", Department.Kind.DEPARTMENT),
    ("sjj", "多伦县审计局", "审计局", Department.Kind.DEPARTMENT),
    ("tjj", "多伦县统计局", "统计局", Department.Kind.DEPARTMENT),
]

# Organisations authorised by law to enforce (法律法规授权组织), and organisations entrusted by an
# agency to enforce on its behalf (受委托组织): (code, name, short name, entrusting agency's code).
AUTHORISED_ORGANISATIONS = [
    ("wsjds", "多伦县卫生监督所", "卫生监督所", None),
    ("dwjds", "多伦县动物卫生监督所", "动物卫生监督所", None),
    ("ldjc", "多伦县劳动保障监察大队", "劳动监察大队", None),
    ("szjc", "多伦县水政监察大队", "水政监察大队", None),
    ("whzf", "多伦县文化市场综合执法大队", "文化执法大队", None),
    ("glzz", "多伦县公路路政管理所", "路政管理所", None),
    ("dyys", "多伦县道路运输管理所", "运管所", None),
    ("cyjd", "多伦县草原监督管理所", "草原监理所", None),
    ("nyzf", "多伦县农牧业综合执法大队", "农牧执法大队", None),
]
ENTRUSTED_ORGANISATIONS = [
    ("cgzf", "多伦县城市管理行政执法局", "城管执法局", "zjj"),
    ("tdjc", "多伦县土地监察大队", "土地监察大队", "gtj"),
    ("hjjc", "多伦县环境监察大队", "环境监察大队", "hbj"),
    ("slgy", "多伦县森林公安局", "森林公安局", "lyj"),
    ("ajzf", "多伦县安全生产执法大队", "安监执法大队", "ajj"),
    ("spjc", "多伦县食品药品稽查大队", "食药稽查大队", "ypj"),
    ("zljc", "多伦县质量技术监督稽查队", "质监稽查队", "zjj2"),
    ("gsjc", "多伦县工商行政管理检查大队", "工商检查大队", "gsj"),
    ("jzjc", "多伦县交通运输执法大队", "交通执法大队", "jtj"),
]

# Townships and their villages/communities: 64 in all, each with a village agency point.
TOWNSHIPS = [
    (
        "152531100000",
        "多伦淖尔镇",
        ["兴盛社区", "福盛社区", "汇宗社区", "山西会馆社区", "诺尔社区", "滦河社区", "新城社区"],
        [
            "北山村",
            "南关村",
            "东仓村",
            "西仓村",
            "大营子村",
            "砧子山村",
            "黑山嘴村",
            "小河子村",
            "东山湾村",
            "白城子村",
            "古城村",
            "庙后村",
            "榆树沟村",
        ],
    ),
    (
        "152531101000",
        "大北沟镇",
        ["大北沟社区"],
        [
            "大北沟村",
            "三道沟村",
            "黑风河村",
            "西山湾村",
            "东大井村",
            "水泉村",
            "头道营子村",
            "二道营子村",
            "牛心山村",
            "上都河村",
            "杨树沟村",
            "白音查干村",
            "小北沟村",
            "十八倾村",
            "后梁村",
        ],
    ),
    (
        "152531200000",
        "蔡木山乡",
        [],
        [
            "蔡木山村",
            "西大仓村",
            "东大仓村",
            "白土窑村",
            "油坊村",
            "太平庄村",
            "永胜村",
            "八号村",
            "九号村",
            "羊盘沟村",
            "石门沟村",
            "大石砬村",
            "马架子村",
            "双井村",
        ],
    ),
    (
        "152531201000",
        "西干沟乡",
        [],
        [
            "西干沟村",
            "东干沟村",
            "查干淖尔村",
            "新地村",
            "碾房村",
            "王家营子村",
            "二号村",
            "三号村",
            "大西山村",
            "东沟村",
            "沙里河村",
            "巴彦淖尔村",
            "红旗村",
            "太平村",
        ],
    ),
]

DEMO_PASSWORD = "Zhengwu#2026"  # noqa: S105 - published demo credential, printed by `zhengwu demo`

# One demo account per role: (username, name, department code, post, roles).
DEMO_STAFF = [
    ("clerk", "王芳", "spzx", "county_centre", [Role.WINDOW_CLERK]),
    ("agent", "李建国", None, "village_point", [Role.VILLAGE_AGENT]),
    ("reviewer", "张伟", "zjj", None, [Role.REVIEWER]),
    ("head", "刘洋", "zjj", None, [Role.DEPARTMENT_HEAD, Role.REVIEWER]),
    ("supervisor", "陈静", "jcj", None, [Role.SUPERVISOR]),
    ("legal", "赵磊", "fzb", None, [Role.LEGAL_OFFICER]),
    ("disclosure", "孙丽", "gkb", None, [Role.DISCLOSURE_OFFICER]),
    ("disclosure2", "郭敏", "gkb", None, [Role.DISCLOSURE_OFFICER]),
    ("admin", "周强", "zfb", None, [Role.ADMINISTRATOR]),
]
DEMO_APPLICANTS = [
    # (username, name, kind, id_number / credit_code, phone)
    ("citizen", "马秀英", User.Kind.CITIZEN, "152531195806150024", "13904791234"),
    (
        "enterprise",
        "多伦县草原乳业有限公司",
        User.Kind.ORGANISATION,
        "91152531MA0N00001D",
        "13947912345",
    ),
]


def _township_code(code: str, index: int) -> str:
    return f"{code[:9]}{200 + index:03d}"


def load(ctx: DemoContext) -> None:
    league = Division.objects.create(code=LEAGUE[0], name=LEAGUE[1], level=Division.Level.LEAGUE)
    county = Division.objects.create(
        code=COUNTY[0], name=COUNTY[1], level=Division.Level.COUNTY, parent=league
    )
    townships = Division.objects.bulk_create(
        [
            Division(code=code, name=name, level=Division.Level.TOWNSHIP, parent=county)
            for code, name, _communities, _villages in TOWNSHIPS
        ]
    )
    villages: list[Division] = []
    for township, (code, _name, communities, village_names) in zip(
        townships, TOWNSHIPS, strict=True
    ):
        names = [(n, True) for n in communities] + [(n, False) for n in village_names]
        villages += [
            Division(
                code=_township_code(code, i),
                name=name,
                level=Division.Level.VILLAGE,
                parent=township,
                is_community=is_community,
            )
            for i, (name, is_community) in enumerate(names)
        ]
    villages = Division.objects.bulk_create(villages)
    ctx.step(f"{len(townships)} townships, {len(villages)} villages/communities")

    departments = [
        Department(
            division=league,
            code="xs",
            name="锡林郭勒盟行政公署",
            short_name="行署",
            kind=Department.Kind.GOVERNMENT,
        ),
        Department(
            division=league,
            code="xsfzb",
            name="锡林郭勒盟行政公署法制办公室",
            short_name="行署法制办",
            kind=Department.Kind.OFFICE,
        ),
        Department(
            division=county,
            code="zf",
            name="多伦县人民政府",
            short_name="县政府",
            kind=Department.Kind.GOVERNMENT,
        ),
    ]
    departments += [
        Department(
            division=county,
            code=code,
            name=name,
            short_name=short,
            kind=Department.Kind.DEPARTMENT,
            stationed_in_centre=True,
        )
        for code, name, short in STATIONED_DEPARTMENTS
    ]
    departments += [
        Department(division=county, code=code, name=name, short_name=short, kind=kind)
        for code, name, short, kind in COUNTY_OFFICES
    ]
    departments += [
        Department(
            division=county,
            code=code,
            name=name,
            short_name=short,
            kind=Department.Kind.INSTITUTION,
        )
        for code, name, short, _entruster in AUTHORISED_ORGANISATIONS + ENTRUSTED_ORGANISATIONS
    ]
    departments += [
        Department(
            division=t,
            code="zf",
            name=f"{t.name}人民政府",
            short_name=t.name,
            kind=Department.Kind.GOVERNMENT,
        )
        for t in townships
    ]
    departments += [
        Department(
            division=v,
            code="wh",
            name=f"{v.name}{'居民委员会' if v.is_community else '村民委员会'}",
            short_name=v.name,
            kind=Department.Kind.COMMITTEE,
        )
        for v in villages
    ]
    Department.objects.bulk_create(departments)
    ctx.step(f"{len(departments)} governments, departments and committees")

    centres = [
        ServiceCentre(
            division=league,
            name="锡林郭勒盟行政审批服务中心",
            kind=ServiceCentre.Kind.LEAGUE_CENTRE,
        ),
        ServiceCentre(
            division=county,
            name="多伦县行政服务中心",
            kind=ServiceCentre.Kind.COUNTY_CENTRE,
            address="多伦县多伦淖尔镇会盟大街",
            phone="0479-4522345",
            opening_hours="周一至周五 8:30-12:00, 14:30-17:30",
            floor_area=1816,
        ),
    ]
    centres += [
        ServiceCentre(
            division=t,
            name=f"{t.name}便民服务大厅",
            kind=ServiceCentre.Kind.TOWNSHIP_HALL,
            address=f"多伦县{t.name}人民政府一楼",
            floor_area=60 + 10 * i,
            opening_hours="周一至周五 8:30-17:30",
        )
        for i, t in enumerate(townships)
    ]
    centres += [
        ServiceCentre(
            division=v,
            name=f"{v.name}便民服务代办点",
            kind=ServiceCentre.Kind.VILLAGE_POINT,
            address=f"{v.parent.name}{v.name}",
        )
        for v in villages
    ]
    ServiceCentre.objects.bulk_create(centres)
    ctx.step(f"{len(centres)} service centres, halls and points")

    _load_accounts(ctx, county)


def _load_accounts(ctx: DemoContext, county: Division) -> None:
    from django.contrib.auth.models import Group

    password = make_password(DEMO_PASSWORD)  # one hash, shared by every demo account
    by_code = {d.code: d for d in Department.objects.filter(division=county)}
    county_centre = ServiceCentre.objects.get(
        kind=ServiceCentre.Kind.COUNTY_CENTRE, division=county
    )
    village_point = (
        ServiceCentre.objects.filter(kind=ServiceCentre.Kind.VILLAGE_POINT)
        .order_by("division__code")
        .first()
    )
    groups = {g.name: g for g in Group.objects.all()}
    staff = []
    for username, name, dept_code, post, roles in DEMO_STAFF:
        if dept_code is None:  # a village agent belongs to the village committee of their point
            department = village_point.division.departments.get(code="wh")
        else:
            department = by_code[dept_code]
        centre = {"county_centre": county_centre, "village_point": village_point}.get(post)
        user = User(
            username=username,
            full_name=name,
            kind=User.Kind.STAFF,
            department=department,
            service_centre=centre,
            password=password,
            is_staff=Role.ADMINISTRATOR in roles,
            is_superuser=Role.ADMINISTRATOR in roles,
        )
        user.full_clean(exclude=["password"])
        staff.append((user, roles))
    User.objects.bulk_create([u for u, _r in staff])
    through = User.groups.through
    saved = {
        u.username: u for u in User.objects.filter(username__in=[u.username for u, _r in staff])
    }
    through.objects.bulk_create(
        [
            through(user_id=saved[u.username].pk, group_id=groups[str(r)].pk)
            for u, roles in staff
            for r in roles
        ]
    )
    applicants = []
    for username, name, kind, identifier, phone in DEMO_APPLICANTS:
        user = User(
            username=username,
            full_name=name,
            kind=kind,
            password=password,
            phone=phone,
            id_number=identifier if kind == User.Kind.CITIZEN else "",
            credit_code=identifier if kind == User.Kind.ORGANISATION else "",
        )
        user.full_clean(exclude=["password"])
        applicants.append(user)
    User.objects.bulk_create(applicants)
    admin = saved["admin"]
    audit_record(
        actor=admin,
        action="demo_load_org",
        object_type="org.division",
        object_id=county.code,
        detail={"staff": len(staff), "applicants": len(applicants)},
        division=county,
    )
    for username, name, _dept, _post, roles in DEMO_STAFF:
        ctx.account(username, DEMO_PASSWORD, name, "、".join(str(Role(r).label) for r in roles))
    for username, name, kind, _identifier, _phone in DEMO_APPLICANTS:
        ctx.account(username, DEMO_PASSWORD, name, str(User.Kind(kind).label))
    ctx.step(f"{len(staff) + len(applicants)} demo accounts")
