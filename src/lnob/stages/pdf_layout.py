"""Walking WeasyPrint's laid-out boxes: what the PDF checks (bounds, headers, page economy,
page fill) read of a rendered document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def boxes(box: Any) -> Iterator[Any]:
    """`box` and every box under it, in document order."""
    yield box
    for child in getattr(box, "children", None) or ():
        yield from boxes(child)


def classes(box: Any) -> set[str]:
    """The CSS classes of the element a box was laid out for (none for anonymous boxes)."""
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def pages_with(document: Any, tag: str, css_class: str) -> list[int]:
    """The 1-based pages of a rendered `weasyprint.Document` on which an element
    `<tag class="... css_class ...">` is laid out."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        if any(
            getattr(b, "element_tag", None) == tag and css_class in classes(b)
            for b in boxes(page._page_box)
        ):
            found.append(number)
    return found
