"""Ranking: the features of each candidate, their learned weights, and the Chinese explanation.

Lexical features are divided by their best value among the candidates, so a weight means the same
for a three-word query and a thirty-word one. The weights are a linear model (weights.json, bundled;
a deployment's own, trained from staff verdicts, sits beside its index and wins).
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .query import BIGRAM, SYN_TITLE, SYN_WORD, TITLE, WORD, QueryTerms
from .types import KIND_NAMES, SUPPLY_KINDS

FEATURES = ("bigram", "word", "title", "synonym", "coverage", "bigram_coverage", "kind_fit",
            "kind_prf", "industry", "chain", "industry_prf", "same_park", "prior", "dense")
BUNDLED_WEIGHTS = Path(__file__).with_name("weights.json")
DEFAULT_WEIGHTS = {"bigram": 1.0, "word": 0.6, "title": 0.4, "synonym": 0.3, "coverage": 0.3,
                   "bigram_coverage": 0.2, "kind_fit": 0.3, "industry": 0.15, "chain": 0.1,
                   "industry_prf": 0.1, "same_park": 0.05, "prior": 0.1, "dense": 0.0, "kind_prf": 0.1}


def load_weights(path: Path | None = None, *, dense: bool = False) -> dict[str, float]:
    """Weights from a JSON file {"weights": {feature: w}, "dense_weights": {…}} (the second set is
    fitted with the sentence-vector signal, for deployments that switch it on); missing features
    get the defaults."""
    key = "dense_weights" if dense else "weights"
    for candidate in (path, BUNDLED_WEIGHTS):
        if candidate is not None and candidate.exists():
            raw = json.loads(candidate.read_text()).get(key)
            if raw:
                return {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in raw.items() if k in DEFAULT_WEIGHTS}}
    return dict(DEFAULT_WEIGHTS)


@dataclass
class Candidates:
    """The candidates of one segment: positions, their term-weight matrix and columns."""

    positions: np.ndarray
    matrix: np.ndarray        # terms × candidates, BM25 weight × query weight
    kind: np.ndarray
    park: np.ndarray
    industry: np.ndarray
    prior: np.ndarray
    ids: np.ndarray


def features(terms: QueryTerms, cands: Candidates, idf: np.ndarray, query, dense=None) -> np.ndarray:
    """candidates × FEATURES; dense: cosine of each candidate's sentence vector with the query's
    (None: the signal is off and reads 0)."""
    m = cands.matrix
    lexical = [m[terms.of(*groups)].sum(axis=0) for groups in
               ((BIGRAM,), (WORD,), (TITLE,), (SYN_WORD, SYN_TITLE))]
    columns = [_scaled(x) for x in lexical]
    columns.append(_coverage(terms, m, idf, (WORD, SYN_WORD)))
    columns.append(_coverage(terms, m, idf, (BIGRAM,)))
    columns.append(kind_fit(cands.kind, query.want))
    best = _best(lexical[0] + lexical[1])
    columns.append(kind_prf(cands.kind, *best))
    columns.append(industry_relation(cands.industry, _code(query.industry_code)))
    columns.append(chain_relation(cands.industry, _code(query.industry_code)))
    columns.append(industry_prf(cands.industry, *best))
    columns.append((cands.park == query.park_id).astype(np.float32) if query.park_id else
                   np.zeros(len(cands.ids), dtype=np.float32))
    columns.append(np.clip(cands.prior, -1, 1))
    columns.append(_spread(dense) if dense is not None else np.zeros(len(cands.ids), dtype=np.float32))
    return np.column_stack(columns).astype(np.float32)


def _spread(cosines: np.ndarray) -> np.ndarray:
    """E5 cosines sit in a narrow band (0.8–0.95): the candidates' range mapped to 0–1, so the
    weight speaks of their order, not of the model's scale. A missing vector (nan) reads 0."""
    known = ~np.isnan(cosines)
    out = np.zeros(len(cosines), dtype=np.float32)
    if known.sum() > 1:
        low, high = cosines[known].min(), cosines[known].max()
        out[known] = (cosines[known] - low) / max(high - low, 1e-6)
    return out


def _scaled(x: np.ndarray) -> np.ndarray:
    top = x.max() if len(x) else 0
    return x / top if top > 0 else x


def _coverage(terms: QueryTerms, m: np.ndarray, idf: np.ndarray, groups) -> np.ndarray:
    """Share of the query's idf mass (of the given groups) the candidate contains."""
    rows = terms.of(*groups)
    if not rows.any():
        return np.zeros(m.shape[1], dtype=np.float32)
    mass = idf[rows] * terms.qweight[rows]
    return ((m[rows] > 0) * mass[:, None]).sum(axis=0) / max(mass.sum(), 1e-9)


def kind_fit(kinds: np.ndarray, want: str) -> np.ndarray:
    """1 for the kind wanted; 0.5 for the other supply kind when supply is wanted (needs never answer
    an offer-seeking query: the index filters them out before ranking)."""
    out = np.zeros(len(kinds), dtype=np.float32)
    if not want:
        return out
    names = np.array(KIND_NAMES)[kinds]
    out[names == want] = 1.0
    if want in SUPPLY_KINDS:
        out[np.isin(names, SUPPLY_KINDS) & (names != want)] = 0.5
    return out


def _best(lexical: np.ndarray, top: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """(positions, weights summing to 1) of the best `top` candidates by lexical score; empty when
    nothing scored."""
    best = np.argsort(-lexical, kind="stable")[:top]
    total = lexical[best].sum()
    if total <= 0:
        return best[:0], lexical[:0]
    return best, lexical[best] / total


def kind_prf(kinds: np.ndarray, best: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Share (by lexical score) of the best matches that are of the candidate's kind: a request that
    names no kind usually reads like one, and its closest matches show which."""
    share = {int(k): float(weights[kinds[best] == k].sum()) for k in set(kinds[best].tolist())}
    return np.array([share.get(int(k), 0.0) for k in kinds], dtype=np.float32)


def _code(code: str) -> int:
    return int(code) if code and code.isdigit() else 0


def industry_relation(industry: np.ndarray, code: int) -> np.ndarray:
    """1 same 4-digit class, 0.6 same 3-digit group, 0.3 same 2-digit division, else 0."""
    out = np.zeros(len(industry), dtype=np.float32)
    if not code:
        return out
    known = industry > 0
    out[known & (industry // 100 == code // 100)] = 0.3
    out[known & (industry // 10 == code // 10)] = 0.6
    out[known & (industry == code)] = 1.0
    return out


CHAINS_FILE = Path(__file__).with_name("data") / "chains.csv"
_chains: dict[tuple[int, int], str] | None = None


def chains() -> dict[tuple[int, int], str]:
    """(division, division) → the chain's name, both ways: GB/T 4754 divisions that supply each other."""
    global _chains
    if _chains is None:
        rows = csv.DictReader(CHAINS_FILE.read_text(encoding="utf-8").splitlines())
        links = {(int(r["upstream"]), int(r["downstream"])): r["chain"] for r in rows}
        _chains = links | {(b, a): name for (a, b), name in links.items()}
    return _chains


def chain_relation(industry: np.ndarray, code: int) -> np.ndarray:
    """1 where the candidate's division is up- or downstream of the asking firm's (chains.csv)."""
    out = np.zeros(len(industry), dtype=np.float32)
    if not code:
        return out
    linked = [b for (a, b) in chains() if a == code // 100]
    out[(industry > 0) & np.isin(industry // 100, linked)] = 1.0
    return out


def industry_prf(industry: np.ndarray, best: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """How much a candidate's industry agrees with the industries of the best lexical matches (a
    query rarely names its industry; its best matches usually share one)."""
    out = np.zeros(len(industry), dtype=np.float32)
    for code, w in zip(industry[best], weights, strict=True):
        if code > 0:
            out += w * industry_relation(industry, int(code))
    return out


def score(matrix: np.ndarray, weights: dict[str, float]) -> np.ndarray:
    """Weighted sum of the features as a share of a perfect match's (every signal at its best, 1):
    so 0.8 means the same whatever the weights, and a report can cut at a fixed threshold."""
    w = np.array([weights[f] for f in FEATURES], dtype=np.float32)
    return matrix @ w / _perfect(weights)


def _perfect(weights) -> float:
    return max(sum(w for w in weights.values() if w > 0), 1e-6)


LABELS = {
    "bigram": _lazy("wording"), "word": _lazy("keywords"), "title": _lazy("title"),
    "synonym": _lazy("related terms"),
    "coverage": _lazy("coverage of the request"), "bigram_coverage": _lazy("coverage of the wording"),
    "kind_fit": _lazy("kind"), "kind_prf": _lazy("kind of the best matches"),
    "industry": _lazy("industry"), "chain": _lazy("industrial chain"),
    "industry_prf": _lazy("industry of the best matches"),
    "same_park": _lazy("same park"), "prior": _lazy("past outcomes"), "dense": _lazy("meaning"),
}


def explain(terms: QueryTerms, column: np.ndarray, row: np.ndarray, weights, query, industry: int,
            kind: str) -> tuple[str, ...]:
    """Chinese sentences: matched words, synonyms used, shared wording, the structured signals, and
    the score as a sum of weighted signals."""
    hit = column > 0
    reasons = []
    matched = [terms.label[i] for i in np.flatnonzero(hit & terms.of(WORD, TITLE))]
    matched = [w for w in matched if len(w) > 1] or matched  # 天, 件: true, but they explain nothing
    if matched:
        reasons.append(_("Matched terms: %(terms)s") % {"terms": "、".join(dict.fromkeys(matched))})
    used = {terms.label[i]: terms.synonyms.get(terms.label[i], "")
            for i in np.flatnonzero(hit & terms.of(SYN_WORD, SYN_TITLE))}
    if used:
        pairs = "、".join(f"{src}→{dst}" for dst, src in used.items())
        reasons.append(_("Related terms used: %(pairs)s") % {"pairs": pairs})
    phrases = _shared_phrases(terms, hit)
    if phrases and not matched:
        reasons.append(_("Shared wording: %(phrases)s") % {"phrases": "、".join(phrases)})
    reasons += _signal_reasons(row, query, industry, kind)
    parts = [(str(LABELS[f]), weights[f] * row[i] / _perfect(weights)) for i, f in enumerate(FEATURES)]
    parts = "、".join(f"{label} {value:+.2f}" for label, value in parts if abs(value) >= 0.005)
    reasons.append(_("Score %(score).2f = %(parts)s") % {"score": float(score(row[None], weights)[0]),
                                                          "parts": parts})
    return tuple(reasons)


def _signal_reasons(row, query, industry: int, kind: str) -> list[str]:
    f = dict(zip(FEATURES, row, strict=True))
    out = []
    if f["kind_fit"] > 0:
        out.append(_("The kind fits what is asked (%(kind)s)") % {"kind": str(KIND_LABELS.get(kind, kind))})
    if f["industry"] >= 1:
        out.append(_("Same industry class as the asking firm (%(code)04d)") % {"code": industry})
    elif f["industry"] > 0:
        out.append(_("Industry close to the asking firm's (%(code)04d)") % {"code": industry})
    elif f["chain"] > 0:
        name = chains().get((_code(query.industry_code) // 100, industry // 100), "")
        out.append(_("Up- or downstream of the asking firm on an industrial chain (%(chain)s)")
                   % {"chain": name})
    elif f["industry_prf"] >= 0.3:
        out.append(_("Same industry as the closest matches (%(code)04d)") % {"code": industry})
    if f["same_park"] > 0:
        out.append(_("In the same park"))
    if f["prior"] > 0:
        out.append(_("Staff accepted it in earlier matches"))
    elif f["prior"] < 0:
        out.append(_("Staff turned it down in earlier matches"))
    return out


KIND_LABELS = {"product": _lazy("product"), "capability": _lazy("capability"), "need": _lazy("need"),
               "service": _lazy("service"), "policy": _lazy("policy"), "technology": _lazy("technology")}


def _shared_phrases(terms: QueryTerms, hit: np.ndarray, most: int = 4) -> list[str]:
    """The longest runs of the query's own text whose every bigram the candidate contains."""
    matched = {terms.label[i] for i in np.flatnonzero(hit & terms.of(BIGRAM))}
    runs, current, last = [], "", -2
    for i in range(len(terms.folded) - 1):
        pair = terms.folded[i:i + 2]
        if pair not in matched:
            continue
        if i == last + 1:
            current += pair[1]
        else:
            runs.append(current)
            current = pair
        last = i
    runs.append(current)
    runs = [r for r in runs if len(r) >= 2]
    return sorted(dict.fromkeys(runs), key=len, reverse=True)[:most]
