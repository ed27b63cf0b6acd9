"""The transition table, pure."""

import pytest

from yuanqu.demands.workflow import (
    TRANSITIONS,
    Action,
    Status,
    TransitionError,
    allowed_actions,
    is_open,
    next_status,
)

HAPPY_PATH = [(Action.ACCEPT, Status.ACCEPTED), (Action.START, Status.IN_PROGRESS),
              (Action.SUSPEND, Status.SUSPENDED), (Action.RESUME, Status.IN_PROGRESS),
              (Action.RESOLVE, Status.RESOLVED), (Action.RATE, Status.RATED), (Action.CLOSE, Status.CLOSED)]


def test_happy_path():
    status = Status.PENDING
    for action, expected in HAPPY_PATH:
        status = next_status(status, action)
        assert status == expected


def test_unsatisfied_reopens_into_handling():
    assert next_status(Status.RESOLVED, Action.REOPEN) == Status.IN_PROGRESS


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("action", Action.values)
def test_every_pair_is_either_in_the_table_or_refused(status, action):
    if (status, action) in TRANSITIONS:
        assert next_status(status, action) in Status.values
    else:
        with pytest.raises(TransitionError):
            next_status(status, action)


def test_closed_is_final_and_open_states():
    assert allowed_actions(Status.CLOSED) == []
    assert {s for s in Status.values if is_open(s)} == {"pending", "accepted", "in_progress", "suspended"}


def test_transfer_and_return_go_back_to_acceptance():
    assert next_status(Status.IN_PROGRESS, Action.TRANSFER) == Status.PENDING
    assert next_status(Status.ACCEPTED, Action.RETURN) == Status.PENDING
    assert Action.RETURN not in allowed_actions(Status.IN_PROGRESS)
