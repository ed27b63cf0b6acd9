"""The park thesaurus: terms that mean the same thing, so a search or a match for one finds the others.

File format (UTF-8, data/thesaurus.txt):

    # a comment; blank lines are ignored
    货车 卡车 货运车          one group of equivalent terms: each means every other
    招工，招聘、用工          terms are separated by spaces, commas (, or ，) or 、
    电焊工 => 焊工            one way: the left terms also mean the right ones, not the reverse
    分布式光伏 光伏组件 => 光伏

Every term is normalised as text is (normalize(), lower-cased), so 卡車 and 卡车 are one term. A
group needs at least two terms; a one-way line needs terms on both sides of a single "=>". A term
in several lines collects the terms of all of them (not transitively: A B and B C do not make A
mean C). ThesaurusError lists every bad line by its number in the file.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .normalize import normalize

BUNDLED = Path(__file__).resolve().parent / "data" / "thesaurus.txt"
# Problems firms describe → the services, products or policies that solve them (one-way lines).
PROBLEMS = BUNDLED.with_name("problems.txt")
ARROW = "=>"
_SEPARATORS = re.compile(r"[\s,、]+")  # normalize() has already turned ， into ,


class ThesaurusError(ValueError):
    """Lines of a thesaurus file that cannot be read: [(line number, reason)]."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("; ".join(_("line %(line)d: %(reason)s") % {"line": n, "reason": r}
                                   for n, r in errors))


@dataclass(frozen=True)
class Thesaurus:
    """term → the other terms it also means, in the order the file gives them."""

    related: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def synonyms(self, term: str) -> list[str]:
        """The terms `term` also means (not itself); [] for a term the thesaurus does not know."""
        return list(self.related.get(_term(term), ()))

    def expand(self, tokens) -> list[str]:
        """The tokens, each followed by its synonyms that are not already there; order kept."""
        out = list(dict.fromkeys(tokens))
        seen = set(out)
        for token in list(out):
            for other in self.related.get(token, ()):
                if other not in seen:
                    seen.add(other)
                    out.append(other)
        return out


def _term(text: str) -> str:
    return normalize(text).lower()


def _terms(side: str) -> list[str]:
    """The distinct terms of one side of a line; ValueError for a term without a letter or digit."""
    terms = [t for t in _SEPARATORS.split(side) if t]
    for term in terms:
        if not any(unicodedata.category(ch)[0] in "LN" for ch in term):
            raise ValueError(_("“%(term)s” is not a term (it has no letter or digit)") % {"term": term})
    return list(dict.fromkeys(terms))


def parse_line(line: str) -> list[tuple[str, str]]:
    """The (term, related term) pairs one line defines; ValueError says what is wrong with it."""
    text = _term(line.split("#", 1)[0])
    if not text:
        return []
    sides = text.split(ARROW)
    if len(sides) > 2:
        raise ValueError(_("at most one “=>” per line"))
    if len(sides) == 2:
        left, right = _terms(sides[0]), _terms(sides[1])
        if not left or not right:
            raise ValueError(_("“=>” needs terms on both sides"))
        return [(a, b) for a in left for b in right if a != b]
    group = _terms(text)
    if len(group) < 2:
        raise ValueError(_("a group needs at least two terms"))
    return [(a, b) for a in group for b in group if a != b]


def parse(lines) -> Thesaurus:
    """A Thesaurus from the lines of a file; ThesaurusError lists every bad line (line 1 is the first)."""
    related, errors = {}, []
    for number, line in enumerate(lines, start=1):
        try:
            pairs = parse_line(line)
        except ValueError as exc:
            errors.append((number, str(exc)))
            continue
        for term, other in pairs:
            related.setdefault(term, {})[other] = None
    if errors:
        raise ThesaurusError(errors)
    return Thesaurus({term: tuple(others) for term, others in related.items()})


def load(path=BUNDLED) -> Thesaurus:
    """Parse a thesaurus file (UTF-8, a BOM allowed)."""
    with open(path, encoding="utf-8-sig") as handle:
        return parse(handle.read().splitlines())


_lock = threading.Lock()
_bundled: Thesaurus | None = None


def merge(*parts: Thesaurus) -> Thesaurus:
    """One thesaurus with every relation of the parts (order kept, no repeats)."""
    related: dict[str, dict[str, None]] = {}
    for part in parts:
        for term, others in part.related.items():
            related.setdefault(term, {}).update(dict.fromkeys(others))
    return Thesaurus({term: tuple(others) for term, others in related.items()})


def bundled() -> Thesaurus:
    """The thesaurus shipped in data/ (thesaurus.txt and problems.txt), parsed once per process."""
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = merge(*(load(p) for p in (BUNDLED, PROBLEMS) if p.exists()))
    return _bundled


def synonyms(term: str) -> list[str]:
    """The bundled thesaurus's synonyms of a term."""
    return bundled().synonyms(term)


def expand(tokens) -> list[str]:
    """Tokens plus their synonyms from the bundled thesaurus."""
    return bundled().expand(tokens)
