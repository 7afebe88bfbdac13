"""Every change to the annual assessment. Each service locks the scheme it changes, checks the
move against ``TRANSITIONS`` and writes one audit event in its transaction.

- ``scheme_create`` / ``scheme_update`` / ``scheme_copy`` (from the previous year's scheme);
- ``node_add`` / ``node_update`` / ``node_delete``: the indicator tree, while not finalised
  (a change after computing makes the run stale: it must be computed again before finalising);
- ``assessment_compute``: validates the tree, enrols the units, computes every computed leaf
  for every unit it applies to (one ``compute(division, year)`` call per indicator) and stores
  value, points and time (a unit a count leaves out has a count of 0; a unit a rate leaves
  out has no value, and 0 points with a note);
- ``score_record``: an assessor's points for an assessed leaf and a unit, with reasoning,
  evidence and optional deductions;
- ``assessment_finalise``: refuses while an assessed leaf is unscored for a unit (listing them)
  or the run is stale; stores each unit's total, rank in its group and grade, and freezes it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.assessment import rules, scoring, selectors
from zhengwu.assessment.indicators import Unit, indicator, registered_indicators
from zhengwu.assessment.models import (
    TRANSITIONS,
    AssessedUnit,
    AssessmentScheme,
    Method,
    Node,
    SchemeStatus,
    Score,
)
from zhengwu.common.audit import audit_record
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted

S = SchemeStatus

SCHEME_FIELDS = (
    "title", "total_points", "assess_townships", "assess_departments", "excellent_from",
    "good_from", "pass_from", "scorecards_public",
)  # fmt: skip
NODE_FIELDS = (
    "parent", "code", "label", "position", "points", "method", "applies_to", "criteria",
    "indicator_code", "rule", "floor", "target", "deduction",
)  # fmt: skip


def _lock(scheme: AssessmentScheme) -> AssessmentScheme:
    return (
        AssessmentScheme.objects.select_for_update(of=("self",))
        .select_related("division")
        .get(pk=scheme.pk)
    )


def _require_manager(actor, scheme) -> None:
    if not rules.may_manage(actor, scheme):
        raise NotPermitted()


def _move(scheme: AssessmentScheme, to: str) -> str:
    before = scheme.status
    if to not in TRANSITIONS[S(before)]:
        raise IllegalTransition(
            _("The assessment is “%(state)s” and cannot become “%(to)s”.")
            % {"state": scheme.get_status_display(), "to": S(to).label}
        )
    scheme.status = to
    return before


def _not_finalised(scheme: AssessmentScheme) -> None:
    if scheme.is_finalised:
        raise IllegalTransition(
            _("The assessment of %(year)s is finalised and can no longer be changed.")
            % {"year": scheme.year},
            code="finalised",
        )


def _thresholds_errors(values: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    ex, good, ok = values.get("excellent_from"), values.get("good_from"), values.get("pass_from")
    if ok is not None and ok < 0:
        errors["pass_from"] = [_("The threshold cannot be negative.")]
    if ex is not None and ex > 100:
        errors["excellent_from"] = [_("A threshold is a percentage: at most 100.")]
    if good is not None and ok is not None and good <= ok:
        errors["good_from"] = [_("“Good” must start above “pass”.")]
    if ex is not None and good is not None and ex <= good:
        errors["excellent_from"] = [_("“Excellent” must start above “good”.")]
    total = values.get("total_points")
    if total is not None and total <= 0:
        errors["total_points"] = [_("The total points must be more than 0.")]
    if values.get("assess_townships") is False and values.get("assess_departments") is False:
        errors["assess_departments"] = [_("Assess the townships, the departments or both.")]
    return errors


# ---------------------------------------------------------------------------------------------
# Schemes
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def scheme_create(*, actor, division, year: int, title: str, **settings) -> AssessmentScheme:
    scheme = AssessmentScheme(division=division, year=year, title=title)
    for name, value in settings.items():
        if name not in SCHEME_FIELDS:
            raise TypeError(name)
        setattr(scheme, name, value)
    _require_manager(actor, scheme)
    errors = _thresholds_errors({f: getattr(scheme, f) for f in SCHEME_FIELDS})
    if AssessmentScheme.objects.filter(division=division, year=year).exists():
        errors["year"] = [_("The county already has a scheme for %(year)s.") % {"year": year}]
    if errors:
        raise ValidationError(errors)
    scheme.tree_changed_at = timezone.now()
    scheme.save()
    audit_record(actor=actor, action="assessment_scheme_create", obj=scheme,
                 to_state=scheme.status, detail={"year": year}, division=division)  # fmt: skip
    return scheme


@transaction.atomic
def scheme_update(*, actor, scheme: AssessmentScheme, **changes) -> AssessmentScheme:
    scheme = _lock(scheme)
    _require_manager(actor, scheme)
    _not_finalised(scheme)
    changed = {}
    for name, value in changes.items():
        if name not in SCHEME_FIELDS:
            raise TypeError(name)
        if getattr(scheme, name) != value:
            changed[name] = [str(getattr(scheme, name)), str(value)]
            setattr(scheme, name, value)
    errors = _thresholds_errors({f: getattr(scheme, f) for f in SCHEME_FIELDS})
    if errors:
        raise ValidationError(errors)
    if not changed:
        return scheme
    scheme.tree_changed_at = timezone.now()
    scheme.save()
    audit_record(actor=actor, action="assessment_scheme_update", obj=scheme,
                 detail={"changed": changed}, division=scheme.division)  # fmt: skip
    return scheme


@transaction.atomic
def scheme_copy(*, actor, source: AssessmentScheme, year: int, title: str = "") -> AssessmentScheme:
    """A new scheme for ``year`` with the settings and the whole tree of ``source``."""
    settings = {f: getattr(source, f) for f in SCHEME_FIELDS if f != "title"}
    title = title or source.title.replace(str(source.year), str(year))
    if title == source.title:
        title = f"{year} {source.title}"
    scheme = scheme_create(actor=actor, division=source.division, year=year, title=title,
                           **settings)  # fmt: skip
    scheme.copied_from = source
    scheme.save(update_fields=["copied_from"])
    mapping: dict[int, Node] = {}
    # Parents before children: copy level by level.
    pending = list(source.nodes.order_by("position", "pk"))
    while pending:
        rest = []
        for node in pending:
            if node.parent_id is not None and node.parent_id not in mapping:
                rest.append(node)
                continue
            old = node.pk
            copy = Node(scheme=scheme, parent=mapping.get(node.parent_id),
                        **{f: getattr(node, f) for f in NODE_FIELDS if f != "parent"})  # fmt: skip
            copy.save()
            mapping[old] = copy
        if len(rest) == len(pending):  # a cycle in the source: leave those out
            break
        pending = rest
    audit_record(actor=actor, action="assessment_scheme_copy", obj=scheme,
                 detail={"from": source.pk, "from_year": source.year, "nodes": len(mapping)},
                 division=scheme.division)  # fmt: skip
    return scheme


def scheme_problems(scheme: AssessmentScheme) -> list[str]:
    """What is wrong with the tree (empty when it may be computed)."""
    return scoring.tree_errors(scheme, list(scheme.nodes.all()),
                               registered=registered_indicators())  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------------------------


def _clean_node(node: Node) -> None:
    errors = scoring.node_errors(node, registered=registered_indicators())
    if node.parent_id is not None:
        if node.parent.scheme_id != node.scheme_id:
            errors.setdefault("parent", []).append(_("The category is of another scheme."))
        elif node.parent.method != Method.CATEGORY:
            errors.setdefault("parent", []).append(_("Indicators go under a category, not a leaf."))
        else:
            ancestor = node.parent
            while ancestor is not None:
                if node.pk is not None and ancestor.pk == node.pk:
                    errors.setdefault("parent", []).append(
                        _("A category cannot go under itself or one of its own indicators.")
                    )
                    break
                ancestor = ancestor.parent
    if not node.code:
        errors.setdefault("code", []).append(_("Give the indicator a code."))
    elif Node.objects.filter(scheme=node.scheme_id, code=node.code).exclude(pk=node.pk).exists():
        errors.setdefault("code", []).append(
            _("Another indicator of the scheme has the code “%(code)s”.") % {"code": node.code}
        )
    if not node.label:
        errors.setdefault("label", []).append(_("Give the indicator a name."))
    if node.method != Method.COMPUTED:
        node.indicator_code, node.rule = "", ""
        node.floor = node.target = node.deduction = None
    elif node.rule == "linear":
        node.deduction = None
    elif node.rule == "deduction":
        node.floor = node.target = None
    if node.method == Method.CATEGORY and node.pk and node.scores.exists():
        errors.setdefault("method", []).append(_("The indicator has scores: it cannot become a "
                                                 "category."))  # fmt: skip
    if errors:
        raise ValidationError(errors)


def _touch(scheme: AssessmentScheme) -> None:
    scheme.tree_changed_at = timezone.now()
    scheme.save(update_fields=["tree_changed_at"])


def _node_state(node: Node) -> dict:
    return {f: str(getattr(node, f + "_id" if f == "parent" else f) or "") for f in NODE_FIELDS}


@transaction.atomic
def node_add(*, actor, scheme: AssessmentScheme, **fields) -> Node:
    scheme = _lock(scheme)
    _require_manager(actor, scheme)
    _not_finalised(scheme)
    node = Node(scheme=scheme)
    for name, value in fields.items():
        if name not in NODE_FIELDS:
            raise TypeError(name)
        setattr(node, name, value)
    _clean_node(node)
    node.save()
    _touch(scheme)
    audit_record(actor=actor, action="assessment_node_add", obj=node,
                 detail={"scheme": scheme.pk, **_node_state(node)},
                 division=scheme.division)  # fmt: skip
    return node


@transaction.atomic
def node_update(*, actor, node: Node, **changes) -> Node:
    scheme = _lock(node.scheme)
    _require_manager(actor, scheme)
    _not_finalised(scheme)
    node = Node.objects.select_related("parent").get(pk=node.pk)
    before = _node_state(node)
    for name, value in changes.items():
        if name not in NODE_FIELDS:
            raise TypeError(name)
        setattr(node, name, value)
    _clean_node(node)
    after = _node_state(node)
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changed:
        return node
    node.save()
    if "method" in changed or "applies_to" in changed:
        node.scores.all().delete()  # no longer what was scored
    _touch(scheme)
    audit_record(actor=actor, action="assessment_node_update", obj=node,
                 detail={"changed": changed}, division=scheme.division)  # fmt: skip
    return node


@transaction.atomic
def node_delete(*, actor, node: Node) -> None:
    scheme = _lock(node.scheme)
    _require_manager(actor, scheme)
    _not_finalised(scheme)
    audit_record(actor=actor, action="assessment_node_delete", obj=node,
                 detail={"scheme": scheme.pk, **_node_state(node),
                         "descendants": _count_below(node)},
                 division=scheme.division)  # fmt: skip
    node.delete()
    _touch(scheme)


def _count_below(node: Node) -> int:
    kids = list(node.children.all())
    return len(kids) + sum(_count_below(k) for k in kids)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def _enrol(scheme: AssessmentScheme) -> list[AssessedUnit]:
    """The scheme's units: those already enrolled, plus any new eligible unit. A unit no longer
    eligible (deactivated, or its group no longer assessed) is removed with its scores."""
    candidates = selectors.candidate_units(scheme)
    wanted = {d.pk: group for d, group in candidates}
    existing = {u.department_id: u for u in scheme.units.all()}
    stale = [u.pk for d, u in existing.items() if d not in wanted]
    if stale:
        AssessedUnit.objects.filter(pk__in=stale).delete()
    AssessedUnit.objects.bulk_create(
        [AssessedUnit(scheme=scheme, department_id=d, group=g)
         for d, g in wanted.items() if d not in existing]
    )  # fmt: skip
    return list(scheme.units.select_related("department"))


@transaction.atomic
def assessment_compute(*, actor, scheme: AssessmentScheme) -> dict:
    """Compute every computed leaf for every unit it applies to; returns counts."""
    scheme = _lock(scheme)
    _require_manager(actor, scheme)
    _not_finalised(scheme)
    problems = scheme_problems(scheme)
    if problems:
        raise DomainError(
            _("The indicators cannot be computed: %(problems)s")
            % {"problems": "；".join(problems)},
            code="scheme_invalid",
            problems=problems,
        )
    before = _move(scheme, S.COMPUTED)
    units = _enrol(scheme)
    now = timezone.now()
    computed = [n for n in selectors.leaves(scheme) if n.method == Method.COMPUTED]
    leaves = {n.pk: n for n in selectors.leaves(scheme)}
    # Scores of leaves that no longer apply to the unit's group go.
    Score.objects.filter(unit__scheme=scheme).exclude(node__in=list(leaves)).delete()
    for leaf in leaves.values():
        Score.objects.filter(unit__scheme=scheme, node=leaf).exclude(
            unit__group__in=[g for g in ("township", "department") if leaf.applies_to_group(g)]
        ).delete()
    Score.objects.filter(unit__scheme=scheme, node__in=computed).delete()
    fresh = []
    for leaf in computed:
        ind = indicator(leaf.indicator_code)
        try:
            with transaction.atomic():
                values = ind.compute(scheme.division, scheme.year)
        except Exception as exc:  # another app's code: say which indicator failed
            message = _("The indicator “%(code)s” could not be computed: %(error)s")
            raise DomainError(message % {"code": leaf.indicator_code, "error": exc},
                              code="indicator_failed") from exc  # fmt: skip
        for unit in units:
            if not leaf.applies_to_group(unit.group):
                continue
            value = values.get(unit.department_id)
            if unit.department_id not in values and ind.unit == Unit.COUNT:
                value = 0  # a count leaves out the units with nothing to count
            result = scoring.score_value(
                rule=leaf.rule, max_points=leaf.points, value=value, floor=leaf.floor,
                target=leaf.target, deduction=leaf.deduction,
                higher_is_better=ind.higher_is_better,
            )  # fmt: skip
            fresh.append(Score(unit=unit, node=leaf, value=_decimal(value),
                               points=result.points, note=result.note,
                               computed_at=now))  # fmt: skip
    Score.objects.bulk_create(fresh, batch_size=500)
    scheme.computed_at = now
    scheme.save(update_fields=["status", "computed_at"])
    counts = {"units": len(units), "computed_leaves": len(computed), "scores": len(fresh),
              "unscored": len(selectors.unscored(scheme))}  # fmt: skip
    audit_record(actor=actor, action="assessment_compute", obj=scheme, from_state=before,
                 to_state=scheme.status, detail=counts, division=scheme.division)  # fmt: skip
    return counts


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.0001"))
    except InvalidOperation:
        return None


def _parse_deductions(deductions) -> list[dict]:
    out, errors = [], []
    for i, d in enumerate(deductions or [], start=1):
        reason = str(d.get("reason", "")).strip()
        try:
            points = Decimal(str(d.get("points")))
        except (InvalidOperation, TypeError):
            points = None
        if not reason:
            errors.append(_("Deduction %(n)d: say what it is for.") % {"n": i})
        if points is None or points <= 0:
            errors.append(_("Deduction %(n)d: the points must be more than 0.") % {"n": i})
        if reason and points is not None and points > 0:
            out.append({"reason": reason, "points": str(scoring.quantize(points))})
    if errors:
        raise ValidationError({"deductions": errors})
    return out


@transaction.atomic
def score_record(
    *,
    actor,
    unit: AssessedUnit,
    node: Node,
    points=None,
    deductions=(),
    reasoning: str = "",
    evidence_link: str = "",
    evidence_file=None,
) -> Score:
    """An assessor's score of an assessed leaf for a unit (replacing any earlier one)."""
    scheme = _lock(unit.scheme)
    _require_manager(actor, scheme)
    _not_finalised(scheme)
    if scheme.status != S.COMPUTED:
        raise IllegalTransition(_("Compute the assessment before scoring it."), code="not_computed")
    node = Node.objects.get(pk=node.pk)
    unit = AssessedUnit.objects.select_related("department").get(pk=unit.pk)
    if node.scheme_id != scheme.pk or unit.scheme_id != scheme.pk:
        raise DomainError(_("The indicator and the unit are of different assessments."))
    if node.method != Method.ASSESSED:
        raise DomainError(_("“%(node)s” is computed from records, not scored by hand.")
                          % {"node": node}, code="not_assessed")  # fmt: skip
    if not node.applies_to_group(unit.group):
        message = _("“%(node)s” does not apply to %(unit)s.")
        raise DomainError(message % {"node": node, "unit": unit.department},
                          code="not_applicable")  # fmt: skip
    errors: dict[str, list[str]] = {}
    parsed = []
    try:
        parsed = _parse_deductions(deductions)
    except ValidationError as error:
        errors.update(error.message_dict)
    if points is None and not parsed:
        errors.setdefault("points", []).append(_("Give the points, or list the deductions."))
    if points is not None:
        points = Decimal(str(points))
        if points < 0 or points > node.points:
            errors.setdefault("points", []).append(
                _("The points must be between 0 and %(max)s.") % {"max": scoring._fmt(node.points)}
            )
    if not (reasoning or "").strip():
        errors.setdefault("reasoning", []).append(_("Say why the unit earns these points."))
    if errors:
        raise ValidationError(errors)
    given = scoring.assessed_points(max_points=node.points, points=points, deductions=parsed)
    score, _created = Score.objects.get_or_create(unit=unit, node=node)
    before = "" if score.points is None else str(score.points)
    score.points = given
    score.deductions = parsed
    score.reasoning = reasoning.strip()
    score.evidence_link = evidence_link or ""
    if evidence_file is not None:
        score.evidence_file = evidence_file
    score.assessor = actor
    score.scored_at = timezone.now()
    score.note = ""
    score.save()
    audit_record(actor=actor, action="assessment_score_record", obj=score, from_state=before,
                 to_state=str(given),
                 detail={"scheme": scheme.pk, "unit": unit.department_id, "node": node.code,
                         "deductions": parsed},
                 division=scheme.division)  # fmt: skip
    return score


@transaction.atomic
def assessment_finalise(*, actor, scheme: AssessmentScheme) -> AssessmentScheme:
    """Freeze the run: every assessed leaf scored for every unit, the computation not older
    than the last change of the tree; stores totals, ranks and grades."""
    scheme = _lock(scheme)
    _require_manager(actor, scheme)
    if scheme.status != S.COMPUTED:
        _move(scheme, S.FINALISED)  # raises: a draft (not computed) or already finalised
    if (
        scheme.tree_changed_at
        and scheme.computed_at
        and scheme.tree_changed_at > scheme.computed_at
    ):
        raise DomainError(_("The indicators changed after the last computation: compute again "
                            "before finalising."), code="stale")  # fmt: skip
    missing = selectors.unscored(scheme)
    if missing:
        listed = [f"{u.department.name}：{n.code} {n.label}" for u, n in missing]
        shown = "；".join(listed[:20]) + ("……" if len(listed) > 20 else "")
        raise DomainError(
            _("%(n)d assessed indicator(s) are not scored yet: %(list)s")
            % {"n": len(missing), "list": shown},
            code="unscored",
            missing=listed,
        )
    rows = selectors.ranking(scheme)
    for group_rows in rows.values():
        for row in group_rows:
            row.unit.total, row.unit.max_points = row.total, row.max_points
            row.unit.rank, row.unit.grade = row.rank, row.grade
    AssessedUnit.objects.bulk_update([r.unit for g in rows.values() for r in g],
                                     ["total", "max_points", "rank", "grade"])  # fmt: skip
    before = _move(scheme, S.FINALISED)
    scheme.finalised_at = timezone.now()
    scheme.finalised_by = actor
    scheme.save(update_fields=["status", "finalised_at", "finalised_by"])
    audit_record(actor=actor, action="assessment_finalise", obj=scheme, from_state=before,
                 to_state=scheme.status,
                 detail={g: len(r) for g, r in rows.items()}, division=scheme.division)  # fmt: skip
    return scheme
