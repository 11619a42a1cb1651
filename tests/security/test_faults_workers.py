"""Killing a build stops its workers too: a real build with two worker processes, its main
process killed with SIGKILL (no clean-up code runs), and no worker left alive after."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from lnob.paths import ProjectPaths
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def is_python(proc: psutil.Process) -> bool:
    try:
        return "python" in Path(proc.exe()).name
    except psutil.Error:  # it ended meanwhile
        return False


def wait_for(condition, seconds: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_build_stops_its_workers(demo: ProjectPaths, sig: signal.Signals) -> None:
    build = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(demo.root), "--jobs", "2"]
        + ["--product", "brief"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    main = psutil.Process(build.pid)
    workers: list[psutil.Process] = []
    try:
        docs = demo.cache / "docs"

        def both_working() -> bool:  # each worker has started a document: it is set up
            started = [p for p in docs.iterdir() if p.is_dir()] if docs.is_dir() else []
            return len(started) >= 2

        assert wait_for(both_working, 120), "the build never started two documents"
        workers = [c for c in main.children() if is_python(c) and alive(c)]
        assert len(workers) >= 2, workers
        os.kill(build.pid, sig)  # the main process only, not its group
        build.wait(timeout=30)
        assert wait_for(lambda: not any(alive(w) for w in workers), 15), [
            (w.pid, w.status()) for w in workers if alive(w)
        ]
    finally:
        for w in workers:  # only the processes this test started
            if alive(w):
                w.kill()
        if build.poll() is None:
            build.kill()
            build.wait()
