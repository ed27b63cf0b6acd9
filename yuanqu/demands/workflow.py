"""The demand (诉求) life cycle as a pure transition table: no database, no I/O."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    SUSPENDED = "suspended", _("Suspended")
    RESOLVED = "resolved", _("Resolved")
    RATED = "rated", _("Rated")
    CLOSED = "closed", _("Closed")


class Action(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    START = "start", _("Start handling")
    SUSPEND = "suspend", _("Suspend")
    RESUME = "resume", _("Resume")
    RESOLVE = "resolve", _("Resolve")
    RATE = "rate", _("Rate")
    REOPEN = "reopen", _("Reopen (unsatisfied)")
    CLOSE = "close", _("Close")
    TRANSFER = "transfer", _("Transfer")
    RETURN = "return", _("Return as mis-routed")
    MERGE = "merge", _("Merge into another demand")


S, A = Status, Action
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PENDING, A.ACCEPT): S.ACCEPTED,
    (S.PENDING, A.TRANSFER): S.PENDING,
    (S.PENDING, A.MERGE): S.CLOSED,
    (S.ACCEPTED, A.START): S.IN_PROGRESS,
    (S.ACCEPTED, A.RESOLVE): S.RESOLVED,
    (S.ACCEPTED, A.TRANSFER): S.PENDING,
    (S.ACCEPTED, A.RETURN): S.PENDING,
    (S.ACCEPTED, A.MERGE): S.CLOSED,
    (S.IN_PROGRESS, A.SUSPEND): S.SUSPENDED,
    (S.IN_PROGRESS, A.RESOLVE): S.RESOLVED,
    (S.IN_PROGRESS, A.TRANSFER): S.PENDING,
    (S.IN_PROGRESS, A.MERGE): S.CLOSED,
    (S.SUSPENDED, A.RESUME): S.IN_PROGRESS,
    (S.RESOLVED, A.RATE): S.RATED,
    (S.RESOLVED, A.REOPEN): S.IN_PROGRESS,
    (S.RESOLVED, A.CLOSE): S.CLOSED,
    (S.RATED, A.CLOSE): S.CLOSED,
}

OPEN = frozenset({S.PENDING, S.ACCEPTED, S.IN_PROGRESS, S.SUSPENDED})


class Who(models.TextChoices):
    """Who performs an action (permissions.can_act reads this)."""

    FIRM = "firm", _("the enterprise")
    OFFICE = "office", _("the park office")
    HANDLER = "handler", _("the handling unit")
    LEAD = "lead", _("the lead department and the park office")


@dataclass(frozen=True)
class ActionSpec:
    """What an action takes besides the actor: its performer, the keyword arguments it accepts
    (beyond `note`) and which of those (or `note`) it cannot do without."""

    who: str
    params: tuple[str, ...] = ()
    required: tuple[str, ...] = ()


SPECS: dict[str, ActionSpec] = {
    A.ACCEPT: ActionSpec(Who.HANDLER),
    A.START: ActionSpec(Who.HANDLER),
    A.SUSPEND: ActionSpec(Who.HANDLER, required=("note",)),
    A.RESUME: ActionSpec(Who.HANDLER),
    A.RESOLVE: ActionSpec(Who.HANDLER, params=("reply",), required=("reply",)),
    A.RATE: ActionSpec(Who.FIRM, params=("rating",), required=("rating",)),
    A.REOPEN: ActionSpec(Who.FIRM),
    A.CLOSE: ActionSpec(Who.LEAD),
    A.TRANSFER: ActionSpec(Who.OFFICE, params=("department",), required=("department", "note")),
    A.RETURN: ActionSpec(Who.HANDLER, required=("note",)),
    A.MERGE: ActionSpec(Who.OFFICE, params=("into",), required=("into",)),
}
# The firm rates or reopens; the office and the handling unit do the rest.
FIRM_ACTIONS = frozenset(a for a, spec in SPECS.items() if spec.who == Who.FIRM)


def unknown_params(action: str, given) -> list[str]:
    """The keyword arguments in `given` that `action` does not take."""
    return sorted(set(given) - set(SPECS[action].params))


class TransitionError(Exception):
    """The action is not allowed in the demand's current state."""


def next_status(status: str, action: str) -> str:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise TransitionError(status, action) from None


def allowed_actions(status: str) -> list[str]:
    """Actions valid from `status`, in table order."""
    return [action for (source, action) in TRANSITIONS if source == status]


def is_open(status: str) -> bool:
    return status in OPEN
