"""District-wide admin (/admin/) for the parks' per-亩 thresholds; every change audited. Plots, plans
and needs are changed on their pages, through the services (geometry, overlaps, audit)."""

from django.contrib import admin

from yuanqu.core.admin import AuditedAdmin

from .models import LandThresholds


@admin.register(LandThresholds)
class LandThresholdsAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["park", "min_tax_per_mu", "min_revenue_per_mu"]
