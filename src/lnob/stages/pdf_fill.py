"""Page fill: no inner page of a PDF is left under a third full, except where what follows
must start a page of its own.

A page ends early when the next block cannot be split and does not fit in what is left (a
chart with its heading, a table's caption with its first rows). Left alone, a reader turns
to a page that is mostly white. The check reads the laid-out pages: how far down its text
area a page's content reaches. The cover, the contents, the last page, and a page followed
by one that must start a page (the imprint's back page) may end where they end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lnob.stages.pdf_layout import boxes, pages_with

MIN_FILL = 1 / 3  # "no inner page under a third full" (issue 20)
# pages that end where they end: the cover and the contents end their page by design
ENDS_ITS_PAGE = (("header", "cover"), ("nav", "toc"))
STARTS_A_PAGE = (("section", "imprint"),)


@dataclass(frozen=True)
class Underfull:
    page: int  # 1-based
    fill: float  # share of the text area's height the content reaches
    next_starts: str  # the text that opens the next page, to find the place


def _body(page_box: Any) -> list[Any]:
    from weasyprint.formatting_structure.boxes import MarginBox

    return [c for c in page_box.children if not isinstance(c, MarginBox)]


def fill(page_box: Any) -> float:
    """How far down the page's text area its content reaches, from 0 to 1."""
    top = page_box.content_box_y()
    height = page_box.height or 1
    bottom = top
    for root in _body(page_box):
        for box in boxes(root):
            if getattr(box, "children", None):
                continue  # leaves: text, images, empty cells' borders
            if getattr(box, "text", None) == "" or not hasattr(box, "margin_height"):
                continue
            bottom = max(bottom, box.position_y + box.margin_height())
    return min(max((bottom - top) / height, 0.0), 1.0)


def _first_words(page_box: Any) -> str:
    words = [b.text for root in _body(page_box) for b in boxes(root) if getattr(b, "text", None)]
    return " ".join(" ".join(words).split()[:8])


def underfull(document: Any) -> list[Underfull]:
    """The inner pages of a rendered `weasyprint.Document` filled under MIN_FILL, but those
    that may end early: the cover, the contents, the last, and one before a page that must
    start a page (the imprint)."""
    pages = [p._page_box for p in document.pages]
    ends = {n for tag, css in ENDS_ITS_PAGE for n in pages_with(document, tag, css)}
    starts = {n for tag, css in STARTS_A_PAGE for n in pages_with(document, tag, css)}
    found = []
    for i, page_box in enumerate(pages[:-1]):
        if i + 1 in ends or i + 2 in starts:  # 1-based: this page, and the one after it
            continue
        share = fill(page_box)
        if share < MIN_FILL:
            found.append(Underfull(i + 1, share, _first_words(pages[i + 1])))
    return found


def describe(found: list[Underfull]) -> str:
    return "; ".join(
        f"page {u.page} is {u.fill:.0%} full (the next page opens with “{u.next_starts}”)"
        for u in found
    )
