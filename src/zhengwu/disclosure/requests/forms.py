"""Forms of the disclosure-request pages: the application (public, and at the office's counter),
tracking, the applicant's correction and withdrawal, and the office's actions.

The application is checked by ``services.clean_application``, the same function the service
runs, so the page and the service can never disagree; its messages land next to their fields.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengwu.cases.forms import WithdrawForm
from zhengwu.disclosure.models.requests import (
    SUB_GROUNDS,
    ApplicantType,
    Consultation,
    ObtainingMethod,
    Outcome,
    ProvisionForm,
    RequestChannel,
)
from zhengwu.disclosure.requests import services
from zhengwu.org.models import User
from zhengwu.org.roles import Role

TEXT_MAX = 4000
PERSON_FIELDS = ["name", "id_number"]
ORGANISATION_FIELDS = ["organisation_name", "credit_code", "contact_person"]
CONTACT_FIELDS = ["phone", "address", "postcode", "email"]
INFORMATION_FIELDS = ["department", "description", "document_number", "purpose"]
PROVISION_FIELDS = ["provision_form", "obtaining_method"]


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _plain(attrs: dict | None = None):
    return forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})


class ApplicationForm(forms.Form):
    """An application for government information (art. 29), by a person or an organisation."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    applicant_type = forms.ChoiceField(
        label=_("You apply as"),
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Choose whether you apply as a natural person or for which kind of organisation."
            )
        },
    )
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=20,
        required=False,
        widget=_plain({"autocomplete": "off"}),
        help_text=_("18 characters, as on the resident identity card."),
    )
    organisation_name = forms.CharField(
        label=_("Name of the organisation"), max_length=200, required=False
    )
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=20,
        required=False,
        widget=_plain(),
        help_text=_("18 characters, as on the business licence or registration certificate."),
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("A mobile number, or a landline with its area code."),
        error_messages={"required": _("Give a telephone number we can reach you on.")},
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=200,
        required=False,
        help_text=_("Needed when the information is to be sent by post."),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Needed when the information is to be sent by e-mail."),
    )
    department = forms.ModelChoiceField(
        label=_("Administrative body you ask"),
        queryset=None,
        empty_label=_("— choose —"),
        help_text=_("The body that made or keeps the information."),
        error_messages={"required": _("Choose the administrative body you ask.")},
    )
    description = forms.CharField(
        label=_("Information you want"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Name, number or a description precise enough to find it."),
        error_messages={"required": _("Describe the government information you want.")},
    )
    document_number = forms.CharField(
        label=_("Document number, if known"), max_length=100, required=False
    )
    purpose = forms.CharField(
        label=_("Purpose (optional)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    provision_form = forms.ChoiceField(
        label=_("Form in which you want it"),
        choices=ProvisionForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the form in which you want the information.")},
    )
    obtaining_method = forms.ChoiceField(
        label=_("How you obtain it"),
        choices=ObtainingMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to obtain the information.")},
    )

    def __init__(self, *args, departments, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
            if user is not None and getattr(user, "is_authenticated", False):
                self.initial.update(self.prefill(user))

    @staticmethod
    def prefill(user) -> dict:
        """A logged-in applicant's own details."""
        if user.kind == User.Kind.CITIZEN:
            values = {
                "applicant_type": ApplicantType.NATURAL_PERSON,
                "name": user.full_name,
                "id_number": user.id_number,
            }
        elif user.kind == User.Kind.ORGANISATION:
            values = {"organisation_name": user.full_name, "credit_code": user.credit_code}
        else:
            return {}
        return {**values, "phone": user.phone, "email": user.email}

    def fieldsets(self) -> list[tuple[object, list]]:
        groups = [
            (_("Who applies"), ["applicant_type"]),
            (_("A natural person"), PERSON_FIELDS),
            (_("An organisation"), ORGANISATION_FIELDS),
            (_("How to reach you"), CONTACT_FIELDS),
            (_("The information"), INFORMATION_FIELDS),
            (_("How you want it"), PROVISION_FIELDS),
        ]
        return [(legend, [self[name] for name in names]) for legend, names in groups]

    def clean(self):
        cleaned = super().clean()
        data = {name: cleaned.get(name, "") for name in services.APPLICANT_FIELDS}
        data |= {name: cleaned.get(name, "") for name in services.INFORMATION_FIELDS}
        try:
            values = services.clean_application(data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)
        else:
            cleaned.update(values)
        return cleaned

    def application(self) -> dict:
        return {
            name: self.cleaned_data.get(name, "")
            for name in [*services.APPLICANT_FIELDS, *services.INFORMATION_FIELDS]
        }


class IntakeForm(ApplicationForm):
    """An application received in person, by post, fax or e-mail, entered by the office."""

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[(c.value, c.label) for c in RequestChannel if c != RequestChannel.ONLINE],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=_date_input(),
        help_text=_(
            "In person: that day. By post: the day it was signed for. By fax or e-mail: "
            "the day both sides confirmed it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            self.initial.setdefault("channel", RequestChannel.IN_PERSON)

    def fieldsets(self):
        return [(_("Receipt"), [self["channel"], self["received_on"]]), *super().fieldsets()]

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The day of receipt cannot be in the future."))
        return day


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Request number"),
        max_length=32,
        widget=_plain({"autocapitalize": "characters"}),
        help_text=_("For example YSQ20260001."),
    )
    code = forms.CharField(
        label=_("Query code"),
        max_length=16,
        widget=_plain({"inputmode": "numeric"}),
        help_text=_("The 8 digits you were given when you applied."),
    )

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split()).upper()

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


# --- The applicant --------------------------------------------------------------------------------


class MyCorrectionForm(forms.Form):
    description = forms.CharField(
        label=_("Corrected description of the information"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(
        label=_("Anything else"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# The applicant's withdrawal asks what a case's withdrawal asks.
MyWithdrawForm = WithdrawForm


# --- The office -----------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """Every office action carries the date of the legal act (today unless told otherwise)."""

    on = forms.DateField(label=_("Dated"), widget=_date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        # The date last: what the act is comes first on a small screen.
        self.order_fields([name for name in self.fields if name != "on"] + ["on"])

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise ValidationError(_("An act cannot be dated in the future."))
        return day


class ConfirmForm(ActionForm):
    pass


class AcceptForm(ActionForm):
    pass


class CorrectionForm(ActionForm):
    items = forms.CharField(
        label=_("What to correct"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item a line. Everything at once: a correction may be asked only once."),
    )
    period_days = forms.IntegerField(
        label=_("Period for the correction (working days)"),
        min_value=1,
        max_value=services.MAX_CORRECTION_PERIOD_DAYS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_days"].initial = services.correction_period_days()

    def clean_items(self):
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not items:
            raise ValidationError(_("List everything to correct, at once."))
        return items


class SupplyForm(ActionForm):
    description = forms.CharField(
        label=_("Corrected description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty to keep the description as it is."),
    )
    note = forms.CharField(
        label=_("What the applicant corrected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConsultForm(ActionForm):
    kind = forms.ChoiceField(
        label=_("Consulted"), choices=Consultation.Kind.choices, widget=forms.RadioSelect
    )
    party = forms.CharField(label=_("Consulted party"), max_length=200)
    question = forms.CharField(
        label=_("What is asked"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(ActionForm):
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=None)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = request.consultations.filter(
            answered_on__isnull=True, lapsed_on__isnull=True
        ).order_by("sent_on", "id")
        self.fields["consultation"].label_from_instance = lambda c: (
            f"{c.party}（{c.get_kind_display()}，{c.sent_on:%Y-%m-%d}）"
        )


class ExtendForm(ActionForm):
    days = forms.IntegerField(
        label=_("Extend by (working days)"), min_value=1, max_value=services.MAX_EXTENSION_DAYS
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    approved_by = forms.ModelChoiceField(label=_("Approved by"), queryset=None)

    def __init__(self, *args, request, user, **kwargs):
        super().__init__(*args, **kwargs)
        heads = User.objects.filter(
            kind=User.Kind.STAFF,
            is_active=True,
            department=request.department_id,
            groups__name=Role.DEPARTMENT_HEAD,
        ).order_by("full_name", "pk")
        self.fields["approved_by"].queryset = heads
        self.fields["approved_by"].label_from_instance = lambda u: u.full_name or u.username
        if services.may_approve_extension(user, request):
            self.fields["approved_by"].initial = user.pk
        self.fields["days"].help_text = _("At most %(n)s working days, once.") % {
            "n": services.MAX_EXTENSION_DAYS
        }


def decision_choices() -> list:
    """The outcomes as a grouped list: an outcome without sub-grounds is one choice; the others
    are grouped, one choice per sub-ground (``withheld:4``)."""
    choices: list = [("", _("— choose —"))]
    for outcome in Outcome:
        grounds = SUB_GROUNDS.get(outcome.value)
        if not grounds:
            choices.append((outcome.value, outcome.label))
            continue
        choices.append(
            (
                outcome.label,
                [(f"{outcome.value}:{n}", f"{n}. {text}") for n, text in grounds.items()],
            )
        )
    return choices


class ReplyForm(ActionForm):
    decision = forms.ChoiceField(label=_("Outcome"), choices=decision_choices)
    text = forms.CharField(
        label=_("Reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is provided and how, or the reasons. It goes into the written reply."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        help_text=_("Leave empty for the article of the outcome."),
    )

    def clean_decision(self):
        value = self.cleaned_data["decision"]
        outcome, _sep, ground = value.partition(":")
        return outcome, int(ground) if ground else None


class FeeForm(ActionForm):
    amount = forms.DecimalField(
        label=_("Processing fee (yuan)"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2
    )


class WithdrawForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason given by the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
