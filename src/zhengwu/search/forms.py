"""The search page's parameters, read from the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.disclosure.models import ItemKind
from zhengwu.search.text import MAX_QUERY_CHARS


class SearchForm(forms.Form):
    """``?q=&date_from=&date_to=&category=&kind=&order=&page=``.

    A date that does not parse is reported next to its field; other unusable values (a stale
    category id, an unknown kind) are left out, as filter links get shared and bookmarked."""

    q = forms.CharField(label=_("Search for"), required=False, max_length=MAX_QUERY_CHARS)
    date_from = forms.DateField(
        label=_("Published from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    date_to = forms.DateField(
        label=_("Published until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    category = forms.IntegerField(required=False, min_value=1)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *ItemKind.choices],
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("relevance", _("Most relevant first")), ("date", _("Newest first"))],
    )
    page = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def value(self, name: str):
        """The cleaned value of ``name``, or None when it was missing or unusable."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None
