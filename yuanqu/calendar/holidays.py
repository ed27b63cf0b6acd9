"""The official holiday calendar (the State Council's annual notice): read, load, check coverage.

Deadlines count working days, so a year without its public holidays silently counts 春节 as
working days. The notices published so far ship in data/holidays.csv and are loaded by a data
migration; each later year is added from its notice (usually out in November) with
`manage.py load_holidays FILE` or in the back office.
"""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yuanqu.core.validators import reject_markup

BUNDLED = Path(__file__).resolve().parent / "data" / "holidays.csv"
COLUMNS = ("from", "to", "kind", "name")
KINDS = ("holiday", "workday")
NOTICE_MONTH = 11  # from November on, next year's holidays are expected to be known


@dataclass(frozen=True)
class Day:
    date: date
    kind: str
    name: str


class CalendarFileError(ValueError):
    """Rows of a holiday file that cannot be read: [(row number, reason)]."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("; ".join(_("row %(row)d: %(reason)s") % {"row": n, "reason": r} for n, r in errors))


def _row_days(row: dict) -> list[Day]:
    try:
        start, end = date.fromisoformat(row["from"].strip()), date.fromisoformat(row["to"].strip())
    except (AttributeError, ValueError):
        raise ValueError(_("from/to must be real dates written as YYYY-MM-DD")) from None
    kind, name = (row["kind"] or "").strip(), (row["name"] or "").strip()
    if kind not in KINDS:
        raise ValueError(_("kind must be holiday or workday, not “%(kind)s”") % {"kind": kind})
    if end < start or (end - start).days > 14:
        raise ValueError(_("to must be on or after from, and at most 14 days later"))
    try:
        reject_markup(name)
    except ValidationError:
        name = ""
    if not name or len(name) > 50:
        raise ValueError(_("name is required, plain text of at most 50 characters"))
    return [Day(start + timedelta(days=i), kind, name) for i in range((end - start).days + 1)]


def read(path=BUNDLED) -> list[Day]:
    """Every day of the file's ranges; CalendarFileError lists every bad row by its line number
    (line 1 is the header)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise CalendarFileError([(1, _("missing columns: %(cols)s") % {"cols": ", ".join(missing)})])
        days, errors, seen = [], [], {}
        for row in reader:
            number = reader.line_num  # the file's line, also where blank lines were skipped
            try:
                row_days = _row_days(row)
            except ValueError as exc:
                errors.append((number, str(exc)))
                continue
            for day in row_days:
                if day.date in seen:
                    errors.append((number, _("%(day)s is already given in row %(row)d") % {
                        "day": day.date.isoformat(), "row": seen[day.date]}))
                seen[day.date] = number
            days.extend(row_days)
    if errors:
        raise CalendarFileError(errors)
    return days


def load(days: list[Day], model=None, using: str = "default") -> tuple[int, list[Day]]:
    """Add the days the calendar lacks. Days already there (perhaps corrected by an administrator)
    are kept as they are. Returns (added, the kept days whose kind or name differs from `days`).
    `model` and `using` are for the data migration."""
    if model is None:
        from .models import CalendarDay as model
    with transaction.atomic(using=using):
        rows = model.objects.using(using).filter(date__in=[d.date for d in days])
        existing = {row.date: row for row in rows}
        new = [model(date=d.date, kind=d.kind, name=d.name) for d in days if d.date not in existing]
        # ignore_conflicts: a day another load added meanwhile is kept, not an error
        model.objects.using(using).bulk_create(new, ignore_conflicts=True)
    differing = [Day(d.date, existing[d.date].kind, existing[d.date].name) for d in days
                 if d.date in existing and (existing[d.date].kind, existing[d.date].name) != (d.kind, d.name)]
    return len(new), differing


def missing_years(today: date) -> list[int]:
    """This year, and from November on next year, when no public holiday of theirs is recorded."""
    from .models import CalendarDay

    years = [today.year] + ([today.year + 1] if today.month >= NOTICE_MONTH else [])
    recorded = CalendarDay.objects.filter(kind=CalendarDay.Kind.HOLIDAY, date__year__in=years)
    present = {day.year for day in recorded.dates("date", "year")}
    return [year for year in years if year not in present]


def warnings(today: date) -> list[str]:
    """One message per year whose public holidays are missing (see missing_years)."""
    return [_("The public holidays of %(year)d are not in the calendar yet: deadlines in %(year)d "
              "skip weekends only. Add them from the State Council's notice.") % {"year": year}
            for year in missing_years(today)]
