"""Adding an output format is what the README says, and nothing more: one `OutputFormat`
registered in `lnob.stages.formats`. A toy format, the document's words as plain text, is
added to the built mini project that way: it is made by its own stage (the PDF is not made
again), kept in the cache (a second build runs nothing), published, listed in catalogue.json,
SHA256SUMS and the feed, and linked from the document's page; taken away, it is withdrawn."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lnob.atomic import write_text
from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.doc.text import _
from lnob.paths import ProjectPaths
from lnob.site.reading import undress
from lnob.stages.formats import (
    FormatJob,
    Made,
    OutputFormat,
    output_formats,
    register,
    unregister,
)

pytestmark = pytest.mark.slow

MADE: list[str] = []  # the documents the toy stage ran for, in this process


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._skip += tag in ("style", "script", "head")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script", "head")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.words += data.split()


def html_words(path: Path) -> list[str]:
    parser = _Words()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.words


def make_words(job: FormatJob) -> Made:
    MADE.append(job.spec.id)
    write_text(job.out, "\n".join(html_words(job.source)) + "\n")
    return Made()


TOY = OutputFormat(
    "words",
    "render",
    ".txt",
    "text/plain",
    label=_("The words, as plain text"),
    make=make_words,
)


@pytest.fixture
def toy_format() -> Iterator[OutputFormat]:
    MADE.clear()
    register(TOY)
    try:
        yield TOY
    finally:
        unregister(TOY.name)


def catalogue(paths: ProjectPaths) -> dict[str, dict[str, Any]]:
    raw = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    return {d["id"]: d for d in raw["documents"]}


def test_a_toy_format_is_built_cached_and_published_from_its_registration(
    project: ProjectPaths, request: pytest.FixtureRequest
) -> None:
    first = build(project, BuildOptions(jobs=1))
    assert not first.failed, [r.error for r in first.failed]
    docs = {r.doc_id for r in first.results}
    # the mini project's two briefs: the PDF, the spreadsheet, … (not the research SDMX)
    made = [
        f.name for f in output_formats() if f.name not in ("sdmx", "sdmx-csv", "sdmx-structure")
    ]
    before = ["execute", "render", *made]
    assert docs and all(r.stages == before for r in first.results)
    pdfs = {p: p.read_bytes() for p in project.site.rglob("*.pdf")}

    request.getfixturevalue("toy_format")
    added = build(project, BuildOptions(jobs=1))
    assert not added.failed, [r.error for r in added.failed]
    # its own stage alone: execute, render and the PDF are reused
    assert {r.doc_id: r.stages for r in added.results} == {d: ["words"] for d in docs}
    assert sorted(MADE) == sorted(docs)
    assert {p: p.read_bytes() for p in project.site.rglob("*.pdf")} == pdfs

    entries = catalogue(project)
    sums = (project.site / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    feed = ET.parse(project.site / "feed.xml").getroot()
    enclosures = {
        link.get("href"): link
        for link in feed.iter("{http://www.w3.org/2005/Atom}link")
        if link.get("rel") == "enclosure"
    }
    for doc_id in docs:
        entry = entries[doc_id]
        folder = entry["html"].rsplit("/", 1)[0]
        path = f"{folder}/{doc_id}.txt"
        published = project.site / path
        cached = project.cache / "docs" / doc_id / "document.txt"
        assert published.read_bytes() == cached.read_bytes()
        words = published.read_text(encoding="utf-8").split()
        page = project.cache / "docs" / doc_id / "render" / "index.html"  # the format's source
        assert words == html_words(page)  # the page's words, in order
        site_page = (project.site / entry["html"]).read_text(encoding="utf-8")
        assert undress(site_page) == page.read_text(encoding="utf-8")  # published as rendered
        assert set(entry["title"].split()) <= set(words)
        digest = hashlib.sha256(published.read_bytes()).hexdigest()
        listed = {o["format"]: o for o in entry["outputs"]}
        assert listed["words"] == {
            "format": "words",
            "path": path,
            "bytes": published.stat().st_size,
            "sha256": digest,
            "media_type": "text/plain",
        }
        assert listed["pdf"]["path"] == entry["pdf"]  # the PDF keeps its place and fields
        assert entry["inputs"]["words_key"]
        assert f"{digest}  {path}" in sums
        assert enclosures[path].get("type") == "text/plain"
        assert enclosures[path].get("length") == str(published.stat().st_size)
        about = (project.site / folder / "about.html").read_text(encoding="utf-8")
        link = about.split(f'<a class="button" href="{doc_id}.txt" ', 1)[1].split("</a>")[0]
        assert link.startswith(f'type="text/plain" download data-sha256="{digest}">')
        assert "The words, as plain text" in link  # a test string: untranslated in bn

    again = build(project, BuildOptions(jobs=1))
    assert not again.failed
    assert all(r.status == "reused" and not r.stages for r in again.results)
    assert sorted(MADE) == sorted(docs)  # not made a second time

    unregister(TOY.name)
    removed = build(project, BuildOptions(jobs=1))
    assert not removed.failed
    assert not list(project.site.rglob("*.txt"))  # its files go with it
    assert all(
        "words" not in {o["format"] for o in e["outputs"]} for e in catalogue(project).values()
    )
