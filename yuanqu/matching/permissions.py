"""Who may see and change resources and the thesaurus, and act on matching results (pure predicates)."""

from yuanqu.accounts.permissions import (
    in_park,
    is_enterprise_user,
    is_grid_worker,
    is_institution_user,
    is_office,
    is_park_admin,
    is_staff_member,
)
from yuanqu.demands import permissions as demand_permissions
from yuanqu.enterprises import permissions as firm_permissions
from yuanqu.enterprises.permissions import member_enterprise_id

from .models import Kind

# What a firm may be offered; needs are a firm's own business (only the park office and the service
# institutions that could serve them read other firms' needs).
OFFER_KINDS = (Kind.PRODUCT, Kind.CAPABILITY, Kind.SERVICE, Kind.POLICY, Kind.TECHNOLOGY)


def is_mirrored(resource) -> bool:
    """A firm's product, capability or need copied from the registry: edited there, not here."""
    return bool(resource.offering_id or resource.need_id)


def sees_all_kinds(user) -> bool:
    """Park office, grid workers and institutions see every kind of their park, needs included."""
    return is_staff_member(user) or is_grid_worker(user) or is_institution_user(user)


def sees_offers_only(user) -> bool:
    return is_enterprise_user(user)


def can_see_resources(user) -> bool:
    """An enterprise user not bound to a firm yet has no firm to match for."""
    return sees_all_kinds(user) or (sees_offers_only(user) and member_enterprise_id(user) is not None)


def sees_retired(user) -> bool:
    """Those who may restore a retired resource also see it in lists."""
    return is_staff_member(user)


def can_create_resource(user, park) -> bool:
    """Park office in its park(s); an institution user (its services) in its own park."""
    if park is None or not in_park(user, park.pk):
        return False
    return is_staff_member(user) or (is_institution_user(user) and user.institution_id is not None)


def creatable_kinds(user) -> list[str]:
    """Kinds a user may create here: institutions offer services; firms use the registry."""
    if is_staff_member(user):
        return list(Kind.values)
    if is_institution_user(user):
        return [Kind.SERVICE]
    return []


def is_institution_manager(user) -> bool:
    """An institution user, whose resources are its institution's services (set automatically)."""
    return is_institution_user(user)


def can_manage_resource(user, resource) -> bool:
    """Staff manage any resource of their park(s); an institution user its own institution's services;
    registry copies are changed in the registry."""
    if is_mirrored(resource) or not in_park(user, resource.park_id):
        return False
    if is_staff_member(user):
        return True
    return bool(is_institution_user(user) and resource.kind == Kind.SERVICE
                and resource.institution_id and resource.institution_id == user.institution_id)


def can_manage_thesaurus(user) -> bool:
    """Park administrators (their park's lines) and district administrators (every park's)."""
    return is_park_admin(user)


def can_delete_synonym_line(user, line) -> bool:
    if not can_manage_thesaurus(user):
        return False
    return user.is_district or (line.park_id is not None and line.park_id == user.park_id)


def can_import_resources(user, park) -> bool:
    return is_staff_member(user) and park is not None and in_park(user, park.pk)


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
