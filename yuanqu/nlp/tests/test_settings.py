"""The engine's settings were renamed: the old environment names are still read for one release."""

import pytest

from yuanqu.settings import env_renamed


@pytest.mark.parametrize(("environ", "read"), [
    ({}, "NLP_SEMANTIC_FEATURES"),  # neither set: the new name (and its default)
    ({"DEMAND_SEMANTIC_FEATURES": "false"}, "DEMAND_SEMANTIC_FEATURES"),  # only the old name
    ({"NLP_SEMANTIC_FEATURES": "true", "DEMAND_SEMANTIC_FEATURES": "false"}, "NLP_SEMANTIC_FEATURES"),
])
def test_the_new_name_wins_and_the_old_one_is_still_read(environ, read):
    assert env_renamed("NLP_SEMANTIC_FEATURES", "DEMAND_SEMANTIC_FEATURES", environ) == read


def test_settings_read_the_old_names_when_only_they_are_set(monkeypatch):
    import importlib

    import yuanqu.settings as module

    monkeypatch.setenv("DEMAND_SEMANTIC_FEATURES", "false")
    monkeypatch.setenv("DEMAND_EMBEDDING_CACHE", "old-name.sqlite3")
    monkeypatch.setenv("NLP_EMBEDDING_CACHE", "new-name.sqlite3")
    monkeypatch.delenv("NLP_SEMANTIC_FEATURES", raising=False)
    try:
        fresh = importlib.reload(module)
        assert fresh.NLP_SEMANTIC_FEATURES is False
        assert str(fresh.NLP_EMBEDDING_CACHE) == "new-name.sqlite3"
    finally:
        monkeypatch.undo()
        importlib.reload(module)
