"""A build writes nothing under the user's home: IPython, Jupyter, matplotlib and fontconfig
keep their settings in the build cache, in the main process and in the workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lnob.build.environment import TOOL_DIRS
from lnob.paths import ProjectPaths
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def run(project: ProjectPaths, home: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in TOOL_DIRS and k != "XDG_DATA_HOME"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), *args],
        capture_output=True,
        text=True,
        env={**env, "HOME": str(home)},
        timeout=900,
    )
    assert done.returncode == 0, done.stderr


def test_a_build_writes_nothing_under_home(project: ProjectPaths, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    run(project, home, "--jobs", "2")  # two workers
    run(project, home, "--jobs", "1", "--force", "--executor", "kernel")  # a Jupyter kernel
    run(project, home, "validate")
    assert sorted(home.rglob("*")) == []
    tools = project.cache / "tools"
    assert list((tools / "matplotlib").glob("fontlist-*.json"))
    assert (tools / "ipython" / "profile_default").is_dir()
    assert "MPLCONFIGDIR" not in os.environ or not os.environ["MPLCONFIGDIR"].startswith(
        str(project.cache)
    )
