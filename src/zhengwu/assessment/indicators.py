"""Indicators computed from records, which the annual assessment scores units on.

An app that holds the records behind an indicator registers it here (usually in its
``AppConfig.ready``)::

    register_indicator(
        "reconsideration_corrected",
        _("reconsideration decisions correcting the unit's acts"),
        compute,                 # compute(division, year) -> {department_id: value or None}
        unit=Unit.COUNT,
        higher_is_better=False,
    )

``compute`` returns, for the year, one value per assessed unit (an ``org.Department``: a
township government or a working department) of the division; a unit it has no value for is
left out or given ``None`` (a rate whose denominator is 0). Percentages are 0–100 with any
precision. It must be set-based (a few queries for all units, never one per unit).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PERCENT = "percent", _("percent")
    COUNT = "count", _("count")
    SCORE = "score", _("score")
    DAYS = "days", _("days")


Compute = Callable[[object, int], Mapping[int, float | int | None]]


@dataclass(frozen=True)
class ComputedIndicator:
    code: str
    label: str
    compute: Compute
    unit: str = Unit.PERCENT
    higher_is_better: bool = True
    description: str = ""

    @property
    def unit_label(self) -> str:
        return str(Unit(self.unit).label) if self.unit in Unit.values else str(self.unit)

    @property
    def query_description(self) -> str:
        """How the value is computed: ``description`` (may be a lazy translation), else the
        compute function's docstring."""
        import inspect

        if self.description:
            return str(self.description)
        return (inspect.getdoc(self.compute) or "").strip()


_REGISTRY: dict[str, ComputedIndicator] = {}


def register_indicator(
    code: str,
    label,
    compute: Compute,
    *,
    unit: str = Unit.PERCENT,
    higher_is_better: bool = True,
    description: str = "",
) -> ComputedIndicator:
    """Register (or replace) the computed indicator ``code``. ``description`` says how the value
    is computed (shown on the scorecards); the compute function's docstring when left empty."""
    indicator = ComputedIndicator(code, label, compute, unit, higher_is_better, description)
    _REGISTRY[code] = indicator
    return indicator


def registered_indicators() -> dict[str, ComputedIndicator]:
    """The computed indicators by code, in the order they were registered."""
    return dict(_REGISTRY)


def indicator(code: str) -> ComputedIndicator | None:
    return _REGISTRY.get(code)


def unregister_indicator(code: str) -> None:
    """Remove ``code`` (for tests that register an indicator of their own)."""
    _REGISTRY.pop(code, None)
