"""Attachment checks: an allow-list of types (by extension and content) and a size limit."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import ALLOWED_UPLOADS, MAX_ATTACHMENT_BYTES, Attachment

# Leading bytes of the allowed formats: a renamed .exe is refused even with a .pdf name.
MAGIC = {".pdf": [b"%PDF"], ".png": [b"\x89PNG"], ".jpg": [b"\xff\xd8\xff"], ".jpeg": [b"\xff\xd8\xff"],
         ".docx": [b"PK\x03\x04"], ".xlsx": [b"PK\x03\x04"], ".doc": [b"\xd0\xcf\x11\xe0"],
         ".xls": [b"\xd0\xcf\x11\xe0"]}


def check_upload(upload):
    """Raise a Chinese ValidationError naming the file when it is not allowed."""
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in ALLOWED_UPLOADS:
        raise ValidationError({"attachments": _("%(name)s: file type not allowed (PDF, images, Word "
                                                "and Excel only).") % {"name": upload.name}})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"attachments": _("%(name)s: larger than 10 MB.") % {"name": upload.name}})
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(m) for m in MAGIC[suffix]):
        raise ValidationError({"attachments": _("%(name)s: the content does not match its type.")
                               % {"name": upload.name}})


def display_name(raw: str) -> str:
    """The file's name within the column's length: the stem is shortened, the extension kept."""
    path, limit = PurePath(raw), Attachment._meta.get_field("name").max_length
    if len(path.name) <= limit:
        return path.name
    return path.stem[:limit - len(path.suffix)] + path.suffix


def save_attachment(demand, upload, actor):
    check_upload(upload)
    return Attachment.objects.create(demand=demand, file=upload, name=display_name(upload.name),
                                     size=upload.size, uploaded_by=actor)
