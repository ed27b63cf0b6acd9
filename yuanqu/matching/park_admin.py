"""Resources and thesaurus lines in the park back office (/manage/), scoped to the park, audited."""

from django.contrib import admin

from yuanqu.accounts.park_admin import ParkScoped, park_site

from .admin import RESOURCE_FIELDS
from .admin_forms import IndexedAdmin, SynonymLineAdminForm, ThesaurusAdmin
from .models import Resource, SynonymLine


@admin.register(Resource, site=park_site)
class ResourceParkAdmin(IndexedAdmin, ParkScoped):
    list_display = ["title", "kind", "owner", "institution", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "external_id"]
    fields = [f for f in RESOURCE_FIELDS if f != "park"]
    raw_id_fields = ["industry"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "industry":  # national codes: no park to scope by
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ParkLineForm(SynonymLineAdminForm):
    class Meta(SynonymLineAdminForm.Meta):
        fields = ["line"]


@admin.register(SynonymLine, site=park_site)
class SynonymLineParkAdmin(ThesaurusAdmin, ParkScoped):
    form = ParkLineForm
    list_display = ["line", "created_by", "updated_at"]
