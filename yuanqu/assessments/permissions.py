"""Who may see and change assessments, facts and the cultivation pool (pure predicates)."""

from yuanqu.accounts.permissions import is_office
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
