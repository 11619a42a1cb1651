"""The Atom feed of publications (`_site/feed.xml`, RFC 4287).

Every date comes from the catalogue, never from the clock, and ids are UUIDs
derived from the coalition and the document id, so two builds of the same
catalogue give the same bytes and a feed reader never sees an entry twice.
Links are relative to the feed, which sits at the site root (RFC 4287 allows
IRI references; readers resolve them against the feed's address).
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from lnob.site import layout
from lnob.site.model import SiteCatalogue, SiteDocument

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"  # RFC 6721: entries withdrawn
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_ENTRIES = 100


def stable_id(coalition: str, name: str) -> str:
    """A permanent Atom id: a name-based (version 5) UUID as a URN."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"lnob:{coalition}:{name}").urn


def atom_time(iso_date: str) -> str:
    """An RFC 3339 timestamp for a publication date (midnight UTC)."""
    return f"{iso_date}T00:00:00Z"


def atom_feed(catalogue: SiteCatalogue, title: str, product_labels: dict[str, str]) -> bytes:
    """The feed of the newest documents; `title` and product labels are in English."""
    ET.register_namespace("", ATOM)
    ET.register_namespace("at", TOMBSTONES)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en"})
    _text(feed, "id", stable_id(catalogue.coalition, "feed"))
    _text(feed, "title", title)
    dates = [d.date for d in catalogue.documents[:1]] + [w.withdrawn for w in catalogue.withdrawn]
    newest = max(dates, default="1970-01-01")
    _text(feed, "updated", atom_time(newest))
    _link(feed, layout.FEED, "self", "application/atom+xml")
    _link(feed, layout.ROOT_HOME, "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", catalogue.coalition)
    _text(feed, "generator", "lnob")
    for doc in catalogue.documents[:MAX_ENTRIES]:
        _entry(feed, catalogue.coalition, doc, product_labels.get(doc.product, doc.product))
    for gone in catalogue.withdrawn[:MAX_ENTRIES]:  # a reader drops the entry it showed
        deleted = ET.SubElement(
            feed,
            f"{{{TOMBSTONES}}}deleted-entry",
            {"ref": stable_id(catalogue.coalition, gone.id), "when": atom_time(gone.withdrawn)},
        )
        _link(deleted, gone.html, "via", "text/html", hreflang=gone.language)
        ET.SubElement(deleted, f"{{{TOMBSTONES}}}comment").text = gone.title
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, coalition: str, doc: SiteDocument, product_label: str) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry", {XML_LANG: doc.language})
    _text(entry, "id", stable_id(coalition, doc.id))
    _text(entry, "title", doc.title)
    _text(entry, "updated", atom_time(doc.date))
    _text(entry, "published", atom_time(doc.date))
    _link(entry, doc.html, "alternate", "text/html", hreflang=doc.language)
    _link(entry, layout.about(doc), "related", "text/html", hreflang=doc.language)
    for out in doc.outputs:  # the PDF and every other output format's file
        _link(
            entry,
            out.path,
            "enclosure",
            out.media_type,
            hreflang=doc.language,
            length=str(out.bytes),
        )
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": doc.product, "label": product_label})
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": doc.owner})
    _text(entry, "summary", doc.summary)


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _link(parent: ET.Element, href: str, rel: str, media_type: str, **extra: str) -> None:
    attributes = {"rel": rel, "type": media_type, "href": href, **extra}
    ET.SubElement(parent, f"{{{ATOM}}}link", attributes)
