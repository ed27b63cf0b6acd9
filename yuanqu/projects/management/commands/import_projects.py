from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from yuanqu.accounts.models import Park, User
from yuanqu.projects.importing import import_projects


class Command(BaseCommand):
    help = "Import key projects (.xlsx or UTF-8 .csv) into a park: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--park", required=True, help="park code")
        parser.add_argument("--user", help="username recorded in the audit trail")

    def handle(self, *args, file, park, user=None, **options):
        park_obj = Park.objects.filter(code=park).first()
        if park_obj is None:
            raise CommandError(_("No park with code %(code)s.") % {"code": park})
        actor = User.objects.filter(username=user).first() if user else None
        if user and actor is None:
            raise CommandError(_("No user named %(name)s.") % {"name": user})
        try:
            with open(file, "rb") as fh:
                result = import_projects(park_obj, fh, actor=actor, filename=file)
        except OSError as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            for err in result.errors[:50]:
                self.stderr.write(f"{err['row']}\t{err['column']}\t{err['message']}")
            raise CommandError(_("Nothing imported: %(n)d problems.") % {"n": len(result.errors)})
        self.stdout.write(self.style.SUCCESS(
            _("Imported %(rows)d rows: %(created)d created, %(updated)d updated.") % vars(result)))
