"""Forms of the supervision room: the dashboard's filters and the supervisor's and departments'
actions. Forms only parse what was typed; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengwu.cases.models import Channel
from zhengwu.catalog.models import Power
from zhengwu.org.models import Department, ServiceCentre
from zhengwu.supervision.models import Severity
from zhengwu.supervision.selectors import AlertFilters
from zhengwu.supervision.services import DEFAULT_REPLY_DAYS

TEXT_MAX = 2000


def _text(label, *, help_text="", rows=4):
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class FilterForm(forms.Form):
    """The dashboard's filters (GET): every one optional."""

    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("all departments"),
    )
    power = forms.ModelChoiceField(
        label=_("Matter"),
        queryset=Power.objects.filter(current__isnull=False)
        .select_related("current")
        .order_by("implementation_code"),
        required=False,
        empty_label=_("all matters"),
    )
    centre = forms.ModelChoiceField(
        label=_("Handling centre"),
        queryset=ServiceCentre.objects.order_by("name"),
        required=False,
        empty_label=_("all centres and halls"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("", _("all channels")), *Channel.choices],
        required=False,
    )
    severity = forms.ChoiceField(
        label=_("Card"),
        choices=[("", _("red and yellow")), ("red", _("red card")), ("yellow", _("yellow card"))],
        required=False,
    )
    year = forms.IntegerField(
        label=_("Year of the efficiency table and trends"),
        min_value=2000,
        max_value=2100,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].label_from_instance = lambda p: (
            f"{p.current.name} ({p.implementation_code})"
        )

    def filters(self) -> AlertFilters:
        """The filters chosen; none when the form is not valid."""
        if not self.is_valid():
            return AlertFilters()
        data = self.cleaned_data
        return AlertFilters(
            department=data["department"].pk if data["department"] else None,
            power=data["power"].pk if data["power"] else None,
            centre=data["centre"].pk if data["centre"] else None,
            channel=data["channel"] or "",
            severity=data["severity"] if data["severity"] in Severity.values else "",
        )

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return timezone.localdate().year


class NoticeIssueForm(forms.Form):
    content = _text(
        _("Matters to rectify"),
        help_text=_("What the department must do, and the rules it broke."),
    )
    reply_days = forms.IntegerField(
        label=_("Working days to reply"),
        min_value=1,
        max_value=30,
        initial=DEFAULT_REPLY_DAYS,
        help_text=_("Between 1 and 30 working days."),
    )


class CaseNoticeForm(NoticeIssueForm):
    """A notice on a case: to its implementing body or to a department of its process."""

    department = forms.ModelChoiceField(label=_("Department supervised"), queryset=None)

    field_order = ["department", "content", "reply_days"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {
            case.department_id,
            *case.tasks.values_list("department_id", flat=True),
            *case.power_version.stages.values_list("department_id", flat=True),
        }
        self.fields["department"].queryset = Department.objects.filter(pk__in=ids).order_by("code")


class AlertResolveForm(forms.Form):
    note = _text(_("How it was dealt with"), rows=3)


class NoticeReplyForm(forms.Form):
    reply = _text(_("What the department has done"))


class NoticeCloseForm(forms.Form):
    conclusion = _text(_("Conclusion"), rows=3)


class NoticeEscalateForm(forms.Form):
    to = forms.CharField(
        label=_("Escalated to"),
        max_length=200,
        help_text=_("For example: the county government's leader in charge."),
    )
    reason = _text(_("Reason for escalating"), rows=3)
