"""manage.py import_resources FILE --kind KIND [--park CODE_OR_ID]: all rows or none, errors per row."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from yuanqu.accounts.models import Park
from yuanqu.matching.importing import ImportFileError, import_resources


def find_park(value):
    """A park by code or id; with no value the only park there is."""
    parks = Park.objects.all()
    if not value:
        if parks.count() != 1:
            raise CommandError(_("Name the park with --park (its code or id)."))
        return parks.get()
    park = parks.filter(code=value).first() or (parks.filter(pk=value).first() if value.isdigit() else None)
    if park is None:
        raise CommandError(_("No park with the code or id %(value)s.") % {"value": value})
    return park


class Command(BaseCommand):
    help = "Import resources from a .csv (UTF-8) or .xlsx file with columns id,title,description,tags."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True,
                            help="product, capability, need, service, policy or technology")
        parser.add_argument("--park", default="", help="park code or id (not needed with one park)")

    def handle(self, *args, file, kind, park, **options):
        started = time.monotonic()
        try:
            result = import_resources(find_park(park), kind, file, progress=self._progress)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            for row, column, reason in result.errors:
                self.stderr.write(_("row %(row)d, column %(column)s: %(reason)s")
                                  % {"row": row, "column": column, "reason": reason})
            raise CommandError(_("%(n)d errors; nothing was imported.") % {"n": len(result.errors)})
        self.stdout.write(_("Imported %(rows)d rows: %(created)d created, %(updated)d updated (%(s).1f s).")
                          % {"rows": result.rows, "created": result.created, "updated": result.updated,
                             "s": time.monotonic() - started})

    def _progress(self, message):
        if self.verbosity:
            self.stdout.write(f"  {message}")
