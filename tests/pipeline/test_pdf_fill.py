"""The page-fill check (lnob.stages.pdf_fill) on real WeasyPrint layouts: a page ended early by
a block too tall for what is left is found, with how full it is and where the next page
starts; the cover, the contents, the last page and a page before the imprint may end early."""

from __future__ import annotations

import pytest

from lnob.stages import pdf_fill

weasyprint = pytest.importorskip("weasyprint")

PAGE = "<style>@page { size: A4; margin: 20mm } body { margin: 0; font: 10pt sans-serif }</style>"
TALL = '<div style="height: 245mm; break-inside: avoid; background: #ccc">A tall chart</div>'


def _layout(body: str):
    return weasyprint.HTML(string=f"<html><head>{PAGE}</head><body>{body}</body></html>").render()


def test_a_page_left_mostly_white_by_a_block_that_does_not_fit_is_found() -> None:
    doc = _layout("<p>One short paragraph.</p>" * 3 + TALL + "<p>After.</p>")
    assert len(doc.pages) == 2
    (found,) = pdf_fill.underfull(doc)
    assert found.page == 1 and found.fill < 0.1
    assert found.next_starts.startswith("A tall chart")
    assert "page 1 is" in pdf_fill.describe([found])


def test_a_full_page_and_the_last_page_pass() -> None:
    doc = _layout("<p>Words enough to fill a page.</p>" * 60 + "<p>A last line.</p>")
    assert len(doc.pages) >= 2
    assert pdf_fill.fill(doc.pages[0]._page_box) > 0.9
    assert pdf_fill.underfull(doc) == []  # the last page may be short


def test_a_page_before_the_imprint_or_after_the_cover_may_end_early() -> None:
    imprint = '<section class="imprint" style="break-before: page">Citation, licence</section>'
    doc = _layout("<p>The end of the text.</p>" + imprint + "<p>x</p>" * 80)
    assert pdf_fill.underfull(doc) == []
    cover = '<header class="cover" style="break-after: page">Title</header>'
    doc = _layout(cover + "<p>Words enough to fill a page.</p>" * 80)
    assert pdf_fill.underfull(doc) == []
