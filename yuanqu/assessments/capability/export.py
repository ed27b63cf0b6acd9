"""The park ranking as an .xlsx workbook (pure: rows in, bytes out)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .spec import DIMENSION_LABELS, DIMENSIONS


def _r(value):
    return None if value is None else round(value, 1)


def ranking_workbook(rows, year: int) -> bytes:
    """One sheet: rank, firm, industry, peer group, total, six dimensions, per-mu score and grade."""
    wb = Workbook(write_only=True)  # streams rows: a 10,000-firm park in a fraction of the time
    ws = wb.create_sheet(_("Ranking %(year)d") % {"year": year})
    ws.column_dimensions["B"].width = 36
    header = [_("Rank"), _("Enterprise"), _("Industry code"), _("Peer group"), _("Total score"),
              *[str(DIMENSION_LABELS[d]) for d in DIMENSIONS], _("Per-mu score"), _("Per-mu grade")]
    ws.append([_bold(ws, str(h)) for h in header])
    for row in rows:
        s, g = row.score, row.per_mu
        ws.append([s.rank, s.name, s.industry, _("Industry %(d)s") % {"d": s.peer_group} if s.by_industry
                   else _("Whole park"), _r(s.total), *[_r(s.dimension(d).score) for d in DIMENSIONS],
                   _r(g.score) if g else None, g.grade if g else None])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _bold(ws, value):
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True)
    return cell
