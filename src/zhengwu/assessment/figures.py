"""The assessment's figures for a county and a year (from the finalised run of the year's
scheme; all ``0``/``None`` while the year's run is not finalised):

- ``units_assessed``: units enrolled in the finalised run;
- ``by_grade``: units per grade (``excellent``, ``good``, ``pass``, ``fail``);
- ``by_group``: per unit group (``township``, ``department``) the units and their average;
- ``average_score``: the mean of the units' percent of the points possible to them (their total
  ÷ the points of the leaves that apply to them × 100), one decimal; ``None`` with no unit;
- ``finalised``: whether the year's run is finalised.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zhengwu.assessment.models import AssessedUnit, Grade, SchemeStatus, UnitGroup


def _mean(values: list[Decimal]) -> float | None:
    if not values:
        return None
    return float((sum(values) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def annual_figures(division, year: int) -> dict:
    units = list(
        AssessedUnit.objects.filter(
            scheme__division=division, scheme__year=year, scheme__status=SchemeStatus.FINALISED
        ).values_list("group", "grade", "total", "max_points")
    )
    percents = {
        g: [Decimal(t) * 100 / Decimal(m) for grp, _gr, t, m in units if grp == g and m]
        for g in UnitGroup.values
    }
    by_grade = dict.fromkeys(Grade.values, 0)
    for _group, grade, _t, _m in units:
        if grade:
            by_grade[grade] += 1
    return {
        "finalised": bool(units),
        "units_assessed": len(units),
        "by_grade": by_grade,
        "by_group": {
            g: {"units": sum(1 for u in units if u[0] == g), "average_score": _mean(percents[g])}
            for g in UnitGroup.values
        },
        "average_score": _mean([p for ps in percents.values() for p in ps]),
    }
