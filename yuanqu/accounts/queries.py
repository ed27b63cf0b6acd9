"""Read side for people: who holds a role in a park."""

from .models import Role, User


def grid_workers(park):
    """Active and inactive grid workers of `park` (the firm form's choice of first responder)."""
    return User.objects.filter(park=park, role=Role.GRID_WORKER)


def park_admins(park_id):
    """The active park administrators of a park (who triage its demands)."""
    return User.objects.filter(park_id=park_id, role=Role.PARK_ADMIN, is_active=True)
