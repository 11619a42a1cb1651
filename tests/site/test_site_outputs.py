"""The feed, the checksum file, the link checker and the search text, on small inputs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.site import check_links, load_catalogue, write_site
from lnob.site.checksums import sha256sums
from lnob.site.search import main_text
from tests.site.site_helpers import sample_entries, write_catalogue

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def feed(project: ProjectPaths) -> ET.Element:
    write_catalogue(project, sample_entries())
    write_site(project, search=False)
    return ET.fromstring((project.site / "feed.xml").read_bytes())


def test_the_feed_is_atom_with_the_elements_rfc_4287_requires(feed: ET.Element) -> None:
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
    assert feed.find(f"{A}link[@rel='self']").get("href") == "feed.xml"
    entries = feed.findall(f"{A}entry")
    assert len(entries) == len(sample_entries())
    for e in entries:
        for name in ("id", "title", "updated", "summary"):
            assert len(e.findall(f"{A}{name}")) == 1, name
        assert e.find(f"{A}link[@rel='alternate']").get("href").endswith("/index.html")
        pdf = e.find(f"{A}link[@rel='enclosure']")
        assert pdf.get("type") == "application/pdf" and pdf.get("length") == "123456"
        datetime.fromisoformat(e.findtext(f"{A}updated").replace("Z", "+00:00"))
    assert len({e.findtext(f"{A}id") for e in entries}) == len(entries)


def test_feed_dates_come_from_the_catalogue(feed: ET.Element) -> None:
    dates = sorted(e["date"] for e in sample_entries())
    assert feed.findtext(f"{A}updated") == f"{dates[-1]}T00:00:00Z"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}published")[:10] for e in entries] == sorted(dates, reverse=True)
    first = entries[0]
    assert (first.get(XML_LANG), first.findtext(f"{A}title")) == (
        "en",
        "synthesis synthesis 2026 (en)",
    )


def test_feed_ids_are_stable_across_sites(feed: ET.Element, tmp_path: Path) -> None:
    from lnob.site.feed import stable_id

    ids = [e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")]
    assert ids[0] == stable_id("Test Coalition", "global-synthesis-2026-en")
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids)


def test_sha256sums_lists_every_download_in_sha256sum_format(tmp_path: Path) -> None:
    """Every PDF, chart and table CSV, and Open SDG CSV and metadata file, once each."""
    entries = sample_entries()
    path = write_catalogue(ProjectPaths.at(tmp_path), entries)
    lines = sha256sums(load_catalogue(path)).splitlines()
    files = {e["pdf"]: e["pdf_sha256"] for e in entries}
    files |= {d["path"]: d["sha256"] for e in entries for d in e["downloads"]}
    assert sum(p.endswith(".meta.yml") for p in files) == 4  # 2 indicators x 2 languages
    assert {line[66:]: line[:64] for line in lines} == files and len(lines) == len(files)
    assert all(
        re.fullmatch(r"[0-9a-f]{64}  [a-z0-9/._-]+\.(pdf|csv|meta\.yml)", line) for line in lines
    )
    assert [line[66:] for line in lines] == sorted(line[66:] for line in lines)


def test_sha256sums_refuses_a_malformed_digest(tmp_path: Path) -> None:
    entries = sample_entries()
    entries[0]["pdf_sha256"] = entries[0]["outputs"][0]["sha256"] = "abc"
    path = write_catalogue(ProjectPaths.at(tmp_path), entries)
    with pytest.raises(InputError, match="not 64 hex digits"):
        sha256sums(load_catalogue(path))


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("b.html", None),
        ("b.html#part", None),
        ("b.html#nowhere", "no element with id 'nowhere' in sub/b.html"),
        ("#top", None),
        ("#gone", "no element with id 'gone' in sub/a.html"),
        ("missing.pdf", "no file sub/missing.pdf"),
        ("../../outside.html", "points outside the site"),
        ("b.html?x=1", None),
        ("/sub/b.html", "starts with '/': it breaks when the site is served below a path"),
        ("./", None),
        ("https://example.org/x", None),
        ("mailto:someone@example.org", None),
        ("data:,", None),
    ],
)
def test_the_link_checker(tmp_path: Path, link: str, problem: str | None) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("<p>folder</p>", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text('<h2 id="part">x</h2>', encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text(
        f'<h1 id="top"><a href="{link}">x</a></h1>', encoding="utf-8"
    )
    found = [b.problem for b in check_links(tmp_path)]
    assert found == ([problem] if problem else [])


def test_the_link_checker_reads_src_and_srcset(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"png")
    (tmp_path / "index.html").write_text(
        '<img src="a.png" srcset="a.png 1x, b.png 2x"><script src="c.js"></script>',
        encoding="utf-8",
    )
    assert sorted(b.target for b in check_links(tmp_path)) == ["b.png", "c.js"]


def test_search_text_is_the_main_text_without_scripts() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><header>Masthead"
        "</header><main><h2>Key  messages</h2><p>নারীদের &amp; care</p><script>x()</script>"
        "</main><footer>colophon</footer></body></html>"
    )
    assert main_text(html) == "Key messages\nনারীদের & care"


def test_search_text_skips_comments_drawings_and_attributes() -> None:
    html = (
        '<main id="m"><!-- a <b>comment</b> --><h2 title="a &gt; b">Findings</h2>'
        '<svg viewBox="0 0 1 1"><text>axis</text></svg><p>Share &lt; 5%<br>'
        "of <em>women</em></p><STYLE>x{}</STYLE><noscript>js off</noscript></main>"
        "<p>after</p>"
    )
    assert main_text(html) == "Findings\nShare < 5% of women"
    assert main_text("<p>no main</p>") == ""


def test_search_text_keeps_sentences_whole_and_leaves_out_cells_files_and_sources() -> None:
    """A snippet reads as the sentence it comes from: inline markup does not cut it, and a
    table's cells, file links and source lines (symbols, slugs) are not searched."""
    html = (
        "<main><p>The <strong>Constitution of Nepal</strong> makes <em>basic</em> education "
        'free.</p><div class="table-wrap"><table class="heatmap"><caption><span class="label">'
        "Table 1</span> Groups by indicator</caption><thead><tr><th>Group</th><th>6.1.1</th>"
        "</tr></thead><tbody><tr><td>Age</td><td>× 2022</td></tr></tbody></table>"
        '<div class="table-foot"><p class="legend"><span>• available</span></p><p>'
        '<span class="source">Official data · Source: NSO</span> <a class="download" '
        'href="data/table-1.csv">Data (CSV)</a></p></div></div><ul><li><span class="opensdg-'
        'code">SDG 6.1.1:</span> Drinking water <span class="opensdg-files">(<a href="6-1-1.csv">'
        'Data (CSV): 6-1-1.csv</a>, <a href="m.yml">Metadata (YAML): 6-1-1.meta.yml</a>)</span>'
        '</li></ul><dl><dt>380</dt><dd>respondents<span class="provenance">Community data'
        "</span></dd></dl></main>"
    )
    assert main_text(html).split("\n") == [
        "The Constitution of Nepal makes basic education free.",
        "Table 1 Groups by indicator",
        "SDG 6.1.1: Drinking water",
        "380",
        "respondents",
    ]
