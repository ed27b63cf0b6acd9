"""Who may see and act on matching results (pure predicates)."""

from yuanqu.accounts.permissions import (
    in_park,
    is_enterprise_user,
    is_institution_user,
    is_office,
    is_staff_member,
)
from yuanqu.demands import permissions as demand_permissions
from yuanqu.enterprises import permissions as firm_permissions

# panels and introductions

# A firm reading its own demand is pointed at help the park offers, never at other firms' goods.
FIRM_PANEL_KINDS = ("service", "policy", "technology")
SUPPLY_KINDS = ("product", "capability", "service", "technology")


def can_see_suggestions(user, demand) -> bool:
    """The office people who may see the demand, and the firm itself on its own demand."""
    if not demand_permissions.can_view(user, demand):
        return False
    return is_office(user) or (
        is_enterprise_user(user) and firm_permissions.member_enterprise_id(user) == demand.enterprise_id)


def suggestion_kinds(user) -> tuple[str, ...]:
    """The resource kinds a demand's panel may show `user` (empty: every kind)."""
    return () if is_office(user) else FIRM_PANEL_KINDS


def can_judge_suggestions(user, demand) -> bool:
    """Staff, grid workers and the district accept or reject suggestions (training data)."""
    return is_office(user) and demand_permissions.can_view(user, demand)


def can_introduce(user, seeker) -> bool:
    """The office may introduce a firm it may see to a resource's owner."""
    return is_office(user) and firm_permissions.can_view(user, seeker)


def can_manage_introductions(user) -> bool:
    """Staff and the district keep the record of introductions (list filters, the form)."""
    return is_staff_member(user)


def can_record_outcome(user, introduction) -> bool:
    """The park office of the introduction's park, or whoever made it."""
    if not user.is_authenticated:
        return False
    if is_staff_member(user) and in_park(user, introduction.park_id):
        return True
    return is_office(user) and introduction.introduced_by_id == user.pk


def can_see_introductions(user) -> bool:
    return is_office(user) or is_enterprise_user(user)


def can_see_buyers(user, enterprise) -> bool:
    """Likely buyers are other firms' needs: only the office sees them (a firm user never sees
    another firm's needs, not even counted)."""
    return is_office(user) and firm_permissions.can_view(user, enterprise)


def can_see_suppliers(user, enterprise) -> bool:
    """Suppliers for a firm's needs: the office, and the firm on its own profile."""
    return firm_permissions.can_view(user, enterprise) and (is_office(user) or is_enterprise_user(user))


def can_see_match_report(user) -> bool:
    return is_staff_member(user)


def sees_servable_needs(user) -> bool:
    """A service institution's workbench lists the needs and demands its services can serve."""
    return is_institution_user(user) and user.institution_id is not None


def sees_suggestion_panels(user) -> bool:
    """Who is offered the panels on demand and firm pages (each panel checks its record again)."""
    return is_office(user) or is_enterprise_user(user)
