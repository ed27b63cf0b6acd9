from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.calendar import holidays
from yuanqu.calendar.models import CalendarDay


class Command(BaseCommand):
    help = ("Add public holidays and adjusted working days (调休) from a CSV with columns "
            "from,to,kind,name (kind: holiday or workday); days already in the calendar are kept. "
            "Without FILE, the notices bundled with Yuanqu are loaded.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(holidays.BUNDLED))

    def handle(self, *args, file, **options):
        try:
            days = holidays.read(file)
        except OSError as exc:
            missing = isinstance(exc, FileNotFoundError)
            raise CommandError(_("Cannot read %(file)s: %(reason)s") % {
                "file": file, "reason": _("no such file") if missing else exc.strerror}) from None
        except UnicodeDecodeError:  # worded as in eval_demand_classifier
            raise CommandError(_("%(path)s is not UTF-8 text; save it as \"CSV UTF-8\".") % {
                "path": file}) from None
        except holidays.CalendarFileError as exc:
            for row, reason in exc.errors:
                self.stderr.write(_("row %(row)d: %(reason)s") % {"row": row, "reason": reason})
            raise CommandError(_("Nothing was loaded: fix the rows above and run again.")) from None
        added, differing = holidays.load(days)
        self.stdout.write(_("Calendar: %(added)d days added, %(kept)d already there and kept.") % {
            "added": added, "kept": len(days) - added})
        for day in differing:
            self.stderr.write(self.style.WARNING(_(
                "%(day)s kept as “%(name)s” (%(kind)s) in the calendar, not as in the file; check it.") % {
                "day": day.date.isoformat(), "name": day.name, "kind": CalendarDay.Kind(day.kind).label}))
        for warning in holidays.warnings(timezone.localdate()):
            self.stderr.write(self.style.WARNING(warning))
