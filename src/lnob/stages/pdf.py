"""PDF stage: WeasyPrint, in-process, offline, tagged PDF/UA-1, no box for a missing letter.

The fetcher serves only `file:` URLs inside the document's own folder and `data:`
URLs; anything else (http, https, a file elsewhere) stops the document with an
error, so a build never touches the network. Every character of the text must be
in one of the fonts named for the language; WeasyPrint's own glyph warnings fail
the document too, and so does anything laid out past the page's margins (a table wider
than the text column: `lnob.stages.pdf_bounds`). A page budget, when the product has one,
fails an over-long document (a draft only warns). The PDF's text is read back with pdftotext
and must give the words the pages show (`pdf_text` writes the text layer, `pdf_readback`
checks it); a PDF whose words do not come back fails, or warns in a draft. The printed text
holds no escaped HTML and no build internals, and carries the imprint's citation and licence
(`pdf_printed`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from lnob.errors import BuildError


@dataclass(frozen=True)
class PdfResult:
    pages: int
    sha256: str
    size: int
    warnings: tuple[str, ...]


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def visible_text(html: str) -> str:
    p = _TextCollector()
    p.feed(html)
    return "".join(p.chunks)


# WeasyPrint sees every document at this one address, whatever folder it is built in:
# an absolute path reaching the PDF (image names are hashes of their URLs) would make two
# builds of the same inputs differ.
# The address is folders deep, so that a link up and across the site from a document
# (`../../../bgd/.../index.html`, in the synthesis) keeps its `..` steps and can be written
# back as the same relative link; a site is never this deep.
VIRTUAL_DIR = "/lnob-document" + "/d" * 8 + "/"
VIRTUAL_ROOT = "file://" + VIRTUAL_DIR


def _local_fetcher(root: Path):  # -> weasyprint URLFetcher
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):  # type: ignore[override]
            if url.startswith(VIRTUAL_ROOT):
                rel = unquote(urlparse(url).path).removeprefix(VIRTUAL_DIR)
                path = (root / rel).resolve()
                if not path.is_relative_to(root) or not path.is_file():
                    raise ValueError(f"refused to read {rel}: not a file of the document")
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            if urlparse(url).scheme == "data":
                return super().fetch(url, headers)
            if urlparse(url).scheme == "file":
                raise ValueError(f"refused to read {url}: outside the document folder")
            raise ValueError(f"refused to fetch {url}: builds never use the network")

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def relative_target(target: str) -> str:
    """A link resolved against the virtual address, written back relative to the document."""
    if not target.startswith("file:///lnob-document/"):
        return target
    url = urlparse(target)
    rel = posixpath.relpath(url.path, VIRTUAL_DIR)
    return (
        rel + (f"?{url.query}" if url.query else "") + (f"#{url.fragment}" if url.fragment else "")
    )


def relative_links(doc) -> None:  # doc: weasyprint.Document
    """A link to a file of the document (`data/fig-1.csv`), or to another document of the site
    (`../../../bgd/…/index.html`), stays relative in the PDF, so it opens the file published
    beside the PDF; WeasyPrint would write the build's virtual address."""
    for page in doc.pages:
        page.links = [
            (kind, relative_target(target) if kind == "external" else target, rect, box)
            for kind, target, rect, box in page.links
        ]


@cache
def _shared_font_config():  # -> weasyprint.text.fonts.FontConfiguration
    """One font configuration per process (a build worker): fontconfig's font list and Pango's
    font map, with the fonts it has opened and shaped, are made once instead of once per
    document (about 0.03 s of each). What a document looks like does not depend on what the
    process made before it: the PDF is byte for byte the same (tests/pipeline/test_pdf_speed.py)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def font_config_for(html: str):  # -> weasyprint.text.fonts.FontConfiguration
    """The shared configuration, or a fresh one for a page with its own ``@font-face`` fonts
    (WeasyPrint adds those to the configuration, where later documents would find them)."""
    if "@font-face" in html.lower():
        from weasyprint.text.fonts import FontConfiguration

        return FontConfiguration()
    return _shared_font_config()


class _GlyphWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class PageBudgetError(BuildError):
    """The PDF has more pages than its product allows; ``authored`` is the text to shorten."""

    def __init__(self, message: str, authored: str | None) -> None:
        super().__init__(message)
        self.authored = authored


def write_pdf(
    html_path: Path,
    pdf_path: Path,
    *,
    fonts: list[str],
    where: str,
    page_budget: int | None = None,
    draft: bool = False,
    page_size: str = "A4",
    authored: str | None = None,
) -> PdfResult:
    """Write the PDF; over ``page_budget`` pages fails (warns in a draft), naming ``authored``."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    from lnob.i18n import require_glyphs
    from lnob.stages import (
        pdf_bounds,
        pdf_economy,
        pdf_fill,
        pdf_headers,
        pdf_images,
        pdf_printed,
        pdf_readback,
        pdf_splits,
        pdf_text,
        pdf_xmp,
    )
    from lnob.stages.pdf_heatmap import describe_heatmap_cells
    from lnob.stages.pdf_tables import link_row_groups, scope_headers

    def finish(document: object, pdf: object) -> None:  # WeasyPrint's finisher: tag extras
        link_row_groups(document, pdf)
        scope_headers(document, pdf)
        describe_heatmap_cells(document, pdf)

    html = html_path.read_text(encoding="utf-8")
    text = visible_text(html)
    require_glyphs(text, fonts, where)  # a box in the PDF is a failed build
    root = html_path.parent.resolve()
    pdf_images.install()
    pdf_text.install()
    handler = _GlyphWarnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        source = HTML(
            string=html,
            base_url=VIRTUAL_ROOT + "index.html",
            url_fetcher=_local_fetcher(root),
            media_type="print",
        )
        fonts_used = font_config_for(html)
        without = [CSS(string=pdf_economy.WITHOUT_CONTENTS, font_config=fonts_used)]
        # the contents and the cover each end their page, so the body lays out the same with
        # or without the contents, and the first layout may be the likely one
        has_contents = 'class="toc"' in html and "has-cover" in html
        if has_contents and pdf_economy.likely_short(text, html):  # lay out the likely one
            doc = source.render(font_config=fonts_used, stylesheets=without)
            if pdf_economy.contents_needed(doc):  # the guess was wrong: long enough after all
                doc = source.render(font_config=fonts_used)
        else:
            doc = source.render(font_config=fonts_used)
            if pdf_economy.contents_not_needed(doc):  # a short document: no page of contents
                doc = source.render(font_config=fonts_used, stylesheets=without)
        relative_links(doc)
        pdf_xmp.add_build_metadata(doc, html)
        pages = len(doc.pages)
        outside = pdf_bounds.overflows(doc)
        if outside:
            raise BuildError(
                f"{where}: content outside the page's text area ({pdf_bounds.describe(outside)}). "
                "Make the table narrower (fewer or shorter columns) or the word breakable"
            )
        broken = pdf_headers.broken_headers(doc)
        if broken:
            raise BuildError(
                f"{where}: a table header breaks inside a word ({pdf_headers.describe(broken)}). "
                "Give the column more room (fewer or narrower columns) or the header a shorter "
                "name"
            )
        splits = pdf_splits.bad_splits(doc)
        if splits:
            raise BuildError(
                f"{where}: a table splits across pages against the rule of at least "
                f"{pdf_splits.MIN_ROWS} rows on each side and a 'continued' label "
                f"({pdf_splits.describe(splits)}). This is a fault of the print stylesheet "
                "(document.css: the table rules under @media print), not of the text: report it"
            )
        printed = pdf_printed.problems(doc, html)
        if printed:
            raise BuildError(
                f"{where}: the printed pages say what they must not, or not what they must "
                f"({pdf_printed.describe(printed)}). {pdf_printed.HINT}"
            )
        loose = pdf_fill.underfull(doc)  # a warning: the page breaks follow the content
        tmp = pdf_path.with_name(pdf_path.name + ".part")
        doc.write_pdf(str(tmp), pdf_variant="pdf/ua-1", uncompressed_pdf=False, finisher=finish)
    except FatalURLFetchingError as exc:
        raise BuildError(f"{where}: {exc.__cause__ or exc}") from None
    finally:
        logger.removeHandler(handler)
    notdef = [m for m in handler.messages if "notdef" in m.lower() or "glyph" in m.lower()]
    if notdef:
        tmp.unlink(missing_ok=True)
        raise BuildError(f"{where}: WeasyPrint drew a missing glyph: {notdef[0]}")
    warnings: list[str] = []
    if loose:
        warnings.append(
            f"{where}: {pdf_fill.describe(loose)}: under a third of a page before a block "
            "that does not fit after it. Shorten or split that block (a long chart, a table "
            "kept with its caption), or move text before it"
        )
    readback = pdf_readback.read_back(doc, tmp, where)
    if readback.missing:
        msg = pdf_readback.describe(readback, where)
        if not draft:
            tmp.unlink(missing_ok=True)
            raise BuildError(
                f"{msg}. Copy, search and screen readers would get other words. This is a "
                "fault of the PDF stage (lnob.stages.pdf_text), not of the text: report it "
                "with these words; or build with --draft to publish it with a warning"
            )
        warnings.append(msg)
    if page_budget is not None and pages > page_budget:
        text = authored or "the authored text"
        msg = (
            f"{where}: {pages} pages, over the budget of {page_budget} pages "
            f"({page_size}). Shorten the key messages, recommendations or context in {text}"
        )
        if not draft:
            tmp.unlink(missing_ok=True)
            raise PageBudgetError(
                f"{msg}, then build again; or build with --draft to publish "
                "it over the budget with a warning",
                authored,
            )
        warnings.append(msg)
    data = tmp.read_bytes()
    os.replace(tmp, pdf_path)
    return PdfResult(pages, hashlib.sha256(data).hexdigest(), len(data), tuple(warnings))
