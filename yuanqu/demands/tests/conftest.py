import pytest

from yuanqu.demands import queries


@pytest.fixture(autouse=True)
def fresh_similarity_indexes():
    """Each test starts without cached duplicate indexes: a rolled-back test can leave one whose
    fingerprint a later test's data (same ids, frozen clock) happens to repeat."""
    queries._similarity_indexes.clear()
    yield
    queries._similarity_indexes.clear()
