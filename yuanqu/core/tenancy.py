"""Tenancy: which parks' rows a user may see (in the spirit of NetBox's restricted querysets).

Every read of a park-owned model starts here; apps then narrow it by role in their own queries.
A district administrator sees every park of the deployment, everyone else only their own park,
an anonymous user or a user without a park nothing.
"""

from django.db import models


def restrict_to_parks(qs, user, *, via: str = "park"):
    """`qs` limited to the parks `user` may see; `via` is the lookup path to the park."""
    if user is None or not user.is_authenticated:
        return qs.none()
    if user.is_district:
        return qs
    if user.park_id is None:
        return qs.none()
    return qs.filter(**{f"{via}_id" if "__" not in via else f"{via}__id": user.park_id})


class ParkScopedQuerySet(models.QuerySet):
    """A queryset whose model belongs to a park (directly or through `park_path`)."""

    park_path = "park"

    def in_parks_of(self, user):
        """The rows of the parks `user` may see."""
        return restrict_to_parks(self, user, via=getattr(self.model, "park_path", self.park_path))
