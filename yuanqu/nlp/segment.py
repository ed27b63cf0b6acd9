"""Chinese word segmentation: rjieba plus the park's own dictionary, on normalised text.

The dictionary (data/park_dict.txt) has one "word [frequency]" per line; it keeps park and policy
terms such as 专精特新 or 研发费用加计扣除 whole, which the general dictionary would split.
"""

import threading
import unicodedata
from pathlib import Path

import rjieba

from .normalize import normalize

DICTIONARY_PATH = Path(__file__).resolve().parent / "data" / "park_dict.txt"

# Function words and greetings that appear in every category and so carry no signal.
STOP_WORDS = frozenset([
    "的", "了", "着", "过", "是", "在", "和", "与", "及", "或", "而", "也", "都", "就", "还", "又", "把",
    "被", "给", "对", "从", "向", "为", "以", "于", "之", "其", "此", "该", "等", "我", "我们", "我司",
    "你", "你们", "您", "他", "她", "它", "他们", "这", "那", "这个", "那个", "这些", "那些", "这样",
    "有", "没", "吗", "呢", "吧", "啊", "呀", "哦", "嗯", "请", "请问", "您好", "你好", "谢谢", "麻烦",
    "一下", "一个", "什么", "怎么", "如何", "能", "能否", "可以", "可否", "要", "会", "想", "让", "现",
    "已", "已经",
])

_lock = threading.Lock()
_loaded = False


def load_dictionary(path: Path = DICTIONARY_PATH) -> int:
    """Add every "word [freq]" line of the dictionary to rjieba's global segmenter; return the count."""
    count = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 else None
            rjieba.add_word(parts[0], freq, None)
            count += 1
    return count


def _ensure_dictionary() -> None:
    """Load the park dictionary once per process (thread-safe)."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if not _loaded:
            load_dictionary()
            _loaded = True


def is_content(token: str) -> bool:
    """True for a token with at least one letter or digit that is not a stop word."""
    if token in STOP_WORDS:
        return False
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def tokens(text: str, *, normalized: bool = False) -> list[str]:
    """Segment normalised text into lower-cased content words (punctuation, spaces, stop words dropped);
    normalized=True skips normalize() for text that has been through it (and lower()) already."""
    _ensure_dictionary()
    if normalized:
        return [t for t in (w.strip() for w in rjieba.cut(text)) if t and is_content(t)]
    return [t for t in (w.strip().lower() for w in rjieba.cut(normalize(text))) if is_content(t)]
