"""Forms of the law-study pages: each parses one service's input."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.lawstudy.models import Exam, ExamUnit, StudySession, TrainingCourse
from zhengwu.org.models import Department


def _date(label, required=True, **kwargs):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def _lines(label, help_text=None):
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=help_text or _("one per line"),
    )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of session"), choices=StudySession.Kind.choices)
    held_on = _date(_("Held on"), initial=timezone.localdate)
    topic = forms.CharField(label=pgettext_lazy("study session", "Topic"), max_length=200)
    laws = _lines(_("Laws studied"))
    lecturer = forms.CharField(label=_("Lecturer"), max_length=100, required=False)
    attendee_count = forms.IntegerField(
        label=_("Number of attendees"),
        min_value=0,
        required=False,
        help_text=_("left empty: the number of names listed"),
    )
    attendee_names = _lines(_("Attendees"))
    minutes = forms.CharField(
        label=pgettext_lazy("study session", "Minutes"),
        required=False,
        widget=forms.Textarea({"rows": 4}),
    )


class CourseForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("training course", "Title"), max_length=200)
    organiser = forms.CharField(label=_("Organiser"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind of course"), choices=TrainingCourse.Kind.choices)
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    hours = forms.DecimalField(
        label=_("Class hours"), min_value=0.1, max_digits=6, decimal_places=1
    )
    participant_count = forms.IntegerField(
        label=_("Number of participants"),
        min_value=0,
        required=False,
        help_text=_("left empty: the number of names on the roster"),
    )
    roster = _lines(_("Roster"), _("one name per line"))

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The course cannot end before it starts."))
        return data


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Unit"), max_length=100)
    kind = forms.ChoiceField(
        label=pgettext_lazy("exam unit", "Kind"), choices=ExamUnit.Kind.choices
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=None,
        required=False,
        help_text=_("when the unit is a department or government in the organisation tree"),
    )

    def __init__(self, *args, division, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = (
            Department.objects.filter(is_active=True, exam_unit__isnull=True)
            .filter(division__in=_county_divisions(division))
            .order_by("division__code", "code")
        )


def _county_divisions(division):
    from zhengwu.org.models import Division

    return Division.objects.filter(pk=division.pk) | Division.objects.filter(parent=division)


class ExamForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of exam"), choices=Exam.Kind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=pgettext_lazy("exam", "Title"), max_length=200)
    held_on = _date(_("Exam date"))
    pass_mark = forms.DecimalField(
        label=_("Pass mark"), min_value=0, max_value=100, decimal_places=1, initial=60
    )


class ParticipationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    eligible = forms.IntegerField(label=_("Staff required to sit"), min_value=0)
    participants = forms.IntegerField(label=_("Staff who sat"), min_value=0)
    passed = forms.IntegerField(label=pgettext_lazy("law exam", "Passed"), min_value=0)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("kind", "name")

    def clean(self):
        data = super().clean()
        e, p, n = data.get("eligible"), data.get("participants"), data.get("passed")
        if e is not None and p is not None and p > e:
            self.add_error(
                "participants", _("The staff who sat cannot be more than those required to sit.")
            )
        if p is not None and n is not None and n > p:
            self.add_error("passed", _("Those who passed cannot be more than those who sat."))
        return data


class ResultForm(forms.Form):
    full_name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    id_number = forms.CharField(label=_("ID number"), max_length=18)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    score = forms.DecimalField(
        label=_("Score"), min_value=0, max_value=100, decimal_places=1, required=False
    )
    passed = forms.NullBooleanField(
        label=pgettext_lazy("exam result", "Passed"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("yes")), ("false", _("no"))]),
        help_text=_("read from the score when a score is given"),
    )
    appointment = forms.CharField(
        label=_("Appointment it precedes"), max_length=200, required=False
    )

    def __init__(self, *args, exam, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = ExamUnit.objects.filter(
            division=exam.division, is_active=True
        ).order_by("kind", "name")
        if exam.kind == Exam.Kind.PRE_APPOINTMENT:
            self.fields["appointment"].required = True


class ImportForm(forms.Form):
    KINDS = [
        ("participation", _("participation per unit")),
        ("results", _("individual results")),
    ]
    what = forms.ChoiceField(label=_("What the sheet holds"), choices=KINDS)
    sheet = forms.FileField(label=_("Excel workbook (.xlsx)"))

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if not sheet.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx workbook."))
        if sheet.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The workbook is larger than 5 MB."))
        return sheet


class _Correction(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"), max_length=500, widget=forms.Textarea({"rows": 2})
    )


class SessionCorrectForm(SessionForm, _Correction):
    field_order = [*SessionForm.base_fields, "reason"]


class CourseCorrectForm(CourseForm, _Correction):
    field_order = [*CourseForm.base_fields, "reason"]


def initial_of(obj, form_class) -> dict:
    """The form's initial values read from the record it corrects."""
    return {name: getattr(obj, name) for name in form_class.base_fields if hasattr(obj, name)}
