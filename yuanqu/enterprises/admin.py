"""The district's Django admin for the registry. Every write goes through the audited services,
which also keep the firm's size class current; nothing here saves a model itself."""

from django.contrib import admin

from . import services
from .models import (
    INDICATOR_FIELDS,
    AnnualIndicator,
    Contact,
    Enterprise,
    EnterpriseMembership,
    ImportBatch,
    Need,
    Offering,
    Qualification,
)


def _child_data(obj) -> dict:
    return {f: getattr(obj, f) for f in services.CHILD_FIELDS[type(obj)]}


class ServiceDeletes:
    """Bulk deletes from the change list go through the service one by one (audited)."""

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class QualificationInline(admin.TabularInline):
    model = Qualification
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(ServiceDeletes, admin.ModelAdmin):
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

    def save_formset(self, request, form, formset, change):
        """Inline qualifications and contacts: each row through save_child / delete_child."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.delete_child(form.instance, obj, actor=request.user)
        for obj in instances:
            services.save_child(form.instance, obj, _child_data(obj), actor=request.user)


@admin.register(AnnualIndicator)
class AnnualIndicatorAdmin(ServiceDeletes, admin.ModelAdmin):
    list_display = ["enterprise", "year", "revenue", "employees"]
    raw_id_fields = ["enterprise"]

    def get_readonly_fields(self, request, obj=None):
        return ["enterprise", "year"] if obj else []

    def save_model(self, request, obj, form, change):
        data = {f: getattr(obj, f) for f in INDICATOR_FIELDS}
        saved = services.save_indicators(obj.enterprise, obj.year, data, actor=request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.delete_indicators(obj.enterprise, obj.year, actor=request.user)


@admin.register(Offering, Need)
class ChildAdmin(ServiceDeletes, admin.ModelAdmin):
    raw_id_fields = ["enterprise"]

    def save_model(self, request, obj, form, change):
        services.save_child(obj.enterprise, obj, _child_data(obj), actor=request.user)

    def delete_model(self, request, obj):
        services.delete_child(obj.enterprise, obj, actor=request.user)


admin.site.register([EnterpriseMembership, ImportBatch])
