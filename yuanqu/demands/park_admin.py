"""The park office's own back office at /manage/: its demand taxonomy, routing rules and reply
templates, scoped to the administrator's park (the Django admin at /admin/ is district-wide)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Department, Grid, Role

from .models import Category, ReplyTemplate, RoutingRule, SubType


class ParkAdminSite(admin.AdminSite):
    site_header = _("Park back office")
    site_title = _("Park back office")
    index_title = _("Demand taxonomy and routing")

    def has_permission(self, request):
        user = request.user
        is_park_admin = user.is_authenticated and user.role == Role.PARK_ADMIN
        return bool(is_park_admin and user.is_active and user.park_id)


park_site = ParkAdminSite(name="park_admin")
PARK_SCOPED_FKS = {"department": Department, "grid": Grid, "category": Category, "subtype": SubType}


class ParkScoped(admin.ModelAdmin):
    """Only rows of the user's park; choices limited to the park; the park set on save."""

    park_path = "park"

    def has_module_permission(self, request):
        return park_site.has_permission(request)

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = \
        lambda self, request, obj=None: park_site.has_permission(request)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{self.park_path: request.user.park_id})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = self._scoped(db_field, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = self._scoped(db_field, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _scoped(self, db_field, request):
        model = db_field.related_model
        key = "category__park" if model is SubType else "park"
        return model._default_manager.filter(**{key: request.user.park_id})

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "park_id"):
            obj.park_id = request.user.park_id
        super().save_model(request, obj, form, change)


class SubTypeInline(admin.TabularInline):
    model = SubType
    extra = 1
    fields = ["name", "department", "active"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = Department.objects.filter(park_id=request.user.park_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = \
        lambda self, request, obj=None: park_site.has_permission(request)


@admin.register(Category, site=park_site)
class CategoryAdmin(ParkScoped):
    list_display = ["name", "code", "department", "days_normal", "days_urgent", "hours_emergency", "active"]
    fields = ["code", "name", "description", "department", "days_normal", "days_urgent", "hours_emergency",
              "order", "active"]
    inlines = [SubTypeInline]


@admin.register(RoutingRule, site=park_site)
class RoutingRuleAdmin(ParkScoped):
    list_display = ["category", "subtype", "grid", "department"]
    fields = ["category", "subtype", "grid", "department", "co_departments"]
    filter_horizontal = ["co_departments"]


@admin.register(ReplyTemplate, site=park_site)
class ReplyTemplateAdmin(ParkScoped):
    list_display = ["title", "category"]
    fields = ["title", "category", "body"]
