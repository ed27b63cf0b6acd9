"""Keep the registry's offerings and needs mirrored as resources, and the index in step with deletions."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from yuanqu.enterprises.models import Enterprise, Need, Offering

from . import services
from .models import Resource


@receiver(post_save, sender=Offering, dispatch_uid="matching.mirror_offering")
def offering_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.mirror_offering(instance)


@receiver(post_save, sender=Need, dispatch_uid="matching.mirror_need")
def need_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.mirror_need(instance)


@receiver(post_save, sender=Enterprise, dispatch_uid="matching.refresh_firm_resources")
def enterprise_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        services.refresh_firm_resources(instance)


@receiver(post_delete, sender=Resource, dispatch_uid="matching.unindex_resource")
def resource_deleted(sender, instance, **kwargs):
    """Also reached through cascades (an offering, a need or a whole firm deleted)."""
    services.remove_later([instance.pk])
