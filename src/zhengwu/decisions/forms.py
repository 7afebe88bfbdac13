"""Forms of the decision pages: each parses input for one service; what the service refuses
goes back on the form, field by field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.decisions.models import (
    CollectiveDiscussion,
    Evaluation,
    ExpertArgumentation,
    ImplementationChange,
    LegalityReview,
    RiskAssessment,
    SubjectArea,
)


def _date(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


def _text(label, *, required=True, rows=3):
    return forms.CharField(label=label, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}))  # fmt: skip


class DayForm(forms.Form):
    on = _date(
        _("Date"), required=False, help_text=_("the day it was done (today when left empty)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "on" in self.fields:
            self.fields["on"].initial = timezone.localdate()


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    subject_area = forms.ChoiceField(label=_("Subject area"), choices=SubjectArea.choices)
    undertaking_department = forms.ModelChoiceField(label=_("Undertaking department"),
                                                    queryset=None)  # fmt: skip
    summary = _text(_("Draft decision and explanation"), required=False, rows=6)
    in_catalogue = forms.BooleanField(label=_("In the annual decision catalogue"), required=False)
    catalogue_year = forms.IntegerField(label=_("Catalogue year"), required=False,
                                        min_value=2000, max_value=2100)  # fmt: skip
    needs_expert = forms.BooleanField(
        label=_("Expert argumentation required"), required=False,
        help_text=_("professional or technical questions (art. 19)"),
    )  # fmt: skip
    needs_risk = forms.BooleanField(
        label=_("Risk assessment required"), required=False,
        help_text=_("implementation may affect the public's vital interests (art. 22)"),
    )  # fmt: skip
    undertaking_official = forms.CharField(label=_("Official of the undertaking department"),
                                           max_length=100)  # fmt: skip
    reviewing_official = forms.CharField(label=_("Reviewing official"), max_length=100)
    deciding_leader = forms.CharField(label=_("Leader who decides"), max_length=100)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["undertaking_department"].queryset = departments


class EditForm(forms.Form):
    """The case while it is prepared: its flags and the responsible persons on record."""

    title = forms.CharField(label=_("Title"), max_length=300)
    subject_area = forms.ChoiceField(label=_("Subject area"), choices=SubjectArea.choices)
    summary = _text(_("Draft decision and explanation"), required=False, rows=6)
    in_catalogue = forms.BooleanField(label=_("In the annual decision catalogue"), required=False)
    catalogue_year = forms.IntegerField(label=_("Catalogue year"), required=False,
                                        min_value=2000, max_value=2100)  # fmt: skip
    needs_expert = forms.BooleanField(label=_("Expert argumentation required"), required=False)
    needs_risk = forms.BooleanField(label=_("Risk assessment required"), required=False)
    undertaking_official = forms.CharField(label=_("Official of the undertaking department"),
                                           max_length=100)  # fmt: skip
    reviewing_official = forms.CharField(label=_("Reviewing official"), max_length=100)
    deciding_leader = forms.CharField(label=_("Leader who decides"), max_length=100)


class CommentOpenForm(DayForm):
    days = forms.IntegerField(label=_("Comment period (days)"), min_value=1, initial=30,
                              help_text=_("at least 30 days (art. 15)"))  # fmt: skip
    channel = forms.CharField(label=_("Where it was published"), max_length=200,
                              initial="县人民政府门户网站")  # fmt: skip


class CommentCloseForm(DayForm):
    opinions_count = forms.IntegerField(label=_("Opinions received"), min_value=0)
    summary = _text(_("Summary of the opinions"))
    adoption = _text(_("How the opinions were taken"))


class HearingForm(forms.Form):
    materials_sent_on = _date(
        _("Materials sent on"), help_text=_("at least 7 days before the hearing (art. 18)")
    )
    held_on = _date(_("Held on"))
    place = forms.CharField(label=pgettext_lazy("major decision", "Place"), max_length=200)
    participants = _text(_("Participants"))
    summary = _text(_("Summary of the opinions"))
    adoption = _text(_("How the opinions were taken"))


class ExpertForm(forms.Form):
    held_on = _date(_("Held on"))
    form = forms.ChoiceField(
        label=_("Form of the argumentation"), choices=ExpertArgumentation.Form.choices
    )
    experts = _text(_("Experts and institutions"))
    opinions = _text(_("Opinions"))
    adoption = _text(_("How the opinions were taken"), required=False)


class RiskForm(forms.Form):
    assessed_on = _date(_("Assessed on"))
    assessor = forms.CharField(label=_("Assessed by"), max_length=200)
    level = forms.ChoiceField(label=_("Risk level"), choices=RiskAssessment.Level.choices)
    findings = _text(_("Risks found"))
    measures = _text(_("Prevention and control measures"))


class ReviewCompleteForm(DayForm):
    conclusion = forms.ChoiceField(label=pgettext_lazy("major decision", "Conclusion"),
                                   choices=LegalityReview.Conclusion.choices,
                                   widget=forms.RadioSelect)  # fmt: skip
    legal_bases = _text(_("Legal bases"))
    opinion = _text(_("Review opinion"), required=False)


class DiscussionForm(forms.Form):
    meeting_kind = forms.ChoiceField(label=pgettext_lazy("major decision", "Meeting"),
                                     choices=CollectiveDiscussion.MeetingKind.choices)  # fmt: skip
    meeting_name = forms.CharField(label=_("Meeting name"), max_length=200,
                                   help_text=_("e.g. 县政府第12次常务会议"))  # fmt: skip
    held_on = _date(_("Held on"))
    members_total = forms.IntegerField(label=_("Members"), min_value=1)
    members_present = forms.IntegerField(label=_("Members present"), min_value=0)
    attendance = _text(_("Attendance"), required=False)
    outcome = forms.ChoiceField(label=_("Decision of the meeting"),
                                choices=CollectiveDiscussion.Outcome.choices)  # fmt: skip
    minutes = _text(_("Minutes"), required=False)


class PublishForm(DayForm):
    channel = forms.CharField(label=_("Publication channel"), max_length=200,
                              initial="县人民政府门户网站")  # fmt: skip


class ReportForm(DayForm):
    progress = _text(_("Implementation"))
    problems = _text(_("Problems and proposals"), required=False)


class EvaluationForm(DayForm):
    evaluator = forms.CharField(label=_("Evaluated by"), max_length=200)
    third_party = forms.BooleanField(label=_("By a third party"), required=False)
    public_opinion = forms.BooleanField(label=_("The public's opinion heard"), required=False)
    conclusion = _text(pgettext_lazy("major decision", "Conclusion"))
    recommendation = forms.ChoiceField(label=_("Recommendation"),
                                       choices=Evaluation.Recommendation.choices)  # fmt: skip


class ChangeForm(DayForm):
    kind = forms.ChoiceField(label=pgettext_lazy("major decision", "Kind"),
                             choices=ImplementationChange.Kind.choices)  # fmt: skip
    reason = _text(_("Reason"))
