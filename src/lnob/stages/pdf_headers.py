"""Table headers keep their words whole: a header cell breaks its lines only between words.

A column header that reads "Disabil-ity" or "Loca-tion" on paper (hyphenated, or cut by
`overflow-wrap: anywhere` to fit a narrow column) is hard to read, and split apart as it is
laid out it is two words to a reader's tools. The check reads the laid-out pages: for every
header cell (`th`) whose text runs over several lines, each line must end at a space of the
header's text, or after a hyphen or slash the text itself has ("sub-" / "national"); and no
line may be wider than its cell, which is where a word too long for its column would go.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from lnob.stages.pdf_layout import boxes

TOLERANCE_PX = 1.0  # CSS px: rounding of the line's width against the cell's


@dataclass(frozen=True)
class BrokenHeader:
    page: int  # 1-based
    header: str  # the header's text, whitespace collapsed
    where: str  # "Disabil|ity", or the word too wide for its column


def _line_text(line: Any) -> str:
    return "".join(b.text for b in boxes(line) if getattr(b, "text", None))


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _header_breaks(cell: Any) -> tuple[str, list[str]]:
    """The header cell's text, and the places where its lines break inside a word ("Disabil|ity")
    or run past the cell (the word too wide for its column)."""
    from weasyprint.formatting_structure.boxes import LineBox

    lines = [b for b in boxes(cell) if isinstance(b, LineBox)]
    texts = [_line_text(line) for line in lines]
    found = []
    right = cell.content_box_x() + cell.width
    for line in lines:
        for piece in boxes(line):
            if getattr(piece, "text", None) and piece.content_box_x() + piece.width > right + (
                TOLERANCE_PX
            ):
                found.append(piece.text.strip())  # a word wider than its column
    element = getattr(cell, "element", None)
    source = " ".join("".join(element.itertext()).split()) if element is not None else ""
    hyphen = cell.style["hyphenate_character"] or "\u2010"
    for first, second in zip(texts, texts[1:], strict=False):
        if not first.split() or not second.split():
            continue
        tail, head = first.split()[-1], second.split()[0]
        # hyphenated by the layout, or cut between two letters where the text has no space
        # (overflow-wrap); a line may end at a space, or after a hyphen or slash of the text
        # itself ("sub-" / "national")
        hyphenated = tail.endswith(hyphen) and tail[:-1] + head.rstrip(hyphen) in source
        cut = _is_letter(tail[-1]) and _is_letter(head[0]) and f"{tail} {head}" not in source
        if hyphenated or (cut and tail + head in source):
            found.append(f"{tail}|{head}")
    return " ".join(" ".join(texts).split()), found


def broken_headers(document: Any) -> list[BrokenHeader]:
    """Every header cell of a rendered `weasyprint.Document` that breaks inside a word."""
    from weasyprint.formatting_structure.boxes import TableCellBox

    found: list[BrokenHeader] = []
    for number, page in enumerate(document.pages, start=1):
        for box in boxes(page._page_box):
            if isinstance(box, TableCellBox) and getattr(box, "element_tag", "") == "th":
                text, breaks = _header_breaks(box)
                found += [BrokenHeader(number, text, where) for where in breaks]
    return found


def describe(found: list[BrokenHeader], limit: int = 5) -> str:
    """'page 2: "Disability" breaks at "Disabil|ity"; ...' for the first few."""
    parts = [f'page {b.page}: header "{b.header[:40]}" at "{b.where}"' for b in found[:limit]]
    more = f"; and {len(found) - limit} more" if len(found) > limit else ""
    return "; ".join(parts) + more
