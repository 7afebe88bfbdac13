"""What the enforcement registry publishes into the disclosure catalog (feed ``enforcement``):
each penalty imposed and compulsion decided, on the day it is decided, in the catalog's sub-items
行政处罚决定 / 行政强制决定. A natural person is named by surname only (e.g. 王某); an
organisation by its name. The text is in the site's default language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

FEED = "enforcement"
CATEGORIES = {"penalty": "行政处罚决定", "compulsion": "行政强制决定"}
PUBLISHED_OUTCOMES = ("penalised", "measure")  # a decision not to penalise is not published
ORGANISATION_MARKS = ("公司", "厂", "店", "社", "中心", "单位", "协会", "集团", "企业", "场", "部")


def public_party(parties: str) -> str:
    """An organisation as named; a person by surname and 某 (personal data stays out)."""
    parties = parties.strip()
    if any(mark in parties for mark in ORGANISATION_MARKS):
        return parties
    return f"{parties[:1]}某" if parties else ""


def decision_text(case_file) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(body)s decision %(number)s") % {
            "body": case_file.body.department.name,
            "number": case_file.number,
        }
        lines = [
            _("Case number: %(number)s") % {"number": case_file.number},
            _("Party: %(party)s") % {"party": public_party(case_file.parties)},
            _("Enforcement act: %(act)s") % {"act": case_file.power.current.name},
            _("Decision: %(outcome)s") % {"outcome": case_file.get_outcome_display()},
            _("Decided on: %(date)s") % {"date": case_file.decided_on.isoformat()},
        ]
        if case_file.penalty_amount is not None:
            lines.append(_("Amount: %(amount)s yuan") % {"amount": case_file.penalty_amount})
        lines.append(_("Decided by: %(body)s") % {"body": case_file.body.department.name})
    return title, "\n".join(lines)


def publish_decision(*, actor, case_file) -> None:
    """Publish a penalty or compulsion decision (in the same transaction as the decision)."""
    from zhengwu.disclosure.models import ItemKind, Topic
    from zhengwu.disclosure.services import item_publish_from_source

    category = CATEGORIES.get(case_file.kind)
    if category is None or case_file.outcome not in PUBLISHED_OUTCOMES:
        return
    title, body = decision_text(case_file)
    item_publish_from_source(
        actor=actor,
        source=case_file,
        feed=FEED,
        category_name=category,
        department=case_file.body.department,
        title=title[:200],
        body=body,
        created_on=case_file.decided_on,
        published_on=case_file.decided_on,
        kind=ItemKind.DISCLOSURE,
        topic=Topic.GOVERNMENT,
    )
