"""Forms of the enforcement registry's staff pages: each parses one service's input."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.catalog.models import BodyStanding
from zhengwu.enforcement.models import CaseFile, ConfirmationBatch, LawLevel, Official
from zhengwu.org.models import Department


def _date(label=None, required=True, **kwargs):
    return forms.DateField(
        label=label or _("Date"),
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def today():
    return timezone.localdate()


class DayForm(forms.Form):
    on = _date(initial=today)


class ReasonForm(DayForm):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea({"rows": 2}))


class ConfirmForm(DayForm):
    batch = forms.ModelChoiceField(label=_("Confirmation batch"), queryset=None)

    def __init__(self, *args, division, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = ConfirmationBatch.objects.filter(division=division)


class BatchForm(forms.Form):
    number = forms.IntegerField(label=_("Batch number"), min_value=1, max_value=99)
    approved_on = _date(_("Approved on"))
    document = forms.CharField(label=_("Approving document"), max_length=100)


class BodyForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Body"), queryset=None)
    standing = forms.ChoiceField(label=_("Standing"), choices=BodyStanding.choices)
    entrusting_body = forms.ModelChoiceField(
        label=_("Entrusting agency"),
        queryset=None,
        required=False,
        help_text=_("for an entrusted organisation"),
    )
    entrustment_document = forms.CharField(
        label=_("Entrustment document"), max_length=100, required=False
    )
    entrusted_from = _date(_("Entrusted from"), required=False)
    entrusted_to = _date(_("Entrusted until"), required=False)

    def __init__(self, *args, division, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(division=division, is_active=True).order_by("code")
        self.fields["department"].queryset = departments.filter(enforcement_body__isnull=True)
        self.fields["entrusting_body"].queryset = departments


class LawForm(forms.Form):
    title = forms.CharField(label=_("Law, regulation or rule"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=LawLevel.choices)
    issuer = forms.CharField(label=_("Issued by"), max_length=100, required=False)


class OfficialForm(forms.Form):
    full_name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    id_number = forms.CharField(label=_("ID number"), max_length=18)
    phone = forms.CharField(label=_("Telephone"), max_length=20, required=False)
    post = forms.CharField(label=_("Post"), max_length=100, required=False)
    on_establishment = forms.BooleanField(label=_("On the establishment (在编)"), required=False)
    in_enforcement_post = forms.BooleanField(
        label=_("Directly carries out enforcement"), required=False
    )


class OfficialUpdateForm(forms.Form):
    post = forms.CharField(label=_("Post"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=20, required=False)
    on_establishment = forms.BooleanField(label=_("On the establishment (在编)"), required=False)
    in_enforcement_post = forms.BooleanField(
        label=_("Directly carries out enforcement"), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ExamForm(forms.Form):
    taken_on = _date(_("Exam date"))
    passed = forms.BooleanField(label=_("Passed"), required=False)
    score = forms.DecimalField(
        label=_("Score"), max_digits=5, decimal_places=1, required=False, min_value=0
    )
    source = forms.CharField(label=_("Exam"), max_length=100, required=False)


class CertificateApplyForm(DayForm):
    number = forms.CharField(label=_("Certificate number"), max_length=32)
    issuing_authority = forms.CharField(
        label=_("Issuing authority"), max_length=100, initial="内蒙古自治区人民政府"
    )
    area = forms.CharField(label=_("Enforcement area"), max_length=200)
    valid_to = _date(_("Valid until"))


class AnnualReviewForm(DayForm):
    year = forms.IntegerField(label=_("Year reviewed"), min_value=2000, max_value=2100)
    passed = forms.BooleanField(label=_("Passed"), required=False)
    note = forms.CharField(
        label=pgettext_lazy("annual review", "Note"), max_length=200, required=False
    )


class ReissueForm(DayForm):
    number = forms.CharField(label=_("New certificate number"), max_length=32)


class SanctionForm(forms.Form):
    until = _date(_("Under sanction until"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500)


def _officials_field(body):
    return forms.ModelMultipleChoiceField(
        label=_("Officials (at least two, each with a valid certificate)"),
        queryset=Official.objects.filter(body=body).order_by("full_name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only officials with a valid enforcement certificate can be assigned."),
    )


class CaseFileForm(forms.Form):
    power = forms.ModelChoiceField(label=_("Enforcement act"), queryset=None)
    number = forms.CharField(label=pgettext_lazy("enforcement case", "Case number"), max_length=64)
    parties = forms.CharField(label=_("Parties"), max_length=200)
    facts = forms.CharField(label=_("Facts"), required=False, widget=forms.Textarea({"rows": 3}))
    is_major = forms.BooleanField(label=_("Major case (legality review required)"), required=False)
    filed_on = _date(_("Filed on"), initial=today)

    def __init__(self, *args, body, **kwargs):
        from zhengwu.enforcement.selectors import body_acts

        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = body_acts(body)
        self.fields["power"].label_from_instance = lambda p: (
            f"{p.current.get_kind_display()} · {p.current.name}"
        )
        self.fields["officials"] = _officials_field(body)


class AssignForm(DayForm):
    def __init__(self, *args, case_file: CaseFile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officials"] = _officials_field(case_file.body)
        self.fields["officials"].initial = list(case_file.officials.values_list("pk", flat=True))


class LegalityReviewForm(DayForm):
    passed = forms.TypedChoiceField(
        label=pgettext_lazy("review", "Conclusion"),
        choices=[
            ("1", _("lawful: the decision may be made")),
            ("0", _("returned for further investigation")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("Review opinion"), widget=forms.Textarea({"rows": 3}))


class SuspendClockForm(DayForm):
    reason = forms.ChoiceField(
        label=_("Ground"),
        choices=[
            ("hearing", _("hearing")),
            ("expert_review", _("appraisal or expert review")),
            ("inspection", _("inspection, testing or quarantine")),
            ("other", _("other ground provided by law")),
        ],
    )
    note = forms.CharField(
        label=_("Explanation"), max_length=500, widget=forms.Textarea({"rows": 2})
    )


class ExtendForm(DayForm):
    days = forms.IntegerField(label=_("Days of extension"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea({"rows": 2}))


class DecideForm(DayForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (CaseFile.Outcome.PENALISED, CaseFile.Outcome.PENALISED.label),
            (CaseFile.Outcome.NO_PENALTY, CaseFile.Outcome.NO_PENALTY.label),
            (CaseFile.Outcome.MEASURE, CaseFile.Outcome.MEASURE.label),
        ],
    )
    penalty_amount = forms.DecimalField(
        label=_("Penalty amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )


class FilingReviewForm(DayForm):
    accepted = forms.TypedChoiceField(
        label=pgettext_lazy("review", "Conclusion"),
        choices=[("1", _("no objection")), ("0", _("correction required"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Review opinion"), required=False, widget=forms.Textarea({"rows": 3})
    )


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Year evaluated"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    per_body = forms.IntegerField(
        label=_("Case files sampled per body"), min_value=1, max_value=50, initial=3
    )


class ScoreForm(forms.Form):
    """One field per criterion of the campaign's checklist, each between 0 and its points."""

    def __init__(self, *args, checklist, **kwargs):
        super().__init__(*args, **kwargs)
        for item in checklist:
            self.fields[item.code] = forms.DecimalField(
                label=_("%(criterion)s (%(points)s points)")
                % {"criterion": item.label, "points": item.points},
                min_value=0,
                max_value=item.points,
                decimal_places=1,
                max_digits=5,
            )
        self.fields["note"] = forms.CharField(
            label=_("Findings"), required=False, widget=forms.Textarea({"rows": 2})
        )


class LookupForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=32, strip=True)
