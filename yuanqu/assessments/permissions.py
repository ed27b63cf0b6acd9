"""Who may see and change assessments, facts and the cultivation pool (pure predicates)."""

from yuanqu.accounts.permissions import in_park, is_district, is_office, is_park_admin
from yuanqu.enterprises import permissions as firm_rules


def can_see_assessments(user) -> bool:
    """The park office, grid workers and the district read assessments (firms see their own, per page)."""
    return is_office(user)


# tiers ------------------------------------------------------------------------------------------
def can_see_tier_results(user, ent) -> bool:
    """Whoever may see the firm record sees its tier results (a firm user only its own firm)."""
    return firm_rules.can_view(user, ent)


def can_edit_facts(user, ent) -> bool:
    """The facts are kept like the annual indicators: the office, the firm's grid worker, the firm."""
    return firm_rules.can_edit(user, ent)


# Capability -------------------------------------------------------------------------------------
def can_see_capability_ranking(user) -> bool:
    """The park ranking and the per-mu grades: office roles of the park(s) they work for."""
    return is_office(user)


def can_see_firm_assessment(user, enterprise) -> bool:
    """The same rule as the firm record: office roles for their park(s), a firm user its own firm only."""
    return firm_rules.can_view(user, enterprise)


def can_configure_capability(user, park=None) -> bool:
    """Park administrators their park's system; district administrators the default (park None) and
    any park's."""
    if park is None:
        return is_district(user)
    return is_park_admin(user) and in_park(user, park.pk)


def can_see_capability_config(user) -> bool:
    return is_park_admin(user)
