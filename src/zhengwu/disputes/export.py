"""The register as an XLSX workbook: one row per dispute (contact numbers masked)."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from zhengwu.common.xlsx import sheet_workbook
from zhengwu.disputes.models import DisputeParty


def register_workbook(disputes) -> bytes:
    disputes = (
        disputes.select_related("township", "village", "campaign")
        .prefetch_related(Prefetch("parties", queryset=DisputeParty.objects.order_by("pk")))
        .annotate(n_sessions=Count("sessions", distinct=True))
        .order_by("found_on", "pk")
    )
    headers = [
        _("Register number"), _("Found on"), _("How found"), _("Township"),
        _("Village or community"), _("Type of dispute"), _("Summary"), _("Parties"),
        _("Amount involved (yuan)"), _("Risk level"), _("Mediating organisation"),
        _("Responsible mediator"), _("Sweep campaign"), _("Accepted for mediation on"),
        _("Mediation sessions"), _("Status"), _("Outcome on"), _("Form of the agreement"),
        _("Referred to"),
    ]  # fmt: skip
    widths = [18, 12, 14, 12, 14, 14, 40, 30, 12, 10, 24, 10, 28, 12, 8, 12, 12, 10, 24]
    return sheet_workbook(_("Disputes"), headers, (_row(d) for d in disputes), widths=widths)


def _row(d) -> list:
    parties = "；".join(
        f"{p.name}（{p.masked_phone}）" if p.phone else p.name for p in d.parties.all()
    )
    return [
        d.number, d.found_on, d.get_how_found_display(), d.township.name,
        d.village.name if d.village else "", d.get_dispute_type_display(), d.summary,
        parties, float(d.amount) if d.amount is not None else None,
        d.get_risk_level_display(),
        d.mediating_body or d.get_mediator_kind_display(), d.mediator,
        d.campaign.name if d.campaign else "", d.accepted_on, d.n_sessions,
        d.get_status_display(), d.outcome_on, d.get_agreement_form_display(),
        f"{d.get_referred_to_kind_display()} {d.referred_to}".strip(),
    ]  # fmt: skip
