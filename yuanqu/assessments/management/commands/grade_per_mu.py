from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.accounts.models import Park
from yuanqu.assessments.capability_services import flag_land


class Command(BaseCommand):
    help = ("Grade every firm's per-mu performance and refresh the land low-efficiency flags with the "
            "grades and the park's thresholds (idempotent; default: last year, every park).")

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
            s = flag_land(park, year)
            self.stdout.write(_("%(park)s %(year)d: %(assessed)d plots assessed, %(flagged)d flagged, "
                                "%(missing)d without data, %(changed)d changed.") % {
                "park": park.code, "year": year, "assessed": s.assessed, "flagged": s.flagged,
                "missing": s.not_assessed, "changed": s.changed})
