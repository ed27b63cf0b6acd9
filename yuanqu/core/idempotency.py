"""Idempotent POSTs: the same key from the same user within 24 hours gets the first answer again.

The key row is inserted in the same transaction as the work it guards, so a concurrent request
with the same key waits on the unique index and then replays the committed answer, and a request
that fails leaves no key behind (the client may retry it)."""

import hashlib
import json
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotencyKey

TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255


class KeyReused(ValidationError):
    """The key was first sent with another request (HTTP 422)."""


def fingerprint(scope: str, data) -> str:
    """A stable hash of the endpoint and its input (dicts in any key order hash the same)."""
    text = json.dumps([scope, data], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def idempotent(user, key, request_hash, respond, *, field="Idempotency-Key") -> HttpResponse:
    """`respond()`'s answer, stored under (user, key); the stored answer if the key was seen."""
    if not key:
        return respond()
    if len(key) > MAX_KEY_LENGTH:
        raise _located(ValidationError({field: _("At most %(n)s characters.") % {"n": MAX_KEY_LENGTH}}))
    expire()
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(user=user, key=key, request_hash=request_hash)
        except IntegrityError:
            return _replay(user, key, request_hash, field)
        response = respond()
        row.status, row.body = response.status_code, response.content
        row.content_type = response.get("Content-Type", "")
        row.save(update_fields=["status", "body", "content_type"])
        return response


def _replay(user, key, request_hash, field):
    row = IdempotencyKey.objects.get(user=user, key=key)
    if row.request_hash != request_hash:
        raise _located(KeyReused({field: _("This key was already used for a different request within "
                                           "the last 24 hours; use a new key for a new request.")}))
    return HttpResponse(bytes(row.body), status=row.status, content_type=row.content_type)


def _located(exc):
    exc.location = "header"  # the API's error model places it in the headers, not the body
    return exc


def expire(now=None) -> int:
    """Forget keys older than 24 hours (called on each keyed request; cheap on the indexed time)."""
    return IdempotencyKey.objects.filter(created_at__lt=(now or timezone.now()) - TTL).delete()[0]
