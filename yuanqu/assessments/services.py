"""Write side of the tier part: recording a firm's facts for a year (audited, PUT semantics)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.models import AuditAction
from yuanqu.enterprises.models import Enterprise

from .models_facts import FACT_NAMES, EnterpriseFacts
from .permissions import can_edit_facts
from .queries import check_year


@transaction.atomic
def record_facts(enterprise: Enterprise, year: int, data: dict, *, actor) -> EnterpriseFacts:
    """Replace the firm's facts for `year` with `data` (a fact not given becomes unknown)."""
    if not can_edit_facts(actor, enterprise):
        raise PermissionDenied
    check_year(year)
    row = EnterpriseFacts.objects.select_for_update().filter(enterprise=enterprise, year=year).first()
    created = row is None
    row = row or EnterpriseFacts(enterprise=enterprise, year=year)
    before = {} if created else snapshot(row, FACT_NAMES)
    for name in FACT_NAMES:
        setattr(row, name, data.get(name))
    row.full_clean()
    row.save()
    changes = diff(before, snapshot(row, FACT_NAMES))
    if changes or created:
        record(actor, AuditAction.CREATE if created else AuditAction.UPDATE, enterprise,
               entity=_("Facts %(year)s") % {"year": year}, changes=changes)
    return row
