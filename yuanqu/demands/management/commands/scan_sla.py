from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.calendar import holidays
from yuanqu.demands.scanning import scan


class Command(BaseCommand):
    help = "Warn handlers before demand deadlines and escalate overdue demands (safe to run any time)."

    def handle(self, *args, **options):
        now = timezone.now()
        warned = scan(now, kind="warn")
        escalated = scan(now, kind="escalate")
        self.stdout.write(_("Warned %(w)d, escalated %(e)d.") % {"w": warned, "e": escalated})
        for warning in holidays.warnings(timezone.localdate(now)):
            self.stderr.write(self.style.WARNING(warning))
