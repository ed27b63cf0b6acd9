"""The matching development set (bench/data/matching) and the ranking metrics, pure: no database.

Three UTF-8 CSV files (a BOM allowed) or .xlsx workbooks (first sheet), columns found by name in any
order (required in capitals below; other columns are ignored; rid/query/query_id are read as
id/text/qid):

    resources  ID,kind,TITLE,description,tags,industry_code   tags separated by 、 , ; or |
    queries    QID,kind,TEXT                                   kind may be empty
    qrels      QID,RID,GRADE                                   grade 0–3

Grades: 3 solves the need, 2 useful, 1 related but no solution, 0 judged not relevant. The metrics
count a result as relevant from grade 2 (min_grade); nDCG uses every grade with gains 2^g − 1.
A malformed file raises DevSetError naming the file, the line and the reason.
"""

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

DEV_SET = Path(__file__).resolve().parents[2] / "bench" / "data" / "matching"
KINDS = ("product", "capability", "need", "service", "policy", "technology")
MAX_GRADE = 3
QREL_COLUMNS = ("qid", "rid", "grade")
_INDUSTRY_CODE = re.compile(r"\d{4}")
_ALIASES = {"query": "text", "query_id": "qid", "resource_id": "id"}
_TAG_SEPARATORS = re.compile(r"[、,，;；|]")


class DevSetError(ValueError):
    """A development-set file that cannot be read: which file, which line, why."""

    def __init__(self, path, line: int, reason: str):
        self.path, self.line, self.reason = Path(path), line, reason
        super().__init__(_("%(file)s, line %(line)d: %(reason)s")
                         % {"file": self.path.name, "line": line, "reason": reason})


@dataclass(frozen=True)
class Resource:
    """One thing the park can offer: a product, a capability, a service, a policy, a technology."""

    id: str
    kind: str
    title: str
    description: str
    tags: tuple[str, ...]
    industry_code: str

    @property
    def text(self) -> str:
        """Title, description and tags as one text to index."""
        return " ".join((self.title, self.description, " ".join(self.tags)))


@dataclass(frozen=True)
class Query:
    """One firm's need as the firm wrote it; kind is the kind of resource wanted ('' when unclear)."""

    qid: str
    kind: str
    text: str


def _rows(path, required, optional=()):
    """(line number, row dict) for each data row of a .csv or .xlsx file. Columns are found by name
    in any order; the required ones must be there, optional ones read as "" when absent, any others
    are ignored. DevSetError for a missing column or a row with a wrong field count."""
    path = Path(path)
    lines = _xlsx_lines(path) if path.suffix.lower() == ".xlsx" else _csv_lines(path)
    first = next(lines, None)
    header = [_ALIASES.get(h, h) for h in (str(c).strip().lower() for c in first[1])] if first else []
    missing = [c for c in required if c not in header]
    if missing:
        raise DevSetError(path, 1, _("the header must have the columns %(columns)s (missing: %(missing)s)")
                          % {"columns": ",".join(required), "missing": ",".join(missing)})
    at = {c: header.index(c) for c in (*required, *optional) if c in header}
    for line, row in lines:
        if not any(str(cell).strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DevSetError(path, line, _("%(found)d fields, expected %(expected)d")
                              % {"found": len(row), "expected": len(header)})
        yield line, {c: (str(row[at[c]]).strip() if c in at else "") for c in (*required, *optional)}


def _csv_lines(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        for row in reader:
            yield reader.line_num, row


def _xlsx_lines(path):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DevSetError(path, 1, _("not a readable .xlsx workbook")) from exc
    width = None
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else v for v in row]
        width = width or len([c for c in cells if str(c).strip()])
        yield number, cells[:width] + [""] * (width - len(cells))


def _require(path, line, row, *names):
    """DevSetError for the first of `names` that is empty in the row."""
    for name in names:
        if not row[name]:
            raise DevSetError(path, line, _("“%(column)s” is empty") % {"column": name})


def _check_kind(path, line, kind, *, allow_empty=False):
    if (kind or not allow_empty) and kind not in KINDS:
        raise DevSetError(path, line, _("unknown kind “%(kind)s”") % {"kind": kind})


def _check_new(path, line, key, seen):
    if key in seen:
        raise DevSetError(path, line, _("“%(key)s” appears twice") % {"key": key})


def _resource(path, line, row) -> Resource:
    _require(path, line, row, "id", "title")
    _check_kind(path, line, row["kind"], allow_empty=True)
    code = row["industry_code"]
    if code.isdigit() and len(code) < 4:
        code = code.zfill(4)  # a spreadsheet read 0610 as the number 610
    if code and not _INDUSTRY_CODE.fullmatch(code):
        raise DevSetError(path, line, _("industry code “%(code)s” is not 4 digits") % {"code": code})
    tags = tuple(t.strip() for t in _TAG_SEPARATORS.split(row["tags"]) if t.strip())
    return Resource(row["id"], row["kind"], row["title"], row["description"], tags, code)


def load_resources(path=DEV_SET / "resources.csv") -> dict[str, Resource]:
    """id → Resource, in file order."""
    out: dict[str, Resource] = {}
    for line, row in _rows(path, ("id", "title"), ("kind", "description", "tags", "industry_code")):
        _check_new(path, line, row["id"], out)
        out[row["id"]] = _resource(path, line, row)
    return out


def load_queries(path=DEV_SET / "queries.csv") -> dict[str, Query]:
    """qid → Query, in file order."""
    out: dict[str, Query] = {}
    for line, row in _rows(path, ("qid", "text"), ("kind",)):
        _require(path, line, row, "qid", "text")
        _check_kind(path, line, row["kind"], allow_empty=True)
        _check_new(path, line, row["qid"], out)
        out[row["qid"]] = Query(row["qid"], row["kind"], row["text"])
    return out


def _grade(path, line, text) -> int:
    if not text.isdigit() or not 0 <= int(text) <= MAX_GRADE:
        raise DevSetError(path, line, _("grade “%(grade)s” is not a whole number from 0 to 3")
                          % {"grade": text})
    return int(text)


def load_qrels(path=DEV_SET / "qrels.csv") -> dict[str, dict[str, int]]:
    """qid → {rid: grade}; a (qid, rid) pair judged twice is an error."""
    out: dict[str, dict[str, int]] = {}
    for line, row in _rows(path, QREL_COLUMNS):
        _require(path, line, row, "qid", "rid", "grade")
        judged = out.setdefault(row["qid"], {})
        if row["rid"] in judged:
            raise DevSetError(path, line, _("“%(rid)s” is judged twice for “%(qid)s”") % row)
        judged[row["rid"]] = _grade(path, line, row["grade"])
    return out


def _dedup(ranked) -> list[str]:
    """The ranking with repeats dropped, so a result is counted once wherever it comes again."""
    return list(dict.fromkeys(ranked))


def _dcg(grades_in_order) -> float:
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades_in_order))


def ndcg_at(ranked_ids, grades: dict[str, int], k: int = 10) -> float:
    """nDCG@k with gains 2^g − 1 and a log2 discount; the ideal ranks every judged grade; 0 if none ≥ 1."""
    ideal = _dcg(sorted(grades.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return _dcg([grades.get(rid, 0) for rid in _dedup(ranked_ids)[:k]]) / ideal


def recall_at(ranked_ids, grades: dict[str, int], k: int = 10, min_grade: int = 2) -> float:
    """Share of the results graded ≥ min_grade that appear in the first k; 0 if the query has none."""
    relevant = {rid for rid, g in grades.items() if g >= min_grade}
    if not relevant:
        return 0.0
    return len(relevant.intersection(_dedup(ranked_ids)[:k])) / len(relevant)


def mrr(ranked_ids, grades: dict[str, int], min_grade: int = 2) -> float:
    """Reciprocal rank of the first result graded ≥ min_grade (0 if none); evaluate() takes the mean."""
    for rank, rid in enumerate(_dedup(ranked_ids), start=1):
        if grades.get(rid, 0) >= min_grade:
            return 1 / rank
    return 0.0


def evaluate(run: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict:
    """Mean nDCG@10, Recall@10 and MRR over every judged query (one missing from the run scores 0)."""
    if not qrels:
        return {"ndcg@10": 0.0, "recall@10": 0.0, "mrr": 0.0, "queries": 0}
    scores = [(ndcg_at(run.get(q, []), g), recall_at(run.get(q, []), g), mrr(run.get(q, []), g))
              for q, g in qrels.items()]
    n = len(scores)
    return {"ndcg@10": sum(s[0] for s in scores) / n, "recall@10": sum(s[1] for s in scores) / n,
            "mrr": sum(s[2] for s in scores) / n, "queries": n}
