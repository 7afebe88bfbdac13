"""Forms of the disclosure office (items, review, withdrawal, catalog)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.disclosure.models import Category, Item
from zhengwu.org.models import Department


class DateInput(forms.DateInput):
    input_type = "date"


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = [
            "title", "department", "category", "kind", "topic", "document_number",
            "created_on", "body", "keywords", "validity", "valid_from", "valid_to",
        ]  # fmt: skip
        widgets = {
            "created_on": DateInput,
            "valid_from": DateInput,
            "valid_to": DateInput,
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, division, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            division=division, is_active=True
        ).order_by("code")
        self.fields["category"].queryset = Category.objects.filter(
            division=division, is_active=True
        ).order_by("code")

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity cannot come before its start."))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("approve and publish")), ("send_back", _("send back"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Review note"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))  # fmt: skip
    published_on = forms.DateField(label=_("Publish on"), required=False, widget=DateInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), widget=forms.Textarea(
        attrs={"rows": 3}))  # fmt: skip


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["parent", "code", "name", "position", "statutory_item", "description",
                  "is_active"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, division, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Category.objects.filter(
            division=division, parent__isnull=True
        ).order_by("code")
        self.fields["statutory_item"].widget.attrs.update({"min": 1, "max": 15})


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, image, DOCX, XLSX or OFD; the size limit of uploads applies."),
    )
