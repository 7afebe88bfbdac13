"""Forms of the interaction pages: writing a message, tracking it, and the staff's actions.

Forms parse and check what was typed, field by field; the services decide (and may refuse a
field too: their ``ValidationError`` is put next to the field it names).
"""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.common.identity import validate_id_number
from zhengwu.interaction.contact import validate_phone
from zhengwu.interaction.models import Message
from zhengwu.interaction.services import ANSWER_MAX, BODY_MAX, SUBJECT_MAX

TEXT_ATTRS = {"autocomplete": "off"}


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class MessageForm(forms.Form):
    """A consultation, complaint or letter; the complaint's own fields only for a complaint."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_MAX,
        error_messages={"required": _("Give a subject.")},
        help_text=_("In a few words: what is it about?"),
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=[("", _("— choose if you like —")), *Message.Topic.choices],
    )
    body = forms.CharField(
        label=_("What you want to say"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your message.")},
    )
    case_number = forms.CharField(
        label=_("Case number (if the complaint is about an application)"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "numeric", **TEXT_ATTRS}),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": _("Give your name, so that we can answer you.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=32,
        help_text=_("A mobile number, or a landline with its area code (0479-4522345)."),
        error_messages={"required": _("Give a telephone number.")},
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We write to you there when the answer is ready."),
        error_messages={"invalid": _("Give a valid e-mail address, or leave it empty.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    id_number = forms.CharField(
        label=_("ID number (optional)"),
        required=False,
        max_length=18,
        help_text=_("It helps the department find your records. It is never published."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    publication_consent = forms.BooleanField(
        label=_("I agree that my message and its answer may be published without my personal data"),
        required=False,
    )

    COMPLAINT_ONLY = ("case_number", "id_number")

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind != Message.Kind.COMPLAINT:
            for name in self.COMPLAINT_ONLY:
                del self.fields[name]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())

    @classmethod
    def prefill(cls, user) -> dict:
        """What a logged-in citizen or organisation does not have to type again."""
        if not getattr(user, "is_authenticated", False) or not user.is_applicant:
            return {}
        return {
            "name": user.full_name,
            "phone": user.phone,
            "email": user.email,
            "id_number": user.id_number,
        }

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "").strip()
        return validate_id_number(value) if value else ""

    def clean_case_number(self):
        return "".join(self.cleaned_data.get("case_number", "").split())


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Message number"),
        max_length=32,
        help_text=_("For example ZX2026000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("Query code"),
        max_length=16,
        help_text=_("The 8 digits you were given when you sent the message."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split()).upper()

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class SearchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of message"), required=False, choices=[("", _("all")), *Message.Kind.choices]
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=50)


# ---------------------------------------------------------------------------------------------
# The staff
# ---------------------------------------------------------------------------------------------


class InboxForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of message"), required=False, choices=[("", _("all")), *Message.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), ("open", _("open (not yet answered)")), *Message.Status.choices],
    )
    department = forms.TypedChoiceField(
        label=_("Department"), required=False, coerce=int, empty_value=None
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("all")), *((d.pk, d.name) for d in departments)]


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RouteForm(forms.Form):
    department = DepartmentChoiceField(
        label=_("Department that answers"),
        queryset=None,
        error_messages={"required": _("Choose the department that answers.")},
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class RerouteForm(RouteForm):
    reason = forms.CharField(
        label=_("Why another department"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the message goes to another department.")},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The department's answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the answer.")},
    )


class PublicationForm(forms.Form):
    public_subject = forms.CharField(
        label=_("Published subject"),
        max_length=SUBJECT_MAX,
        error_messages={"required": _("Give the published subject.")},
    )
    public_body = forms.CharField(
        label=_("Published message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Give the published message.")},
    )
    public_answer = forms.CharField(
        label=_("Published answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Give the published answer.")},
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Spam, abuse, or no request at all. The writer is told this reason."),
        error_messages={"required": _("Say why the message is rejected.")},
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required unless the message has been answered."),
    )
