from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from yuanqu.core.admin import AuditedAdmin
from yuanqu.core.audit import record
from yuanqu.core.models import AuditAction

from .models import ApiToken, Department, Grid, Institution, Park, User


@admin.register(Park)
class ParkAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "region_code"]


@admin.register(Department, Grid, Institution)
class OrgAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "park"]
    list_filter = ["park"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    """Users; a password set here is audited too (Django's view bypasses save_model)."""

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            record(request.user, AuditAction.UPDATE, self.get_object(request, id), entity=_("Password"),
                   changes={"password": ["***", "***"]})
        return response

    list_display = ["username", "full_name", "role", "park", "is_active"]
    list_filter = ["role", "park", "is_active"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Park and role"), {"fields": ["full_name", "phone", "role", "park", "department",
                                          "grid", "institution"]}),
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
