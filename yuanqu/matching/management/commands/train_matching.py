"""manage.py train_matching: learn the ranker's weights from staff verdicts (and the development set)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from yuanqu.matching.training import train


class Command(BaseCommand):
    help = "Fit the matching ranker's weights from staff verdicts on suggestions; run nightly or on demand."

    def add_arguments(self, parser):
        parser.add_argument("--no-devset", action="store_true",
                            help="train on the park's verdicts alone, without the bundled development set")

    def handle(self, *args, **options):
        result = train(use_devset=not options["no_devset"])
        self.stdout.write(_("Trained on %(lists)d verdict lists and %(queries)d development queries.")
                          % {"lists": result["verdict_lists"], "queries": result["devset_queries"]})
        for name, weight in result["weights"].items():
            self.stdout.write(f"  {name:16s} {weight:+.3f}")
