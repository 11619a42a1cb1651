"""Where each page of the site lives, and the static listings that replace a filter form.

Paths are relative to the site root with forward slashes; every link on a page is
made relative to that page (`href`), so the site works from any folder, at any URL
prefix, and from `python -m http.server`.

Layout (one set of pages per interface language `<lang>`):

    index.html                          English home, with links to every language
    <lang>/index.html                   home
    <lang>/catalogue/index.html         every document
    <lang>/catalogue/<kind>-<value>.html  one country, product, year or document language
    <lang>/search.html                  search (Pagefind)
    <owner>/<group>/<lang>/about.html   one document: summary, downloads, other languages
    feed.xml, SHA256SUMS, assets/, pagefind/
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from lnob.site.model import SiteDocument

FacetKind = Literal["country", "product", "year", "language"]
FACET_KINDS: tuple[FacetKind, ...] = ("country", "language", "product", "year")

ROOT_HOME = "index.html"
ASSETS = "assets"
CSS = "assets/site.css"
READING_CSS = "assets/reading.css"  # the site's header and footer around a reading view
SCRIPT = "assets/site.js"
FEED = "feed.xml"
CHECKSUMS = "SHA256SUMS"
SEARCH_BUNDLE = "pagefind"


@dataclass(frozen=True, order=True)
class Facet:
    """One value of one filter dimension: country 'bgd' (or 'global'), product, year, language."""

    kind: FacetKind
    value: str

    def matches(self, doc: SiteDocument) -> bool:
        return facet_value(doc, self.kind) == self.value


def facet_value(doc: SiteDocument, kind: FacetKind) -> str:
    if kind == "country":
        return doc.owner
    if kind == "product":
        return doc.product
    if kind == "year":
        return str(doc.year)
    return doc.language


def facets(docs: Iterable[SiteDocument]) -> dict[FacetKind, list[tuple[Facet, int]]]:
    """Every value each dimension takes, with its number of documents, in a stable order.

    Countries alphabetically with 'global' last; years newest first; others alphabetically.
    A country counts its publications (a document in two languages once), as its page
    lists them; the other dimensions count documents, as their pages list them.
    """
    docs = list(docs)
    out: dict[FacetKind, list[tuple[Facet, int]]] = {}
    for kind in FACET_KINDS:
        if kind == "country":
            counts = Counter(owner for owner, _ in {(d.owner, d.group) for d in docs})
        else:
            counts = Counter(facet_value(d, kind) for d in docs)
        if kind == "year":
            values = sorted(counts, reverse=True)
        elif kind == "country":
            values = sorted(counts, key=lambda v: (v == "global", v))
        else:
            values = sorted(counts)
        out[kind] = [(Facet(kind, v), counts[v]) for v in values]
    return out


def home(lang: str) -> str:
    return f"{lang}/index.html"


def listing(lang: str, facet: Facet | None = None) -> str:
    name = "index.html" if facet is None else f"{facet.kind}-{facet.value}.html"
    return f"{lang}/catalogue/{name}"


def search(lang: str) -> str:
    return f"{lang}/search.html"


def about(doc: SiteDocument) -> str:
    return f"{doc.folder}/about.html"


def href(page: str, target: str) -> str:
    """The link from the page at `page` to `target` (both relative to the site root)."""
    anchor = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        anchor = f"#{fragment}"
    return _relative(target, posixpath.dirname(page) or ".") + anchor


@cache
def _relative(target: str, start: str) -> str:
    """posixpath.relpath, remembered: listing pages of one folder link the same documents
    (tens of thousands of links at 30 countries)."""
    return posixpath.relpath(target, start)


def root_prefix(page: str) -> str:
    """'' for a page at the root, '../' for one a folder deep, and so on."""
    return "../" * page.count("/")
