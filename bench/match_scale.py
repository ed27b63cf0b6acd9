"""The matching engine at scale: build time, query latency, memory, and how soon a change is seen.

Generates N synthetic resources (default 1,000,000) from the development set's 162 resources: each
is one of them with its clauses shuffled, a random model code, and 4–12 extra words drawn from a
Zipf-weighted vocabulary (the dev set's words plus 200,000 invented two- to four-character words,
so the vocabulary grows as a real one does). Queries are the dev set's 150 queries, each asked with
and without a wanted kind. Prints:
  build        seconds, documents, terms, postings, size on disk, peak RSS of the build
  bm25 core    the plain BM25 retrieval alone (candidate accumulation + top-10), p50/p95
  match        the whole search (segment, expand, retrieve, re-rank, explain), p50/p95/max
  visible      time from upsert() in one MatchIndex to a hit in another (a second process's view)
  memory       RSS of a fresh process that opened the index and answered the queries
Usage: python bench/match_scale.py [N] [--dir DIR] [--stream]   (by hand; figures go in the notes)"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")

from yuanqu.core import threads  # noqa: E402

threads.configure()

import django  # noqa: E402
import numpy as np  # noqa: E402

django.setup()

from yuanqu.matching.engine import Doc, MatchIndex, Query  # noqa: E402
from yuanqu.matching.engine.index import GROUP_WEIGHTS  # noqa: E402
from yuanqu.matching.engine.query import analyse  # noqa: E402
from yuanqu.matching.evaluation import load_queries, load_resources  # noqa: E402
from yuanqu.nlp.segment import tokens  # noqa: E402

CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 3500)]


def vocabulary(resources, rng):
    words = sorted({w for r in resources for w in tokens(r.text) if len(w) > 1})
    invented = {"".join(rng.choices(CJK, k=rng.choice((2, 2, 3, 4)))) for _ in range(200_000)}
    vocab = words + sorted(invented)
    weights = 1 / np.arange(1, len(vocab) + 1) ** 1.05
    return vocab, weights / weights.sum()


def synthetic(n, seed=1):
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    base = list(load_resources().values())
    vocab, p = vocabulary(base, rng)
    extra = nprng.choice(len(vocab), size=(n, 12), p=p)
    counts = nprng.integers(4, 13, size=n)
    for i in range(n):
        r = base[i % len(base)]
        clauses = r.description.replace("。", "，").split("，")
        rng.shuffle(clauses)
        words = "".join(vocab[j] for j in extra[i, :counts[i]])
        yield Doc(id=i + 1, kind=r.kind, title=f"{r.title}{rng.randint(100, 999)}型",
                  description="，".join(c for c in clauses if c) + "。" + words,
                  tags=r.tags, industry_code=r.industry_code, park_id=1 + i % 20, owner_id=1 + i % 5000)


def timed(fn, runs):
    out = []
    for args in runs:
        started = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - started) * 1000)
    return np.array(out)


def bm25_core(index, text):
    """The plain lexical retrieval alone: bigram terms, accumulate, top 10."""
    terms = analyse(text)
    seg = index.base
    at = seg.lookup(terms.keys)
    acc = seg.accumulate(at, terms.qweight * GROUP_WEIGHTS[terms.group], max_df=0.1)
    nz = np.flatnonzero(acc)
    return nz[np.argpartition(-acc[nz], min(10, len(nz) - 1))[:10]] if len(nz) > 10 else nz


def report(name, ms):
    print(f"{name:10s} p50 {np.percentile(ms, 50):6.2f} ms   p95 {np.percentile(ms, 95):6.2f} ms   "
          f"max {ms.max():7.2f} ms   ({len(ms)} queries)")


def serve(directory):
    """In a fresh process: open, answer every query twice, print latency and RSS."""
    index = MatchIndex.open(directory)
    queries = [q for q in load_queries().values()]
    runs = [(Query(q.text, want=want, limit=10),) for q in queries for want in ("", q.kind)]
    index.search(runs[0][0])  # first touch of the pages
    report("match", timed(index.search, runs))
    report("bm25 core", timed(lambda q: bm25_core(index, q.text), runs))
    rss = int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024
    print(f"memory     RSS {rss:.0f} MB after opening the index and answering {len(runs)} queries")
    other = MatchIndex.open(directory)
    started = time.perf_counter()
    index.upsert([Doc(id=10**9, kind="service", title="石墨烯导热膜贴合代工", description="新到的一条资源")])
    found = other.search(Query("石墨烯导热膜贴合", limit=1))
    assert found and found[0].id == 10**9
    print(f"visible    {1000 * (time.perf_counter() - started):.1f} ms from upsert to a hit in another index")
    index.remove([10**9])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--dir")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stream", action="store_true",
                        help="feed the build from the generator (peak RSS without the documents held)")
    args = parser.parse_args()
    directory = args.dir or tempfile.mkdtemp(prefix="match-scale-")
    if args.serve:
        return serve(directory)
    index = MatchIndex.open(directory)
    started = time.perf_counter()
    docs = synthetic(args.n) if args.stream else list(synthetic(args.n))
    if not args.stream:
        print(f"generate   {time.perf_counter() - started:.1f} s for {len(docs):,} documents (not in build)")
    built = index.rebuild(iter(docs))
    size = sum(f.stat().st_size for f in Path(directory).rglob("*") if f.is_file()) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"build      {built['seconds']} s: {built['documents']:,} documents, {built['terms']:,} terms, "
          f"{built['postings']:,} postings, {size:.0f} MB on disk; peak RSS {peak:.0f} MB "
          f"({'generated as it goes, generation timed in' if args.stream else 'generated documents held'}), "
          f"largest analysis worker {children:.0f} MB")
    subprocess.run([sys.executable, __file__, "--serve", "--dir", directory], check=True)


if __name__ == "__main__":
    main()
