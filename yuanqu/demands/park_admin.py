"""Demand taxonomy, routing rules and reply templates in the park back office (/manage/)."""

from django.contrib import admin

from yuanqu.accounts.park_admin import ParkScoped, ParkScopedInline, park_site

from .models import Category, ReplyTemplate, RoutingRule, SubType


class SubTypeInline(ParkScopedInline):
    model = SubType
    extra = 1
    fields = ["name", "department", "active"]


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
    related_park_paths = {"subtype": "category__park"}


@admin.register(ReplyTemplate, site=park_site)
class ReplyTemplateAdmin(ParkScoped):
    list_display = ["title", "category"]
    fields = ["title", "category", "body"]
