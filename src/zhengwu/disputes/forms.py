"""Forms of the register's pages: each parses input for one service; what the service refuses
goes back on the form, field by field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengwu.disputes.models import (
    AgreementForm,
    DisputeType,
    FailureAdvice,
    HowFound,
    MediatorKind,
    ReferredTo,
    RiskLevel,
    SweepCampaign,
)
from zhengwu.disputes.services import PHONE

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _phone(value: str) -> str:
    value = (value or "").strip()
    if value and not PHONE.match(value):
        raise forms.ValidationError(_("A contact number has only digits, + and -."))
    return value


class DayForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), required=False, help_text=_("the day it was done (today when left empty)"),
        **DATE,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class RegisterForm(forms.Form):
    township = forms.ModelChoiceField(label=_("Township"), queryset=None)
    village = forms.ModelChoiceField(label=_("Village or community"), queryset=None,
                                     required=False)  # fmt: skip
    found_on = forms.DateField(label=_("Found on"), **DATE)
    how_found = forms.ChoiceField(label=_("How found"), choices=HowFound.choices)
    dispute_type = forms.ChoiceField(label=_("Type of dispute"), choices=DisputeType.choices)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    amount = forms.DecimalField(label=_("Amount involved (yuan)"), required=False, min_value=0,
                                max_digits=14, decimal_places=2)  # fmt: skip
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)
    applicant_name = forms.CharField(label=_("Applicant"), max_length=100)
    applicant_phone = forms.CharField(label=_("Applicant's contact number"), max_length=20,
                                      required=False)  # fmt: skip
    respondent_name = forms.CharField(label=_("Respondent"), max_length=100, required=False)
    respondent_phone = forms.CharField(label=_("Respondent's contact number"), max_length=20,
                                       required=False)  # fmt: skip
    mediator_kind = forms.ChoiceField(label=_("Mediating organisation"),
                                      choices=MediatorKind.choices)  # fmt: skip
    mediating_body = forms.CharField(label=_("Name of the mediating organisation"),
                                     max_length=200, required=False)  # fmt: skip
    mediator = forms.CharField(label=_("Responsible mediator"), max_length=100, required=False)
    campaign = forms.ModelChoiceField(
        label=_("Sweep campaign"), queryset=None, required=False,
        help_text=_("left empty, a dispute found in a sweep goes to the sweep of its day"),
    )  # fmt: skip
    accepted_on = forms.DateField(
        label=_("Accepted for mediation on"), required=False,
        help_text=_("leave empty to register it without accepting it yet"), **DATE,
    )  # fmt: skip

    def __init__(self, *args, townships, villages, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships
        self.fields["village"].queryset = villages
        self.fields["campaign"].queryset = campaigns

    def clean_applicant_phone(self):
        return _phone(self.cleaned_data.get("applicant_phone"))

    def clean_respondent_phone(self):
        return _phone(self.cleaned_data.get("respondent_phone"))

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        parties = [{"name": data.pop("applicant_name"), "phone": data.pop("applicant_phone"),
                    "side": "applicant"},
                   {"name": data.pop("respondent_name"), "phone": data.pop("respondent_phone"),
                    "side": "respondent"}]  # fmt: skip
        return {**data, "parties": parties}


class ExtendForm(DayForm):
    days = forms.IntegerField(label=_("More days"), min_value=1, initial=15)
    reason = forms.CharField(
        label=_("The parties' agreement"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("the parties agreed to more time: when, and why"),
    )  # fmt: skip


class RiskForm(DayForm):
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)
    reason = forms.CharField(label=_("Reason"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ReportForm(DayForm):
    note = forms.CharField(label=_("Reported to whom, and what"),
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), **DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    participants = forms.CharField(label=_("Participants"), max_length=500)
    record = forms.CharField(label=_("Record"), widget=forms.Textarea(attrs={"rows": 4}))


class SucceedForm(DayForm):
    agreement_form = forms.ChoiceField(label=_("Form of the agreement"),
                                       choices=AgreementForm.choices)  # fmt: skip
    agreement_text = forms.CharField(label=_("Agreement"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    agreement_amount = forms.DecimalField(label=_("Amount agreed (yuan)"), required=False,
                                          min_value=0, max_digits=14, decimal_places=2)  # fmt: skip


class FailForm(DayForm):
    advice = forms.ChoiceField(label=_("Advice given"), choices=FailureAdvice.choices)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ReferForm(DayForm):
    referred_to_kind = forms.ChoiceField(label=_("Referred to"), choices=ReferredTo.choices)
    referred_to = forms.CharField(label=_("Name of the receiving body"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class FollowUpForm(DayForm):
    visited_by = forms.CharField(label=_("Visited by"), max_length=100)
    agreement_kept = forms.BooleanField(label=_("The agreement is kept"), required=False,
                                        initial=True)  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of sweep"), choices=SweepCampaign.Kind.choices)
    started_on = forms.DateField(label=_("Starts on"), **DATE)
    ended_on = forms.DateField(label=_("Ends on"), **DATE)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
