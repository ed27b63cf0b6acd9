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
from functools import lru_cache

from yuanqu.nlp.normalize import normalize
from yuanqu.nlp.segment import tokens as segment

WORD = 1 << 62
TITLE = 1 << 61
HASH_BITS = (1 << 56) - 1
NAMESPACES = {"bigram": 0, "word": WORD, "title": TITLE}
_RUNS = re.compile(r"[^\W_]+")
# Words so common in requests and offers that they say nothing about which resource fits.
FILLER = frozenset([
    "找", "找到", "找个", "找家", "找人", "想", "想找", "需要", "需求", "求", "求购",
    "有没有", "哪里", "哪家", "哪儿", "谁", "谁家", "能", "能不能", "帮忙", "帮",
    "推荐", "介绍", "提供", "我们", "我司", "公司", "企业", "厂", "厂子", "厂里",
    "单位", "园区", "客户", "一家", "一些", "一点", "一批", "有", "没有", "老是",
    "总是", "经常", "最近", "现在", "目前", "今年", "明年", "问题", "情况", "方面",
    "相关", "服务", "产品", "可以", "可", "做", "搞", "弄", "用", "要", "给",
    "能够", "希望", "急", "急需", "比较", "非常", "很", "太", "多", "少",
])


@lru_cache(maxsize=200_000)
def word_key(word: str) -> int:
    """The stable 56-bit key of a word (the same in every process: no Python hash())."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=7).digest(), "big")


def fold(text: str) -> str:
    """The normal form terms are cut from: normalize() and lower case."""
    return normalize(text).lower()


def bigrams(folded: str) -> list[int]:
    """Bigram keys of each letter/digit run; a one-character run gives its unigram key."""
    out = []
    for run in _RUNS.findall(folded):
        codes = [ord(ch) for ch in run]
        if len(codes) == 1:
            out.append(codes[0] << 21)
        else:
            out.extend((a << 21) | b for a, b in zip(codes, codes[1:], strict=False))
    return out


def words(folded: str) -> list[str]:
    """Content words (stop words and request fillers dropped)."""
    return [w for w in segment(folded) if w not in FILLER]


def doc_terms(title: str, description: str, tags) -> dict[str, list[int]]:
    """The terms of one document, per namespace (duplicates kept: they are term frequencies)."""
    head = fold(" ".join([title, *tags]))
    body = fold(description)
    head_words = words(head)
    all_words = head_words + words(body)
    return {
        "bigram": bigrams(head + " " + head + " " + body),
        "word": [word_key(w) | WORD for w in all_words],
        "title": [word_key(w) | TITLE for w in head_words],
    }


def bigram_text(key: int) -> str:
    """The characters a bigram key stands for (for explanations)."""
    first, second = key >> 21, key & ((1 << 21) - 1)
    return chr(first) + (chr(second) if second else "")
