"""Mirror every registry offering and need into a resource (idempotent), then refresh the index."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from yuanqu.enterprises.models import Need, Offering
from yuanqu.matching import index
from yuanqu.matching.services import mirror_need, mirror_offering


class Command(BaseCommand):
    help = "Mirror the registry's products, capabilities and needs into matching resources."

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="leave the index as it is")

    def handle(self, *args, no_index=False, **options):
        started = time.monotonic()
        with transaction.atomic():
            # Row by row through the mirror the signals use; the index is rebuilt once at the end.
            offerings = self._mirror(Offering.objects.select_related("enterprise"), mirror_offering)
            needs = self._mirror(Need.objects.select_related("enterprise"), mirror_need)
        took = time.monotonic() - started
        self.stdout.write(f"{offerings} offerings, {needs} needs mirrored in {took:.1f} s")
        if not no_index:
            self._rebuild()

    def _mirror(self, qs, mirror) -> int:
        count = 0
        for count, row in enumerate(qs.iterator(chunk_size=2000), start=1):
            mirror(row, sync=False)
            if count % 5000 == 0 and self.verbosity:
                self.stdout.write(f"  {count} …")
        return count

    def _rebuild(self):
        stats = index.rebuild_from_db()
        if not stats:  # another rebuild is running: it reads the rows just written, or their journal
            self.stdout.write("Another rebuild of the index is running; it will hold these resources.")
            return
        self.stdout.write(f"Index rebuilt: {stats}")
