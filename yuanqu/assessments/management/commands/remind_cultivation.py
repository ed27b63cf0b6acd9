from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from yuanqu.assessments.reminders import remind_overdue


class Command(BaseCommand):
    help = "Tell plan officers about cultivation measures past their deadline, once each (safe to rerun)."

    def handle(self, *args, **options):
        self.stdout.write(_("Reminded %(n)d overdue measures.") % {"n": remind_overdue()})
