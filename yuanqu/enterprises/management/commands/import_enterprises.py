from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from yuanqu.accounts.models import Park, User
from yuanqu.enterprises.importing import import_enterprises


class Command(BaseCommand):
    help = "Import the enterprise workbook (.xlsx) into a park: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--park", required=True, help="park code")
        parser.add_argument("--user", help="username recorded in the audit trail")

    def handle(self, *args, file, park, user=None, **options):
        park_obj = Park.objects.filter(code=park).first()
        if park_obj is None:
            raise CommandError(_("No park with code %(code)s.") % {"code": park})
        actor = User.objects.filter(username=user).first() if user else None
        with open(file, "rb") as fh, tqdm(unit=_("rows"), file=self.stderr._out) as bar:
            result = import_enterprises(park_obj, fh, actor=actor, filename=file, progress=bar.update)
        if not result.ok:
            for err in result.errors[:50]:
                self.stderr.write(f"{err['row']}\t{err['column']}\t{err['message']}")
            raise CommandError(_("Nothing imported: %(n)d problems.") % {"n": len(result.errors)})
        self.stdout.write(self.style.SUCCESS(
            _("Imported %(rows)d rows: %(created)d created, %(updated)d updated.") % vars(result)))
