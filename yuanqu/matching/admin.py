"""District-wide admin (/admin/) for resources and thesaurus lines; every change audited."""

from django.contrib import admin

from yuanqu.core.admin import AuditedAdmin

from .admin_forms import IndexedAdmin, ThesaurusAdmin
from .models import Resource, SynonymLine

RESOURCE_FIELDS = ["park", "kind", "title", "description", "tags", "industry", "owner", "institution",
                   "external_id", "is_active"]


@admin.register(Resource)
class ResourceAdmin(IndexedAdmin, AuditedAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "park", "owner", "institution", "is_active"]
    list_filter = ["park", "kind", "is_active"]
    search_fields = ["title", "external_id"]
    fields = RESOURCE_FIELDS
    raw_id_fields = ["owner", "industry"]


@admin.register(SynonymLine)
class SynonymLineAdmin(ThesaurusAdmin, AuditedAdmin, admin.ModelAdmin):
    list_display = ["line", "park", "created_by", "updated_at"]
    list_filter = ["park"]
