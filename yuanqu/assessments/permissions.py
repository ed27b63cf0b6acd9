"""Who may see and change assessments, facts and the cultivation pool (pure predicates)."""

from yuanqu.accounts.permissions import is_office


def can_see_assessments(user) -> bool:
    """The park office, grid workers and the district read assessments (firms see their own, per page)."""
    return is_office(user)


# Capability

def can_see_capability_ranking(user) -> bool:
    """The park ranking and the per-mu grades: office roles of the park(s) they work for."""
    from yuanqu.accounts.permissions import is_office

    return is_office(user)


def can_see_firm_assessment(user, enterprise) -> bool:
    """Office roles for their park(s); a firm user for its own firm only."""
    from yuanqu.accounts.permissions import in_park, is_enterprise_user, is_office
    from yuanqu.enterprises.permissions import member_enterprise_id

    if not user.is_authenticated or not in_park(user, enterprise.park_id):
        return False
    return is_office(user) or (is_enterprise_user(user) and member_enterprise_id(user) == enterprise.pk)


def can_configure_capability(user, park=None) -> bool:
    """Park administrators their park's system; district administrators the default (park None) and
    any park's."""
    from yuanqu.accounts.permissions import in_park, is_district, is_park_admin

    if park is None:
        return is_district(user)
    return is_park_admin(user) and in_park(user, park.pk)


def can_see_capability_config(user) -> bool:
    from yuanqu.accounts.permissions import is_park_admin

    return is_park_admin(user)
