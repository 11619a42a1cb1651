"""The site of a really built project (tests/fixtures/site-multi): links, checksums,
search indexes and byte-identical rebuilds."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lnob.paths import ProjectPaths
from lnob.site import check_links, write_site
from lnob.site.generate import state_dir
from lnob.site.linkcheck import html_pages
from tests.site.conftest import BuiltSite
from tests.site.site_helpers import read_page


def test_every_link_on_every_page_resolves(site_multi: BuiltSite) -> None:
    pages = html_pages(site_multi.root)
    assert len(pages) > 30  # the site's pages and the documents' own
    broken = check_links(site_multi.root)
    assert not broken, "\n".join(map(str, broken))


def test_sha256sums_checks_every_download(site_multi: BuiltSite) -> None:
    sums = (site_multi.root / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {line[66:] for line in sums}
    for doc in site_multi.catalogue.documents:
        assert {doc.pdf, *(d.path for d in doc.downloads)} <= listed
    for line in sums:
        digest, path = line[:64], line[66:]
        assert hashlib.sha256((site_multi.root / path).read_bytes()).hexdigest() == digest, path
    if shutil.which("sha256sum"):
        done = subprocess.run(
            ["sha256sum", "--check", "--strict", "SHA256SUMS"],
            cwd=site_multi.root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_search_has_an_index_per_document_language(site_multi: BuiltSite) -> None:
    entry = json.loads((site_multi.root / "pagefind" / "pagefind-entry.json").read_text())
    counts = {lang: v["page_count"] for lang, v in entry["languages"].items()}
    assert counts == {"bn": 1, "en": 2, "sw": 1}
    assert (site_multi.root / "pagefind" / "pagefind.js").is_file()
    assert not list(site_multi.root.glob(".pagefind*"))


def test_about_pages_match_the_catalogue(site_multi: BuiltSite) -> None:
    for doc in site_multi.catalogue.documents:
        page = read_page(site_multi.root, f"{doc.folder}/about.html")
        assert page.lang == doc.language
        assert doc.title in page.text
        assert page.link_to(doc.pdf)["data-sha256"] == doc.pdf_sha256
        assert {d.path for d in doc.downloads} <= page.targets()
        assert page.link_to(f"{doc.language}/index.html")  # the home page, in its language
        assert page.link_to(f"{doc.language}/catalogue/country-{doc.owner}.html")  # breadcrumb
        for other in set(doc.languages) - {doc.language}:  # its other languages
            assert page.link_to(f"{doc.folder.rsplit('/', 1)[0]}/{other}/about.html")


def test_a_second_build_gives_identical_bytes(site_multi: BuiltSite, tmp_path: Path) -> None:
    """The site rebuilt in another folder from the same documents, Pagefind included."""
    again = ProjectPaths.at(site_multi.paths.root, site=tmp_path / "site", cache=tmp_path / "cache")
    generated = set(json.loads((state_dir(site_multi.paths) / "files.json").read_text()))
    shutil.copytree(
        site_multi.root,
        again.site,
        ignore=lambda folder, names: [n for n in names if n == "pagefind"],
    )
    for rel in generated:
        (again.site / rel).unlink()
    report = write_site(again)
    assert report.search_updated and set(report.written) == generated

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    assert files(again.site) == files(site_multi.root)
    assert not write_site(again).search_updated  # unchanged records: Pagefind is not run again


@pytest.mark.parametrize("path", ["index.html", "bn/index.html", "sw/catalogue/index.html"])
def test_pages_advertise_the_feed(site_multi: BuiltSite, path: str) -> None:
    html = (site_multi.root / path).read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_every_chart_and_table_has_its_csv_on_the_document_page(site_multi: BuiltSite) -> None:
    """Issue 8: the published figures behind each chart and table, downloadable as CSV from
    the document's page (and listed with their checksum), never anything else."""
    checked = 0
    for doc in site_multi.catalogue.documents:
        reading = read_page(site_multi.root, doc.html)
        in_text = {a["href"] for a in reading.links if "download" in a.get("class", "").split()}
        folder = doc.html.rsplit("/", 1)[0]
        csvs = {f"{folder}/{h}" for h in in_text if h.endswith(".csv")}
        assert csvs, f"{doc.id}: no chart or table with its data"
        listed = {d.path for d in doc.downloads}
        assert csvs <= listed, f"{doc.id}: not on the document page: {csvs - listed}"
        about = read_page(site_multi.root, f"{folder}/about.html")
        for path in csvs:
            link = about.link_to(path)
            assert link["type"] == "text/csv" and len(link["data-sha256"]) == 64
            checked += 1
    assert checked >= len(site_multi.catalogue.documents)


def test_every_reading_view_is_a_page_of_the_site(site_multi: BuiltSite) -> None:
    """Issue 20: a document's own web page has the site's header (home, catalogue, search,
    language switcher), breadcrumbs, its PDF with its size, its page of downloads, its
    other languages and the site's footer, all in its language."""
    for doc in site_multi.catalogue.documents:
        page = read_page(site_multi.root, doc.html)
        pdf = page.link_to(doc.pdf)
        assert pdf["type"] == "application/pdf" and pdf["data-sha256"] == doc.pdf_sha256
        size = f"{round(doc.pdf_size / 1000)} KB" if doc.language == "en" else ""
        assert size in page.text, doc.id
        assert page.link_to(f"{doc.language}/index.html")  # home, in the document's language
        assert page.link_to(f"{doc.language}/catalogue/index.html")
        assert page.link_to(f"{doc.language}/search.html")
        assert page.link_to(f"{doc.language}/catalogue/country-{doc.owner}.html")  # breadcrumb
        assert page.link_to(f"{doc.folder}/about.html")["text"]  # its downloads
        assert page.link_to("feed.xml") and page.link_to("SHA256SUMS")  # the footer
        for other in doc.languages:
            if other != doc.language:
                version = next(
                    d
                    for d in site_multi.catalogue.documents
                    if d.group == doc.group and d.language == other
                )
                link = page.link_to(version.html)
                assert link["hreflang"] == other
        html = (site_multi.root / doc.html).read_text(encoding="utf-8")
        assert html.count('<nav class="breadcrumb"') == 1
        assert html.count('<header class="site-header">') == 1
        assert html.index('class="site-header"') < html.index("<main") < html.index("site-footer")


def test_the_reading_view_is_otherwise_the_render_stages_own(site_multi: BuiltSite) -> None:
    """The site's parts come out again exactly: what is left is the page the PDF was made
    from, byte for byte."""
    from lnob.site.reading import undress

    for doc in site_multi.catalogue.documents:
        published = (site_multi.root / doc.html).read_text(encoding="utf-8")
        rendered = site_multi.paths.cache / "docs" / doc.id / "render" / "index.html"
        assert undress(published) == rendered.read_text(encoding="utf-8"), doc.id
