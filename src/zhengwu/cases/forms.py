"""Forms of the case pages: the applicant's application, tracking, correction, withdrawal and
rating, and the staff's actions (acceptance, correction, refusal, opinions, decision, delivery,
extension, follow-up).

Forms only parse and check what was typed; the services decide. Every staff action form carries
``seen``, the case's last activity when the form was drawn, so that a refused action on a case
someone else has changed in the meantime can be told as "someone else already did this".
"""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhengwu.cases.models import Decision, DeliveryMethod, Rating, Task
from zhengwu.cases.uploads import check_upload

MAX_FILES = 20
NOTE_MAX = 2000


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when nothing was chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("At most %(n)s files at a time.") % {"n": MAX_FILES}, code="too_many_files"
            )
        return files


def _check_files(form: forms.Form, name: str, files: list) -> None:
    """Refuse, next to the field, a file of a type or size the platform does not take."""
    for upload in files:
        try:
            check_upload(upload)
        except ValidationError as error:
            form.add_error(name, error)


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


# ---------------------------------------------------------------------------------------------
# The applicant
# ---------------------------------------------------------------------------------------------


class ApplicationForm(forms.Form):
    """An online application: one file input per catalog material, plus other materials."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    note = forms.CharField(
        label=_("Anything the window should know"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    other = MultipleFileField(
        label=_("Other materials"),
        required=False,
        help_text=_("Anything else you want to hand in. You may choose several files."),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.materials = list(version.materials.all())
        material_fields = {}
        for material in self.materials:
            needed = material.required and not material.condition
            if material.condition:
                help_text = _("Only when: %(condition)s") % {"condition": material.condition}
            elif not material.required:
                help_text = _("If it applies to you.")
            else:
                help_text = ""
            material_fields[self.material_field(material)] = forms.FileField(
                label=material.name,
                required=needed,
                help_text=help_text,
                error_messages={"required": _("Choose a file for this material.")},
            )
        # The materials first, in the catalog's order; the note and other files after them.
        self.fields = {
            "idempotency_key": self.fields["idempotency_key"],
            **material_fields,
            "other": self.fields["other"],
            "note": self.fields["note"],
        }
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())

    @staticmethod
    def material_field(material) -> str:
        return f"material_{material.pk}"

    def material_bound_fields(self):
        return [self[self.material_field(m)] for m in self.materials]

    def clean(self):
        cleaned = super().clean()
        for material in self.materials:
            name = self.material_field(material)
            if cleaned.get(name):
                _check_files(self, name, [cleaned[name]])
        _check_files(self, "other", cleaned.get("other") or [])
        return cleaned

    def uploads(self) -> list[tuple[object | None, object]]:
        """(catalog material or None, uploaded file), in the order of the form."""
        pairs = []
        for material in self.materials:
            upload = self.cleaned_data.get(self.material_field(material))
            if upload:
                pairs.append((material, upload))
        pairs.extend((None, upload) for upload in self.cleaned_data.get("other") or [])
        return pairs


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Case number"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    code = forms.CharField(
        label=_("Query code"),
        max_length=16,
        help_text=_("The 8 digits you were given when you applied."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split())

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class SupplyForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("You may choose several files: PDF, JPG, PNG, DOCX, XLSX or OFD."),
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, what you changed in the application."),
    )

    def clean(self):
        cleaned = super().clean()
        _check_files(self, "files", cleaned.get("files") or [])
        return cleaned


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, I want to withdraw this application"),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("How satisfied are you with the service?"),
        choices=[(level.value, level.label) for level in Rating.Level],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the five levels.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you are dissatisfied: tell us what went wrong."),
    )

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        if level in Rating.BAD_LEVELS and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Tell us what went wrong, so it can be put right."))
        return cleaned


# ---------------------------------------------------------------------------------------------
# The staff
# ---------------------------------------------------------------------------------------------


class ActionForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class AcceptForm(ActionForm):
    pass


class ForwardForm(ActionForm):
    pass


class CorrectionForm(ActionForm):
    """All the items at once (一次性告知); a second request needs a reason."""

    items = forms.CharField(
        label=_("Items to correct or supply"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item a line. List every item now: the applicant is told all at once."),
    )
    reason = forms.CharField(
        label=_("Reason for a further request"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, repeated: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.repeated = repeated
        if repeated:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _(
                "This case already had a correction request. A further request needs a "
                "reason, and it is reported to supervision."
            )
        else:
            del self.fields["reason"]

    def clean_items(self):
        items = [line.strip() for line in self.cleaned_data["items"].splitlines()]
        items = [item for item in items if item]
        if not items:
            raise ValidationError(_("List every item to correct or supply, at once."))
        return items


class RefuseForm(ActionForm):
    reason = forms.CharField(
        label=_("Written reason for not accepting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant receives it in the decision not to accept (不予受理决定书)."),
    )


class DecisionFields(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a denial."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        max_length=300,
        help_text=_("Required for a denial: the law and article."),
    )


class DecideForm(ActionForm, DecisionFields):
    pass


class DeliverFields(forms.Form):
    method = forms.ChoiceField(
        label=_("Delivery method"), choices=DeliveryMethod.choices, widget=forms.RadioSelect
    )
    licence_number = forms.CharField(label=_("Licence or document number"), required=False)

    def __init__(self, *args, result_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if result_name:
            self.fields["licence_number"].help_text = _(
                "The number of the %(result)s, required when approved."
            ) % {"result": result_name}


class DeliverForm(ActionForm, DeliverFields):
    pass


class InstantForm(ActionForm, DecisionFields, DeliverFields):
    """An instant matter accepted, decided and delivered at the window at once (即办)."""

    def __init__(self, *args, with_delivery: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].initial = Decision.APPROVE
        if with_delivery:
            self.fields["method"].initial = DeliveryMethod.WINDOW
        else:
            del self.fields["method"]
            del self.fields["licence_number"]


class OpinionForm(ActionForm):
    verdict = forms.ChoiceField(
        label=_("Opinion"), choices=Task.Verdict.choices, widget=forms.RadioSelect
    )
    opinion = forms.CharField(
        label=_("Opinion text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you disagree: give the reasons."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("verdict") == Task.Verdict.DISAGREE
            and not (cleaned.get("opinion") or "").strip()
        ):
            self.add_error("opinion", _("Give the reasons for disagreeing."))
        return cleaned


class ExtendForm(ActionForm):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, days_left: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if days_left is not None:
            self.fields["days"].help_text = _("At most %(n)s more days are allowed.") % {
                "n": days_left
            }


class FollowUpForm(ActionForm):
    answer = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant is told this answer."),
    )
