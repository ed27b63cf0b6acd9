"""The spec's JSON and schemaless XML, and its items (services, service requests)."""

import json
import re
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..workflow import Status

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
# XML names of list items, keyed by the name of the list (the spec's plural/singular pairs).
ITEM_TAGS = {"services": "service", "service_requests": "request", "errors": "error",
             "endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}
CLOSED = frozenset({Status.RESOLVED, Status.RATED, Status.CLOSED})
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _CONTROL_CHARS.sub("", str(value))  # not representable in XML 1.0


def _fill(element, value):
    """Write `value` under `element`: dict keys as child tags, list items as the singular tag."""
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, ITEM_TAGS[element.tag]), item)
    else:
        element.text = _xml_text(value)


def to_xml(root: str, data) -> bytes:
    """The spec's schemaless XML for `data` under a `root` element, with the UTF-8 declaration."""
    element = ET.Element(root)
    _fill(element, data)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode").encode()


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def render(fmt, root, data, status=200) -> HttpResponse:
    body = to_xml(root, data) if fmt == "xml" else to_json(data)
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])


def w3(moment) -> str | None:
    """A datetime in the spec's w3 format with the UTC offset, in the park's time zone."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


# ---- services -------------------------------------------------------------------------------

def service_item(category) -> dict:
    """One service of GET services; metadata is true because every service has attributes."""
    return {"service_code": category.code, "service_name": category.name,
            "description": category.description, "metadata": True, "type": "realtime",
            "keywords": ",".join(s.name for s in category.subtypes.all()), "group": _("Demands")}


def service_definition_data(category, *, credit_code_required) -> dict:
    subtype = {"variable": True, "code": "subtype", "datatype": "singlevaluelist", "required": False,
               "datatype_description": None, "order": 1, "description": _("Sub-type of the demand"),
               "values": [{"key": s.pk, "name": s.name} for s in category.subtypes.all()]}
    credit_code = {
        "variable": True, "code": "credit_code", "datatype": "string", "required": credit_code_required,
        "datatype_description": _("18 characters"), "order": 2,
        "description": _("Unified social credit code of the enterprise the demand is filed for "
                         "(not needed with an enterprise's own api_key)")}
    return {"service_code": category.code, "attributes": [subtype, credit_code]}


# ---- service requests -----------------------------------------------------------------------

def status_notes(demand) -> str:
    if demand.merged_into_id:
        return _("Merged with an identical demand.")
    if demand.status in CLOSED and demand.reply:
        return demand.reply
    return str(demand.get_status_display())


def service_notice(demand) -> str | None:
    if not demand.is_open or demand.deadline_at is None:
        return None
    deadline = timezone.localtime(demand.deadline_at).strftime("%Y-%m-%d %H:%M")
    return _("Received as %(number)s; to be handled by %(deadline)s.") % {
        "number": demand.number, "deadline": deadline}


def updated_at(demand, closed):
    """For closed requests the spec wants the closing time."""
    return (demand.closed_at or demand.resolved_at or demand.updated_at) if closed else demand.updated_at


def request_item(demand) -> dict:
    """One service request in the spec's fields (the demand number is the request id)."""
    category, closed = demand.category, demand.status in CLOSED
    return {"service_request_id": demand.number, "status": "closed" if closed else "open",
            "status_notes": status_notes(demand), "service_name": category.name if category else None,
            "service_code": category.code if category else None, "description": demand.text,
            "agency_responsible": demand.department.name if demand.department else None,
            "service_notice": service_notice(demand), "requested_datetime": w3(demand.created_at),
            "updated_datetime": w3(updated_at(demand, closed)),
            "expected_datetime": w3(demand.deadline_at), "address": demand.address, "address_id": None,
            "zipcode": None, "lat": None, "long": None, "media_url": None}
