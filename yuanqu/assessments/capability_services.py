"""Write side of the indicator system: indicators, weights (by hand, AHP, entropy) and settings.

Every verb checks `can_configure_capability`, locks the system row, validates the whole system
(formulas, a weight sum of 1 per level, grade shares), bumps its version and writes an audit row.
`park` None means the default system (district administrators); a park administrator's first change
copies the default into the park.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yuanqu.core.audit import record
from yuanqu.core.models import AuditAction

from .capability.ahp import AhpError, ahp_weights
from .capability.defaults import default_spec
from .capability.entropy import EntropyError, entropy_weights
from .capability.spec import (
    DIMENSION_LEVEL,
    DIMENSIONS,
    PER_MU_LEVEL,
    PER_MU_METRICS,
    level_label,
    system_errors,
)
from .capability_queries import load_inputs, park_scores, to_spec
from .models_capability import CapabilityIndicator, Direction, IndicatorSystem, WeightMethod
from .permissions import can_configure_capability

INDICATOR_FIELDS = ("code", "name", "dimension", "formula", "direction", "unit")
SETTINGS_FIELDS = ("name", "normalisation", "peer_min_size", "per_mu_weights", "grade_shares")


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _locked(park) -> IndicatorSystem | None:
    qs = IndicatorSystem.objects.select_for_update()
    return (qs.filter(park=park) if park is not None else qs.filter(is_default=True)).first()


def _create_from(source: IndicatorSystem | None, park) -> IndicatorSystem:
    """A stored copy of `source` (or of the built-in default) for `park` (None: the default)."""
    spec = default_spec() if source is None else to_spec(source)
    system = IndicatorSystem(
        park=park, is_default=park is None,
        name=spec.name if park is None else f"{park.name}六大能力评价体系",
        version=(source.version + 1) if source else 1, normalisation=spec.normalisation,
        peer_min_size=spec.peer_min_size, dimension_weights=spec.dimension_weights,
        per_mu_weights=spec.per_mu_weights, grade_shares=spec.grade_shares,
        weight_methods=dict(source.weight_methods) if source else {},
        ahp_matrices=dict(source.ahp_matrices) if source else {})
    system.full_clean()
    system.save()
    CapabilityIndicator.objects.bulk_create(
        CapabilityIndicator(system=system, code=i.code, name=i.name, dimension=i.dimension, formula=i.formula,
                            direction=Direction.HIGHER if i.higher_is_better else Direction.LOWER,
                            weight=round(i.weight, 4), unit=i.unit, order=n)
        for n, i in enumerate(spec.indicators))
    return system


def system_for_edit(park, *, actor) -> IndicatorSystem:
    """The system `actor` changes for `park`, locked; the park's copy of the default made on first use."""
    _require(can_configure_capability(actor, park))
    system = _locked(park)
    if system is None:
        system = _create_from(_locked(None) if park is not None else None, park)
        record(actor, AuditAction.CREATE, system, entity="capability_system",
               note=_("Copied from the default indicator system."))
    return system


def _finish(system, actor, changes, note=""):
    """Check the whole system, bump its version, save and audit."""
    errors = system_errors(to_spec(system))  # the indicators are read afresh (nothing prefetched)
    if errors:
        raise ValidationError(errors)
    system.version += 1
    system.full_clean()
    system.save(update_fields=["version", "name", "normalisation", "peer_min_size", "dimension_weights",
                               "per_mu_weights", "grade_shares", "weight_methods", "ahp_matrices",
                               "updated_at"])
    record(actor, AuditAction.UPDATE, system, entity="capability_system", changes=changes, note=note)
    return system


def _equalise(system, dimension):
    """Equal weights within `dimension` after an indicator came or went (the page says so)."""
    members = list(system.indicators.filter(dimension=dimension).order_by("order", "id"))
    share = round(1 / len(members), 4)
    for ind in members:
        ind.weight = share
    members[0].weight = round(1 - share * (len(members) - 1), 4)  # the rounding rest, so they sum to 1
    CapabilityIndicator.objects.bulk_update(members, ["weight"])
    system.weight_methods[dimension] = WeightMethod.EQUAL
    system.ahp_matrices.pop(dimension, None)


def _checked_fields(fields):
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields {sorted(unknown)}")


@transaction.atomic
def add_indicator(park, *, actor, code, **fields) -> CapabilityIndicator:
    """A new indicator; the weights of its dimension become equal (set them again afterwards)."""
    _checked_fields(fields)
    system = system_for_edit(park, actor=actor)
    indicator = CapabilityIndicator(system=system, code=code, weight=0, order=system.indicators.count(),
                                    **fields)
    indicator.full_clean()
    indicator.save()
    _equalise(system, indicator.dimension)
    after = {f: getattr(indicator, f) for f in INDICATOR_FIELDS}
    _finish(system, actor, {f"indicator:{code}": [None, after]})
    return indicator


@transaction.atomic
def change_indicator(park, code, *, actor, **fields) -> CapabilityIndicator:
    """Change an indicator's name, formula, direction, unit or dimension (a move equalises both)."""
    _checked_fields(fields)
    fields.pop("code", None)
    system = system_for_edit(park, actor=actor)
    indicator = _indicator(system, code)
    before = {f: getattr(indicator, f) for f in fields}
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save(update_fields=list(fields) or None)
    if before.get("dimension", indicator.dimension) != indicator.dimension:
        _equalise(system, before["dimension"])
        _equalise(system, indicator.dimension)
    changes = {f"{code}.{k}": [v, getattr(indicator, k)] for k, v in before.items() if v != getattr(indicator,
                                                                                                    k)}
    _finish(system, actor, changes)
    return indicator


def _indicator(system, code) -> CapabilityIndicator:
    try:
        return system.indicators.get(code=code)
    except CapabilityIndicator.DoesNotExist:
        raise ValidationError({"code": _("No indicator with the code %(code)s.") % {"code": code}}) from None


@transaction.atomic
def delete_indicator(park, code, *, actor):
    """Remove an indicator (not the last of its dimension); the dimension's weights become equal."""
    system = system_for_edit(park, actor=actor)
    indicator = _indicator(system, code)
    if system.indicators.filter(dimension=indicator.dimension).count() <= 1:
        raise ValidationError({"code": _("%(name)s is the last indicator of its dimension; add another "
                                         "before removing it.") % {"name": indicator.name}})
    indicator.delete()
    _equalise(system, indicator.dimension)
    _finish(system, actor, {"indicator": [code, None]})


def level_items(system, level) -> list[str]:
    """The codes weighed together at `level`: the six dimensions, a dimension's indicators, per-mu metrics."""
    if level == DIMENSION_LEVEL:
        return list(DIMENSIONS)
    if level == PER_MU_LEVEL:
        return list(PER_MU_METRICS)
    if level in DIMENSIONS:
        return list(system.indicators.filter(dimension=level).order_by("order", "id").values_list("code",
                                                                                                  flat=True))
    raise ValidationError({"level": _("Unknown weight level %(level)s.") % {"level": level}})


@transaction.atomic
def set_weights(park, level, weights: dict, *, actor, method=WeightMethod.MANUAL,
                ahp=None) -> IndicatorSystem:
    """Weights of one level (must name each item once and sum to 1 within 0.001)."""
    system = system_for_edit(park, actor=actor)
    items = level_items(system, level)
    if set(weights) != set(items):
        raise ValidationError({"weights": _("Give a weight for each of %(level)s: %(items)s.") % {
            "level": level_label(level), "items": "、".join(items)}})
    clean = {k: round(float(weights[k]), 4) for k in items}
    before = _level_weights(system, level)
    _store_weights(system, level, clean)
    system.weight_methods[level] = method
    if ahp is not None:
        system.ahp_matrices[level] = ahp
    else:
        system.ahp_matrices.pop(level, None)
    _finish(system, actor, {f"weights:{level}": [before, clean]}, note=str(WeightMethod(method).label))
    return system


def _level_weights(system, level) -> dict:
    if level == DIMENSION_LEVEL:
        return dict(system.dimension_weights)
    if level == PER_MU_LEVEL:
        return dict(system.per_mu_weights)
    return {i.code: float(i.weight) for i in system.indicators.filter(dimension=level)}


def _store_weights(system, level, weights):
    if level == DIMENSION_LEVEL:
        system.dimension_weights = weights
    elif level == PER_MU_LEVEL:
        system.per_mu_weights = weights
    else:
        members = list(system.indicators.filter(dimension=level))
        for ind in members:
            ind.weight = weights[ind.code]
        CapabilityIndicator.objects.bulk_update(members, ["weight"])


def apply_ahp(park, level, matrix, *, actor):
    """Weights of `level` from an AHP matrix (rows in the order of `level_items`); 422 when CR ≥ 0.1."""
    with transaction.atomic():
        items = level_items(system_for_edit(park, actor=actor), level)
        if len(matrix or []) != len(items):
            raise ValidationError({"matrix": _("The matrix needs %(n)d rows, one per item of %(level)s.") % {
                "n": len(items), "level": level_label(level)}})
        result = ahp_result(matrix)
        ahp = {"items": items, "matrix": [[str(v) for v in row] for row in matrix], "cr": round(result.cr, 4),
               "lambda_max": round(result.lambda_max, 4)}
        system = set_weights(park, level, dict(zip(items, result.weights, strict=True)), actor=actor,
                             method=WeightMethod.AHP, ahp=ahp)
    return system, result


def ahp_result(matrix):
    """ahp_weights with its errors as a ValidationError on `matrix` (the CR in the message)."""
    try:
        return ahp_weights(matrix)
    except AhpError as exc:
        raise ValidationError({"matrix": str(exc)}) from None


def apply_entropy(park, level, year, *, actor):
    """Weights of `level` by the entropy method over the park's firms' values for `year`."""
    if park is None:
        raise ValidationError({"level": _("The entropy method needs a park's figures; choose a park.")})
    with transaction.atomic():
        system = system_for_edit(park, actor=actor)
        items = level_items(system, level)
        rows, directions = _entropy_rows(system, park, level, year, items)
        try:
            result = entropy_weights(rows, directions)
        except EntropyError as exc:
            raise ValidationError({"year": str(exc)}) from None
        system = set_weights(park, level, dict(zip(items, result.weights, strict=True)), actor=actor,
                             method=WeightMethod.ENTROPY)
    return system, result


def _entropy_rows(system, park, level, year, items):
    from .capability.per_mu import metrics

    spec = to_spec(system)
    firms = load_inputs(park, [year])[year]
    if level == PER_MU_LEVEL:
        return [[metrics(f.current, f.previous)[0][k] for k in items] for f in firms], [True] * len(items)
    scores = park_scores(park, year, spec=spec, inputs=firms)
    if level == DIMENSION_LEVEL:
        return [[f.dimension(d).score for d in items] for f in scores.firms.values()], [True] * len(items)
    position = {i.code: k for k, i in enumerate(spec.indicators)}
    rows = [[f.values[position[c]] for c in items] for f in scores.firms.values()]
    return rows, [spec.indicators[position[c]].higher_is_better for c in items]


@transaction.atomic
def update_settings(park, *, actor, **fields) -> IndicatorSystem:
    """Name, normalisation, smallest peer group, per-mu weights and grade shares."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields {sorted(unknown)}")
    system = system_for_edit(park, actor=actor)
    before = {k: getattr(system, k) for k in fields}
    for name, value in fields.items():
        setattr(system, name, value)
    if "per_mu_weights" in fields and fields["per_mu_weights"] != before["per_mu_weights"]:
        system.weight_methods[PER_MU_LEVEL] = WeightMethod.MANUAL
    changes = {k: [before[k], v] for k, v in fields.items() if before[k] != v}
    return _finish(system, actor, changes)


def _weight(value):
    """A weight kept to 4 decimals, as stored (the sum check allows 0.001)."""
    try:
        return Decimal(str(round(float(value), 4)))
    except (TypeError, ValueError):
        return value  # full_clean names the field


@transaction.atomic
def replace_system(park, *, actor, indicators: list[dict], dimension_weights: dict,
                   **settings) -> IndicatorSystem:
    """The whole system at once (the API's PUT): indicators with weights, dimension weights, settings."""
    system = system_for_edit(park, actor=actor)
    system.indicators.all().delete()
    rows = [CapabilityIndicator(system=system, order=n, **{**item, "weight": _weight(item.get("weight"))})
            for n, item in enumerate(indicators)]
    errors = {}
    for n, row in enumerate(rows):
        try:
            row.full_clean(validate_constraints=False)
        except ValidationError as exc:
            errors.update({f"indicators.{n}.{k}": v for k, v in exc.message_dict.items()})
    codes = [r.code for r in rows]
    if len(set(codes)) != len(codes):
        errors["indicators"] = [_("Each indicator code may appear only once.")]
    if errors:
        raise ValidationError(errors)
    CapabilityIndicator.objects.bulk_create(rows)
    system.dimension_weights = {k: float(v) for k, v in dimension_weights.items()}
    for name, value in settings.items():
        setattr(system, name, value)
    system.weight_methods = {level: WeightMethod.MANUAL for level in [DIMENSION_LEVEL, *DIMENSIONS]}
    system.ahp_matrices = {}
    return _finish(system, actor, {"replaced": [None, len(rows)]}, note=_("Replaced through the API."))


def flag_land(park, year: int, *, actor=None, today=None):
    """Refresh the land module's low-efficiency flags with this year's per-亩 grades: a firm graded
    D has its plots flagged even when it meets the tax and revenue thresholds. The land service
    checks the actor and audits every changed flag."""
    from yuanqu.land.services import flag_low_efficiency

    from .capability_queries import per_mu_results

    results = per_mu_results(park, year)
    count = sum(1 for r in results.values() if r.grade)
    grades = {
        r.enterprise_id: _("Per-mu evaluation %(year)s: grade %(grade)s, rank %(rank)s of %(count)s")
        % {"year": year, "grade": r.grade, "rank": r.rank, "count": count}
        for r in results.values() if r.low_efficiency
    }
    return flag_low_efficiency(park, year, actor=actor, today=today, grades=grades)
