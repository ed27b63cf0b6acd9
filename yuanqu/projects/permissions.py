"""Who may see and change key projects, their tracking and the dispatch meetings (pure predicates)."""

from yuanqu.accounts.permissions import is_office


def can_see_projects(user) -> bool:
    """The park office, grid workers and the district follow the key projects."""
    return is_office(user)
