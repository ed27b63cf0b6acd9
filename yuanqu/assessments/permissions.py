"""Who may see and change assessments, facts and the cultivation pool (pure predicates)."""

from yuanqu.accounts.permissions import (
    in_park,
    is_district,
    is_enterprise_user,
    is_grid_worker,
    is_office,
    is_park_admin,
    is_staff_member,
)
from yuanqu.enterprises import permissions as firm_rules
from yuanqu.enterprises.permissions import member_enterprise_id


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


# Cultivation -----------------------------------------------------------------------------------
# The park office (administrators, department staff) runs the pool: plans, actions, recognitions, in its
# own park; the district in every park. A grid worker is the firms' first contact: it sees the pool and
# the plans of its own grid's firms (and of plans it is the officer of) and keeps them moving — action
# status and progress notes — but does not open, reassign or close plans. A firm reads its own plans
# (what it is missing and what the park will do), read-only. Service institutions see none of it.



def can_see_pool(user) -> bool:
    """The candidate lists: the park office, grid workers (their grid's firms) and the district."""
    return is_office(user)


def can_manage_cultivation(user, park_id) -> bool:
    """Open, edit and close plans and record recognitions in a park."""
    return is_staff_member(user) and park_id is not None and in_park(user, park_id)


def can_open_plans(user) -> bool:
    """Offered the buttons that open plans and record recognitions (each firm is checked again)."""
    return is_staff_member(user)


def can_create_plan(user, enterprise) -> bool:
    return can_manage_cultivation(user, enterprise.park_id)


def can_manage_plan(user, plan) -> bool:
    return can_manage_cultivation(user, plan.park_id)


def can_view_plan(user, plan) -> bool:
    """The office of the plan's park, the grid worker of the firm's grid, the plan's officer, the firm."""
    if not user.is_authenticated or not in_park(user, plan.park_id):
        return False
    if can_manage_plan(user, plan) or plan.officer_id == user.pk:
        return True
    if is_grid_worker(user):
        return user.grid_id is not None and plan.enterprise.grid_id == user.grid_id
    return is_enterprise_user(user) and member_enterprise_id(user) == plan.enterprise_id


def can_work_on_plan(user, plan) -> bool:
    """Update action status and add progress notes: the office, the officer, the firm's grid worker."""
    return is_office(user) and can_view_plan(user, plan)


def can_record_recognition(user, enterprise) -> bool:
    return can_manage_cultivation(user, enterprise.park_id)


def can_see_plans(user) -> bool:
    """The plan list: the office, and firms (their own plans)."""
    return is_office(user) or is_enterprise_user(user)
