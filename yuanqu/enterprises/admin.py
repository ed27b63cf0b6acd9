from django.contrib import admin

from .models import (
    AnnualIndicator,
    Contact,
    Enterprise,
    EnterpriseMembership,
    ImportBatch,
    Need,
    Offering,
    Qualification,
)


class QualificationInline(admin.TabularInline):
    model = Qualification
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "park", "industry", "size_class", "status"]
    list_filter = ["park", "status", "size_class"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["industry", "grid_worker"]
    inlines = [QualificationInline, ContactInline]


@admin.register(AnnualIndicator)
class AnnualIndicatorAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "year", "revenue", "employees"]
    raw_id_fields = ["enterprise"]


admin.site.register([Offering, Need, EnterpriseMembership, ImportBatch])
