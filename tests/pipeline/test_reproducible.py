"""Two clean builds of the same commit and data give byte-identical outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from tests.conftest import make_project

pytestmark = pytest.mark.slow


def files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and "pagefind" not in p.parts
    }


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    """Different folders, the same inputs: HTML, PDF, PNG, CSV and catalogue all identical
    (no absolute path, timestamp, random id or unstable order reaches an output)."""
    sites = []
    for name in ("one", "two"):
        paths = make_project(tmp_path / name)
        report = build(paths, BuildOptions(jobs=2))
        assert not report.failed
        sites.append(files(paths.site))
    a, b = sites
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    assert any(n.endswith(".pdf") for n in a) and "catalogue.json" in a
