"""Forms of the register's pages: each parses input for one service; what the service refuses
goes back on the form, field by field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.proposals.models import Assignment, Classification, Kind, Satisfaction, Subject

DATE = {"type": "date"}


class DayForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs=DATE), required=False,
        help_text=_("the day it was done (today when left empty)"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("proposal", "Kind"), choices=Kind.choices)
    name = forms.CharField(
        label=_("Session"), max_length=100,
        help_text=_("e.g. 多伦县第十五届人民代表大会第二次会议"),
    )  # fmt: skip
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opened_on = forms.DateField(
        label=pgettext_lazy("proposal", "Opened on"), widget=forms.DateInput(attrs=DATE)
    )


def parse_proposers(text: str) -> list[tuple[str, str, bool]]:
    """One proposer a line: ``name，delegation or sector``; the first line leads, or the line
    marked with ``*``."""
    rows = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        lead = line.startswith("*")
        line = line.lstrip("*").strip()
        for separator in ("，", ",", "、", "\t"):
            if separator in line:
                name, group = line.split(separator, 1)
                break
        else:
            name, group = line, ""
        rows.append((name.strip(), group.strip(), lead))
    if rows and not any(lead for _n, _g, lead in rows):
        rows[0] = (rows[0][0], rows[0][1], True)
    return rows


class RegisterForm(DayForm):
    session = forms.ModelChoiceField(label=_("Session"), queryset=None)
    number = forms.IntegerField(
        label=pgettext_lazy("proposal", "Number"), min_value=1, required=False,
        help_text=_("第N号 within the session; the next free number when left empty"),
    )  # fmt: skip
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(
        label=pgettext_lazy("proposal", "Content"), widget=forms.Textarea(attrs={"rows": 8})
    )
    proposers = forms.CharField(
        label=_("Proposers"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("one a line: name，delegation or sector; the first (or the one marked *) "
                    "leads"),
    )  # fmt: skip
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"), choices=Subject.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions

    def clean_proposers(self):
        rows = parse_proposers(self.cleaned_data["proposers"])
        if not rows:
            raise forms.ValidationError(_("Give at least one proposer."))
        if sum(1 for _n, _g, lead in rows if lead) > 1:
            raise forms.ValidationError(_("Only one proposer leads."))
        return rows


class AssignForm(DayForm):
    lead = forms.ModelChoiceField(label=_("Lead department"), queryset=None)
    co_handlers = forms.ModelMultipleChoiceField(
        label=_("Co-handling departments"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = departments
        self.fields["co_handlers"].queryset = departments


class DeclineForm(DayForm):
    reason = forms.CharField(
        label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("why the proposal is not this department's business, and whose it is"),
    )  # fmt: skip


class _DeclinedForm(DayForm):
    assignment = forms.ModelChoiceField(label=_("Assignment"), queryset=Assignment.objects.none())

    def __init__(self, *args, declined, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = declined
        self.fields["assignment"].label_from_instance = lambda a: (
            f"{a.department.name}（{a.get_role_display()}）：{a.decline_reason}"
        )


class ReassignForm(_DeclinedForm):
    department = forms.ModelChoiceField(label=_("New department"), queryset=None)
    note = forms.CharField(label=pgettext_lazy("proposal", "Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class KeepForm(_DeclinedForm):
    note = forms.CharField(label=_("Why the department keeps it"),
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class OpinionForm(DayForm):
    text = forms.CharField(label=_("Co-handling opinion"), widget=forms.Textarea(attrs={"rows": 5}))


class ReplyForm(DayForm):
    classification = forms.ChoiceField(
        label=_("Classification"), choices=Classification.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Reply text"), widget=forms.Textarea(attrs={"rows": 8}))
    signed_by = forms.ModelChoiceField(
        label=_("Signed by"), queryset=None, help_text=_("the head of the lead department")
    )
    upload = forms.FileField(
        label=_("Reply file"), required=False,
        help_text=_("the signed reply letter: PDF, JPG, PNG, DOCX, XLSX or OFD"),
    )  # fmt: skip

    def __init__(self, *args, heads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = heads
        self.fields["signed_by"].label_from_instance = lambda u: u.full_name or u.username


class FeedbackForm(DayForm):
    satisfaction = forms.ChoiceField(
        label=_("Satisfaction"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=pgettext_lazy("proposal", "Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class NoteForm(DayForm):
    note = forms.CharField(label=pgettext_lazy("proposal", "Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ReasonForm(DayForm):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
