"""Shape firm records for pages and files (no writes, no request handling)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .excel import STATUS_NAMES
from .forms import ContactForm, NeedForm, OfferingForm, QualificationForm
from .metrics import derived
from .models import INDICATOR_FIELDS, AnnualIndicator
from .permissions import can_delete, can_edit, can_edit_office_fields

CHILD_FORMS = {"qualification": QualificationForm, "offering": OfferingForm, "need": NeedForm,
               "contact": ContactForm}

CHART_SERIES = [("revenue", gettext_lazy("operating revenue")), ("tax_paid", gettext_lazy("tax paid")),
                ("rd_expense", gettext_lazy("R&D expense")),
                ("total_profit", gettext_lazy("total profit"))]


def _num(value):
    return None if value is None else float(value)


def chart_data(rows) -> dict:
    """ECharts-ready series of the money indicators and the derived ratios, by year."""
    ratios = derived(rows)
    return {
        "years": [r.year for r in rows],
        "money": [{"name": str(label), "data": [_num(getattr(r, key)) for r in rows]}
                  for key, label in CHART_SERIES],
        "employees": [r.employees for r in rows],
        "ratios": [
            {"name": _("R&D intensity %"), "data": [_pct(d["rd_intensity"]) for d in ratios]},
            {"name": _("Debt ratio %"), "data": [_pct(d["debt_ratio"]) for d in ratios]},
            {"name": _("Revenue growth %"), "data": [_pct(d["revenue_growth"]) for d in ratios]},
        ],
        "labels": {"money": _("10k yuan"), "people": _("persons"), "ratio": "%",
                   "employees": _("employees")},
    }


def _pct(value):
    return None if value is None else round(float(value) * 100, 2)


def profile_context(ent, user) -> dict:
    rows = list(ent.indicators.order_by("year"))
    return {
        "ent": ent,
        "indicators": list(zip(rows, derived(rows), strict=True)),
        "chart": chart_data(rows),
        "qualifications": list(ent.qualifications.all()),
        "offerings": list(ent.offerings.all()),
        "needs": list(ent.needs.all()),
        "contacts": list(ent.contacts.all()),
        "can_edit": user is not None and can_edit(user, ent),
        "can_edit_office": user is not None and can_edit_office_fields(user),
        "can_delete": user is not None and can_delete(user, ent),
    }


def export_rows(queryset):
    """Rows for the export workbook: registry fields plus each firm's latest indicators."""
    latest = {}
    ids = queryset.values_list("pk", flat=True)
    for ind in AnnualIndicator.objects.filter(enterprise_id__in=ids).order_by("enterprise_id", "year"):
        latest[ind.enterprise_id] = ind
    for ent in queryset.select_related("grid").iterator(chunk_size=2000):
        yield _export_row(ent, latest.get(ent.pk))


def _export_row(ent, ind):
    row = {
        "name": ent.name, "credit_code": ent.credit_code, "legal_rep": ent.legal_rep,
        "founded_on": ent.founded_on, "registered_capital": ent.registered_capital,
        "address": ent.address, "zone": ent.zone, "grid": ent.grid.name if ent.grid else None,
        "industry": ent.industry_id, "status": STATUS_NAMES.get(ent.status),
    }
    if ind is not None:
        row["year"] = ind.year
        row.update({f: getattr(ind, f) for f in INDICATOR_FIELDS})
    return row
