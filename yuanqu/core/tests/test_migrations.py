"""The models and the migrations agree, whatever the interpreter's hash seed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("seed", ["1", "2"])
def test_no_model_change_lacks_a_migration(seed):
    # Two hash seeds: a set turned into a list in a model (e.g. an index condition) would make
    # makemigrations see a change under one seed and not the other.
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
