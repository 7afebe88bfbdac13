"""The forms of the annual report pages (errors by field, in the site's language)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# 多政发〔2013〕5号: the issuer's code, the year in 〔〕, the serial number and 号 (GB/T 9704).
DOCUMENT_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")


class DraftCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class FrameForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    document_number = forms.CharField(label=_("Document number"), max_length=64)
    addressees = forms.CharField(
        label=_("Addressees"), max_length=200, help_text=_("separated by 、")
    )
    signatory = forms.CharField(label=_("Signatory"), max_length=100)
    dated = forms.DateField(label=_("Date of the document"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def clean_document_number(self):
        value = self.cleaned_data["document_number"].strip()
        if not DOCUMENT_NUMBER.match(value):
            raise forms.ValidationError(
                _(
                    "Write the document number as the issuer's code, the year in 〔〕 and the "
                    "serial number, e.g. 多政发〔2013〕5号."
                ),
                code="document_number",
            )
        return value


class BlockForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Text"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
