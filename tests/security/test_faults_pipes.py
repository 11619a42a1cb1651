"""A closed pipe ends a command quietly (`build.py --list | head`), never a build, and a
failing `preview` exits 1 like a build, naming the failure."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lnob.paths import ProjectPaths
from tests.conftest import ROOT


def closed_reader(project: ProjectPaths, *args: str, close_stderr: bool = False):  # noqa: ANN201
    """Run build.py with its output going to a pipe nobody reads: the read end is closed
    before it writes anything, so every write meets a closed pipe (EPIPE)."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    if close_stderr:
        proc.stderr.close()
        return proc.wait(timeout=900), ""
    err = proc.stderr.read().decode()
    return proc.wait(timeout=900), err


@pytest.mark.parametrize("args", [["--list"], ["--explain"], ["validate"]])
def test_a_closed_pipe_ends_quietly(project: ProjectPaths, args: list[str]) -> None:
    code, err = closed_reader(project, *args)
    assert code == 0, err
    assert "Traceback" not in err and "BrokenPipeError" not in err and "Exception" not in err


def test_a_build_whose_output_is_closed_still_builds(project: ProjectPaths) -> None:
    code, _ = closed_reader(project, "--jobs", "1", close_stderr=True)
    assert code == 0
    catalogue = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    assert len(catalogue["documents"]) == 2


def test_a_failing_preview_exits_1_naming_the_failure(project: ProjectPaths) -> None:
    brief = project.briefs / "BGD" / "women-health" / "en.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("---\n", "--\n", 1))
    run = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "preview"]
        + ["--country", "BGD", "--lang", "en", "--product", "brief"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 1, (run.returncode, run.stderr)
    assert "FAILED bgd-brief-women-health-2026-en" in run.stderr
    assert "execute:" in run.stderr and "look at: notebooks/brief.ipynb" in run.stderr
    assert "Traceback" not in run.stderr
