"""Print design read back from real PDFs: hyphenation per language, no heading alone at the foot
of a page, links that work, the cover and contents of a report; and a brief's HTML on a phone."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.paths import ProjectPaths
from lnob.render.charts import DPI
from lnob.render.localize import Localizer
from lnob.stages import pdf
from tests.conftest import ROOT, copy_demo
from tests.pipeline.test_identity import localizer, page

pytestmark = pytest.mark.slow

LONG_EN = (
    "internationalisation incomprehensibility responsibilities characteristically "
    "representatives institutionalisation "
) * 6
LONG_BN = "প্রতিনিধিত্বমূলক আন্তর্জাতিকীকরণ দায়িত্বপ্রাপ্ত স্বাস্থ্যসেবাপ্রাপ্তি " * 6
FOOTER = re.compile(r"^\s*Page \d+ of \d+\s*$")


def page_pdf(loc: Localizer, body: str, folder: Path, css: str = "") -> Path:
    """The page around `body` (template, stylesheet, identity) through the real PDF stage."""
    folder.mkdir(parents=True)
    html = page(loc, folder, body=body).replace("</style>", css + "</style>")
    (folder / "index.html").write_text(html, encoding="utf-8")
    shutil.copy(ROOT / "data" / "identity" / "lnob-wordmark.svg", folder / "logo.svg")
    pdf.write_pdf(
        folder / "index.html", folder / "doc.pdf", fonts=list(loc.language.fonts), where="test"
    )
    return folder / "doc.pdf"


def pdf_pages(path: Path, layout: bool = False) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")[:-1]


def hyphenated_lines(path: Path) -> list[str]:
    """Lines of the body column (the part before the imprint) that end in a hyphen."""
    text = "\n".join(pdf_pages(path, layout=True)).split("About this publication")[0]
    return [ln for ln in text.splitlines() if re.search(r"\w[-\u2010\u00ad]\s*$", ln)]


def test_hyphenation_only_where_the_language_asks_for_it(tmp_path: Path) -> None:
    column = '<div style="width: 30mm"><p>{}</p></div>'
    en = localizer("en")
    assert en.language.hyphenate
    assert hyphenated_lines(page_pdf(en, column.format(LONG_EN), tmp_path / "en"))
    en_off = replace(en, language=replace(en.language, hyphenate=False))
    assert not hyphenated_lines(page_pdf(en_off, column.format(LONG_EN), tmp_path / "off"))
    bn = localizer("bn")
    assert not bn.language.hyphenate
    assert not hyphenated_lines(page_pdf(bn, column.format(LONG_BN), tmp_path / "bn"))


def stranded_headings(path: Path) -> list[str]:
    """Headings that are the last text on their page (the footer aside)."""
    out = []
    for text in pdf_pages(path):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not FOOTER.match(ln)]
        if lines and lines[-1].startswith("Heading "):
            out.append(lines[-1])
    return out


def test_no_heading_is_left_alone_at_the_foot_of_a_page(tmp_path: Path) -> None:
    # One probe per page: a spacer 1 mm taller each time pushes a heading down over the foot
    # of the page, where only the heading (and not a line after it) would still fit.
    body = "".join(
        f'<section style="break-before: page"><div style="height: {mm}mm"></div>'
        f"<h2>Heading {mm}</h2><p>First paragraph after heading {mm}.</p>"
        f"<p>Second paragraph after heading {mm}.</p></section>"
        for mm in range(215, 256)
    )
    loc = localizer("en")
    kept = page_pdf(loc, body, tmp_path / "kept")
    assert len(pdf_pages(kept)) > 41
    assert stranded_headings(kept) == []
    # The same document without the rule strands headings: the probes reach the case.
    loose = page_pdf(
        loc, body, tmp_path / "loose", "@media print { h2 { break-after: auto !important; } }"
    )
    assert stranded_headings(loose)


# --- a real report and a real brief, built once -------------------------------------------

LINKS = (
    "\n\nMore in the [UN SDG data portal](https://unstats.un.org/sdgs/dataportal), "
    "[the figure's data](data/fig-1.csv) and by [e-mail](mailto:lnob-kenya@example.org).\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    """The demo's Kenya stocktake report and health brief in English; the brief with links."""
    paths = copy_demo(tmp_path_factory.mktemp("layout") / "demo")
    brief = paths.briefs / "KEN" / "health-access" / "en.md"
    # digits would be a typed-in figure: name the CSV by words
    brief.write_text(
        brief.read_text(encoding="utf-8") + LINKS.replace("fig-1", "fig-one"), encoding="utf-8"
    )
    report = build(
        paths,
        BuildOptions(jobs=1),
        Selection(countries=("KEN",), languages=("en",), products=("stocktake", "brief")),
    )
    assert not report.failed, [r.error for r in report.failed]
    return paths


def document(paths: ProjectPaths, doc_id: str) -> Path:
    return next(paths.site.rglob(f"{doc_id}.pdf"))


def link_annotations(path: Path) -> list[tuple[int, dict[str, Any]]]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return [
        (i, a.get_object())
        for i, p in enumerate(reader.pages)
        for a in (p.get("/Annots") or [])
        if a.get_object().get("/Subtype") == "/Link"
    ]


def destination_pages(path: Path) -> dict[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return {
        name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()
    }


def test_links_in_a_brief_open_what_they_name(built: ProjectPaths) -> None:
    path = document(built, "ken-brief-health-access-2026-en")
    uris = [a["/A"]["/URI"] for _i, a in link_annotations(path) if "/A" in a]
    assert "https://unstats.un.org/sdgs/dataportal" in uris
    assert "mailto:lnob-kenya@example.org" in uris
    for uri in uris:  # absolute, or a file published beside the PDF; never the build's address
        assert re.match(r"(https?|mailto):", uri) or not re.match(r"\w+:", uri), uri
        assert "lnob-document" not in uri and not uri.startswith("/"), uri
    assert "data/fig-one.csv" in uris


def test_a_short_report_opens_with_its_cover_then_its_first_section(built: ProjectPaths) -> None:
    path = document(built, "ken-stocktake-2025-en")
    html = (path.parent / "index.html").read_text(encoding="utf-8")
    pages = pdf_pages(path)
    cover = " ".join(pages[0].split())
    title = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert " ".join(title.replace("&#39;", "'").split()) in cover
    assert "Kenya" in cover and "20 August 2025" in cover
    assert "Demonstration document: built from synthetic demo data" in cover
    sections = _main_h2(html)
    assert len(sections) >= 3
    assert not any(s in cover for s in sections)  # the cover is a page of its own
    # Fewer than eight pages of body: no page of contents, the first section opens page 2
    # (the contents of a long report: test_publication_print.py).
    assert "Contents" not in pages[1] and sections[0] in " ".join(pages[1].split())


class _H2(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside_main = self.inside_h2 = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "main":
            self.inside_main = True
        elif tag == "h2" and self.inside_main:
            self.inside_h2 = True
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.inside_main = False
        elif tag == "h2":
            self.inside_h2 = False

    def handle_data(self, data: str) -> None:
        if self.inside_h2:
            self.found[-1] += data


def _main_h2(html: str) -> list[str]:
    parser = _H2()
    parser.feed(html)
    return [" ".join(s.split()) for s in parser.found]


def test_a_brief_reads_well_on_a_phone(built: ProjectPaths, tmp_path: Path) -> None:
    """375 px wide: the page never scrolls sideways (a table or chart may, inside its box), text
    is at least 12 px (body text 16 px), and chart labels are drawn at least 10 px high."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (make system-deps)")
    sync_api = pytest.importorskip("playwright.sync_api")
    html = document(built, "ken-brief-health-access-2026-en").parent / "index.html"
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=args)
        try:
            tab = browser.new_page(viewport={"width": 375, "height": 740})
            tab.goto(html.as_uri())
            seen = tab.evaluate("""() => {
              const wide = [...document.querySelectorAll('body *')].filter(e =>
                e.getBoundingClientRect().right > innerWidth + 1 &&
                !e.closest('.table-wrap, figure.chart'));
              const texts = [...document.querySelectorAll(
                  'main p, main li, main td, main th, figcaption, header p, .colophon dd')]
                .filter(e => e.offsetParent);
              const charts = [...document.querySelectorAll('figure.chart img')];
              return {scroll: document.documentElement.scrollWidth, width: innerWidth,
                      wide: wide.map(e => e.tagName + '.' + e.className),
                      body: parseFloat(getComputedStyle(document.querySelector('main p')).fontSize),
                      smallest: Math.min(...texts.map(
                        e => parseFloat(getComputedStyle(e).fontSize))),
                      charts: charts.map(i => i.getBoundingClientRect().width / i.naturalWidth)};
            }""")
            tab.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
        finally:
            browser.close()
    assert seen["scroll"] <= seen["width"] and seen["wide"] == [], seen
    assert seen["body"] >= 16 and seen["smallest"] >= 12, seen
    # a 9 pt chart label is 9/72 in at the chart's dpi, times the scale it is shown at
    assert seen["charts"] and all(9 / 72 * DPI * s >= 10 for s in seen["charts"]), seen
