"""In-app notifications and e-mail, sent only once the change they report has committed."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from .models import Notification


def notify(users, demand, text):
    """Queue a notification to each user (deduplicated) for after the current transaction."""
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if recipients:
        transaction.on_commit(lambda: _deliver(list(recipients.values()), demand, text))


def _deliver(users, demand, text):
    Notification.objects.bulk_create([Notification(user=u, demand=demand, text=text[:255]) for u in users])
    subject = f"[{demand.number}] {text}"[:150]
    mails = [(subject, f"{text}\n\n{demand.title}", settings.DEFAULT_FROM_EMAIL, [u.email])
             for u in users if u.email]
    if mails:
        send_mass_mail(mails, fail_silently=True)
