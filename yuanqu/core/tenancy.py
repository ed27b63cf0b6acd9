"""Tenancy: which parks' rows a user may see (in the spirit of NetBox's restricted querysets).

Every read of a park-owned model starts here; apps then narrow it by role in their own queries.
A district administrator sees every park of the deployment, everyone else only their own park,
an anonymous user or a user without a park nothing.
"""


def restrict_to_parks(qs, user, *, via: str = "park"):
    """`qs` limited to the parks `user` may see; `via` is the lookup path to the park."""
    if user is None or not user.is_authenticated:
        return qs.none()
    if user.is_district:
        return qs
    if user.park_id is None:
        return qs.none()
    return qs.filter(**{via: user.park_id})

