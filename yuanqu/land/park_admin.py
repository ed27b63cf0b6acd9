"""The park's per-亩 thresholds in the park back office (/manage/), scoped to the park, audited.

Plots, plans and needs have their own pages and services; only the thresholds, a setting of the
park, are kept here."""

from django.contrib import admin

from yuanqu.accounts.park_admin import ParkScoped, park_site

from .models import LandThresholds


@admin.register(LandThresholds, site=park_site)
class LandThresholdsParkAdmin(ParkScoped):
    list_display = ["park", "min_tax_per_mu", "min_revenue_per_mu"]
    fields = ["min_tax_per_mu", "min_revenue_per_mu"]
