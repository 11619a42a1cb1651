"""What a communications team publishes as it is (issue 20): nothing prints past the page's
margins, build internals stay off the printed pages (in the PDF's XMP metadata instead), no
escaped HTML shows, and every PDF carries its licence and citation.

The built documents are read back with poppler (`pdftotext -bbox`, `pdftotext`) and pypdf,
not through the code that made them."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy
import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.errors import BuildError
from lnob.identity import load_identity
from lnob.paths import ProjectPaths
from lnob.stages.pdf import write_pdf
from tests.conftest import copy_demo

DOI_GROUP, DOI = "ken-research-health-access-2026", "DOI 10.5555/lnob.ken.2026.1"
MM = 72 / 25.4  # PDF points per millimetre
MARGIN_MM = 18  # the side margins of document.css's @page rule
A4_WIDTH_MM = 210


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    """Kenya's stocktake, health research report and health brief, in English and Swahili
    (the research report's drinking-water table printed past the margin in both)."""
    paths = copy_demo(tmp_path_factory.mktemp("publication") / "demo")
    identity = paths.data / "identity.yaml"  # one document group with its DOI assigned
    text = identity.read_text(encoding="utf-8")
    assert "  identifiers: {}" in text
    identity.write_text(
        text.replace("  identifiers: {}", f"  identifiers: {{{DOI_GROUP}: {DOI!r}}}"),
        encoding="utf-8",
    )
    report = build(
        paths,
        BuildOptions(jobs=1),
        Selection(
            ids=(
                "ken-stocktake-2025-en",
                "ken-stocktake-2025-sw",
                "ken-research-health-access-2026-en",
                "ken-research-health-access-2026-sw",
                "ken-brief-health-access-2026-en",
                "ken-brief-health-access-2026-sw",
            )
        ),
    )
    assert not report.failed, [r.error for r in report.failed]
    return paths


def pdfs(paths: ProjectPaths) -> list[Path]:
    found = sorted(paths.site.rglob("*.pdf"))
    assert len(found) == 6, found
    return found


def words_outside_the_text_column(pdf: Path) -> list[tuple[int, str, float, float]]:
    """Every word poppler finds left of the left margin or right of the right margin."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
            width = float(re.search(r'width="([\d.]+)"', line)[1])  # type: ignore[index]
            assert abs(width / MM - A4_WIDTH_MM) < 1, f"{pdf.name}: page {page} is not A4"
            continue
        m = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*)</word>', line)
        if m:
            x0, x1 = float(m[1]) / MM, float(m[2]) / MM
            if x0 < MARGIN_MM - 0.5 or x1 > A4_WIDTH_MM - MARGIN_MM + 0.5:
                found.append((page, m[3], round(x0, 1), round(x1, 1)))
    return found


def test_no_word_of_any_built_pdf_prints_past_the_side_margins(built: ProjectPaths) -> None:
    for pdf in pdfs(built):
        assert words_outside_the_text_column(pdf) == [], pdf.name


WIDE_TABLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>@page {{ size: A4; margin: 20mm 18mm; }} td {{ white-space: nowrap; }}</style></head>
<body><p>A table.</p><table><tr>{cells}</tr></table></body></html>"""


@pytest.mark.parametrize(("columns", "fails"), [(4, False), (14, True)])
def test_the_pdf_stage_fails_a_document_with_content_past_the_margin(
    tmp_path: Path, columns: int, fails: bool
) -> None:
    """Fourteen unbreakable columns cannot fit the text column: the document fails, naming
    the page and the text that is cut; four columns print."""
    html = tmp_path / "index.html"
    cells = "".join(f"<td>Reliability{i}</td>" for i in range(columns))
    html.write_text(WIDE_TABLE.format(cells=cells), encoding="utf-8")
    pdf = tmp_path / "out.pdf"
    if not fails:
        write_pdf(html, pdf, fonts=["DejaVu Sans"], where="doc")
        assert words_outside_the_text_column(pdf) == []
        return
    with pytest.raises(BuildError, match=r"doc: content outside the page's text area \(page 1: "):
        write_pdf(html, pdf, fonts=["DejaVu Sans"], where="doc")
    assert not pdf.exists() and not list(tmp_path.glob("*.part"))


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_of(pdf: Path) -> str:
    return (pdf.parent / "index.html").read_text(encoding="utf-8")


def test_build_internals_stay_off_the_printed_pages_and_in_the_xmp_metadata(
    built: ProjectPaths,
) -> None:
    """No hash, code version, parameters or renderer name on paper; the PDF's XMP metadata
    has each of them, as the catalogue does."""
    catalogue = json.loads((built.site / "catalogue.json").read_text(encoding="utf-8"))
    by_sha = {d["pdf_sha256"]: d for d in catalogue["documents"]}
    ns = "{https://leavenoonebehind.example.org/ns/build/1.0/}"
    for pdf in pdfs(built):
        text = pdftotext(pdf)
        assert not re.search(r"\b[0-9a-f]{16,}\b", text), pdf.name  # no hash
        for internal in ("pandoc", "quarto", '"country"', "lnob ", "SHA-256"):
            assert internal not in text, (pdf.name, internal)
        xmp = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data()
        root = ET.fromstring(xmp.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
        assert len(root.findall("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF")) == 1
        fields = {e.tag.removeprefix(ns): e.text for e in root.iter() if e.tag.startswith(ns)}
        entry = by_sha[hashlib.sha256(pdf.read_bytes()).hexdigest()]
        assert fields["document"] == entry["id"] == pdf.stem
        assert re.fullmatch(r"[0-9a-f]{64}", fields["inputs-sha256"] or "")
        assert json.loads(fields["parameters"] or "")["language"] == pdf.stem.rsplit("-", 1)[1]
        assert fields["renderer"] and fields["code-version"] and fields["data-version"]


def test_every_pdf_prints_its_citation_licence_copyright_and_address(built: ProjectPaths) -> None:
    identity = yaml.safe_load((built.data / "identity.yaml").read_text(encoding="utf-8"))
    site = identity["publication"]["site_url"]
    catalogue = json.loads((built.site / "catalogue.json").read_text(encoding="utf-8"))
    year = {d["id"]: d["date"][:4] for d in catalogue["documents"]}
    for pdf in pdfs(built):
        text = re.sub(r"\s+", "", pdftotext(pdf))  # a long address wraps across lines
        lang = pdf.stem.rsplit("-", 1)[1]
        folder = pdf.relative_to(built.site).parent.as_posix()
        assert f"{site}/{folder}/".replace(" ", "") in text, pdf.name
        assert "CCBY4.0" in text and "creativecommons.org/licenses/by/4.0/" in text, pdf.name
        author = re.search(r'<meta name="author" content="([^"]+)"', page_of(pdf))
        holder = author[1].replace(" ", "") if author else "?"  # the coalition, in the language
        assert f"©{year[pdf.stem]}{holder}" in text, pdf.name  # the document's year
        label = {"en": "Suggestedcitation", "sw": "Nukuuinayopendekezwa"}[lang]
        assert label in text, pdf.name


def test_no_escaped_html_shows_in_a_pdf_or_its_page(built: ProjectPaths) -> None:
    """`&#x27;`, `&amp;` and friends are how HTML writes characters; a reader must never see
    them (the French contents read "Thème de l&#x27;année")."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.chunks: list[str] = []

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    entity = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")
    for pdf in pdfs(built):
        assert not entity.search(pdftotext(pdf)), pdf.name
    pages = sorted(built.site.rglob("*.html"))  # documents' pages and the site's own
    assert len(pages) > 12
    for html in pages:
        page = Text()
        page.feed(html.read_text(encoding="utf-8"))
        assert not entity.search("".join(page.chunks)), html


def test_a_heading_with_an_apostrophe_reads_as_written_in_the_contents(tmp_path: Path) -> None:
    """The French synthesis' contents read "Thème de l&#x27;année": its heading was
    escaped twice. Rendered with the real template, read back by an HTML parser."""
    from lnob.doc.blocks import Heading, Meta
    from lnob.identity import load_identity
    from lnob.render.html import RenderState, render_blocks
    from lnob.render.page import BuildInfo, render_page
    from tests.pipeline.test_identity import ROOT, localizer

    loc = localizer("fr")
    state = RenderState(loc, tmp_path, "doc")
    body = "".join(
        p.text for p in render_blocks([Meta(title="T"), Heading("Thème de l'année")], state)
    )
    html = render_page(
        body=body,
        state=state,
        loc=loc,
        doc_id="d",
        product="synthesis",
        kicker="K",
        byline="B",
        date_iso="2026-01-01",
        date_text="1",
        demo=True,
        author="Leave No One Behind",
        cover=True,
        toc=True,
        build=BuildInfo("lnob x", "a" * 64, "b" * 64, "2026-01-01", "{}", "pandoc"),
        identity=load_identity(ROOT / "data" / "identity.yaml"),
    )

    class Contents(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.inside, self.text = False, ""

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.inside = self.inside or (tag == "nav" and ("class", "toc") in attrs)

        def handle_endtag(self, tag: str) -> None:
            self.inside = self.inside and tag != "nav"

        def handle_data(self, data: str) -> None:
            self.text += data if self.inside else ""

    contents = Contents()
    contents.feed(html)
    assert "Thème de l'année" in contents.text and "&#" not in contents.text


def test_a_long_report_has_contents_that_link_and_a_short_one_none(built: ProjectPaths) -> None:
    """Page economy: the research report (16 pages) has a page of contents whose entries
    link to their sections; the stocktake (six pages of body) has none, in both languages."""
    from tests.pipeline.test_print_layout import (
        _main_h2,
        destination_pages,
        link_annotations,
        pdf_pages,
    )

    for pdf in pdfs(built):
        pages = pdf_pages(pdf)
        contents = {"en": "Contents", "sw": "Yaliyomo"}[pdf.stem.rsplit("-", 1)[1]]
        has_contents = contents in pages[1].split("\n")[:6]
        assert has_contents == ("-research-" in pdf.name), (pdf.name, len(pages))
        if not has_contents:
            continue
        sections = _main_h2(page_of(pdf))
        positions = [pages[1].find(s) for s in sections]
        assert -1 not in positions and positions == sorted(positions), (sections, pages[1])
        dests = destination_pages(pdf)
        links = list(
            dict.fromkeys(a["/Dest"] for i, a in link_annotations(pdf) if i == 1 and "/Dest" in a)
        )
        assert len(links) == len(sections)
        for name, section in zip(links, sections, strict=True):
            assert section in " ".join(pages[dests[name]].split()), (name, section)


def test_a_reports_back_page_is_its_imprint_without_running_head_or_folio(
    built: ProjectPaths,
) -> None:
    for pdf in pdfs(built):
        if "-brief-" in pdf.name:  # a brief ends with its imprint below the text
            continue
        last = PdfReader(pdf).get_num_pages()
        text = subprocess.run(
            ["pdftotext", "-f", str(last), "-l", str(last), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lang = pdf.stem.rsplit("-", 1)[1]
        assert (
            text.split()[:3]
            == {"en": ["About", "this", "publication"], "sw": ["Kuhusu", "chapisho", "hili"]}[lang]
        ), pdf.name
        assert not re.search(r"\b(Page|Ukurasa) \d+", text), pdf.name


@pytest.mark.parametrize("doc_id", ["ken-stocktake-2025-sw", "ken-research-health-access-2026-en"])
def test_the_first_layout_guessed_either_way_prints_the_same_pdf(
    built: ProjectPaths, doc_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF stage lays a page out first as it guesses (short: without contents); a wrong
    guess costs a second layout and changes nothing: the same bytes either way, and the same
    as the build published."""
    from lnob.stages import pdf, pdf_economy
    from tests.pipeline.test_identity import localizer

    source = built.cache / "docs" / doc_id / "render" / "index.html"
    fonts = list(localizer(doc_id.rsplit("-", 1)[1]).language.fonts)
    made = {}
    for guess in (True, False):
        monkeypatch.setattr(pdf_economy, "likely_short", lambda _t, _h, g=guess: g)
        out = tmp_path / f"{guess}.pdf"
        made[guess] = pdf.write_pdf(source, out, fonts=fonts, where=doc_id).sha256
    assert made[True] == made[False]
    published = next(built.site.rglob(f"{doc_id}.pdf")).read_bytes()
    assert hashlib.sha256(published).hexdigest() == made[True]


def _page_image(pdf: Path, number: int, folder: Path, dpi: int = 30) -> Image.Image:
    """Page `number` of `pdf` as poppler draws it (RGB)."""
    stem = folder / f"{pdf.stem}-{number}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(number), "-l", str(number)]
        + [str(pdf), str(stem)],
        check=True,
    )
    return Image.open(f"{stem}.png").convert("RGB")


def _pixels_of(
    image: Image.Image, box: tuple[float, float, float, float], colours: set[str]
) -> int:
    """How many pixels inside `box` (fractions of the page: left, top, right, bottom) are
    close to one of `colours` ("#rrggbb")."""
    w, h = image.size
    crop = image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    pixels = numpy.asarray(crop, dtype=int)
    near = numpy.zeros(pixels.shape[:2], dtype=bool)
    for c in colours:
        rgb = numpy.array([int(c[i : i + 2], 16) for i in (1, 3, 5)])
        near |= numpy.abs(pixels - rgb).sum(axis=2) < 60
    return int(near.sum())


def test_a_reports_cover_has_its_image_and_partners_logos_and_no_folio(
    built: ProjectPaths, tmp_path: Path
) -> None:
    """The cover (issue 20): the identity's cover image above the title block, the logos of
    the country's partners at its foot under "Partners" in the document's language, and no
    running head or folio; a brief has no cover, and its first page keeps its folio."""
    identity = load_identity(built.data / "identity.yaml")
    assert identity.cover_image and identity.partner_logos
    partners = ("SDGs Kenya Forum", "Plan International Kenya")  # coalition.yaml, Kenya
    logos = {identity.partner_logo(p) for p in partners}
    assert None not in logos
    strokes = {
        re.search(r'stroke="(#[0-9A-Fa-f]{6})"', path.read_text())[1].lower()  # type: ignore[index,union-attr]
        for path in logos
    }
    for pdf in pdfs(built):
        lang = pdf.stem.rsplit("-", 1)[1]
        pages = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "2", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\f")
        folio = {"en": "Page", "sw": "Ukurasa"}[lang]
        if "-brief-" in pdf.name:
            assert re.search(rf"\b{folio} 1\b", pages[0]), pdf.name
            continue
        assert folio not in pages[0], pdf.name  # no folio on the cover...
        running_head = pages[1].strip().splitlines()[0]
        assert running_head not in pages[0].splitlines(), pdf.name  # ...nor a running head
        assert re.search(rf"\b{folio} 2\b", pages[1]), pdf.name  # the next page has both
        assert {"en": "Partners", "sw": "Washirika"}[lang] in pages[0].splitlines(), pdf.name
        cover = _page_image(pdf, 1, tmp_path)
        # the logos in the cover's foot (its bottom margin), the illustration's dots at its top
        assert _pixels_of(cover, (0.05, 0.84, 0.6, 0.93), strokes) > 40, pdf.name
        assert _pixels_of(cover, (0.05, 0.1, 0.95, 0.3), {"#56b4e9"}) > 40, pdf.name


def test_the_imprint_prints_the_isbn_or_doi_once_one_is_assigned(built: ProjectPaths) -> None:
    """identity.yaml's identifiers: the research report's group has a DOI, in both languages;
    the other documents have none yet, and print no empty slot for one."""
    for pdf in pdfs(built):
        text = " ".join(pdftotext(pdf).split())
        lang = pdf.stem.rsplit("-", 1)[1]
        label = {"en": "ISBN or DOI", "sw": "ISBN au DOI"}[lang]
        assigned = pdf.stem.startswith(DOI_GROUP)
        assert (DOI in text) == assigned and (label in text) == assigned, pdf.name


def test_running_heads_carry_the_documents_short_title(built: ProjectPaths) -> None:
    """Every page between the cover (a brief: its first page) and the back page opens with
    the document's short title ("Huduma za afya nchini Kenya", as its notebook's Meta block
    gives it to the render stage), which for a report is not its title."""
    for pdf in pdfs(built):
        rendered = built.cache / "docs" / pdf.stem / "render" / "render.json"
        short = json.loads(rendered.read_text(encoding="utf-8"))["short_title"]
        title = re.search(r"<title>(.*?)</title>", page_of(pdf))[1]  # type: ignore[index]
        pages = pdftotext(pdf).split("\f")[:-1]
        last = len(pages) - (0 if "-brief-" in pdf.name else 1)  # a report's back page: none
        if "-brief-" not in pdf.name:
            assert short != title, pdf.name
        for number in range(2, last + 1):
            first = pages[number - 1].strip().splitlines()[0]
            assert " ".join(first.split()) == short, (pdf.name, number, first)
