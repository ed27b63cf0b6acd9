import os

# Playwright's sync API keeps an event loop in the test thread; the ORM calls made by tests
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests create many users; the production hasher's 1M PBKDF2 rounds would dominate the run.
os.environ.setdefault("YUANQU_TEST_FAST_HASHER", "1")

pytest_plugins = ["yuanqu.core.testing.browser"]
