"""Pick the lead department, co-handling units and first responder for a demand."""

from dataclasses import dataclass, field

from yuanqu.accounts.models import Department

from .models import RoutingRule


@dataclass
class Route:
    department: object | None
    handler: object | None
    co_departments: list = field(default_factory=list)


def _score(rule, demand):
    """A rule applies when each of its conditions matches; more conditions = more specific."""
    if rule.subtype_id and rule.subtype_id != demand.subtype_id:
        return -1
    if rule.grid_id and rule.grid_id != demand.enterprise.grid_id:
        return -1
    return bool(rule.subtype_id) * 2 + bool(rule.grid_id)


def best_rule(demand):
    rules = RoutingRule.objects.filter(category_id=demand.category_id).prefetch_related("co_departments")
    ranked = sorted(((_score(r, demand), r.pk, r) for r in rules), key=lambda t: (-t[0], t[1]))
    return next((r for score, _pk, r in ranked if score >= 0), None)


def park_office(park_id):
    return Department.objects.filter(park_id=park_id, is_office=True).first()


def route_for(demand) -> Route:
    """Rule → sub-type default → category default → the park office; the grid worker responds first."""
    handler = demand.enterprise.grid_worker
    if demand.category_id is None:
        return Route(park_office(demand.park_id), handler)
    rule = best_rule(demand)
    if rule is not None:
        return Route(rule.department, handler, list(rule.co_departments.all()))
    department = (demand.subtype.department if demand.subtype_id else None) or demand.category.department
    return Route(department or park_office(demand.park_id), handler)
