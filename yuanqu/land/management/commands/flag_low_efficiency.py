from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.accounts.models import Park
from yuanqu.land.services import flag_low_efficiency


class Command(BaseCommand):
    help = ("Flag occupied plots whose firm's tax or revenue per mu is below the park's thresholds "
            "(idempotent; default: last year's indicators, every park).")

    def add_arguments(self, parser):
        parser.add_argument("--park", help="park code (default: every park)")
        parser.add_argument("--year", type=int, help="indicator year (default: last year)")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year - 1
        parks = Park.objects.order_by("code")
        if options["park"]:
            parks = parks.filter(code=options["park"])
            if not parks.exists():
                raise CommandError(_("No park with the code %(code)s.") % {"code": options["park"]})
        for park in parks:
            s = flag_low_efficiency(park, year)
            self.stdout.write(_("%(park)s %(year)d: %(assessed)d plots assessed, %(flagged)d flagged, "
                                "%(missing)d without data, %(changed)d changed.") % {
                "park": park.code, "year": year, "assessed": s.assessed, "flagged": s.flagged,
                "missing": s.not_assessed, "changed": s.changed})
