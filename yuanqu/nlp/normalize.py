"""One normal form for Chinese text before it is segmented or matched.

normalize() drops control and format characters (NUL, zero-width spaces, BOM), folds full-width
ASCII (Ａ１２，！) and the ideographic space to their half-width forms, converts traditional
characters to simplified with OpenCC's bundled t2s tables (offline, phrase-aware: 頭髮 → 头发,
乾燥 → 干燥), and collapses every run of whitespace to one space. It is for matching only: what a
user typed is stored and shown as typed.
"""

import re
import sys
import threading
import unicodedata

import opencc

# U+FF01–FF5E are the full-width forms of U+0021–007E; U+3000 is the ideographic space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Whitespace controls survive the drop so that they still separate words.
_KEEP = frozenset("\t\n\r\x0b\x0c")

_converter_lock = threading.Lock()
_converter = None


def _t2s():
    """The process-wide OpenCC traditional→simplified converter (its tables load once)."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = opencc.OpenCC("t2s")
    return _converter


def _control_class() -> re.Pattern:
    """One regex character class of every Cc and Cf code point but the whitespace controls."""
    codes = [c for c in range(sys.maxunicode + 1)
             if unicodedata.category(chr(c)) in ("Cc", "Cf") and chr(c) not in _KEEP]
    return re.compile("[" + "".join(re.escape(chr(c)) for c in codes) + "]")


_CONTROLS = _control_class()


def drop_controls(text: str) -> str:
    """Text without control (Cc) and format (Cf) characters, whitespace controls kept."""
    return _CONTROLS.sub("", text)


def half_width(text: str) -> str:
    """Full-width letters, digits, punctuation and the ideographic space as their ASCII forms."""
    return text.translate(_HALF_WIDTH)


def simplified(text: str) -> str:
    """Traditional characters converted to simplified ones; simplified text comes back unchanged."""
    return _t2s().convert(text) if text else text


def collapse_spaces(text: str) -> str:
    """Every run of whitespace as one space, none at either end."""
    return " ".join(text.split())


def normalize(text: str | None) -> str:
    """The text's normal form for matching: controls dropped, half-width, simplified, one space."""
    return collapse_spaces(simplified(half_width(drop_controls(text or ""))))
