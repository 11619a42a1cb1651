"""What a communications team publishes as it is (issue 20): nothing prints past the page's
margins, build internals stay off the printed pages (in the PDF's XMP metadata instead), no
escaped HTML shows, and every PDF carries its licence and citation.

The built documents are read back with poppler (`pdftotext -bbox`, `pdftotext`) and pypdf,
not through the code that made them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.errors import BuildError
from lnob.paths import ProjectPaths
from lnob.stages.pdf import write_pdf
from tests.conftest import copy_demo

MM = 72 / 25.4  # PDF points per millimetre
MARGIN_MM = 18  # the side margins of document.css's @page rule
A4_WIDTH_MM = 210


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    """Kenya's stocktake, health research report and health brief, in English and Swahili
    (the research report's drinking-water table printed past the margin in both)."""
    paths = copy_demo(tmp_path_factory.mktemp("publication") / "demo")
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
