"""Types, checked: mypy (settings in pyproject.toml) finds nothing in the package, so an
annotation that no longer says what the code does fails the suite, not a reader's build."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_mypy_finds_nothing_in_the_package() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "src"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, (
        "mypy finds type errors; run `.venv/bin/python -m mypy src`:\n" + proc.stdout + proc.stderr
    )
    assert "Success: no issues found" in proc.stdout, proc.stdout
