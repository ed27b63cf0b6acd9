"""Pages of the key projects: thin — parse, check access, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.accounts.models import Park
from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.htmx import render_page
from yuanqu.core.http import xlsx_response
from yuanqu.enterprises.excel import error_report_workbook

from . import queries, services
from .filters import ProjectFilter
from .forms import (
    ImportForm,
    MilestoneForm,
    NoteForm,
    ProblemForm,
    ProjectForm,
    TargetForm,
    TaskForceForm,
    TemplateApplyForm,
)
from .importing import import_projects, ledger_workbook, template_workbook
from .models import ProgressPhoto
from .permissions import (
    can_add_note,
    can_create_project,
    can_delete_project,
    can_edit_project,
    can_import_projects,
    can_list_projects,
    can_raise_problem,
    can_schedule_project,
    can_see_history,
    can_track,
)

PAGE_SIZE = 20


def _filtered(request):
    if not can_list_projects(request.user):
        raise PermissionDenied
    return ProjectFilter(request.GET, queryset=queries.list_for_page(request.user), request=request)


@login_required
def project_list(request):
    filterset = _filtered(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    return render_page(request, "projects/project_list.html", {
        "filter": filterset, "page": page, "query": query.urlencode(),
        "can_create": can_create_project(user, user.park) or user.is_district,
        "can_import": can_import_projects(user)}, partial="results")


@login_required
def project_export(request):
    return xlsx_response(ledger_workbook(_filtered(request).qs), _("key-projects.xlsx"))


@login_required
def project_template(request):
    if not can_import_projects(request.user):
        raise PermissionDenied
    return xlsx_response(template_workbook(), _("key-project-import-template.xlsx"))


def detail_context(project, user) -> dict:
    """Everything the detail page shows, each list in one query."""
    return {
        "project": project, "milestones": list(queries.list_milestones(project)),
        "notes": queries.list_notes(project), "problems": queries.list_problems(project),
        "investments": queries.list_investments(project), "invested": queries.invested_total(project),
        "members": list(project.members.all()),
        "history": history_for(project)[:50] if can_see_history(user, project) else None,
        "can_edit": can_edit_project(user, project), "can_delete": can_delete_project(user, project),
        "can_track": can_track(user, project), "can_schedule": can_schedule_project(user, project),
        "can_note": can_add_note(user, project), "can_problem": can_raise_problem(user, project),
    }


@login_required
def project_detail(request, pk):
    project = queries.get_project_for_user(request.user, pk)
    return render(request, "projects/project_detail.html", detail_context(project, request.user))


def _park_for(request):
    """A district administrator names the park (?park=id), None until chosen; others work in their own."""
    if not request.user.is_district:
        return request.user.park
    park_id = request.POST.get("park") or request.GET.get("park") or ""
    if not park_id:
        return None
    if not park_id.isdigit():
        raise Http404
    return get_object_or_404(Park, pk=park_id)


def _field_errors(form, exc: ValidationError):
    """A service's ValidationError onto the form: on its field if the form has one, else on top."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def project_create(request):
    park = _park_for(request)
    if park is None and request.user.is_district:
        return render(request, "projects/project_choose_park.html", {"parks": Park.objects.all()})
    if not can_create_project(request.user, park):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, park=park)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(park, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Project created."))
            return redirect("projects:project_detail", project.pk)
    return render(request, "projects/project_form.html", {"form": form, "park": park, "creating": True})


@login_required
def project_edit(request, pk):
    project = queries.get_project_for_user(request.user, pk, write=True)
    form = ProjectForm(request.POST or None, instance=project, park=project.park)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(project, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("projects:project_detail", project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_delete(request, pk):
    project = queries.get_project_for_user(request.user, pk, write=True)
    try:
        services.delete_project(project, actor=request.user)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect("projects:project_detail", pk)
    messages.success(request, _("Project deleted."))
    return redirect("projects:project_list")


@login_required
def project_team(request, pk):
    project = queries.get_project_for_user(request.user, pk, write=True)
    initial = {"lead": project.lead, "members": list(project.members.all()),
               "firm_contact_name": project.firm_contact_name,
               "firm_contact_phone": project.firm_contact_phone}
    form = TaskForceForm(request.POST or None, initial=initial, park=project.park)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_task_force(project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Task force saved."))
            return redirect("projects:project_detail", project.pk)
    return render(request, "projects/project_team.html", {"form": form, "project": project})


@login_required
def template_apply(request, pk):
    """Choose a template and a target (倒排工期), or move the target of an existing plan."""
    project = queries.get_project_for_user(request.user, pk)
    if not can_schedule_project(request.user, project):
        raise PermissionDenied
    apply_form = TemplateApplyForm(request.POST if "template" in request.POST else None, park=project.park)
    target_form = TargetForm(request.POST if "template" not in request.POST and request.POST else None,
                             initial={"target": project.target_date})
    for form, run in ((apply_form, lambda d: services.apply_template(project, d["template"], d["target"],
                                                                   actor=request.user)),
                      (target_form, lambda d: services.set_target(project, d["target"], actor=request.user))):
        if form.is_bound and form.is_valid():
            try:
                run(form.cleaned_data)
            except ValidationError as exc:
                _field_errors(form, _renamed(exc))
            except Conflict as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Milestones re-planned."))
                return redirect("projects:project_detail", project.pk)
    return render(request, "projects/project_plan.html", {
        "project": project, "apply_form": apply_form, "target_form": target_form,
        "has_milestones": project.milestones.exists()})


def _renamed(exc: ValidationError) -> ValidationError:
    """The services name the project's `target_date`; the plan forms call it `target`."""
    return ValidationError({("target" if k == "target_date" else k): v for k, v in exc.message_dict.items()})


@login_required
def milestone_update(request, pk, milestone_pk):
    """One milestone row: htmx swaps in the inline form (GET) and the saved row (POST)."""
    project = queries.get_project_for_user(request.user, pk)
    milestone = get_object_or_404(project.milestones, pk=milestone_pk)
    if not can_track(request.user, project):
        raise PermissionDenied
    initial = {f: getattr(milestone, f) for f in ("actual_start", "actual_finish", "note")}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_milestone(milestone, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            if not request.htmx:
                messages.success(request, _("Milestone saved."))
                return redirect("projects:project_detail", project.pk)
            project = queries.get_project_for_user(request.user, pk)  # re-coloured by the service
            response = render(request, "projects/_milestones.html", detail_context(project, request.user))
            response["HX-Retarget"], response["HX-Reswap"] = "#milestones", "outerHTML"
            return response
    template = "projects/_milestone_form.html" if request.htmx else "projects/project_milestone.html"
    return render(request, template, {"form": form, "project": project, "m": milestone})


@login_required
def note_create(request, pk):
    project = queries.get_project_for_user(request.user, pk)
    if not can_add_note(request.user, project):
        raise PermissionDenied
    may_report = can_track(request.user, project)
    form = NoteForm(request.POST or None, request.FILES or None, project=project,
                    may_report_amount=may_report, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_progress_note(project, on=data["on"], text=data["text"], milestone=data["milestone"],
                                       photos=data["photos"], month_amount=data.get("month_amount"),
                                       actor=request.user)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Progress note saved."))
            return redirect("projects:project_detail", project.pk)
    return render(request, "projects/project_note.html", {"form": form, "project": project})


@login_required
def problem_create(request, pk):
    project = queries.get_project_for_user(request.user, pk)
    if not can_raise_problem(request.user, project):
        raise PermissionDenied
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.raise_problem(project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Problem filed as demand %(number)s.") % {
                "number": problem.demand.number})
            return redirect("projects:project_detail", project.pk)
    return render(request, "projects/project_problem.html", {"form": form, "project": project})


@login_required
def photo(request, photo_pk):
    """A site photo, to those who may see its project."""
    item = get_object_or_404(ProgressPhoto.objects.select_related("note"), pk=photo_pk)
    queries.get_project_for_user(request.user, item.note.project_id)
    return FileResponse(item.image.open("rb"))


@login_required
def project_import(request):
    if not can_import_projects(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_projects(request.user.park, upload, actor=request.user, filename=upload.name)
        if result.ok:
            messages.success(request, _("Imported %(rows)d rows: %(created)d created, %(updated)d "
                                        "updated.") % vars(result))
            return redirect("projects:project_list")
        request.session["project_import_errors"] = result.errors[:5000]
    return render(request, "projects/project_import.html", {"form": form, "result": result})


@login_required
def import_report(request):
    if not can_import_projects(request.user):
        raise PermissionDenied
    errors = request.session.get("project_import_errors") or []
    return xlsx_response(error_report_workbook(errors), _("import-errors.xlsx"))
