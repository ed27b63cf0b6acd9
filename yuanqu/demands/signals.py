from django.db.models.signals import post_save
from django.dispatch import receiver

from yuanqu.accounts.models import Park


@receiver(post_save, sender=Park, dispatch_uid="demands_default_taxonomy")
def give_new_park_a_taxonomy(sender, instance, created, raw=False, **kwargs):
    """A new park can take demands at once: it starts with the default categories."""
    if created and not raw:
        from .taxonomy import install_default_taxonomy

        install_default_taxonomy(instance)


@receiver(post_save, sender="accounts.Department", dispatch_uid="demands_default_department")
def adopt_default_categories(sender, instance, created, raw=False, **kwargs):
    """A department named like a category's default handler becomes that category's department."""
    if created and not raw:
        from .models import Category
        from .taxonomy import DEFAULTS

        codes = [code for code, _name, dept, _limits, _subs in DEFAULTS if dept == instance.name]
        Category.objects.filter(park_id=instance.park_id, code__in=codes, department=None).update(
            department=instance)
