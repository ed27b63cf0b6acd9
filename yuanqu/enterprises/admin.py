from django.contrib import admin

from . import services
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

    def save_model(self, request, obj, form, change):
        """The back office writes through the same audited services as the pages."""
        data = {f: form.cleaned_data[f] for f in form.changed_data if f in services.ENTERPRISE_FIELDS}
        if change:
            services.update_enterprise(obj, data, actor=request.user)
        else:
            services.create_enterprise(park=obj.park, data={}, actor=request.user, instance=obj)

    def delete_model(self, request, obj):
        services.delete_enterprise(obj, actor=request.user)


@admin.register(AnnualIndicator)
class AnnualIndicatorAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "year", "revenue", "employees"]
    raw_id_fields = ["enterprise"]


admin.site.register([Offering, Need, EnterpriseMembership, ImportBatch])
