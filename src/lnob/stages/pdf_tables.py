"""Tagged tables in the PDF: a row group's name is a header of every figure in the group.

HTML says it with `<th scope="rowgroup">` at the head of a `<tbody>` (render/html.py). WeasyPrint
tags the group as a `TBody` whose first row is one `TH` spanning the table, but links a data
cell (`TD`) only to its row's and its column's headers, so a screen reader would read "Urban,
Cost of treatment: 56.5%" without "Location". This finisher, run by WeasyPrint on the PDF's
objects before it writes them, puts the group's header first in the `Headers` of every cell of
the group, data and row headers alike (PDF 1.7, 14.8.5.7: `Headers` applies to TH and TD).
A group that a page break splits (only one longer than a page: the stylesheet keeps groups
whole) goes on under a new `Table` on the next page, and its rows there are left as they are.

WeasyPrint gives every data cell its `Headers` but no header cell its `Scope` (PDF 1.7,
14.8.5.7, table 349), which PDF/UA-1 readers use to tell a row's header from a column's.
`scope_headers` writes it from the HTML's own `scope`: `row` and `rowgroup` are `/Row`, `col`
and `colgroup` `/Column`; a header without one is `/Column`, as WeasyPrint links it.
"""

from __future__ import annotations

from typing import Any


def _children(pdf: Any, element: Any, tag: str | None = None) -> list[Any]:
    """The structure elements under `element` (references in its /K), of one tag if given."""
    kids = element.get("K") or []
    found = [pdf.objects[int(kid.split()[0])] for kid in kids if isinstance(kid, bytes)]
    return [k for k in found if isinstance(k, dict) and (tag is None or k.get("S") == tag)]


def _group_header(pdf: Any, body: Any) -> Any | None:
    """The spanning header cell that opens a TBody, if it is a row group's."""
    rows = _children(pdf, body, "/TR")
    cells = _children(pdf, rows[0]) if rows else []
    if len(cells) != 1 or cells[0].get("S") != "/TH" or "ID" not in cells[0]:
        return None
    return cells[0] if cells[0].get("A", {}).get("ColSpan", 1) > 1 else None


_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


def scope_headers(document: Any, _pdf: Any) -> None:
    """WeasyPrint `finisher`: every header cell's structure element gets its `Scope`. The
    element is the one WeasyPrint keeps on the cell's box (`box.mark`) while it tags; a cell
    a page break splits has one on each page, each given the scope."""
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if getattr(box, "element_tag", None) != "th" or not isinstance(element, dict):
                continue
            attributes = element.get("A")
            if attributes is None:  # not a table's cell (a `th` displayed otherwise)
                continue
            scope = (box.element.get("scope") or "").strip().lower()
            attributes["Scope"] = _SCOPES.get(scope, "/Column")


def link_row_groups(_document: Any, pdf: Any) -> None:
    """WeasyPrint `finisher`: every cell of a row group gets the group's header first."""
    import pydyf

    for body in pdf.objects:
        if not isinstance(body, dict) or body.get("S") != "/TBody":
            continue
        header = _group_header(pdf, body)
        if header is None:
            continue
        for row in _children(pdf, body, "/TR")[1:]:
            for cell in _children(pdf, row):
                attributes = cell.get("A")
                if cell.get("S") not in ("/TD", "/TH") or attributes is None:
                    continue
                attributes["Headers"] = pydyf.Array([header["ID"], *attributes.get("Headers", ())])
