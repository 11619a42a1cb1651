"""A build that builds no document leaves the site's pages as they are, unless one of
them, or anything they are made from, changed since the last build wrote them."""

from __future__ import annotations

import json

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.paths import ProjectPaths


def _stamps(paths: ProjectPaths) -> dict[str, int]:
    return {
        str(p.relative_to(paths.site)): p.stat().st_mtime_ns
        for p in paths.site.rglob("*.html")
        if "/" not in str(p.relative_to(paths.site)) or p.parent.name in ("en", "catalogue")
    }


def test_the_site_is_written_again_only_when_something_changed(project: ProjectPaths) -> None:
    first = build(project, BuildOptions(jobs=1))
    assert first.count("built") and not first.failed and not first.site_error
    pages = _stamps(project)
    assert "index.html" in pages and len(pages) > 3

    again = build(project, BuildOptions(jobs=1))
    assert again.count("built") == 0 and not again.site_error
    assert _stamps(project) == pages  # nothing written
    report = json.loads((project.cache / "build-report.json").read_text())
    assert report["counts"]["reused"] == first.count("built")

    (project.site / "index.html").unlink()  # a page lost: written again
    build(project, BuildOptions(jobs=1))
    assert (project.site / "index.html").is_file()

    home = (project.site / "index.html").read_bytes()
    (project.site / "index.html").write_text("edited by hand")  # a page changed: rewritten
    build(project, BuildOptions(jobs=1))
    assert (project.site / "index.html").read_bytes() == home
