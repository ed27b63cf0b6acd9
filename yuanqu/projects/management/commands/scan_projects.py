from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from yuanqu.projects.models import Project
from yuanqu.projects.services import refresh_health


class Command(BaseCommand):
    help = ("Daily: re-forecast every project's milestones from today and store changed status colours "
            "(idempotent; a second run the same day changes nothing).")

    def add_arguments(self, parser):
        parser.add_argument("--park", help="only this park (code)")

    def handle(self, *args, park=None, **options):
        projects = Project.objects.all()
        if park:
            projects = projects.filter(park__code=park)
        total = projects.count()
        changed = refresh_health(projects.order_by("pk"))
        self.stdout.write(_("Scanned %(total)d projects: %(changed)d changed.") % {
            "total": total, "changed": changed})
