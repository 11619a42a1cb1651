"""House style, checked: the package, the tests and the benchmarks are ruff-clean and
ruff-formatted (rules and line length in pyproject.toml), so neither lint nor layout drifts
between commits."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CHECKED = ["src", "tests", "bench", "build.py", "data"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *CHECKED], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_finds_nothing() -> None:
    proc = _ruff("check", "--output-format", "concise")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_changes_nothing() -> None:
    proc = _ruff("format", "--check")
    assert proc.returncode == 0, (
        "not in the house layout; run `.venv/bin/ruff format src tests bench build.py data`:\n"
        + proc.stdout
        + proc.stderr
    )
