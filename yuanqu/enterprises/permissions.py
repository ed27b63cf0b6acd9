"""Who may see or change a firm record (pure predicates on user and enterprise)."""

from yuanqu.accounts.permissions import (
    in_park,
    is_district,
    is_enterprise_user,
    is_grid_worker,
    is_institution_user,
    is_park_admin,
    is_staff_member,
)

# Fields only the park office may change; an enterprise user edits the rest of their own record.
OFFICE_FIELDS = {"park", "credit_code", "grid", "grid_worker", "status", "zone"}


def member_enterprise_id(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.enterprise_id if membership else None


def can_view(user, ent) -> bool:
    if not in_park(user, ent.park_id):
        return False
    if is_staff_member(user):
        return True
    if is_grid_worker(user):
        return user.grid_id is not None and ent.grid_id == user.grid_id
    if is_enterprise_user(user):
        return member_enterprise_id(user) == ent.pk
    return False


def can_edit(user, ent) -> bool:
    """Staff, the grid worker of the firm's grid and the firm's own users may edit it."""
    return can_view(user, ent) and not is_institution_user(user)


def can_edit_office_fields(user) -> bool:
    return is_staff_member(user)


def can_edit_field(user, name: str) -> bool:
    """Whether `user` may change the registry field `name` (a form field or an `x_id` attribute).

    The one office-fields rule: the firm form leaves out what this refuses, and the update service
    refuses a change to it from any caller."""
    return name.removesuffix("_id") not in OFFICE_FIELDS or can_edit_office_fields(user)


def forbidden_changes(user, ent, data: dict) -> list[str]:
    """The fields of `data` that would change `ent` although `user` may not change them."""
    return sorted(key for key, value in data.items()
                  if not can_edit_field(user, key) and getattr(ent, key, None) != value)


def can_edit_child(user, ent, model) -> bool:
    """Qualifications are recognitions the office records; products, needs and contacts are the
    firm's own to keep."""
    if model._meta.model_name == "qualification":
        return can_edit(user, ent) and can_edit_office_fields(user)
    return can_edit(user, ent)


def can_create(user) -> bool:
    return is_staff_member(user)


def can_create_in(user, park) -> bool:
    return can_create(user) and park is not None and in_park(user, park.pk)


def can_delete(user, ent) -> bool:
    return is_park_admin(user) and in_park(user, ent.park_id)


def can_import(user) -> bool:
    """Imports land in the user's own park, so the district (no park) has none to offer."""
    return is_staff_member(user) and user.park_id is not None


def can_see_list(user) -> bool:
    return is_district(user) or is_staff_member(user) or is_grid_worker(user) or is_enterprise_user(user)
