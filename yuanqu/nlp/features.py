"""TF-IDF feature builders for Chinese text: character grams of the whole text or its head, and words.

The functions given to the vectorisers are module-level so that fitted models pickle them by name;
moving or renaming one makes older model files unloadable (bump the model's format version).
"""

import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .normalize import normalize
from .segment import tokens

HEAD_CHARS = 40
_RUNS = re.compile(r"[^\W_]+")


def lower_text(text: str) -> str:
    """The normalised, lower-cased text (the preprocessor of the character grams)."""
    return normalize(text).lower()


def text_head(text: str) -> str:
    """The normalised, lower-cased first HEAD_CHARS characters, where a message's subject usually sits."""
    return normalize(text)[:HEAD_CHARS].lower()


def char_grams(preprocessor=lower_text, **options) -> TfidfVectorizer:
    """Sublinear TF-IDF over character 1–2 grams of the preprocessed text."""
    return TfidfVectorizer(analyzer="char", ngram_range=(1, 2), preprocessor=preprocessor,
                           sublinear_tf=True, dtype=np.float32, **options)


def word_grams(**options) -> TfidfVectorizer:
    """Sublinear TF-IDF over segmented words (tokens(): park dictionary, no stop words)."""
    return TfidfVectorizer(tokenizer=tokens, token_pattern=None, lowercase=False,
                           sublinear_tf=True, dtype=np.float32, **options)


def char_bigrams(folded: str) -> list[str]:
    """Character bigrams of each run of letters and digits of already normalised text (a run of
    one character gives itself): what the matcher indexes and the baselines count."""
    out = []
    for run in _RUNS.findall(folded):
        out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
    return out
