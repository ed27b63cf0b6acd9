"""manage.py build_match_index: rebuild the matching index from the database (the old index serves
until the new one is swapped in)."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from yuanqu.matching.models import Kind, Resource
from yuanqu.matching.rebuild import rebuild


class Command(BaseCommand):
    help = "Rebuild the matching index from every active resource."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        counts = self._counts()
        self.stdout.write("Active resources: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
        stats, seconds = rebuild(progress=self._progress)
        if not stats:
            raise CommandError("Another rebuild of the matching index is running; this one was skipped.")
        self.stdout.write(f"Index built in {seconds:.1f} s: {stats}")

    def _counts(self):
        rows = Resource.objects.filter(is_active=True).values("kind").annotate(n=Count("pk"))
        found = {row["kind"]: row["n"] for row in rows}
        return {kind: found.get(kind, 0) for kind in Kind.values}

    def _progress(self, done):
        if self.verbosity:
            self.stdout.write(f"  {done} resources analysed")
