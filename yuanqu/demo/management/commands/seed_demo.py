from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from yuanqu.accounts.models import User
from yuanqu.demo.assessments import build_cultivation_demo
from yuanqu.demo.builders import DEMO_PASSWORD, build_demo_park, specs


class Command(BaseCommand):
    help = "Load the deterministic demo parks (青岛科技创新园 and a smaller second park) and their logins."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="rebuild the demo parks' firms and demands")

    def handle(self, *args, reset=False, **options):
        for park, _people in build_demo_park(reset=reset):
            self.stdout.write(self.style.SUCCESS(
                _("Demo park %(park)s: %(n)d enterprises.") % {"park": park, "n": park.enterprises.count()}))
        build_cultivation_demo()  # facts, the 2025 recognitions and cultivation plans (demo/assessments.py)
        # The firms' offerings and needs were bulk-created (no signals): mirror them, then index all.
        call_command("sync_registry_resources", stdout=self.stdout, stderr=self.stderr,
                     verbosity=options.get("verbosity", 1))
        self.stdout.write(_("Demo logins (password %(pw)s):") % {"pw": DEMO_PASSWORD})
        logins = [login for spec in specs() for login in spec.logins]
        parks = dict(User.objects.filter(username__in=[u for u, *_rest in logins])
                     .values_list("username", "park__name"))
        for username, full_name, role, _extra in logins:
            park = parks.get(username) or _("all parks")
            self.stdout.write(f"  {username:<12} {role.label}  {full_name}  ({park})")
