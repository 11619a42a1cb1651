"""Faults: concurrent builds, a build killed mid-way, an unwritable or full output folder.
None of them may leave a wrong or half-written file where readers look."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.errors import BuildError
from lnob.paths import ProjectPaths

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def build_cli(paths: ProjectPaths, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(paths.root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def visible_partials(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if ".part" in p.name]


def test_a_second_build_is_refused_while_one_runs(project: ProjectPaths) -> None:
    project.cache.mkdir(parents=True)
    with open(project.cache / "build.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("4242")
        held.flush()
        with pytest.raises(BuildError) as exc:
            build(project, BuildOptions(jobs=1))
    assert "Another build is running" in str(exc.value) and "4242" in str(exc.value)


def test_two_builds_started_at_once(project: ProjectPaths) -> None:
    first = build_cli(project, "--jobs", "2")
    deadline = time.monotonic() + 30
    while not (project.cache / "build.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = build_cli(project, "--jobs", "2")
    _, err2 = second.communicate(timeout=60)
    out1, err1 = first.communicate(timeout=120)
    assert second.returncode == 2 and "Another build is running" in err2
    assert first.returncode == 0, err1
    catalogue = json.loads((project.site / "catalogue.json").read_text())
    assert len(catalogue["documents"]) == 2


def test_killed_build_resumes_and_leaves_site_consistent(project: ProjectPaths) -> None:
    proc = build_cli(project, "--jobs", "1")
    done = project.cache / "docs" / "bgd-brief-women-health-2026-bn" / "document.pdf"
    deadline = time.monotonic() + 60
    while not done.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # no clean-up code runs: the worst case
    proc.wait()
    assert visible_partials(project.site) == [] or all(
        p.name.startswith(".") for p in visible_partials(project.site)
    )

    report = build(project, BuildOptions(jobs=1))

    status = {r.doc_id: r for r in report.results}
    assert not report.failed
    assert "execute" not in status["bgd-brief-women-health-2026-bn"].stages  # reused its work
    assert visible_partials(project.site) == []
    catalogue = json.loads((project.site / "catalogue.json").read_text())
    assert {d["id"] for d in catalogue["documents"]} == set(status)


def test_unwritable_output_folder_fails_before_any_work(
    project: ProjectPaths, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the site should be")
    paths = ProjectPaths.at(project.root, site=blocker / "_site")
    with pytest.raises(BuildError, match="cannot write to the output folder"):
        build(paths, BuildOptions(jobs=1))
    assert not (paths.cache / "docs").exists()


@pytest.fixture
def full_disk(tmp_path: Path):
    mount = tmp_path / "small"
    mount.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {proc.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_fails_cleanly(project: ProjectPaths, full_disk: Path) -> None:
    paths = ProjectPaths.at(project.root, site=full_disk / "_site")
    try:
        report = build(paths, BuildOptions(jobs=1))
    except BuildError as exc:  # the catalogue itself could not be written
        assert "No space left" in str(exc)
    else:
        assert report.failed and all("No space left" in r.error for r in report.failed)
    assert visible_partials(full_disk) == []
    catalogue = full_disk / "_site" / "catalogue.json"
    if catalogue.exists():
        json.loads(catalogue.read_text())  # whole, never half-written
