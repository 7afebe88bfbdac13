"""The demo county's normative documents, driven through the services.

History (fixed dates, as the seed report tells it): documents of 2007–2011, some of which
lapsed after their 5 years and some repealed; a periodic (full) clean-up in 2010; in 2012 two
documents adopted, published and filed with the league's administrative office and the county
people's congress standing committee within 30 days (filing rate 100%) — among them
多政发〔2012〕78号 on the 12th five-year plan — and the special clean-up of documents setting
administrative compulsion and of documents on tendering (锡署办发〔2011〕113号,
锡发改综字〔2012〕2号), which found 1 inconsistent and recommended 1 amendment.

Now (dates counted back from the real today): documents in every state of the lifecycle, filing
clocks running, overdue and completed, documents whose validity ends within 6 and 3 months,
and an open periodic clean-up, so that the staff pages and the supervision room have work.

The catalog items these records publish with dates up to 2012 take the place of as many
generated items (``zhengwu.disclosure.demo.make_room``), so the seed's totals stay exact.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import Department, User
from zhengwu.org.selectors import home_county
from zhengwu.rulemaking import services
from zhengwu.rulemaking.models import CleanupCampaign, NormativeDocument

D = datetime.date
GOV, OFFICE = "多政发", "多政办发"

# (key, prefix, sequence in the dispatch register, drafting department, title, published on).
# Those of 2007 lapse by themselves in 2012, the interim ones (暂行) after 2 years; the periodic
# clean-up of 2010 repeals h4.
HISTORY = [
    ("h1", GOV, 23, "gtj", "多伦县人民政府关于加强土地市场管理的通知", D(2007, 4, 10)),
    ("h2", GOV, 41, "jyj", "多伦县人民政府关于进一步规范中小学收费管理的通知", D(2007, 8, 15)),
    ("h3", OFFICE, 12, "mzj", "多伦县城乡居民最低生活保障实施办法", D(2007, 11, 20)),
    ("h4", GOV, 17, "zjj", "多伦县城区建筑垃圾处置管理规定", D(2008, 3, 18)),
    ("h5", GOV, 52, "fgj", "多伦县招商引资优惠政策若干规定", D(2008, 6, 2)),
    ("h6", OFFICE, 30, "nmj", "多伦县草原禁牧舍饲管理办法", D(2008, 10, 8)),
    ("h7", GOV, 9, "swj", "多伦县城区供水管理办法", D(2009, 2, 16)),
    ("h8", GOV, 66, "ajj", "多伦县安全生产监督管理实施细则", D(2009, 7, 1)),
    ("h9", OFFICE, 25, "gsj", "多伦县个体工商户登记管理暂行规定", D(2009, 9, 14)),
    ("h10", GOV, 14, "zjj", "多伦县城市市容和环境卫生管理办法", D(2010, 3, 22)),
    ("h11", GOV, 47, "fgj", "多伦县政府投资项目招标投标管理办法", D(2010, 8, 9)),
    ("h12", OFFICE, 38, "jtj", "多伦县城区出租汽车管理办法", D(2010, 11, 3)),
    ("h13", GOV, 21, "gtj", "多伦县集体土地征收补偿安置办法", D(2011, 4, 6)),
    ("h14", GOV, 58, "zjj", "多伦县违法建设查处办法", D(2011, 6, 20)),
    ("h15", OFFICE, 44, "czj", "多伦县政府采购管理暂行办法", D(2011, 9, 5)),
]  # fmt: skip
# The two documents of 2012: adopted, published and filed on time with both authorities.
YEAR_2012 = [
    ("p78", GOV, 78, "fgj",
     "多伦县人民政府关于印发《多伦县国民经济和社会发展第十二个五年规划纲要》"
     "重点任务分工方案的通知", D(2012, 5, 28)),
    ("p95", GOV, 95, "zjj", "多伦县城市规划区临时建设管理办法", D(2012, 9, 6)),
]  # fmt: skip
PERIODIC_2010 = {"opened": D(2010, 6, 1), "closed": D(2010, 9, 20),
                 "decisions": {"h4": ("repeal", "已被新办法取代", False)}}  # fmt: skip
SPECIAL_2012 = {
    "opened": D(2012, 6, 4),
    "closed": D(2012, 10, 15),
    "scope": ["h5", "h11", "h13", "h14", "h15"],
    # h14 sets a compulsion measure (sealing up) beyond the Administrative Compulsion Law.
    "decisions": {"h14": ("amend", "第十二条设定的查封措施超出《行政强制法》规定的对象和条件，"
                                   "建议修订", True)},
}  # fmt: skip


def _departments(county) -> dict[str, Department]:
    return {d.code: d for d in Department.objects.filter(division=county)}


def _drive(actor, deps, *, prefix, sequence, drafting, title, published, filed_on=None,
           issuer=None, comment=False, interim=None, amends=None):  # fmt: skip
    """A document from draft to publication, dated back from its publication day."""
    issuer = issuer or deps["zf" if prefix == GOV else "zfb"]
    document = services.document_draft(
        actor=actor, drafting_department=deps[drafting], issuer=issuer, title=title,
        text=f"{title}\n第一条 为了规范管理，根据有关法律、法规，结合本县实际，制定本办法。\n"
             "第二条 本办法自公布之日起施行。",
        number_prefix=prefix, is_interim=interim, comment_required=comment, amends=amends,
    )  # fmt: skip
    day = published - datetime.timedelta(days=60 if comment else 20)
    if comment:
        services.document_open_comment(actor=actor, document=document, on=day)
        closes = day + datetime.timedelta(days=33)
        services.document_close_comment(actor=actor, document=document, on=closes,
                                        summary="收到意见5条，采纳3条")  # fmt: skip
        day = closes
    services.document_submit_for_review(actor=actor, document=document, on=day)
    services.document_review(actor=actor, document=document, opinion="pass",
                             on=day + datetime.timedelta(days=7))  # fmt: skip
    services.document_adopt(actor=actor, document=document, meeting="县人民政府常务会议",
                            on=day + datetime.timedelta(days=12))  # fmt: skip
    signed = published - datetime.timedelta(days=2)
    services.document_sign(actor=actor, document=document, signed_by="县长", on=signed,
                           sequence=sequence)  # fmt: skip
    services.document_publish(actor=actor, document=document, on=published)
    if filed_on is not None:
        for filing in document.filings.all():
            services.filing_submit(actor=actor, filing=filing, on=filed_on)
    document.refresh_from_db()
    return document


def _history(ctx, legal, deps) -> dict[str, NormativeDocument]:
    made: dict[str, NormativeDocument] = {}
    for key, prefix, sequence, drafting, title, published in HISTORY:
        made[key] = _drive(legal, deps, prefix=prefix, sequence=sequence, drafting=drafting,
                           title=title, published=published,
                           filed_on=published + datetime.timedelta(days=12))  # fmt: skip
    # The periodic clean-up of 2010 (every 2 years), its decisions taking effect on closing.
    periodic = services.campaign_open(
        actor=legal, department=deps["fzb"], kind=CleanupCampaign.Kind.PERIODIC,
        title="2010年多伦县规范性文件全面清理", basis="每隔2年组织一次全面清理",
        on=PERIODIC_2010["opened"],
    )  # fmt: skip
    _decide(legal, periodic, made, PERIODIC_2010)
    for key, prefix, sequence, drafting, title, published in YEAR_2012:
        made[key] = _drive(legal, deps, prefix=prefix, sequence=sequence, drafting=drafting,
                           title=title, published=published,
                           filed_on=published + datetime.timedelta(days=14))  # fmt: skip
    special = services.campaign_open(
        actor=legal, department=deps["fzb"], kind=CleanupCampaign.Kind.SPECIAL,
        title="涉及行政强制规定和与招投标有关的规范性文件专项清理",
        topic="设定行政强制措施、与招标投标有关的规范性文件",
        criteria="设定行政强制措施或者行政强制执行；对法律、法规规定的行政强制措施的对象、条件、"
                 "种类作扩大规定；与行政强制法规定的实施程序不一致；与招标投标法律法规不一致",
        basis="锡署办发〔2011〕113号；锡发改综字〔2012〕2号",
        documents=[made[k] for k in SPECIAL_2012["scope"]], on=SPECIAL_2012["opened"],
    )  # fmt: skip
    _decide(legal, special, made, SPECIAL_2012)
    ctx.step(f"{len(made)} documents of 2007–2012 and the clean-ups of 2010 and 2012")
    return made


def _decide(legal, campaign, made, plan) -> None:
    by_document = {d.pk: k for k, d in made.items()}
    for entry in campaign.entries.order_by("pk"):
        key = by_document.get(entry.document_id)
        decision, reasons, inconsistent = plan["decisions"].get(key, ("keep", "", False))
        services.cleanup_decide(actor=legal, entry=entry, decision=decision, reasons=reasons,
                                inconsistent=inconsistent, on=plan["closed"])  # fmt: skip
    services.campaign_close(actor=legal, campaign=campaign, on=plan["closed"])


def _current(ctx, legal, head, deps, today) -> int:
    """Documents in every state now, dated back from today."""

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    zjj = deps["zjj"]
    before = NormativeDocument.objects.count()

    def draft(title, *, actor=head, drafting=zjj, comment=False, prefix=GOV):
        return services.document_draft(
            actor=actor, drafting_department=drafting,
            issuer=deps["zf" if prefix == GOV else "zfb"],
            title=title, text=f"{title}\n第一条 为了规范管理，制定本办法。", number_prefix=prefix,
            comment_required=comment,
        )  # fmt: skip

    draft("多伦县城区集中供热管理办法（草案）", comment=True)
    out = draft("多伦县物业服务管理办法（征求意见稿）", comment=True)
    services.document_open_comment(actor=head, document=out, on=ago(12))
    review = draft("多伦县城镇老旧小区改造实施办法")
    services.document_submit_for_review(actor=head, document=review, on=ago(3))
    back = draft("多伦县建筑市场信用管理暂行办法")
    services.document_submit_for_review(actor=head, document=back, on=ago(20))
    services.document_review(
        actor=legal, document=back, opinion="amend", findings=["fee", "no_basis"],
        text="第九条设定保证金无法律依据；第十五条增加企业义务缺乏上位法依据，请修改后重新报送",
        on=ago(12),
    )  # fmt: skip
    rejected = draft("多伦县户外广告设置审批办法", actor=legal, drafting=deps["gsj"])
    services.document_submit_for_review(actor=legal, document=rejected, on=ago(40))
    services.document_review(actor=legal, document=rejected, opinion="reject",
                             findings=["licence"],
                             text="以规范性文件设定行政许可，违反行政许可法第十七条",
                             on=ago(33))  # fmt: skip
    for title, drafting, steps in [
        ("多伦县农村牧区人居环境整治实施办法", "nmj", 1),
        ("多伦县政府投资项目管理办法", "fgj", 2),
        ("多伦县城乡居民医疗救助办法", "mzj", 3),
    ]:
        document = draft(title, actor=legal, drafting=deps[drafting])
        services.document_submit_for_review(actor=legal, document=document, on=ago(30))
        services.document_review(actor=legal, document=document, opinion="pass", on=ago(22))
        if steps >= 2:
            services.document_adopt(actor=legal, document=document,
                                    meeting="县人民政府第18次常务会议", on=ago(15))  # fmt: skip
        if steps >= 3:
            services.document_sign(actor=legal, document=document, signed_by="县长", on=ago(8))
    # Published: filing clock running (due in about 10 days), overdue with one authority, done.
    _drive(legal, deps, prefix=GOV, sequence=None, drafting="jtj",
           title="多伦县城区停车场管理办法", published=ago(20))  # fmt: skip
    overdue = _drive(legal, deps, prefix=GOV, sequence=None, drafting="wsj",
                     title="多伦县公共场所控制吸烟管理办法", published=ago(45))  # fmt: skip
    services.filing_submit(actor=legal, filing=overdue.filings.order_by("pk").first(), on=ago(30))
    done = _drive(legal, deps, prefix=GOV, sequence=None, drafting="rsj",
                  title="多伦县就业困难人员认定办法", published=ago(80))  # fmt: skip
    first, second = done.filings.order_by("pk")
    services.filing_submit(actor=legal, filing=first, on=ago(60))
    services.filing_submit(actor=legal, filing=second, on=ago(45))  # 35 days: late
    services.filing_record_result(actor=legal, filing=first, result="no_objection", on=ago(40))
    # Validity ending within 3 and within 6 months (5 years from entry into force).
    for title, drafting, days_left in [("多伦县城区道路挖掘管理办法", "zjj", 75),
                                       ("多伦县殡葬管理实施办法", "mzj", 160)]:  # fmt: skip
        published = services.add_years(today + datetime.timedelta(days=days_left), -5)
        _drive(legal, deps, prefix=GOV, sequence=None, drafting=drafting, title=title,
               published=published,
               filed_on=published + datetime.timedelta(days=10))  # fmt: skip
    # An amended document: the old one superseded by its amendment.
    old = _drive(legal, deps, prefix=GOV, sequence=None, drafting="zjj",
                 title="多伦县城市绿化管理办法", published=ago(3 * 365),
                 filed_on=ago(3 * 365 - 10))  # fmt: skip
    _drive(legal, deps, prefix=GOV, sequence=None, drafting="zjj",
           title="多伦县城市绿化管理办法（修订）", published=ago(100), filed_on=ago(90),
           amends=old)  # fmt: skip
    # An open periodic clean-up with part of its decisions recorded.
    campaign = services.campaign_open(
        actor=legal, department=deps["fzb"], kind=CleanupCampaign.Kind.PERIODIC,
        title=f"{today.year}年多伦县规范性文件全面清理", basis="每隔2年组织一次全面清理",
        on=ago(25),
    )  # fmt: skip
    for entry in campaign.entries.order_by("pk")[:3]:
        services.cleanup_decide(actor=legal, entry=entry, decision="keep", on=ago(10))
    made = NormativeDocument.objects.count() - before
    ctx.step(f"{made} current documents in every state; an open clean-up of "
             f"{campaign.entries.count()} documents")  # fmt: skip
    return made


def load(ctx: DemoContext) -> None:
    from zhengwu.disclosure.demo import make_room

    county = home_county()
    deps = _departments(county)
    legal = User.objects.get(username="legal")
    head = User.objects.get(username="head")
    today = timezone.localdate()
    _history(ctx, legal, deps)
    _current(ctx, legal, head, deps, today)
    lapsed = services.documents_lapse_due(on=today)
    removed = make_room(county, source_types=["rulemaking.normativedocument",
                                              "rulemaking.cleanupcampaign"])  # fmt: skip
    ctx.step(f"{len(lapsed)} lapses recorded; {removed} generated catalog items made room")
