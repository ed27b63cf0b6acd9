"""Text → index terms. Every term is an int64 key in one of three namespaces, so the index needs no
string vocabulary (nothing to load per worker, nothing to share but arrays):

    bigram   (c1 << 21) | c2 for each pair of letters/digits in a run, a lone character (c << 21)
    word     a 56-bit hash of a segmented word (rjieba + the park dictionary), bit 62 set
    title    the same hash for the words of the title and tags, bit 61 set

Character bigrams find what segmentation splits differently (阳极氧化 vs 阳极/氧化); words carry the
meaning and are what the thesaurus expands; title words say what the resource *is*, not what it
mentions.
"""

import hashlib
import re

import numpy as np
import rjieba

from yuanqu.nlp.features import char_bigrams
from yuanqu.nlp.normalize import normalize
from yuanqu.nlp.segment import (
    STOP_WORDS,
    _ensure_dictionary,  # noqa: PLC2701  (the park dictionary, loaded once)
)

WORD = 1 << 62
TITLE = 1 << 61
HASH_BITS = (1 << 56) - 1
NAMESPACES = {"bigram": 0, "word": WORD, "title": TITLE}
_HAS_WORD = re.compile(r"[^\W_]")
# Words so common in requests and offers that they say nothing about which resource fits.
FILLER = frozenset([
    "找", "找到", "找个", "找家", "找人", "想", "想找", "需要", "需求", "求", "求购",
    "有没有", "哪里", "哪家", "哪儿", "谁", "谁家", "能", "能不能", "帮忙", "帮",
    "推荐", "介绍", "提供", "我们", "我司", "公司", "企业", "厂", "厂子", "厂里",
    "单位", "园区", "客户", "一家", "一些", "一点", "一批", "有", "没有", "老是",
    "总是", "经常", "最近", "现在", "目前", "今年", "明年", "问题", "情况", "方面",
    "相关", "服务", "产品", "可以", "可", "做", "搞", "弄", "用", "要", "给",
    "能够", "希望", "急", "急需", "比较", "非常", "很", "太", "多", "少",
    "不到", "不了", "不行", "一直", "还是", "怎么办", "办法", "看看", "到底",
])


def word_key(word: str) -> int:
    """The stable 56-bit key of a word (the same in every process: no Python hash())."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=7).digest(), "big")


_CUT_KEYS: dict[str, int] = {}  # token → its key, 0 for a token words() drops


def cut_keys(folded: str) -> list[int]:
    """word_key() of each of words(folded), through a per-process cache of every token seen."""
    _ensure_dictionary()
    out, cache = [], _CUT_KEYS
    for token in rjieba.cut(folded):
        key = cache.get(token)
        if key is None:
            key = word_key(token) if is_term(token) else 0
            if len(cache) < 2_000_000:
                cache[token] = key
        if key:
            out.append(key)
    return out


def fold(text: str) -> str:
    """The normal form terms are cut from: normalize() and lower case."""
    return normalize(text).lower()


def bigrams(folded: str) -> list[int]:
    """Keys of nlp.features.char_bigrams (a one-character run gives its unigram key)."""
    return [(ord(g[0]) << 21) | (ord(g[1]) if len(g) > 1 else 0) for g in char_bigrams(folded)]


def words(folded: str) -> list[str]:
    """Content words of folded text (stop words, request fillers and punctuation dropped)."""
    _ensure_dictionary()
    return [w for w in rjieba.cut(folded) if is_term(w)]


def is_term(token: str) -> bool:
    """A token worth matching on: not a stop word or request filler, with a letter or digit."""
    return token not in _DROP and bool(_HAS_WORD.search(token))


def fold_many(texts: list[str]) -> list[str]:
    """fold() of many texts in one pass (OpenCC and the regexes run once over the joined text)."""
    joined = normalize_many("\n".join(t.replace("\n", " ") for t in texts))
    return [" ".join(part.split()).lower() for part in joined.split("\n")]


def doc_parts(title: str, description: str, tags) -> tuple[str, str]:
    """(head, body): the folded title and tags, the folded description."""
    return fold(" ".join([title, *tags])), fold(description)


def docs_parts(docs) -> list[tuple[str, str]]:
    """doc_parts() of many documents at once."""
    folded = fold_many([t for d in docs for t in (" ".join([d.title, *d.tags]), d.description)])
    return list(zip(folded[0::2], folded[1::2], strict=True))


def bigram_source(head: str, body: str) -> str:
    """What bigrams are cut from: the head twice (a title says what the resource is), then the body."""
    return f"{head} {head} {body}"


def word_keys(head: str, body: str) -> list[int]:
    """Word and title-word keys of one document (duplicates kept: they are term frequencies)."""
    head_keys = cut_keys(head)
    return ([k | WORD for k in head_keys] + [k | WORD for k in cut_keys(body)]
            + [k | TITLE for k in head_keys])


def chunk_word_keys(parts: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """(word and title-word keys, document index of each) of many documents, as word_keys() cuts one."""
    heads, bodies, head_len, body_len = [], [], [], []
    for head, body in parts:
        h, b = cut_keys(head), cut_keys(body)
        heads += h
        bodies += b
        head_len.append(len(h))
        body_len.append(len(b))
    h, b = np.array(heads, dtype=np.int64), np.array(bodies, dtype=np.int64)
    at = np.arange(len(parts))
    owner_h, owner_b = np.repeat(at, head_len), np.repeat(at, body_len)
    return np.concatenate((h | WORD, b | WORD, h | TITLE)), np.concatenate((owner_h, owner_b, owner_h))


def doc_keys(title: str, description: str, tags) -> list[int]:
    """Every term key of one document (duplicates kept: they are term frequencies); the build cuts
    many documents at once the same way (chunk_bigrams, chunk_word_keys)."""
    head, body = doc_parts(title, description, tags)
    return bigrams(bigram_source(head, body)) + word_keys(head, body)


_word_chars = None


def _is_word_char():
    """bool[0x110000]: which code points a letter/digit run is made of (as [^\\W_] in re)."""
    global _word_chars
    if _word_chars is None:
        table = np.zeros(0x110000, dtype=bool)
        table[[c for c in range(0x110000) if chr(c).isalnum()]] = True
        table[ord("_")] = False
        _word_chars = table
    return _word_chars


def chunk_bigrams(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(bigram keys, text index of each) of many folded texts at once, as bigrams() cuts one."""
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    if not len(codes):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    word = _is_word_char()[codes]
    pair = word[:-1] & word[1:]
    before = np.concatenate(([False], word[:-1]))
    after = np.concatenate((word[1:], [False]))
    lone = word & ~before & ~after
    at_pair, at_lone = np.flatnonzero(pair), np.flatnonzero(lone)
    keys = np.concatenate(((codes[at_pair] << 21) | codes[at_pair + 1], codes[at_lone] << 21))
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    owner = np.searchsorted(starts, np.concatenate((at_pair, at_lone)), side="right") - 1
    return keys, owner


def bigram_text(key: int) -> str:
    """The characters a bigram key stands for (for explanations)."""
    first, second = key >> 21, key & ((1 << 21) - 1)
    return chr(first) + (chr(second) if second else "")


_DROP = STOP_WORDS | FILLER


def normalize_many(joined: str) -> str:
    """normalize() without its final whitespace collapse, which would merge the texts' newlines."""
    from yuanqu.nlp.normalize import drop_controls, half_width, simplified

    return simplified(half_width(drop_controls(joined)))
