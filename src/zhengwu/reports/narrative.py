"""The quantitative sentences of the annual report, one template per figure group.

Every sentence is made from :func:`zhengwu.reports.annual.annual_figures` at the moment the
report is previewed or generated; none is stored as text, so a figure in the report is always
the figure of the records. The sentences are the county's official text (the report is a
Chinese official document, not interface text), so they are written in Chinese here rather
than through gettext. A rate that is ``None`` (its denominator is 0) leaves its clause out.

:data:`SECTION_SENTENCES` says which groups each section of the report prints, in order.
"""

from __future__ import annotations

from collections.abc import Callable


def rate(value) -> str | None:
    """A percentage as the report prints it: one decimal, without a trailing ``.0``; None for
    no rate."""
    if value is None:
        return None
    number = round(float(value), 1)
    return str(int(number)) if number == int(number) else f"{number:.1f}"


def _with_rate(text: str, label: str, value, *, sep: str = ",") -> str:
    shown = rate(value)
    return text if shown is None else f"{text}{sep}{label}{shown}%"


def training_sentence(f: dict) -> str:
    t = f["training"]
    return (
        f"全年组织领导干部集中学法{t['study_sessions']}期,"
        f"举办依法行政和法律知识培训班,培训{t['trained']}人次。"
    )


def decisions_sentence(f: dict) -> str:
    return f"今年审查政府合同{f['contracts_reviewed']}件,内容涉及项目开发、工程建设等方面。"


def proposals_sentence(f: dict) -> str:
    p = f["proposals"]
    text = f"共办理人大代表建议、批评和意见{p['deputies']}件,政协委员提案{p['cppcc']}件"
    return _with_rate(text, "意见建议、提案办理答复率", p["reply_rate"]) + "。"


def service_centre_sentence(f: dict) -> str:
    s = f["service_centre"]
    text = (
        f"目前已有{s['departments']}个部门的{s['matters']}项事项入驻服务中心办理。"
        f"截至目前大厅共受理各类审批(服务)事项{s['accepted_to_date']}件,"
        f"办结{s['completed_to_date']}件"
    )
    return _with_rate(text, "办结率", s["completion_rate_to_date"]) + "。"


def township_sentence(f: dict) -> str:
    s = f["service_centre"]
    return (
        f"具有代表性和可操作性的便民服务点达到{s['service_points']}个。"
        f"截至目前全县各乡镇便民服务大厅受理{s['township_halls_accepted_to_date']}件。"
    )


def cases_sentence(f: dict) -> str:
    c = f["cases"]
    text = (
        f"据统计,今年通过审批软件系统开展业务的单位服务窗口共累计受理各类审批事项"
        f"{c['accepted']}件,办结{c['completed']}件"
    )
    text = _with_rate(text, "办结率为", c["completion_rate"])
    return f"{text},其中承诺件{c['promised']}件,即办件{c['instant']}件。"


def disclosure_sentence(f: dict) -> str:
    d = f["disclosure"]
    return (
        f"截至目前,公布政府信息{d['published_to_date']}条。"
        f"今年共发布政务服务信息{d['service_items']}条,政务公开信息{d['disclosure_items']}条,"
        f"受理政府信息公开申请{d['requests']}件。"
    )


def catalog_sentence(f: dict) -> str:
    c = f["catalog"]
    return (
        f"经梳理审查,确定需继续实施的行政许可项目{c['licensing']}项,"
        f"非行政许可审批项目{c['other_approval']}项,行政服务项目{c['public_service']}项,"
        f"行政事业性收费项目{c['fee']}项,总计{c['total']}项。"
    )


def normative_documents_sentence(f: dict) -> str:
    n = f["normative_documents"]
    text = (
        f"今年,县政府法制办受理备案审查的规范性文件{n['reviewed']}件,"
        f"按照报送备案要求报备{n['filed']}件"
    )
    text = _with_rate(text, "报备率", n["filing_rate"]) + "。"
    return (
        f"{text}在清理过程中,发现与法律、法规、规章和上级政府的规范性文件不一致的"
        f"{n['cleanup_inconsistent']}件,建议修订{n['cleanup_amend']}件。"
    )


def enforcement_sentence(f: dict) -> str:
    e = f["enforcement"]
    b, a = e["bodies"], e["acts"]
    return (
        f"经清理,审核确认{b['statutory']}个法定行政机关、{b['authorised']}个法律法规授权"
        f"执法机构、{b['entrusted']}个行政机关委托执法机构的行政行为共{a['total']}项。"
        f"其中,行政处罚{a['penalty']}项,行政确认{a['confirmation']}项,"
        f"行政强制{a['compulsion']}项,行政征收{a['levy']}项,行政裁决{a['ruling']}项,"
        f"其他具体行政行为{a['other']}项,各行政执法部门执行的法律、法规、规章总计"
        f"{e['laws']}部。"
    )


def disputes_sentence(f: dict) -> str:
    d = f["disputes"]
    text = f"全年共排查出各类矛盾纠纷{d['found']}件,调处{d['mediated']}件"
    return _with_rate(text, "调解成功率", d["success_rate"]) + "。"


def reconsideration_sentence(f: dict) -> str:
    r, lit = f["reconsideration"], f["litigation"]
    if not any((r["received"], r["decided"], lit["received"], lit["decided"])):
        return "按照要求及时上报行政复议和应诉案件统计报表,全年无行政复议和应诉案件。"
    return (
        f"按照要求及时上报行政复议和应诉案件统计报表,全年共受理行政复议案件{r['received']}件,"
        f"审结{r['decided']}件;行政应诉案件{lit['received']}件,审结{lit['decided']}件。"
    )


def exam_sentence(f: dict) -> str:
    t = f["training"]
    text = f"全县{t['exam_units']}个单位参加了{f['year']}年度普法考试,{t['examinees']}人参加了考试"
    return _with_rate(text, "参考率达", t["exam_participation_rate"]) + "。"


Sentence = Callable[[dict], str]

# The figure groups each section prints after its narrative blocks, in order.
SECTION_SENTENCES: dict[str, list[Sentence]] = {
    "institutions": [training_sentence, decisions_sentence, proposals_sentence],
    "approval": [service_centre_sentence, township_sentence, cases_sentence],
    "disclosure": [disclosure_sentence, catalog_sentence],
    "normative_documents": [normative_documents_sentence],
    "enforcement": [enforcement_sentence],
    "reconsideration": [disputes_sentence, reconsideration_sentence],
    "guarantees": [exam_sentence],
}


def section_sentences(section: str, figures: dict) -> list[str]:
    """The generated sentences of ``section`` for ``figures`` (none for a narrative section)."""
    return [sentence(figures) for sentence in SECTION_SENTENCES.get(section, [])]
