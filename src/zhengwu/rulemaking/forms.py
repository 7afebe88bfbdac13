"""Forms of the registry's pages: each parses input for one service; what the service refuses
goes back on the form, field by field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.rulemaking.models import (
    CleanupCampaign,
    CleanupEntry,
    ExpiryDecision,
    Filing,
    Finding,
    Opinion,
)


class DayForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), required=False,
        help_text=_("the day it was done (today when left empty)"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class DraftForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    drafting_department = forms.ModelChoiceField(label=_("Drafting department"), queryset=None)
    issuer = forms.ModelChoiceField(
        label=pgettext_lazy("normative document", "Issuing body"), queryset=None
    )
    number_prefix = forms.CharField(
        label=_("Issuer's abbreviation"), max_length=16, initial="多政发",
        help_text=_("the abbreviation in the document number, e.g. 多政发"),
    )  # fmt: skip
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    is_interim = forms.NullBooleanField(
        label=_("Interim or trial (暂行/试行)"), required=False,
        widget=forms.Select(choices=[("unknown", _("as the title says")), ("true", _("yes")),
                                     ("false", _("no"))]),
    )  # fmt: skip
    validity_years = forms.IntegerField(
        label=_("Validity (years)"), required=False, min_value=1,
        help_text=_("leave empty for the maximum (5 years, 2 for interim documents)"),
    )  # fmt: skip
    comment_required = forms.BooleanField(label=_("Public comment required"), required=False)
    amends = forms.ModelChoiceField(
        label=_("Amends"), queryset=None, required=False,
        help_text=_("the document in force this one replaces (it ends when this is published)"),
    )  # fmt: skip

    def __init__(self, *args, departments, issuers, in_force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drafting_department"].queryset = departments
        self.fields["issuer"].queryset = issuers
        self.fields["amends"].queryset = in_force


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))


class AttachForm(forms.Form):
    upload = forms.FileField(label=_("File"), help_text=_("PDF, JPG, PNG, DOCX, XLSX or OFD"))


class CommentOpenForm(DayForm):
    days = forms.IntegerField(label=_("Comment period (days)"), min_value=1, initial=30)


class CommentCloseForm(DayForm):
    summary = forms.CharField(
        label=_("Comments received and how they were handled"), widget=forms.Textarea
    )


class ReviewForm(DayForm):
    opinion = forms.ChoiceField(label=_("Opinion"), choices=Opinion.choices,
                                widget=forms.RadioSelect)  # fmt: skip
    findings = forms.MultipleChoiceField(
        label=_("Findings"), choices=Finding.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    text = forms.CharField(label=_("Opinion text"), widget=forms.Textarea, required=False)


class AdoptForm(DayForm):
    meeting = forms.CharField(label=_("Meeting"), max_length=200,
                              help_text=_("e.g. 县政府第12次常务会议"))  # fmt: skip


class SignForm(DayForm):
    signed_by = forms.CharField(label=_("Signed by"), max_length=100)


class PublishForm(DayForm):
    effective_from = forms.DateField(
        label=_("In force from"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("the day of publication when left empty"),
    )  # fmt: skip


class FilingForm(DayForm):
    filing = forms.ModelChoiceField(label=_("Filing authority"), queryset=Filing.objects.none())

    def __init__(self, *args, filings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filing"].queryset = filings


class FilingResultForm(FilingForm):
    result = forms.ChoiceField(
        label=pgettext_lazy("normative document", "Result"),
        choices=[c for c in Filing.Result.choices if c[0]],
    )
    note = forms.CharField(
        label=pgettext_lazy("normative document", "Note"), widget=forms.Textarea, required=False
    )


class ReasonForm(DayForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class ExpiryForm(DayForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=ExpiryDecision.choices,
                                 widget=forms.RadioSelect)  # fmt: skip
    note = forms.CharField(
        label=pgettext_lazy("normative document", "Note"), widget=forms.Textarea, required=False
    )


class CampaignForm(DayForm):
    kind = forms.ChoiceField(
        label=pgettext_lazy("normative document", "Kind"), choices=CleanupCampaign.Kind.choices
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.CharField(
        label=pgettext_lazy("normative document", "Topic"), max_length=200, required=False
    )
    criteria = forms.CharField(label=_("Criteria"), widget=forms.Textarea, required=False)
    basis = forms.CharField(label=_("Basis (notice)"), max_length=200, required=False)
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents (special clean-up)"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents


class DecideForm(DayForm):
    entry = forms.ModelChoiceField(label=_("Document"), queryset=CleanupEntry.objects.none(),
                                   widget=forms.HiddenInput)  # fmt: skip
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in CleanupEntry.Decision.choices if c[0]]
    )
    inconsistent = forms.BooleanField(label=_("Inconsistent with higher-level law"),
                                      required=False)  # fmt: skip
    reasons = forms.CharField(label=_("Reasons"), required=False)

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
