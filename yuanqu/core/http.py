from django.http import HttpResponse


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx download; the name is RFC 5987-encoded so Chinese names survive."""
    from urllib.parse import quote

    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
