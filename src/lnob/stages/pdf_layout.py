"""Walking WeasyPrint's laid-out boxes: what the PDF checks (bounds, headers, page economy)
read of a rendered document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def boxes(box: Any) -> Iterator[Any]:
    """`box` and every box under it, in document order."""
    yield box
    for child in getattr(box, "children", None) or ():
        yield from boxes(child)
