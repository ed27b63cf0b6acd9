"""Write side: queue notifications about any record after commit, mark them read."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from yuanqu.core.audit import record
from yuanqu.core.models import AuditAction

from .models import Notification
from .permissions import can_mark_read
from .tasks import send_notification_mail


def notify(users, subject, text):
    """Queue `text` about `subject` to each active user (deduplicated) for after the current commit."""
    recipients = sorted({u.pk for u in users if u is not None and u.is_active})
    if recipients:
        # robust: the change being reported has committed; a failed notice must not turn it into a 500.
        transaction.on_commit(partial(_deliver, recipients, _subject_fields(subject), str(text)[:255]),
                              robust=True)


def _subject_fields(subject) -> dict:
    """The subject's type, id, title and link as they are now (the list shows them without a join)."""
    if subject is None:
        return {}
    url = subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else ""
    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk,
            "subject_title": str(subject)[:255], "url": url[:500]}


def _deliver(user_ids, fields, text):
    """Create the rows, then hand the mail to a background task so no request waits for SMTP."""
    rows = Notification.objects.bulk_create(
        [Notification(user_id=pk, text=text, **fields) for pk in user_ids])
    send_notification_mail.enqueue([n.pk for n in rows])


@transaction.atomic
def mark_read(notification, *, actor):
    """Mark one of the actor's own notifications read; anyone else's answers 404."""
    if not can_mark_read(actor, notification):
        raise Http404
    now = timezone.now()
    # Conditional UPDATE: a second click (or tab) changes nothing and writes no second audit row.
    if Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=now):
        notification.read_at = now
        record(actor, AuditAction.UPDATE, notification, changes={"read_at": [None, now.isoformat()]})
    return notification


@transaction.atomic
def mark_all_read(user) -> int:
    """Mark every unread notification of `user` read; returns how many changed."""
    count = Notification.objects.filter(user_id=user.pk, read_at=None).update(read_at=timezone.now())
    if count:
        record(user, AuditAction.UPDATE, user, entity="notifications", note=f"read {count}")
    return count
