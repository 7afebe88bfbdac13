"""The catalog's search and filter parameters, read from the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.catalog.browse import CatalogFilters
from zhengwu.catalog.models import PowerKind


class CatalogFilterForm(forms.Form):
    """``?q=&department=&kind=&event=``: a value that does not parse is left out, not an error.

    Filter links are often shared or bookmarked; a stale department id should not stop the page.
    """

    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    department = forms.IntegerField(required=False, min_value=1)
    kind = forms.ChoiceField(choices=PowerKind.choices, required=False)
    event = forms.CharField(required=False, max_length=100)

    def filters(self) -> CatalogFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CatalogFilters(
            department=data.get("department"),
            kind=data.get("kind") or None,
            event=data.get("event") or None,
            q=data.get("q") or None,
        )
