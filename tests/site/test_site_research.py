"""The site around a really built research report (the demo's Kenya health-access report,
English and Swahili): its page offers the PDF, the CSV behind every chart and table and the
Open SDG downloads with their metadata files; SHA256SUMS covers every one of those files;
every link resolves; in Chromium, axe-core finds no serious or critical violation on the
document's page or its reading view, and both fit a phone."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from lnob.site import check_links
from tests.site.browser_checks import serious_violations, sideways_overflow
from tests.site.conftest import BuiltSite
from tests.site.site_helpers import read_page

FOLDER = "ken/ken-research-health-access-2026"


def test_the_research_page_offers_every_download(research_site: BuiltSite) -> None:
    root = research_site.root
    for doc in research_site.catalogue.documents:
        page = read_page(root, f"{doc.folder}/about.html")
        html = (root / doc.folder / "about.html").read_text(encoding="utf-8")
        pdf = page.link_to(doc.pdf)
        assert pdf["type"] == "application/pdf" and pdf["data-sha256"] == doc.pdf_sha256
        assert doc.pages > 5 and (root / doc.pdf).stat().st_size == doc.pdf_size
        # every file the reading view offers (chart and table CSVs, Open SDG files) is here
        on_disk = {
            p.relative_to(root).as_posix()
            for p in (root / doc.folder / "data").rglob("*")
            if p.is_file()
        }
        assert on_disk == {d.path for d in doc.downloads}
        for d in doc.downloads:
            link = page.link_to(d.path)
            assert link["data-sha256"] == d.sha256
            assert link["type"] == ("application/yaml" if d.path.endswith(".yml") else "text/csv")
        opensdg = [d for d in doc.downloads if d.kind == "opensdg"]
        assert len(opensdg) >= 5
        for d in opensdg:  # each indicator's CSV comes with its metadata file
            meta = yaml.safe_load((root / d.path.replace(".csv", ".meta.yml")).read_text())
            assert meta["data_nature"] == "community-generated"
            assert html.index(d.path.rsplit("/", 1)[1]) > html.index('id="opensdg"')
        other = "sw" if doc.language == "en" else "en"
        assert page.link_to(f"{FOLDER}/{other}/about.html")["hreflang"] == other


def test_sha256sums_covers_every_download_and_checks(research_site: BuiltSite) -> None:
    root = research_site.root
    sums = dict(
        reversed(line.split("  ", 1))
        for line in (root / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    )
    downloads = {
        p.relative_to(root).as_posix()
        for p in (root / FOLDER).rglob("*")
        if p.suffix in (".pdf", ".xlsx", ".ods", ".csv", ".yml", ".xml")  # .xml: the SDMX files
    }
    assert any(p.endswith(".meta.yml") for p in downloads)
    assert set(sums) == downloads
    for path, digest in sums.items():
        assert hashlib.sha256((root / path).read_bytes()).hexdigest() == digest, path
    if shutil.which("sha256sum"):
        done = subprocess.run(
            ["sha256sum", "--check", "--strict", "SHA256SUMS"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_every_link_of_the_research_site_resolves(research_site: BuiltSite) -> None:
    broken = check_links(research_site.root)
    assert not broken, "\n".join(map(str, broken))


@pytest.mark.parametrize(
    "path", [f"{FOLDER}/en/about.html", f"{FOLDER}/sw/index.html", f"{FOLDER}/en/index.html"]
)
def test_axe_and_a_phone_on_the_research_pages(
    page: Any, browser: Any, research_url: str, path: str
) -> None:
    page.goto(research_url + path)
    serious = serious_violations(page)
    assert not serious, [(v["id"], [n["html"][:120] for n in v["nodes"][:3]]) for v in serious]
    overflow = sideways_overflow(browser, research_url + path)
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"


def test_an_open_sdg_file_downloads_as_listed(
    page: Any, research_url: str, research_site: BuiltSite
) -> None:
    doc = next(d for d in research_site.catalogue.documents if d.language == "sw")
    meta = next(d for d in doc.downloads if d.kind == "opensdg-metadata")
    page.goto(f"{research_url}{doc.folder}/about.html")
    link = page.locator(f"#opensdg ~ ul a[href$='{Path(meta.path).name}']")
    assert link.inner_text() == "Metadata (YAML)"
    body = page.request.get(research_url + meta.path).body()
    assert hashlib.sha256(body).hexdigest() == meta.sha256


# A snippet must read as text: no file names, no runs of cells or symbols (Pagefind joins
# the blocks of a record with '. ', so a figure per cell read 'Age. 3. 60% 6.1.1, 16.9.1').
UNREADABLE = re.compile(r"\.csv|\.ya?ml|\(\s*Data|\.\s*,|(?:[\d.,%×•*—–-]+\.\s+){2}")


@pytest.mark.parametrize(("lang", "words"), [("en", "csv"), ("en", "water"), ("sw", "maji")])
def test_search_snippets_are_sentences_not_slugs_or_symbols(
    page: Any, research_url: str, lang: str, words: str
) -> None:
    """Pagefind searched in Chromium over the real report: every snippet it shows is made
    of the report's sentences."""
    page.goto(f"{research_url}{lang}/search.html?q={words}")
    page.locator("[data-search-status]:not(:empty)").wait_for()
    snippets = page.locator("[data-search-results] .excerpt").all_inner_texts()
    if words != "csv":  # the word is in the report's text, not only in its file links
        assert snippets, f"nothing found for {words!r}"
    bad = [s for s in snippets if UNREADABLE.search(s)]
    assert not bad, bad
