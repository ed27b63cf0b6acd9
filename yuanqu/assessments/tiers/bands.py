"""Scoring tables as data: each band a cut-off and its points.

Boundary convention (rules-criteria.md §1.1, ◐): 以上/以下 include the number itself, and a value
exactly on a cut-off scores in the band with more points. So in an "up" table (more is better) a
band holds values >= its cut; in a "down" table (less is better: debt ratio) values <= its cut."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import text


@dataclass(frozen=True)
class Band:
    code: str
    cut: Decimal | None  # None: the last band, everything else
    points: int


@dataclass(frozen=True)
class Table:
    label: str  # English msgid
    max_points: int
    bands: tuple[Band, ...]
    up: bool = True
    unit: str = "%"

    def find(self, value: Decimal) -> Band:
        for band in self.bands:
            if band.cut is None or (value >= band.cut if self.up else value <= band.cut):
                return band
        raise AssertionError("a table ends with an open band")

    def fmt(self, value) -> str:
        return text.pct(value) if self.unit == "%" else text.wan(value)

    def describe(self, band: Band) -> str:
        """"A（5%以上）", "B（3%-5%）", "E（1%以下）" — from the cut-offs, as the annexes print them."""
        return text.cached(("band", id(self), band.code), lambda: self._describe(band))

    def _describe(self, band: Band) -> str:
        i = self.bands.index(band)
        if band.cut is None:
            prev = self.bands[i - 1].cut
            span = text.at_most(self.fmt(prev)) if self.up else text.at_least(self.fmt(prev))
        elif i == 0:
            span = text.at_least(self.fmt(band.cut)) if self.up else text.at_most(self.fmt(band.cut))
        else:
            low, high = sorted((band.cut, self.bands[i - 1].cut))
            first = self.fmt(low) if self.unit == "%" else text.num(low)
            span = f"{first}-{self.fmt(high)}"
        return text.band(band.code, span)

    def better(self, band: Band) -> Band | None:
        i = self.bands.index(band)
        return self.bands[i - 1] if i else None

    def min_points(self) -> int:
        return min(b.points for b in self.bands)


def table(label: str, max_points: int, rows, *, up=True, unit="%") -> Table:
    """rows: (code, cut or None, points), best band first."""
    bands = tuple(Band(code, None if cut is None else Decimal(str(cut)), pts) for code, cut, pts in rows)
    return Table(label, max_points, bands, up=up, unit=unit)
