"""A table splits across pages only as issue 20 asks: at least three rows on each side of a
break, and a "continued" label on every page it continues on.

document.css does both (no break after a table's first two rows nor before its last two; the
first row's `data-continued` words shown in the page's top corner until the table's foot);
this check reads the laid-out pages and fails a document where either did not happen, so a
change of the stylesheet or of WeasyPrint cannot print a table's last row alone at the top of
a page, or a continued table without its label. It walks each page's boxes down to its
tables only (not into their cells), so it costs little beside the layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MIN_ROWS = 3  # rows of a table on each side of a page break


@dataclass(frozen=True)
class BadSplit:
    page: int  # 1-based: the page the problem shows on
    table: str  # "Table 3", or the table's first header
    problem: str


def _tables(box: Any) -> Iterator[Any]:
    """The table boxes under `box`, without walking into tables or lines."""
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", None) or ():
        if isinstance(child, boxes.TableBox):
            yield child
        elif isinstance(child, boxes.ParentBox) and not isinstance(child, boxes.LineBox):
            yield from _tables(child)


def _body_rows(table: Any) -> int:
    return sum(
        len(group.children)
        for group in table.children
        if not (getattr(group, "is_header", False) or getattr(group, "is_footer", False))
        and getattr(group, "children", None) is not None
        and group.element_tag in ("tbody", "tr")
    )


def _label(element: Any) -> str:
    """The words a continued table's pages must show (its first row's data-continued)."""
    for row in element.iter():
        if str(row.tag).rsplit("}", 1)[-1] == "tr" and row.get("data-continued"):
            return str(row.get("data-continued"))
    return ""


def _corner_text(page_box: Any) -> str:
    from weasyprint.formatting_structure import boxes

    from lnob.stages.pdf_layout import boxes as walk

    return " ".join(
        b.text
        for margin in page_box.children
        if isinstance(margin, boxes.MarginBox) and margin.at_keyword in ("@top-left", "@top-right")
        for b in walk(margin)
        if getattr(b, "text", None)
    )


def bad_splits(document: Any) -> list[BadSplit]:
    """The splits of a laid-out `weasyprint.Document`'s tables that break the rule."""
    parts: dict[int, list[tuple[int, int, Any]]] = {}  # id(table element): (page, rows, page box)
    elements: dict[int, Any] = {}
    for number, page in enumerate(document.pages, start=1):
        for table in _tables(page._page_box):
            if table.element is None:
                continue
            key = id(table.element)
            elements[key] = table.element
            parts.setdefault(key, []).append((number, _body_rows(table), page._page_box))
    found: list[BadSplit] = []
    for key, pieces in parts.items():
        if len(pieces) < 2:
            continue
        label = _label(elements[key])
        name = label.rsplit("(", 1)[0].strip() or "a table"
        for i, (number, rows, page_box) in enumerate(pieces):
            if rows < MIN_ROWS:
                side = "before" if i == 0 else "after"
                found.append(
                    BadSplit(number, name, f"{rows} row(s) {side} the page break, under {MIN_ROWS}")
                )
            if (
                i
                and label
                and " ".join(label.split()) not in " ".join(_corner_text(page_box).split())
            ):
                found.append(BadSplit(number, name, f'continues without "{label}"'))
    return sorted(found, key=lambda s: s.page)


def describe(found: list[BadSplit], limit: int = 4) -> str:
    parts = [f"page {s.page}: {s.table} {s.problem}" for s in found[:limit]]
    more = f"; and {len(found) - limit} more" if len(found) > limit else ""
    return "; ".join(parts) + more


__all__ = ["MIN_ROWS", "BadSplit", "bad_splits", "describe"]
