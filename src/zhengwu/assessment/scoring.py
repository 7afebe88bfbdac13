"""Scoring rules and the validation of a scheme's tree (pure functions, no queries).

Linear (``Rule.LINEAR``), for an indicator where higher is better::

    points = max × clamp((value − floor) / (target − floor), 0, 1)

so a value at or below the floor earns nothing and one at or above the target everything. For
an indicator where lower is better the rule is mirrored: at or below the floor all the points,
at or above the target none. Deduction (``Rule.DEDUCTION``), for counts::

    points = max(0, max − deduction × value)

A unit with no value (``None``: nothing to count, e.g. a rate whose denominator is 0) gets 0
points and a note saying so. Points are rounded half up to two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from zhengwu.assessment.models import Method, Rule

CENT = Decimal("0.01")


def quantize(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Scored:
    points: Decimal
    note: str = ""


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def score_value(
    *,
    rule: str,
    max_points,
    value,
    floor=None,
    target=None,
    deduction=None,
    higher_is_better: bool = True,
) -> Scored:
    """The points a value earns under a leaf's rule."""
    top = _dec(max_points)
    if value is None:
        return Scored(Decimal("0.00"), _("no value for the year: 0 points"))
    v = _dec(value)
    if rule == Rule.LINEAR:
        lo, hi = _dec(floor), _dec(target)
        share = (v - lo) / (hi - lo)
        if not higher_is_better:
            share = 1 - share
        share = min(Decimal(1), max(Decimal(0), share))
        return Scored(quantize(top * share))
    if rule == Rule.DEDUCTION:
        return Scored(quantize(max(Decimal(0), top - _dec(deduction) * v)))
    raise ValueError(f"unknown rule {rule!r}")


def assessed_points(*, max_points, points=None, deductions=()) -> Decimal:
    """An assessed leaf: the points given, else the maximum less the deductions (at least 0)."""
    if points is not None:
        return quantize(_dec(points))
    taken = sum((_dec(d["points"]) for d in deductions), Decimal(0))
    return quantize(max(Decimal(0), _dec(max_points) - taken))


# ---------------------------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------------------------


def node_errors(node, *, registered: dict | None = None) -> dict[str, list[str]]:
    """The field errors of one node's own settings (its scoring parameters)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if node.points is None or node.points < 0:
        add("points", _("The points cannot be negative."))
    if node.method == Method.COMPUTED:
        if not node.indicator_code:
            add("indicator_code", _("Choose the indicator the leaf is computed from."))
        elif registered is not None and node.indicator_code not in registered:
            message = _("No indicator “%(code)s” is registered.")
            add("indicator_code", message % {"code": node.indicator_code})
        if node.rule == Rule.LINEAR:
            if node.floor is None:
                add("floor", _("The linear rule needs a floor."))
            if node.target is None:
                add("target", _("The linear rule needs a target."))
            if node.floor is not None and node.target is not None and node.floor >= node.target:
                add("target", _("The target must be greater than the floor."))
            for field in ("floor", "target"):
                value = getattr(node, field)
                if value is not None and value < 0:
                    add(field, _("The value cannot be negative."))
        elif node.rule == Rule.DEDUCTION:
            if node.deduction is None:
                add("deduction", _("Say how many points each occurrence costs."))
            elif node.deduction <= 0:
                add("deduction", _("The points deducted per occurrence must be more than 0."))
        else:
            add("rule", _("Choose the scoring rule."))
    return errors


def tree_errors(scheme, nodes, *, registered: dict | None = None) -> list[str]:
    """Every problem of a scheme's tree, each a sentence naming the node: the points of each
    category's children must add up to the category's, the top level's to the scheme's total;
    no cycles; every leaf's rule sane; a category has children and a leaf has none."""
    problems: list[str] = []
    by_id = {n.pk: n for n in nodes}
    children: dict[int | None, list] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)

    def name(n) -> str:
        return f"“{n.code} {n.label}”"

    # Cycles: follow each node's parents; a node met twice is in a cycle.
    in_cycle = set()
    for n in nodes:
        seen, current = set(), n
        while current is not None and current.parent_id is not None:
            if current.pk in seen:
                in_cycle.add(n.pk)
                break
            seen.add(current.pk)
            current = by_id.get(current.parent_id)
    for pk in sorted(in_cycle):
        problems.append(_("%(node)s is its own ancestor (a cycle in the tree).") % {
            "node": name(by_id[pk])})  # fmt: skip
    if in_cycle:
        return problems

    def check_sum(label: str, points, kids) -> None:
        total = sum((k.points for k in kids), Decimal(0))
        if total != points:
            problems.append(
                _("The points under %(node)s add up to %(sum)s, not its %(points)s.")
                % {"node": label, "sum": _fmt(total), "points": _fmt(points)}
            )

    top = children.get(None, [])
    if not top:
        problems.append(_("The scheme has no indicators."))
    else:
        check_sum(_("the scheme “%(title)s”") % {"title": scheme.title}, scheme.total_points, top)
    for n in sorted(nodes, key=lambda n: (n.position, n.pk or 0)):
        kids = children.get(n.pk, [])
        if n.method == Method.CATEGORY:
            if not kids:
                problems.append(_("The category %(node)s has no indicators.") % {"node": name(n)})
            else:
                check_sum(name(n), n.points, kids)
        else:
            if kids:
                problems.append(_("The leaf %(node)s cannot have indicators under it.") % {
                    "node": name(n)})  # fmt: skip
            for messages in node_errors(n, registered=registered).values():
                for message in messages:
                    problems.append(f"{name(n)}: {message}")
    return problems


def _fmt(value: Decimal) -> str:
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
