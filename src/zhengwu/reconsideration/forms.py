"""Forms of the registers' pages: each parses input for one service; what the service refuses
goes back on the form, field by field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.cases.forms import MultipleFileField
from zhengwu.reconsideration.models import (
    AppealResult,
    Applicant,
    Channel,
    DecisionType,
    DocumentReviewOutcome,
    Judgment,
    ReviewMode,
    SuspensionGround,
    TerminationGround,
)

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class DayForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), required=False, help_text=_("the day it was done (today when left empty)"),
        **DATE,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class ApplyForm(forms.Form):
    """The online application (and the office's registration, which adds a few fields)."""

    kind = forms.ChoiceField(label=_("Applicant"), choices=Applicant.Kind.choices,
                             initial=Applicant.Kind.PERSON)  # fmt: skip
    name = forms.CharField(label=_("Name of the applicant"), max_length=100)
    id_number = forms.CharField(
        label=_("ID number or unified social credit code"), max_length=18, required=False
    )
    phone = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    address = forms.CharField(label=_("Address for service"), max_length=200, required=False)
    respondent = forms.ModelChoiceField(
        label=_("Respondent (the agency whose act is contested)"), queryset=None
    )
    contested_act = forms.CharField(
        label=_("Contested administrative act"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("the decision's name and number, or the act and when it was done"),
    )  # fmt: skip
    knew_on = forms.DateField(label=_("Day you knew of the act"), **DATE)
    request = forms.CharField(
        label=pgettext_lazy("reconsideration", "Request"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reasons = forms.CharField(
        label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    document_text = forms.CharField(
        label=_("Normative document to review with it (optional)"), max_length=300,
        required=False,
        help_text=_("a normative document the act is based on that you consider unlawful "
                    "(art. 13)"),
    )  # fmt: skip
    is_disclosure = forms.BooleanField(
        label=_("The act concerns government information disclosure"), required=False
    )
    uploads = MultipleFileField(label=_("Materials (optional)"), required=False,
                                help_text=_("PDF, JPG, PNG, DOCX, XLSX or OFD"))  # fmt: skip

    def __init__(self, *args, respondents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = respondents

    def clean_knew_on(self):
        day = self.cleaned_data["knew_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day

    def applicants(self) -> list[dict]:
        data = self.cleaned_data
        return [{k: data.get(k, "") for k in ("kind", "name", "id_number", "phone", "address")}]


class RegisterForm(ApplyForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices,
                                initial=Channel.WINDOW)  # fmt: skip
    received_on = forms.DateField(
        label=_("Received on"), required=False, help_text=_("today when left empty"), **DATE
    )
    normative_document = forms.ModelChoiceField(
        label=_("Normative document in the registry"), queryset=None, required=False,
        help_text=_("or name it in the field above when it is not in the registry"),
    )  # fmt: skip

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["normative_document"].queryset = documents


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Receipt number"), max_length=32)
    code = forms.CharField(label=_("Query code"), max_length=16,
                           widget=forms.PasswordInput(render_value=True))  # fmt: skip


class CorrectionForm(DayForm):
    items = forms.CharField(
        label=_("Items to supply, one a line"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("every missing item in this one notice: it can be sent once only"),
    )  # fmt: skip

    def clean_items(self):
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class AcceptForm(DayForm):
    simplified = forms.BooleanField(label=_("Simplified procedure (art. 53)"), required=False)
    case_number = forms.CharField(
        label=_("Case number"), max_length=64, required=False,
        help_text=_("numbered automatically when left empty"),
    )  # fmt: skip
    late_reason = forms.CharField(
        label=_("Reason to accept a late application"), widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )  # fmt: skip


class RefuseForm(DayForm):
    reasons = forms.CharField(label=_("Reasons for not accepting"), widget=forms.Textarea)


class AnswerForm(DayForm):
    summary = forms.CharField(label=_("Answer and evidence received"), widget=forms.Textarea,
                              required=False)  # fmt: skip


class ReviewForm(DayForm):
    mode = forms.ChoiceField(label=_("Review mode"), choices=ReviewMode.choices,
                             widget=forms.RadioSelect)  # fmt: skip
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)  # fmt: skip


class NoteForm(DayForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)  # fmt: skip


class SuspendForm(DayForm):
    ground = forms.ChoiceField(label=_("Ground (art. 39)"), choices=SuspensionGround.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)  # fmt: skip


class ExtendForm(DayForm):
    days = forms.IntegerField(label=_("Extension (days)"), min_value=1, max_value=30, initial=30)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(DayForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DocumentReviewForm(DayForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DocumentReviewOutcome.choices,
                                widget=forms.RadioSelect)  # fmt: skip
    to = forms.CharField(label=_("Competent authority (when transferred)"), max_length=200,
                         required=False)  # fmt: skip
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)  # fmt: skip


class DecideForm(DayForm):
    decision_type = forms.ChoiceField(label=_("Decision"), choices=DecisionType.choices)
    text = forms.CharField(label=_("Decision text"), widget=forms.Textarea(attrs={"rows": 4}),
                           required=False)  # fmt: skip


class WithdrawForm(DayForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)  # fmt: skip


class TerminateForm(WithdrawForm):
    ground = forms.ChoiceField(label=_("Ground (art. 41)"), choices=TerminationGround.choices)


# --- Litigation -------------------------------------------------------------------------------


class SuitForm(forms.Form):
    defendant = forms.ModelChoiceField(label=_("Defendant"), queryset=None)
    plaintiff = forms.CharField(label=_("Plaintiff"), max_length=200)
    court = forms.CharField(label=_("Court"), max_length=100, initial="多伦县人民法院")
    court_number = forms.CharField(label=_("Court case number"), max_length=64)
    contested_act = forms.CharField(label=_("Contested administrative act"),
                                    widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    filed_on = forms.DateField(label=_("Filed on"), **DATE)
    served_on = forms.DateField(label=_("Complaint served on"), required=False,
                                help_text=_("the filing day when left empty"), **DATE)  # fmt: skip
    after_review = forms.ModelChoiceField(label=_("After reconsideration case"), queryset=None,
                                          required=False)  # fmt: skip
    is_disclosure = forms.BooleanField(
        label=_("The act concerns government information disclosure"), required=False
    )

    def __init__(self, *args, defendants, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["defendant"].queryset = defendants
        self.fields["after_review"].queryset = reviews


class HearingForm(forms.Form):
    held_on = forms.DateField(label=_("Hearing date"), **DATE)
    head_appeared = forms.BooleanField(label=_("The agency's head appeared in court"),
                                       required=False)  # fmt: skip
    head_name = forms.CharField(label=_("Head who appeared"), max_length=100, required=False)
    head_post = forms.CharField(label=_("Post of the head"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)  # fmt: skip


class JudgmentForm(DayForm):
    result = forms.ChoiceField(label=_("First-instance result"), choices=Judgment.choices)


class AppealForm(DayForm):
    court = forms.CharField(label=_("Appeal court"), max_length=100,
                            initial="锡林郭勒盟中级人民法院")  # fmt: skip


class AppealResultForm(DayForm):
    result = forms.ChoiceField(label=_("Second-instance result"), choices=AppealResult.choices)
    final_result = forms.ChoiceField(
        label=_("Result of a revised judgment"), required=False,
        choices=[("", "—"), *Judgment.choices],
    )  # fmt: skip
