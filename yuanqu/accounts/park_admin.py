"""The park office's own back office at /manage/: each app registers its park-owned models on
`park_site` in its own `park_admin` module, scoped to the administrator's park (the Django admin
at /admin/ is district-wide)."""

from django.contrib import admin
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from yuanqu.core.admin import AuditedAdmin

from .permissions import can_use_park_back_office


class ParkAdminSite(admin.AdminSite):
    site_header = _("Park back office")
    site_title = _("Park back office")
    index_title = _("Demand taxonomy and routing")

    def has_permission(self, request):
        return can_use_park_back_office(request.user)


park_site = ParkAdminSite(name="park_admin")


def autodiscover():
    """Import every app's `park_admin` module so its models register on `park_site`."""
    autodiscover_modules("park_admin", register_to=park_site)


def _allowed(self, request, obj=None):
    return park_site.has_permission(request)


class ParkScopedChoices:
    """Foreign-key and many-to-many choices limited to the user's park.

    `related_park_paths` names the lookup from a related model to its park when it is not `park`
    (e.g. {"subtype": "category__park"})."""

    related_park_paths: dict[str, str] = {}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = self._scoped(db_field, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = self._scoped(db_field, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _scoped(self, db_field, request):
        key = self.related_park_paths.get(db_field.name, "park")
        return db_field.related_model._default_manager.filter(**{key: request.user.park_id})

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = _allowed


class ParkScoped(AuditedAdmin, ParkScopedChoices, admin.ModelAdmin):
    """Only rows of the user's park; choices limited to the park; the park set on save; audited."""

    park_path = "park"

    def has_module_permission(self, request):
        return park_site.has_permission(request)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{self.park_path: request.user.park_id})

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "park_id"):
            obj.park_id = request.user.park_id
        super().save_model(request, obj, form, change)


class ParkScopedInline(ParkScopedChoices, admin.TabularInline):
    """An inline on a park-scoped page: its choices limited to the park too."""
