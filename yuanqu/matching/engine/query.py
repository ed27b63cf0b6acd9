"""A query's terms: its bigrams and words, and the words the thesaurus adds, each with a weight."""

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from yuanqu.nlp import thesaurus as nlp_thesaurus

from . import text
from .types import MatchError

MAX_CHARS = 1000      # a longer text is read up to here: the rest rarely changes what fits
MAX_BIGRAMS = 64      # the rarest ones are kept: common bigrams rank nothing and cost postings
MAX_WORDS = 40
SYNONYM_WEIGHT = 0.6  # an added term counts less than one the firm wrote

BIGRAM, WORD, TITLE, SYN_WORD, SYN_TITLE = range(5)


@dataclass
class QueryTerms:
    """Parallel arrays: key, group (BIGRAM … SYN_TITLE), query weight, label; plus what was asked."""

    folded: str
    keys: np.ndarray
    group: np.ndarray
    qweight: np.ndarray
    label: list[str]
    words: list[str]
    synonyms: dict[str, str]  # added word → the query word or phrase it came from

    def of(self, *groups) -> np.ndarray:
        return np.isin(self.group, groups)


def analyse(raw: str, thesaurus=None) -> QueryTerms:
    """The terms of a query; MatchError when the text has nothing to match on."""
    folded = text.fold((raw or "")[:MAX_CHARS * 2])[:MAX_CHARS]
    if not folded.strip():
        raise MatchError("q", _("Enter what you are looking for."))
    words = list(dict.fromkeys(text.words(folded)))[:MAX_WORDS]
    bigrams = list(dict.fromkeys(text.bigrams(folded)))
    if not words and not bigrams:
        raise MatchError("q", _("The text has no letters or digits to match on."))
    synonyms = _synonyms(folded, words, thesaurus or nlp_thesaurus.bundled())
    rows = [(k, BIGRAM, 1.0, text.bigram_text(k)) for k in bigrams]
    for w in words:
        rows += [(text.word_key(w) | text.WORD, WORD, 1.0, w), (text.word_key(w) | text.TITLE, TITLE, 1.0, w)]
    for w in synonyms:
        rows += [(text.word_key(w) | text.WORD, SYN_WORD, SYNONYM_WEIGHT, w),
                 (text.word_key(w) | text.TITLE, SYN_TITLE, SYNONYM_WEIGHT, w)]
    keys, group, qweight, label = zip(*rows, strict=True)
    return QueryTerms(folded, np.array(keys, dtype=np.int64), np.array(group, dtype=np.int8),
                      np.array(qweight, dtype=np.float32), list(label), words, synonyms)


def _synonyms(folded: str, words: list[str], thes) -> dict[str, str]:
    """Words the thesaurus adds: for each query word, and for each thesaurus term (a phrase such as
    招不到人 that segmentation splits) found in the text. The added terms are segmented as documents
    are, so a phrase target matches the words it is indexed under."""
    sources = dict.fromkeys(words)
    sources.update(dict.fromkeys(t for t in thes.related if len(t) > 1 and t in folded))
    present = set(words)
    added: dict[str, str] = {}
    for source in sources:
        for target in thes.related.get(source, ()):
            for w in text.words(target) or [target]:
                if w not in present and w not in added:
                    added[w] = source
    return added


def trim(terms: QueryTerms, idf: np.ndarray) -> tuple[QueryTerms, np.ndarray]:
    """Keep the MAX_BIGRAMS rarest bigrams (by idf): a long text's common bigrams rank nothing.
    Returns the terms and their idf."""
    bigram_rows = np.flatnonzero(terms.group == BIGRAM)
    if len(bigram_rows) <= MAX_BIGRAMS:
        return terms, idf
    drop = bigram_rows[np.argsort(-idf[bigram_rows], kind="stable")[MAX_BIGRAMS:]]
    keep = np.setdiff1d(np.arange(len(terms.keys)), drop)
    kept = QueryTerms(terms.folded, terms.keys[keep], terms.group[keep], terms.qweight[keep],
                      [terms.label[i] for i in keep], terms.words, terms.synonyms)
    return kept, idf[keep]
