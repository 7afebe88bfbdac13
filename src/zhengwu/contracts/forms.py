"""Forms of the register's pages: each parses input for one service; what the service refuses
goes back on the form, field by field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.contracts.models import Conclusion, ContractKind, Milestone

DATE = {"type": "date"}


class DayForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs=DATE), required=False,
        help_text=_("the day it was done (today when left empty)"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class ContractForm(DayForm):
    department = forms.ModelChoiceField(label=_("Submitting department"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=pgettext_lazy("contract", "Kind"), choices=ContractKind.choices)
    counterparty = forms.CharField(label=_("Counterparty"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (yuan)"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    text = forms.CharField(
        label=pgettext_lazy("contract", "Text"), required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip
    upload = forms.FileField(
        label=_("Contract file"), required=False,
        help_text=_("PDF, JPG, PNG, DOCX, XLSX or OFD; the text, the file or both"),
    )  # fmt: skip

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class VersionForm(DayForm):
    text = forms.CharField(
        label=pgettext_lazy("contract", "Text"), required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip
    upload = forms.FileField(label=_("Contract file"), required=False,
                             help_text=_("PDF, JPG, PNG, DOCX, XLSX or OFD"))  # fmt: skip
    note = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)  # fmt: skip


class MaterialsForm(DayForm):
    reason = forms.CharField(label=_("Materials needed"), widget=forms.Textarea(attrs={"rows": 3}))


class ReceivedForm(DayForm):
    note = forms.CharField(label=pgettext_lazy("contract", "Note"), required=False)


class OpinionForm(DayForm):
    conclusion = forms.ChoiceField(
        label=pgettext_lazy("contract", "Conclusion"), choices=Conclusion.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip
    findings = forms.CharField(
        label=pgettext_lazy("contract", "Findings"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("one a line"),
    )  # fmt: skip
    legal_bases = forms.CharField(
        label=pgettext_lazy("contract", "Legal bases"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("one law or article a line, e.g. 《中华人民共和国政府采购法》第四十三条"),
    )  # fmt: skip
    text = forms.CharField(label=_("Opinion text"), widget=forms.Textarea(attrs={"rows": 4}),
                           required=False)  # fmt: skip


class SignForm(DayForm):
    upload = forms.FileField(label=_("Signed copy"),
                             help_text=_("PDF, JPG, PNG, DOCX, XLSX or OFD"))  # fmt: skip
    starts_on = forms.DateField(label=_("Term starts on"), required=False,
                                widget=forms.DateInput(attrs=DATE),
                                help_text=_("the day of signing when left empty"))  # fmt: skip
    expires_on = forms.DateField(label=_("Expires on"), required=False,
                                 widget=forms.DateInput(attrs=DATE),
                                 help_text=_("the last day of the term"))  # fmt: skip


class UnreviewedForm(DayForm):
    reason = forms.CharField(
        label=_("How it came to light"), widget=forms.Textarea(attrs={"rows": 3})
    )
    expires_on = forms.DateField(label=_("Expires on"), required=False,
                                 widget=forms.DateInput(attrs=DATE))  # fmt: skip


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs=DATE))
    note = forms.CharField(label=pgettext_lazy("contract", "Note"), required=False)


class MilestoneDoneForm(DayForm):
    milestone = forms.ModelChoiceField(label=_("Milestone"), queryset=Milestone.objects.none())
    note = forms.CharField(label=pgettext_lazy("contract", "Note"), required=False)

    def __init__(self, *args, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = milestones


class NoteForm(DayForm):
    note = forms.CharField(label=pgettext_lazy("contract", "Note"), required=False)


class ReasonForm(DayForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
