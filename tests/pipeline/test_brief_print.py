"""The print design on real builds: page budget of an over-long brief, US Letter, running
header and 'page x of y' in the language, table headers repeated, chart glyph check."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.doc.blocks import Chart, Series
from lnob.doc.text import _
from lnob.errors import BuildError
from lnob.i18n import Catalogue, Formatter, load_languages
from lnob.paths import ProjectPaths
from lnob.render.html import RenderState, render_blocks
from lnob.render.localize import Localizer
from lnob.render.page import stylesheet
from lnob.stages import pdf

pytestmark = pytest.mark.slow

BRIEF = Path("briefs/BGD/women-health")
LONG_BN = "কমিউনিটি স্বাস্থ্যকর্মীরা গ্রামের নারীদের কাছে সেবা পৌঁছে দেন, কিন্তু পথ দীর্ঘ। "


def _lengthen(project: ProjectPaths, lang: str, sentence: str, paragraphs: int) -> None:
    path = project.root / BRIEF / f"{lang}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "\n\n" + "\n\n".join([sentence * 12] * paragraphs) + "\n", encoding="utf-8"
    )


def _pages_text(pdf_path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")


def test_an_over_long_brief_fails_with_its_language_and_page_count(project: ProjectPaths) -> None:
    _lengthen(project, "bn", LONG_BN, 30)
    report = build(project, BuildOptions(jobs=1))
    failed = {r.doc_id: r.error for r in report.failed}
    assert list(failed) == ["bgd-brief-women-health-2026-bn"], failed
    error = failed["bgd-brief-women-health-2026-bn"]
    assert "[bn]" in error and re.search(r"\b\d+ pages, over the budget of 3 pages \(A4\)", error)
    assert f"context in {BRIEF / 'bn.md'}, then build again" in error  # the file to shorten
    # A draft only warns, and publishes the long brief.
    report = build(project, BuildOptions(jobs=1, draft=True))
    assert not report.failed
    warned = [w for r in report.results for w in r.warnings]
    assert any("[bn]" in w and "over the budget of 3" in w for w in warned), warned


def test_us_letter_and_running_header_and_footer_in_the_language(project: ProjectPaths) -> None:
    from pypdf import PdfReader

    coalition = project.coalition_file
    coalition.write_text(
        coalition.read_text(encoding="utf-8") + "page_size: Letter\n", encoding="utf-8"
    )
    _lengthen(project, "bn", LONG_BN, 4)
    report = build(project, BuildOptions(jobs=1, draft=True))
    assert not report.failed, [r.error for r in report.failed]
    pdf_path = next(project.site.rglob("*-bn.pdf"))
    reader = PdfReader(pdf_path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter
    pages = _pages_text(pdf_path)[:-1]
    assert len(pages) >= 2
    bn = load_languages(project.languages_file)["bn"]
    page_of = Catalogue.load(project.locale, bn).gettext("Page {page} of {pages}").text
    fmt = Formatter(bn)

    def letters(s: str) -> str:  # pdftotext splits and reorders Bengali clusters: compare
        return "".join(c for c in s if c.isalnum())  # letters and digits, no vowel signs

    for i, text in enumerate(pages, start=1):
        footer = fmt.digits(page_of.format(page=i, pages=len(pages)))
        assert letters(footer) in letters(text), (i, footer)
    # The running header (the title, there being no short title) on pages after the first.
    assert letters("নারীদের স্বাস্থ্যসেবা প্রাপ্তি") in letters(pages[1])


def test_table_headers_repeat_on_every_page(tmp_path: Path) -> None:
    rows = "".join(f"<tr><th>Group {i}</th><td class='num'>{i}</td></tr>" for i in range(150))
    html = tmp_path / "doc" / "index.html"
    html.parent.mkdir()
    html.write_text(
        f"<!DOCTYPE html><html lang='en'><head><title>T</title><style>{stylesheet()}"
        "body { font-family: 'Noto Sans'; }</style></head><body><table><thead><tr>"
        "<th>Heading of the groups</th><th class='number'>Value</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></body></html>",
        encoding="utf-8",
    )
    out = pdf.write_pdf(html, tmp_path / "t.pdf", fonts=["Noto Sans"], where="table")
    pages = _pages_text(tmp_path / "t.pdf")[:-1]
    assert out.pages >= 3 and len(pages) == out.pages
    for text in pages:
        assert "Heading of the groups" in text


def test_a_chart_label_no_font_can_draw_fails_naming_it_and_the_fonts(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    bn = load_languages(root / "data" / "languages.yaml")["bn"]
    loc = Localizer(bn, Catalogue.load(root / "locale", bn), Formatter(bn))
    chart = Chart(
        title=_("Share"),
        categories=("নারী", "Hieroglyph \U00013000"),
        series=(Series(_("Share"), (0.4, 0.3)),),
    )
    with pytest.raises(BuildError) as exc:
        render_blocks([chart], RenderState(loc, tmp_path, "doc Y"))
    msg = str(exc.value)
    assert "U+13000" in msg and "Noto Sans Bengali" in msg and "doc Y, figure 1" in msg
    assert not (tmp_path / "figures" / "fig-1.png").exists()
