from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from yuanqu.demo.builders import DEMO_PASSWORD, LOGINS, build_demo_park


class Command(BaseCommand):
    help = "Load the deterministic demo park (青岛科技创新园) and one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="rebuild the demo park's firms")

    def handle(self, *args, reset=False, **options):
        park, users = build_demo_park(reset=reset)
        self.stdout.write(self.style.SUCCESS(
            _("Demo park %(park)s: %(n)d enterprises.") % {"park": park, "n": park.enterprises.count()}))
        self.stdout.write(_("Demo logins (password %(pw)s):") % {"pw": DEMO_PASSWORD})
        for username, full_name, role, _extra in LOGINS:
            self.stdout.write(f"  {username:<12} {role.label}  {full_name}")
