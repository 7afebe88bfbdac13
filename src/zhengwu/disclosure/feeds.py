"""What other modules publish into the disclosure catalog.

A catalog power's service guide (办事指南) is published as a service item when a version of the
power is published, updated when a new version replaces it, and withdrawn when the power is
repealed. Normative documents and reports publish through the same service
(``item_publish_from_source``) with their own feed.

The published text is written in the county's language (the default language of the site),
whatever language the officer's screen is in.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhengwu.disclosure.models import ItemKind, Topic
from zhengwu.disclosure.services import item_publish_from_source, item_withdraw_source

POWER_FEED = "catalog"
GUIDE_CATEGORY = "办事指南"


def power_guide_text(version) -> tuple[str, str]:
    """The title and body of a power's service guide, as published."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Service guide: %(name)s") % {"name": version.name}
        lines = [
            _("Kind: %(kind)s") % {"kind": version.get_kind_display()},
            _("Implementing body: %(body)s") % {"body": version.department.name},
        ]
        bases = [f"{b.title}{b.article}" for b in version.legal_bases.all().order_by("position")]
        if bases:
            lines.append(_("Legal basis: %(bases)s") % {"bases": "；".join(bases)})
        if version.conditions:
            lines.append(_("Conditions: %(text)s") % {"text": version.conditions})
        materials = [m.name for m in version.materials.all().order_by("position")]
        if materials:
            lines.append(_("Materials: %(list)s") % {"list": "；".join(materials)})
        lines.append(
            _("Legal time limit: %(legal)s days; promised: %(promised)s days")
            % {"legal": version.legal_limit_days, "promised": version.promised_limit_days}
        )
        fees = [f"{f.item} {f.amount}" for f in version.fees.all().order_by("position")]
        lines.append(_("Fees: %(list)s") % {"list": "；".join(fees)} if fees else _("Fees: none"))
        if version.place:
            lines.append(_("Place: %(place)s") % {"place": version.place})
        if version.hours:
            lines.append(_("Hours: %(hours)s") % {"hours": version.hours})
        if version.consultation_channel:
            lines.append(_("Consultation: %(channel)s") % {"channel": version.consultation_channel})
    return title, "\n".join(lines)


def publish_power(*, actor, version) -> None:
    """Publish (or refresh) the service guide of a power's newly published version (services to
    the public only: a penalty or an inspection has no guide to apply by)."""
    from zhengwu.catalog.models import SERVICE_KINDS

    if version.kind not in SERVICE_KINDS:
        return
    title, body = power_guide_text(version)
    day = timezone.localdate(version.published_at) if version.published_at else timezone.localdate()
    item_publish_from_source(
        actor=actor,
        source=version.power,
        feed=POWER_FEED,
        category_name=GUIDE_CATEGORY,
        department=version.department,
        title=title,
        body=body,
        created_on=day,
        published_on=day,
        kind=ItemKind.SERVICE,
        topic=Topic.GOVERNMENT,
    )


def withdraw_power(*, actor, power, reason: str) -> None:
    item_withdraw_source(actor=actor, source=power, reason=reason)
