from django.contrib import admin

from yuanqu.core.admin import AuditedAdmin

from .models import (
    Category,
    Demand,
    DemandEvent,
    ReplyTemplate,
    RoutingRule,
    SubType,
)


class SubTypeInline(admin.TabularInline):
    model = SubType
    extra = 0


@admin.register(Category)
class CategoryAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "park", "department", "days_normal", "days_urgent", "hours_emergency",
                    "active"]
    list_filter = ["park", "active"]
    inlines = [SubTypeInline]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["category", "subtype", "grid", "department"]
    list_filter = ["park"]
    filter_horizontal = ["co_departments"]


class EventInline(admin.TabularInline):
    model = DemandEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor_repr", "action", "from_status", "to_status", "note"]
    fields = readonly_fields


@admin.register(Demand)
class DemandAdmin(admin.ModelAdmin):
    """Read-only here: every change must go through the workflow services."""

    list_display = ["number", "title", "enterprise", "category", "status", "deadline_at"]
    list_filter = ["park", "status", "category"]
    search_fields = ["number", "title"]
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AuditedAdmin, admin.ModelAdmin):
    """Canned answers (district-wide view; parks edit theirs on /manage/)."""
