from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app message to one user about any record; created only after that change committed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications", verbose_name=_("recipient"))
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # Kept as written at the time, so the list needs no join and survives a renamed or deleted subject.
    subject_title = models.CharField(_("subject"), max_length=255, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    text = models.CharField(_("text"), max_length=255)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"]),
                   models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        return self.text
