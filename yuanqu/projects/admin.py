"""The district's Django admin for key projects: project writes go through the audited services;
milestones, notes and problems are shown read-only (the pages and the API change them); milestone
templates are configuration, checked by the scheduler before they are saved."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from . import schedule, services
from .models import Milestone, MilestoneTemplate, ProgressNote, Project, ProjectProblem, TemplateStep


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "park", "year", "level", "stage", "health", "target_date"]
    list_filter = ["park", "level", "stage", "health", "year"]
    search_fields = ["name", "investor_name", "investor__name"]
    raw_id_fields = ["industry", "investor", "plot", "lead"]
    exclude = ["members", "template", "target_date", "health", "health_on"]

    def save_model(self, request, obj, form, change):
        """The back office writes through the same audited services as the pages."""
        data = {f: form.cleaned_data[f] for f in form.changed_data if f in services.PROJECT_FIELDS}
        if change:
            services.update_project(obj, data, actor=request.user)
        else:
            data = {f: v for f, v in form.cleaned_data.items() if f in services.EDITABLE}
            saved = services.create_project(obj.park, data=data, actor=request.user)
            obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.delete_project(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Milestone)
class MilestoneAdmin(ReadOnly):
    list_display = ["project", "name", "planned_finish", "forecast_finish", "actual_finish", "health"]
    list_filter = ["health", "critical"]


@admin.register(ProgressNote)
class ProgressNoteAdmin(ReadOnly):
    list_display = ["project", "on", "author"]


@admin.register(ProjectProblem)
class ProjectProblemAdmin(ReadOnly):
    list_display = ["project", "demand", "created_at"]


class StepFormSet(forms.BaseInlineFormSet):
    """The template's steps must schedule: no cycle, no unknown or duplicate key, no negative days."""

    def clean(self):
        super().clean()
        steps = [schedule.Step(key=f.cleaned_data["key"], name=f.cleaned_data.get("name", ""),
                               duration_days=f.cleaned_data["duration_days"],
                               after=tuple(f.cleaned_data.get("after") or ()))
                 for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            schedule.validate(steps)
        except schedule.ScheduleError as exc:
            raise ValidationError([msg for _keys, msg in exc.problems]) from None


class TemplateStepInline(admin.TabularInline):
    model = TemplateStep
    formset = StepFormSet
    extra = 0


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "park"]
    inlines = [TemplateStepInline]
