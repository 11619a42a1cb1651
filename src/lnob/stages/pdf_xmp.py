"""The build's internals in the PDF's XMP metadata, not on its pages.

A document's page carries what it was built from as `<meta name="lnob:…">` elements
(document id, input and data hashes, code version, build date, parameters, renderer:
`lnob.render.page`). Readers never see them on paper; `verify`, the catalogue and the site
keep them, and so does the PDF, here: one `rdf:Description` in the lnob namespace, beside the
XMP that WeasyPrint writes (title, language, PDF/UA identification).
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "https://leavenoonebehind.example.org/ns/build/1.0/"
PREFIX = "lnob:"


class _BuildMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        name = found.get("name") or ""
        if tag == "meta" and name.startswith(PREFIX) and found.get("content") is not None:
            self.items.append((name.removeprefix(PREFIX), found["content"] or ""))


def build_meta(html: str) -> list[tuple[str, str]]:
    """The page's `lnob:` meta elements as (name, value), in page order. Only the head is
    read: meta elements live there, and parsing a long report's body took 10 ms."""
    parser = _BuildMeta()
    parser.feed(html.split("</head>", 1)[0])
    return parser.items


def description(items: list[tuple[str, str]]) -> bytes:
    """One RDF description of the build (names are the meta names after `lnob:`)."""
    fields = "".join(
        f"<lnob:{name}>{escape(value)}</lnob:{name}>"
        for name, value in items
        if name.replace("-", "").isalnum()
    )
    return (
        f'<rdf:Description rdf:about="" xmlns:lnob={quoteattr(NAMESPACE)}>{fields}'
        "</rdf:Description>"
    ).encode()


def add_build_metadata(document: Any, html: str) -> None:
    """Put the page's build metadata into the XMP packet WeasyPrint writes for `document`
    (a `weasyprint.Document`), inside its one `rdf:RDF` element, as XMP asks."""
    metadata = document.metadata
    generate = metadata.generate_rdf_metadata
    extra = description(build_meta(html))

    def with_build(*args: Any, **kwargs: Any) -> bytes:
        rdf = generate(*args, **kwargs)
        head, closing, tail = rdf.rpartition(b"</rdf:RDF>")
        merged = head + extra + closing + tail if closing else rdf
        ElementTree.fromstring(merged)  # still well-formed XML, or fail here, not in a reader
        return merged

    metadata.generate_rdf_metadata = with_build
