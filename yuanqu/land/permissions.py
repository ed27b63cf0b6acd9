"""Who may see and change plots, disposal plans and land needs (pure predicates)."""

from yuanqu.accounts.permissions import is_office


def can_see_land(user) -> bool:
    """The park office, grid workers and the district see the park's land."""
    return is_office(user)
