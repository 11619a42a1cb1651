"""Tagged heatmap cells in the PDF: each says its meaning in words, as the HTML does.

A heatmap cell prints a symbol and, where there is data, the latest year ("• 2021"); the legend
says on paper what the symbols mean. In the HTML each cell also holds its meaning in words
(`<span class="hm-status">`, for screen readers; not printed, so WeasyPrint lays out and draws
no box for it). This finisher, run by WeasyPrint on the PDF's objects before it writes them,
gives each tagged cell (`TD`) that text as its alternate description (`Alt`, PDF 1.7, 14.9.3:
spoken instead of the content): a screen reader says "available 2021" or "not available",
where the printed text is a dot and a year.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lnob.render.html import HEATMAP_SYMBOLS

_SYMBOLS = str.maketrans("", "", "".join(HEATMAP_SYMBOLS.values()))


def _classes(element: Any) -> list[str]:
    return (element.get("class") or "").split()


def cell_description(element: Any) -> str | None:
    """The words a heatmap cell (an HTML `td.hm` element) stands for: its text without the
    symbol ("available 2021"); None for any other element or a cell without its status."""
    if "hm" not in _classes(element):
        return None
    if not any("hm-status" in _classes(child) for child in element):
        return None
    text = " ".join("".join(element.itertext()).translate(_SYMBOLS).split())
    return text or None


def _heatmap_cells(box: Any) -> Iterator[Any]:
    """The cell boxes of heatmap tables under `box`; text and other tables are not walked."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TableBox):
        if box.element is not None and "heatmap" in _classes(box.element):
            for group in box.children:
                for row in group.children:
                    yield from row.children
    elif isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
        for child in box.children:
            yield from _heatmap_cells(child)


def describe_heatmap_cells(document: Any, pdf: Any) -> None:
    """WeasyPrint `finisher`: every heatmap cell's `TD` gets `Alt`, its meaning in words."""
    import pydyf

    for page in document.pages:
        for cell in _heatmap_cells(page._page_box):
            mark = getattr(cell, "mark", None)
            text = cell_description(cell.element) if mark is not None else None
            if mark is not None and text is not None:
                mark["Alt"] = pydyf.String(text)
