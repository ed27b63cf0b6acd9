"""The park ranking as an .xlsx workbook (pure: rows in, bytes out)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .spec import DIMENSION_LABELS, DIMENSIONS


def _r(value):
    return None if value is None else round(value, 1)


def ranking_workbook(rows, year: int) -> bytes:
    """One sheet: rank, firm, industry, peer group, total, six dimensions, per-mu score and grade."""
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = _("Ranking %(year)d") % {"year": year}
    header = [_("Rank"), _("Enterprise"), _("Industry code"), _("Peer group"), _("Total score"),
              *[str(DIMENSION_LABELS[d]) for d in DIMENSIONS], _("Per-mu score"), _("Per-mu grade")]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        s, g = row.score, row.per_mu
        ws.append([s.rank, s.name, s.industry, _("Industry %(d)s") % {"d": s.peer_group} if s.by_industry
                   else _("Whole park"), _r(s.total), *[_r(s.dimension(d).score) for d in DIMENSIONS],
                   _r(g.score) if g else None, g.grade if g else None])
    ws.column_dimensions["B"].width = 36
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
