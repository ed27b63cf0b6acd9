from django.contrib import admin

from .audit import diff, record, snapshot
from .models import AuditAction, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_repr", "action", "object_repr", "entity"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_repr"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


def _fields(obj) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields if not f.primary_key and f.name != "password"]


class AuditedAdmin:
    """For records that have no domain service (taxonomy, routing rules, calendar days, users):
    every save and delete through an admin site writes an AuditEvent, inline rows against their
    parent. Models with services (firms, indicators) call those from their admin instead."""

    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk), _fields(obj)) if change else {}
        super().save_model(request, obj, form, change)
        changes = diff(before, snapshot(obj, _fields(obj)))
        if changes or not change:
            record(request.user, AuditAction.UPDATE if change else AuditAction.CREATE, obj, changes=changes)

    def delete_model(self, request, obj):
        record(request.user, AuditAction.DELETE, obj, changes=diff(snapshot(obj, _fields(obj)), {}))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        # From the database: the formset's own instances already hold the posted values.
        ids = [f.instance.pk for f in formset.initial_forms if f.instance.pk]
        stored = formset.model._default_manager.filter(pk__in=ids) if change else []
        before = {o.pk: snapshot(o, _fields(o)) for o in stored}
        super().save_formset(request, form, formset, change)
        for obj in formset.deleted_objects:
            record(request.user, AuditAction.DELETE, form.instance, entity=str(obj)[:100],
                   changes=diff(before.get(obj.pk, {}), {}))
        for obj in [*formset.new_objects, *(o for o, _f in formset.changed_objects)]:
            record(request.user, AuditAction.UPDATE, form.instance, entity=str(obj)[:100],
                   changes=diff(before.get(obj.pk, {}), snapshot(obj, _fields(obj))))
