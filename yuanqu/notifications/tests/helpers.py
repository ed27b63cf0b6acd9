"""Notification test fixtures: a persona park whose users have mail addresses."""

from yuanqu.core.testing.personas import make_park


def mail_park(code="n"):
    """make_park, with addresses for the admin and the grid worker (not the staff member)."""
    p = make_park(code)
    for user in (p.admin, p.grid_worker):
        user.email = f"{user.username}@example.com"
        user.save(update_fields=["email"])
    return p
