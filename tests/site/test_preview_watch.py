"""The author's live preview in Chromium: save the Markdown, the page shows it by itself;
break the brief, the page shows the file and line; fix it, the document comes back."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.preview import choose
from lnob.build.run import Selection
from lnob.build.watch import start
from tests.conftest import make_project

DOC = "bgd-brief-women-health-2026-en"


def _save(path: Path, text: str) -> None:
    """Write and move the modification time on, so the change is seen on any file system."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        time.sleep(0.01)
        path.write_text(text, encoding="utf-8")


def test_the_watching_preview_reloads_shows_an_error_and_recovers(tmp_path, page) -> None:
    paths = make_project(tmp_path / "project")
    spec = choose(paths, Selection(ids=(DOC,)))
    running = start(paths, BuildOptions(jobs=1), spec, port=0)
    try:
        assert running.url.startswith("http://127.0.0.1:")
        page.goto(running.url)
        frame = page.frame_locator("iframe#document")
        frame.get_by_text("Context written by the authors").wait_for()
        assert page.locator("#pdf").get_attribute("href").endswith(f"{DOC}.pdf?v=1")

        md = paths.briefs / "BGD" / "women-health" / "en.md"
        good = md.read_text(encoding="utf-8")
        _save(md, good.replace("Context written by the authors", "A sentence saved just now"))
        frame.get_by_text("A sentence saved just now").wait_for(timeout=30_000)

        broken = good + "\n<script>alert(1)</script>\n"
        _save(md, broken)
        page.locator("#error").wait_for(timeout=30_000)
        assert page.locator("#error-file").inner_text() == "briefs/BGD/women-health/en.md"
        assert page.locator("#error-line").inner_text() == str(len(broken.splitlines()))
        assert "raw HTML" in page.locator("#error-text").inner_text()
        assert "Write it as Markdown" in page.locator("#error-fix").inner_text()
        last_good = page.locator("#error a", has_text="last good version")
        href = last_good.get_attribute("href")
        with urllib.request.urlopen(running.url.rstrip("/") + href) as r:  # one click away
            assert "A sentence saved just now" in r.read().decode("utf-8")

        _save(md, good)
        frame.get_by_text("Context written by the authors").wait_for(timeout=30_000)
        assert page.locator("#error").count() == 0
        with urllib.request.urlopen(running.url + "status.json") as r:
            status = json.loads(r.read())
        assert status["ok"] and status["version"] >= 4
        with urllib.request.urlopen(running.url + f"good/{DOC}.pdf") as r:
            assert r.read(5) == b"%PDF-"
        with pytest.raises(urllib.error.HTTPError):  # nothing else of the disk is served
            urllib.request.urlopen(running.url + "status.json/../../docs")
    finally:
        running.close()
    assert not paths.site.exists() or not any(paths.site.iterdir())
