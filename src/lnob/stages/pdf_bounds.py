"""Nothing leaves the page: every box WeasyPrint laid out on a page's body lies inside the
page's content box (inside the margins), or the document fails.

A table wider than the text column, a word longer than its cell or an image wider than the
page would otherwise print past the margin and be cut at the paper's edge ("Reliabi" for
"Reliability"). The check reads the laid-out pages themselves (the boxes that become the PDF's
content), so it sees what a reader gets; the page's margin boxes (running head, folio, the
masthead logo in the top margin) are meant to be in the margins and are not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lnob.stages.pdf_layout import boxes

TOLERANCE_PX = 1.0  # CSS px (1/96 in, about 0.26 mm): rounding of borders and hairlines
PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Overflow:
    """A box that reaches outside its page's content box, in millimetres."""

    page: int  # 1-based
    text: str  # the text the box holds, or its element's tag
    beyond_mm: float  # how far past the margin


def _text(box: Any) -> str:
    words = [b.text for b in boxes(box) if getattr(b, "text", None)]
    return " ".join(words).strip() or f"<{getattr(box, 'element_tag', '?')}>"


def overflows(document: Any) -> list[Overflow]:
    """The innermost boxes of a rendered `weasyprint.Document` that reach past a side of
    their page's content box (horizontally: pages break what is too tall)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    found: list[Overflow] = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for root in page_box.children:
            if isinstance(root, MarginBox):
                continue
            for box in boxes(root):
                if getattr(box, "children", None):
                    continue  # the innermost box names what overflows (a word, an image)
                x = box.border_box_x()
                width = (
                    box.width
                    + box.padding_left
                    + box.padding_right
                    + box.border_left_width
                    + box.border_right_width
                )
                beyond = max(left - x, x + width - right)
                if beyond > TOLERANCE_PX:
                    found.append(Overflow(number, _text(box), round(beyond / PX_PER_MM, 1)))
    return found


def describe(found: list[Overflow], limit: int = 5) -> str:
    """'page 13: "Reliability" 12.3 mm past the margin; ...' for the first few."""
    parts = [f'page {o.page}: "{o.text[:40]}" {o.beyond_mm} mm past the margin' for o in found]
    more = f"; and {len(found) - limit} more" if len(found) > limit else ""
    return "; ".join(parts[:limit]) + more
