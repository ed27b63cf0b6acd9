from django.contrib import admin

from yuanqu.core.admin import AuditedAdmin

from .models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"  # drill down by year, then month
