"""Page economy: a contents page only where there are enough pages to find one's way in.

A report of a few pages needs no page of contents: its headings are in view. The PDF stage
lays a document out, counts the pages the body takes (all but the cover, the contents and
the imprint's back page) and, under `MIN_BODY_PAGES` of them, lays it out again without its
contents (`WITHOUT_CONTENTS`); the site's reading view keeps the contents, which help there.

Laying a document out is most of the PDF stage's time, so the first layout is the likely one:
without contents for a document whose HTML is short (`likely_short`), with them otherwise; a
second layout happens only when the guess was wrong. The guess changes only the time taken:
the pages are decided by the count of body pages, whichever layout came first.
"""

from __future__ import annotations

from typing import Any

from lnob.stages.pdf_layout import boxes, pages_with

MIN_BODY_PAGES = 8  # "no contents page for fewer than about 8 pages of body" (issue 20)
WITHOUT_CONTENTS = "@media print { nav.toc { display: none; } }"


def body_pages(document: Any) -> int:
    """Pages that are neither the cover, the contents nor a page of the imprint alone."""
    pages = len(document.pages)
    apart = set(pages_with(document, "nav", "toc")) | set(pages_with(document, "header", "cover"))
    imprint = pages_with(document, "section", "imprint")
    if imprint and imprint[0] == pages and not _has_body(document.pages[-1]):
        apart.add(pages)
    return pages - len(apart)


def _has_body(page: Any) -> bool:
    return any(getattr(b, "element_tag", None) == "main" for b in boxes(page._page_box))


def contents_not_needed(document: Any) -> bool:
    return bool(pages_with(document, "nav", "toc")) and body_pages(document) < MIN_BODY_PAGES


def contents_needed(document: Any) -> bool:
    """Laid out without its contents: would the body take enough pages to want them?"""
    return body_pages(document) >= MIN_BODY_PAGES


# A body page of the demo holds about 1,800 characters of text or 15 table rows; a document
# under these takes fewer than MIN_BODY_PAGES pages (6 for a stocktake, 16 and more for a
# research report). Only the speed depends on these numbers.
SHORT_TEXT = 14_000
SHORT_ROWS = 80


def likely_short(text: str, html: str) -> bool:
    """A guess, from the page's visible text and its HTML, that it needs no contents."""
    return len(text) < SHORT_TEXT and html.count("<tr") < SHORT_ROWS
