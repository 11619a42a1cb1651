"""A table splits across pages only with at least three rows on each side and a "continued"
label on each page it continues on (issue 20), and a caption stays with its rows
(tests/pipeline/test_row_groups.py). Real pages through the real PDF stage; the rows on each
page are read back with pdftotext. The PDF stage's own check (lnob.stages.pdf_splits) fails a
document whose stylesheet lets a table split otherwise."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from lnob.doc import blocks as b
from lnob.doc.text import pct
from lnob.errors import BuildError
from lnob.render.html import RenderState, render_blocks
from lnob.stages.pdf_readback import words
from tests.pipeline.test_identity import localizer
from tests.pipeline.test_print_layout import page_pdf

COLUMNS = (b.Column("place", "Place"), b.Column("share", "Share", "percent"))
CONTINUED = {
    "en": "Table 1 (continued)",
    "bn": "সারণি ১ (আগের পৃষ্ঠা থেকে চলমান)",
    "ar": "الجدول 1 (تابع)",  # in the page's top right corner
}


def _table_page(lang: str, rows: int, spacer_mm: int, folder: Path, css: str = "") -> Path:
    table = b.Table(
        "Long", COLUMNS, tuple((f"Place{k:02d}", pct(0.1 + k / 200)) for k in range(rows))
    )
    loc = localizer(lang)
    body = f'<div style="height: {spacer_mm}mm"></div>' + "".join(
        p.text
        for p in render_blocks([table], RenderState(loc, folder.with_name(folder.name + "-r"), "t"))
    )
    return page_pdf(loc, body, folder, css)


def _pages(pdf: Path) -> list[str]:
    return [
        subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for i in range(1, len(PdfReader(pdf).pages) + 1)
    ]


@pytest.mark.parametrize("lang", ["en", "bn", "ar"])
@pytest.mark.parametrize(("rows", "spacer_mm"), [(30, s) for s in range(120, 250, 7)] + [(5, 225)])
def test_a_table_splits_with_three_rows_each_side_and_says_it_continues(
    lang: str, rows: int, spacer_mm: int, tmp_path: Path
) -> None:
    pages = _pages(_table_page(lang, rows, spacer_mm, tmp_path / "doc"))
    counts = [len(re.findall(r"Place\d\d", text)) for text in pages]
    parts = [(i, n) for i, n in enumerate(counts) if n]
    assert sum(n for _, n in parts) == rows
    label = set(words(CONTINUED[lang]))  # words: pdftotext reorders a right-to-left line
    for k, (i, n) in enumerate(parts):
        assert n >= 3, (spacer_mm, counts)
        # the label in the page's top corner on the pages it continues on, and only there
        top = set(words(" ".join(pages[i].split("\n")[:4])))
        assert (label <= top) == (k > 0), (spacer_mm, k, pages[i][:200])
    if rows < 6:  # too short to split with three rows on each side: it moves whole
        assert len(parts) == 1


FREE = "@media print { tr { break-before: auto !important; break-after: auto !important; } }"


def test_the_pdf_stage_fails_a_table_split_against_the_rule(tmp_path: Path) -> None:
    """Without the stylesheet's rule, some of these spacers leave one or two rows of the table
    at a page's foot or head: each of those documents fails, naming the page; with it, none."""
    failed = []
    for spacer in range(200, 262, 4):
        try:
            _table_page("en", 30, spacer, tmp_path / f"free{spacer}", FREE)
        except BuildError as exc:
            failed.append(str(exc))
        assert _table_page("en", 30, spacer, tmp_path / f"kept{spacer}").is_file()
    assert failed
    for msg in failed:
        assert "a table splits across pages against the rule of at least 3 rows" in msg
        assert re.search(r"page \d: Table 1 [12] row\(s\) (before|after) the page break", msg)
        assert "document.css" in msg


def test_the_pdf_stage_fails_a_continued_table_without_its_label(tmp_path: Path) -> None:
    unlabelled = "@media print { @page { @top-left { content: none; } } }"
    with pytest.raises(
        BuildError, match=r'page 2: Table 1 continues without "Table 1 \(continued\)"'
    ):
        _table_page("en", 30, 150, tmp_path / "doc", unlabelled)
