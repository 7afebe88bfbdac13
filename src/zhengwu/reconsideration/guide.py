"""The public guide to reconsideration (what the seed's county publishes on its portal: the
channels, the scope, the conditions, the procedure and the time limits). The time limits are
read from ``services.limit`` — the same numbers the clocks run on, never typed twice."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhengwu.reconsideration.services import day_kind, limit
from zhengwu.workdays.models import Clock


def _days(name: str) -> str:
    n = limit(name)
    if day_kind(name) == Clock.DayKind.WORKING:
        return _("%(n)s working days") % {"n": n}
    return _("%(n)s days") % {"n": n}


def time_limits() -> list[dict]:
    """(step, limit, legal basis) rows of the guide's table."""
    return [
        {"step": _("Apply, from the day you knew of the act"), "limit": _days("application"),
         "basis": "第二十条"},
        {"step": _("Examination: accept, refuse, or ask for a correction"),
         "limit": _days("examination"), "basis": "第三十条、第三十一条"},
        {"step": _("Supply the correction, from the notice"), "limit": _days("correction"),
         "basis": "第三十一条"},
        {"step": _("Copy of the application sent to the respondent"), "limit": _days("send"),
         "basis": "第四十八条"},
        {"step": _("The respondent's written answer and evidence"), "limit": _days("answer"),
         "basis": "第四十八条"},
        {"step": _("Decision, from acceptance"), "limit": _days("decision"),
         "basis": "第六十二条"},
        {"step": _("Extension in complex cases, with approval, at most"),
         "limit": _days("extension"), "basis": "第六十二条"},
        {"step": _("Simplified procedure: copy sent / answer / decision"),
         "limit": " / ".join(_days(n) for n in ("simplified_send", "simplified_answer",
                                                 "simplified_decision")),
         "basis": "第五十四条、第六十二条"},
        {"step": _("Review of a normative document raised with the application"),
         "limit": _("%(a)s, or transferred within %(b)s") % {
             "a": _days("document_review"), "b": _days("document_transfer")},
         "basis": "第五十六条"},
    ]  # fmt: skip


def scope() -> list[str]:
    """The acts one may apply against (art. 11, abridged)."""
    return [
        _("administrative penalties (warnings, fines, confiscation, suspension, revocation …)"),
        _("administrative compulsory measures and enforcement"),
        _("decisions on administrative licences, and failures to decide in time"),
        _("confirmations of ownership or use rights of land, grassland and other resources"),
        _("decisions on expropriation of land or houses and on compensation"),
        _("refusals to perform a statutory duty to protect personal or property rights"),
        _("failures to pay pensions, social insurance or minimum living allowances"),
        _("acts breaching administrative agreements such as concession agreements"),
        _("refusals of government information disclosure, or other infringements in it"),
        _("other administrative acts infringing lawful rights and interests"),
    ]


def conditions() -> list[str]:
    """The conditions for acceptance (art. 30)."""
    return [
        _("there is a definite applicant, who has a stake in the contested act"),
        _("there is a definite respondent"),
        _("there is a specific request and the facts and reasons for it"),
        _("the application is made within the time limit"),
        _("the matter is within the scope of reconsideration and of this office's competence"),
        _("no court has accepted a suit on the same act, and no other office has accepted "
          "the same application"),
    ]  # fmt: skip


def procedure() -> list[str]:
    return [
        _("Apply in writing (in person, by post or online) or orally at the window."),
        _(
            "The office examines the application and accepts it, refuses it with reasons, or "
            "asks once, for everything missing, for a correction."
        ),
        _("A copy goes to the respondent, which answers in writing with its evidence."),
        _(
            "The case is reviewed by hearing the parties' opinions, in writing, or at a "
            "hearing; it may be mediated or settled."
        ),
        _(
            "The office decides: maintain, change, revoke, confirm illegal or invalid, order "
            "performance, or dismiss; the decision is served on the parties."
        ),
        _("If you disagree with the decision you may sue within 15 days of receiving it."),
    ]
