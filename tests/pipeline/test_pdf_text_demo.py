"""The demo's PDFs give back their HTML's words, in every language (issue 21's acceptance).

Every document that reads a survey (briefs, research reports, the syntheses: bn, hi, ne, vi,
ar, sw, fr, es, en) is built once for the session (`survey_documents`, tests/conftest.py), and
every other one (the stocktakes, the guide and the evaluation) here, so the whole demo build
is read; the build itself reads each PDF back and would have failed the fixture. Here the
measure is the issue's, taken independently of the build's check: of the distinct words of
four letters or more of the document's published HTML, at least 96% come back from poppler's
`pdftotext`.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import BuildReport, Selection, build, load_project
from lnob.paths import ProjectPaths
from lnob.site.reading import undress
from tests.conftest import copy_demo, reads_a_survey

pytestmark = pytest.mark.slow

# Tags inside a word or a run of words; every other tag (a block, a cell, a list item, a line
# break, a figure's parts) parts the words on either side of it.
PHRASE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "mark", "q", "s"}
PHRASE |= {"small", "strong", "sub", "sup", "u", "var"}
SHARE = 0.96


class _Text(HTMLParser):
    """The words a reader of the HTML sees, less the colophon: the build's hashes, code version
    and parameters are for the reading view and for machines, and the PDF carries them in its
    XMP metadata, not on a page (src/lnob/render/page.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.hidden = 0
        self.footers: list[bool] = []  # open <footer>s: is each the colophon?

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in ("script", "style", "template", "title")
        if tag == "footer":
            colophon = "colophon" in (dict(attrs).get("class") or "").split()
            self.footers.append(colophon)
            self.hidden += colophon
        if tag not in PHRASE:
            self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style", "template", "title")
        if tag == "footer" and self.footers:
            self.hidden -= self.footers.pop()
        if tag not in PHRASE:
            self.chunks.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.chunks.append(data)


def html_text(path: Path) -> str:
    """The document's own text (the site's header and footer around it are not printed)."""
    parser = _Text()
    parser.feed(undress(path.read_text(encoding="utf-8")))
    return "".join(parser.chunks)


def split(text: str) -> list[str]:
    """Words: runs of letters and marks (digits and punctuation part them), NFC, without the
    joiners and direction marks a tool may keep or drop; a letter of the other direction
    starts a new word ("وActionAid" is drawn, and read, as two)."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    out, word, rtl = [], "", None
    for char in text + " ":
        if unicodedata.category(char)[0] not in "LM":
            out.append(word)
            word, rtl = "", None
            continue
        bidi = unicodedata.bidirectional(char)
        if bidi in ("L", "R", "AL"):
            if rtl is not None and rtl != (bidi != "L"):
                out.append(word)
                word = ""
            rtl = bidi != "L"
        word += char
    return [w for w in out if w]


@pytest.fixture(scope="module")
def other_documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProjectPaths, BuildReport]:
    """The demo documents `survey_documents` leaves out: stocktakes, the guide, the evaluation."""
    paths = copy_demo(tmp_path_factory.mktemp("other-documents") / "demo")
    coalition, _languages = load_project(paths)
    ids = tuple(spec.id for spec in coalition.documents() if not reads_a_survey(spec))
    report = build(paths, BuildOptions(jobs=2), Selection(ids=ids))
    assert not report.failed, [r.error for r in report.failed]
    return paths, report


BUILDS = ("survey_documents", "other_documents")


@pytest.mark.parametrize("built", BUILDS)
def test_every_demo_pdf_gives_back_the_words_of_its_html(
    built: str, request: pytest.FixtureRequest
) -> None:
    paths, _report = request.getfixturevalue(built)
    catalogue = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    languages = set()
    short = []
    for doc in catalogue["documents"]:
        shown = {w for w in split(html_text(paths.site / doc["html"])) if len(w) >= 4}
        text = subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", str(paths.site / doc["pdf"]), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        back = set(split(text))
        missing = sorted(shown - back)
        share = 1 - len(missing) / len(shown)
        languages.add(doc["language"])
        if share < SHARE:
            short.append(f"{doc['id']}: {share:.1%} of {len(shown)}, missing {missing[:8]}")
        assert "\u25cc" not in text, f"{doc['id']}: a dotted circle, the sign of a broken cluster"
    assert {"bn", "hi", "ne", "vi"} <= languages
    assert "ar" in languages or built == "other_documents"  # the synthesis is in Arabic
    assert not short, "\n".join(short)


@pytest.mark.parametrize("built", BUILDS)
def test_every_demo_table_cell_has_its_scope_or_its_headers(
    built: str, request: pytest.FixtureRequest
) -> None:
    from pypdf import PdfReader

    from tests.pdf_structure import elements

    paths, _report = request.getfixturevalue(built)
    catalogue = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    cells = 0
    for doc in catalogue["documents"]:
        root = PdfReader(paths.site / doc["pdf"]).trailer["/Root"]["/StructTreeRoot"]
        ids = set()
        for th in elements(root, "/TH"):
            assert th["/A"]["/Scope"] in ("/Row", "/Column"), doc["id"]
            ids.add(th["/ID"])
        for td in elements(root, "/TD"):
            headers = list(td["/A"]["/Headers"])
            assert headers and set(headers) <= ids, doc["id"]
            cells += 1
    assert cells > {"survey_documents": 1000, "other_documents": 100}[built]


@pytest.mark.parametrize("built", BUILDS)
def test_no_demo_pdf_leaves_an_inner_page_under_a_third_full(
    built: str, request: pytest.FixtureRequest
) -> None:
    """The page-fill check of the PDF stage (lnob.stages.pdf_fill) warns of no demo document:
    every inner page is at least a third full, but before the imprint's back page."""
    _paths, report = request.getfixturevalue(built)
    loose = [w for r in report.results for w in r.warnings if "of a page before a block" in w]
    assert not loose, "\n".join(loose)


def test_every_chart_prints_at_200_ppi_or_more(survey_documents) -> None:
    """Charts print sharp: every image of every demo PDF with charts, at the size it is
    printed, has at least 200 pixels an inch (poppler's pdfimages reads the placed size)."""
    paths, _report = survey_documents
    catalogue = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    seen = 0
    for doc in catalogue["documents"]:
        listing = subprocess.run(
            ["pdfimages", "-list", str(paths.site / doc["pdf"])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[2:]
        for line in listing:
            fields = line.split()
            x_ppi, y_ppi = int(fields[12]), int(fields[13])
            assert min(x_ppi, y_ppi) >= 200, f"{doc['id']}: an image at {x_ppi} ppi: {line}"
            seen += 1
    assert seen > 20  # the research reports' charts are among them
