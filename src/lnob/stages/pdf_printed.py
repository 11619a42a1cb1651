"""What the printed pages say of themselves (issue 20), read from WeasyPrint's layout.

Three checks on the text of every line laid out (`pdf_readback.page_lines`, read once for
the read-back check too), each of which fails the document, naming the page:

- no escaped HTML: `&#x27;`, `&amp;` and the like are how HTML writes a character; on paper
  they mean a text was escaped twice ("Thème de l&#x27;année" in the French contents);
- no build internals: the input and data hashes, the code version, the parameters and the
  renderer's name are for the colophon (the site's reading view), the catalogue and the PDF's
  XMP metadata, never for the printed pages; nor is any long hexadecimal run (a hash) or
  the PDF engine's name;
- the imprint is printed: the suggested citation and the licence's address, as the page's
  `dcterms.bibliographicCitation` and `dcterms.license` meta elements give them, are in the
  printed text (a print style that hid the imprint would publish a PDF without its licence).

The values come from the page's own meta elements (`lnob.render.page`); a page without them
(not made by the page template) is checked for escaped HTML and hashes only.
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from lnob.stages.pdf_readback import page_lines
from lnob.stages.pdf_xmp import PREFIX

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NAMED = set(html.entities.html5)  # "amp;", "quot;", ...
_HASH = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{32,}(?![0-9A-Za-z])")
# Characters a line may hold or drop without changing what it says (see pdf_readback).
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)
# What the build records of itself (lnob: meta names) and what a reader would call each.
_INTERNALS = {
    "inputs-sha256": "the inputs' hash",
    "data-version": "the data version",
    "code-version": "the code version",
    "parameters": "the notebook's parameters",
    "renderer": "the renderer's name",
}
ENGINE_NAMES = ("WeasyPrint",)  # never printed, whichever renderer made the HTML


@dataclass(frozen=True)
class Problem:
    page: int  # 1-based; 0 for the whole document
    what: str  # what is wrong, for the message
    text: str  # the text that shows it


def _bare(text: str) -> str:
    """`text` without spaces or invisible characters, in NFC: a wrapped line and an isolated
    address compare as they read."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return "".join(text.split())


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") and found.get("content") is not None:
            self.found.setdefault(found["name"] or "", found["content"] or "")


def _meta(page_html: str) -> dict[str, str]:
    parser = _Meta()
    parser.feed(page_html.split("</head>", 1)[0])  # meta elements live in the head
    return parser.found


def problems(document: Any, page_html: str) -> list[Problem]:
    """What is wrong with the printed text of `document` (a laid-out `weasyprint.Document`)
    made from `page_html`."""
    found: list[Problem] = []
    meta = _meta(page_html)
    internals = {
        name: meta[f"{PREFIX}{name}"] for name in _INTERNALS if meta.get(f"{PREFIX}{name}")
    }
    for name in ("inputs-sha256", "data-version"):  # printed short, as the colophon does
        if name in internals:
            internals[name] = internals[name][:16]
    needles = [
        (what, _bare(internals[name])) for name, what in _INTERNALS.items() if name in internals
    ]
    needles += [(f"the PDF engine's name ({name})", _bare(name)) for name in ENGINE_NAMES]
    bare_pages = []
    for number, lines in enumerate(page_lines(document), start=1):
        for line in lines:
            for m in _ENTITY.finditer(line):
                if m[0].startswith("&#") or m[0][1:] in _NAMED:
                    found.append(Problem(number, f"escaped HTML '{m[0]}'", line.strip()))
            for m in _HASH.finditer(line):
                found.append(Problem(number, "a hash", m[0]))
        bare = _bare("".join(lines))
        bare_pages.append(bare)
        lowered = bare.lower()
        for what, needle in needles:
            if needle and needle.lower() in lowered:
                found.append(Problem(number, what, needle))
    printed = "".join(bare_pages)
    for name, what in (
        ("dcterms.bibliographicCitation", "its suggested citation"),
        ("dcterms.license", "its licence's address"),
    ):
        expected = _bare(meta.get(name, ""))
        if expected and expected not in printed:
            found.append(Problem(0, f"no {what}", meta[name]))
    return found


def describe(found: list[Problem], limit: int = 6) -> str:
    """'page 3: escaped HTML '&#x27;' in "Thème de l&#x27;année"; ...' for the first few."""
    parts = [
        (f"page {p.page}: " if p.page else "") + f'{p.what} ("{p.text[:60]}")'
        for p in found[:limit]
    ]
    more = f"; and {len(found) - limit} more" if len(found) > limit else ""
    return "; ".join(parts) + more


HINT = (
    "Escaped HTML means a text was escaped twice: give the page text once (loc.plain, or "
    "Markup of HTML made once). Build internals belong in the colophon, which is not printed "
    "(document.css), and the PDF's XMP metadata. The imprint (citation, licence) is printed "
    "in every PDF: no print style may hide it"
)
