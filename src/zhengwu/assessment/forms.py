"""Forms of the assessment's staff pages: each parses input for one service; what the service
refuses goes back on the form, field by field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.assessment.indicators import registered_indicators
from zhengwu.assessment.models import AppliesTo, Method, Rule

POINTS = {"max_digits": 6, "decimal_places": 2, "min_value": Decimal(0)}


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=_("Year assessed"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    total_points = forms.DecimalField(label=_("Total points"), initial=100, **POINTS)
    assess_townships = forms.BooleanField(label=_("Assess the townships"), required=False,
                                          initial=True)  # fmt: skip
    assess_departments = forms.BooleanField(label=_("Assess the working departments"),
                                            required=False, initial=True)  # fmt: skip
    excellent_from = forms.DecimalField(label=_("Excellent from (percent of the points)"),
                                        initial=90, max_digits=5, decimal_places=1)  # fmt: skip
    good_from = forms.DecimalField(label=_("Good from (percent of the points)"), initial=80,
                                   max_digits=5, decimal_places=1)  # fmt: skip
    pass_from = forms.DecimalField(label=_("Pass from (percent of the points)"), initial=60,
                                   max_digits=5, decimal_places=1)  # fmt: skip
    scorecards_public = forms.BooleanField(
        label=_("Scorecards open to every unit"), required=False,
        help_text=_("once finalised, every unit may see every scorecard and the ranking"),
    )  # fmt: skip

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Copy the scheme of"), queryset=None)
    year = forms.IntegerField(label=_("Year assessed"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False,
        help_text=_("the source's title with the new year when left empty"),
    )  # fmt: skip

    def __init__(self, *args, schemes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = schemes


def indicator_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [
        (code, f"{ind.label}（{code}）") for code, ind in registered_indicators().items()
    ]


class NodeForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Category"), queryset=None, required=False,
                                    help_text=_("empty for a top-level category"))  # fmt: skip
    code = forms.CharField(label=_("Code"), max_length=16, help_text=_("e.g. 3 or 3.2"))
    label = forms.CharField(label=_("Name"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0)
    points = forms.DecimalField(label=_("Points"), **POINTS)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    applies_to = forms.ChoiceField(label=_("Applies to"), choices=AppliesTo.choices)
    criteria = forms.CharField(label=_("Criteria"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    indicator_code = forms.ChoiceField(label=_("Indicator"), required=False)
    rule = forms.ChoiceField(label=_("Scoring rule"), required=False,
                             choices=[("", "—"), *Rule.choices])  # fmt: skip
    floor = forms.DecimalField(
        label=_("Floor"), required=False, max_digits=10, decimal_places=2,
        help_text=_("linear rule: the value that earns no points"),
    )  # fmt: skip
    target = forms.DecimalField(
        label=_("Target"), required=False, max_digits=10, decimal_places=2,
        help_text=_("linear rule: the value that earns all the points"),
    )  # fmt: skip
    deduction = forms.DecimalField(label=_("Points deducted per occurrence"), required=False,
                                   max_digits=6, decimal_places=2)  # fmt: skip

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = categories
        self.fields["indicator_code"].choices = indicator_choices()


class ScoreForm(forms.Form):
    points = forms.DecimalField(
        label=_("Points given"), required=False, **POINTS,
        help_text=_("leave empty to deduct from the full points"),
    )  # fmt: skip
    deductions = forms.CharField(
        label=_("Deductions"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("one per line: the reason, a space, the points (e.g. 未制定学法计划 2)"),
    )  # fmt: skip
    reasoning = forms.CharField(label=_("Reasoning"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    evidence_link = forms.URLField(label=_("Evidence link"), required=False, max_length=500,
                                   assume_scheme="https")  # fmt: skip
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def clean_deductions(self):
        out = []
        for n, line in enumerate((self.cleaned_data.get("deductions") or "").splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            reason, _sep, points = line.rpartition(" ")
            try:
                value = Decimal(points)
            except InvalidOperation:
                raise forms.ValidationError(
                    _("Line %(n)d: end it with the points deducted.") % {"n": n}
                ) from None
            out.append({"reason": reason.strip(), "points": str(value)})
        return out

    @staticmethod
    def deductions_text(deductions) -> str:
        return "\n".join(f"{d['reason']} {d['points']}" for d in deductions or [])
