"""Reading a tagged PDF's structure tree in tests (pypdf objects)."""

from __future__ import annotations

from typing import Any


def figure_alts(node: Any, out: list[str] | None = None) -> list[str]:
    """The /Alt of every /Figure structure element under `node`, in document order (an element
    without one gives ''). Pass the catalogue's /StructTreeRoot."""
    out = [] if out is None else out
    node = node.get_object()
    if hasattr(node, "get"):
        if node.get("/S") == "/Figure":
            out.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, list) else [kids]) if kids is not None else []:
            if hasattr(kid.get_object(), "get"):
                figure_alts(kid, out)
    return out


def kids(node: Any) -> list[Any]:
    """The structure elements directly under `node` (its /K), marked-content ids left out."""
    node = node.get_object()
    found = node.get("/K")
    found = found if isinstance(found, list) else [] if found is None else [found]
    return [k.get_object() for k in found if hasattr(k.get_object(), "get")]


def elements(node: Any, tag: str, out: list[Any] | None = None) -> list[Any]:
    """Every structure element tagged `tag` ('/Table', '/TD') under `node`, in document
    order."""
    out = [] if out is None else out
    for kid in kids(node):
        if kid.get("/S") == tag:
            out.append(kid)
        elements(kid, tag, out)
    return out
