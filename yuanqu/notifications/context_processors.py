"""The navigation's unread badge."""

from django.utils.functional import SimpleLazyObject

from .queries import unread_count


def unread_notifications(request):
    """Unread count for the nav: lazy, so one query on pages that show it and none elsewhere."""
    user = getattr(request, "user", None)

    def count():
        return unread_count(user) if user is not None and user.is_authenticated else 0

    return {"unread_notifications": SimpleLazyObject(count)}
