from django.db.models.signals import post_save
from django.dispatch import receiver

from yuanqu.accounts.models import Park


@receiver(post_save, sender=Park, dispatch_uid="demands_default_taxonomy")
def give_new_park_a_taxonomy(sender, instance, created, raw=False, **kwargs):
    """A new park can take demands at once: it starts with the default categories."""
    if created and not raw:
        from .taxonomy import install_default_taxonomy

        install_default_taxonomy(instance)
