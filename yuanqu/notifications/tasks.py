"""Background work: notification mail, enqueued after the rows have committed."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django_tasks import task

from .models import Notification


@task()
def send_notification_mail(notification_ids) -> int:
    """Mail each notification to its recipient (active users with an address); returns how many."""
    rows = (Notification.objects.filter(pk__in=notification_ids, user__is_active=True)
            .exclude(user__email="").select_related("user").order_by("pk"))
    mails = [_mail(n) for n in rows]
    if mails:
        # Not silent: a failed send marks the task failed (and is logged); the rows already exist.
        send_mass_mail(mails, fail_silently=False)
    return len(mails)


def _mail(notification):
    subject = f"[{notification.subject_title}] {notification.text}" if notification.subject_title \
        else notification.text
    body = f"{notification.text}\n\n{notification.subject_title}".rstrip()
    return subject[:150], body, settings.DEFAULT_FROM_EMAIL, [notification.user.email]
