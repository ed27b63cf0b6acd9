"""Read side: a user's own notifications; anyone else's answer 404 like missing ones."""

from django.http import Http404

from .models import Notification
from .permissions import can_mark_read


def list_for_user(user):
    """The user's notifications, newest first."""
    return Notification.objects.filter(user_id=user.pk)


def unread_count(user) -> int:
    """How many of the user's notifications are unread (one indexed query)."""
    return Notification.objects.filter(user_id=user.pk, read_at=None).count()


def get_notification_for_user(user, pk):
    """One of the user's own notifications; another user's and a missing one both raise Http404."""
    notification = Notification.objects.filter(pk=pk).first()
    if notification is None or not can_mark_read(user, notification):
        raise Http404
    return notification
