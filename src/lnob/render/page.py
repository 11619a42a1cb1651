"""The whole HTML page around a rendered body: language, direction, metadata, identity (colours and
logo from data/identity.yaml), cover, imprint, colophon.

The imprint (suggested citation, licence, copyright, permanent address, date, ISBN or DOI) is
printed in every PDF. The colophon (document id, hashes, code version, parameters, renderer)
is for the site's reading view and for machines: it is not printed, and the same values are
`lnob:` meta elements that the PDF stage writes into the PDF's XMP metadata."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from lnob.doc.text import Msg, Name, Num, _
from lnob.identity import Identity
from lnob.paths import TEMPLATES_DIR
from lnob.registry import product_kind
from lnob.render.html import RenderState
from lnob.render.localize import Localizer, escape

PAGE_OF = _("Page {page} of {pages}").msgid

# CSS predefined counter styles for native page numbers.
_COUNTER_STYLE = {"Beng": "bengali", "Deva": "devanagari", "Arab": "arabic-indic"}


@dataclass(frozen=True)
class BuildInfo:
    """What a document was built from; shown in its colophon and PDF metadata."""

    code_version: str
    inputs_hash: str
    data_hash: str
    build_date: str  # ISO date
    parameters: str  # canonical JSON
    engine: str


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def stylesheet() -> str:
    return (TEMPLATES_DIR / "document.css").read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """A quoted CSS string that cannot close the <style> element it sits in."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3c ")


def counter_style(loc: Localizer) -> str:
    """The CSS counter style that writes page numbers in the language's digits."""
    if loc.language.native_digits:
        return _COUNTER_STYLE.get(loc.language.script, "decimal")
    return "decimal"


def page_counter_css(loc: Localizer) -> str:
    """`content:` value for 'Page x of y' in the language, with native digits where configured."""
    template = loc.catalogue.gettext(PAGE_OF).text
    style = counter_style(loc)
    out = []
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            out.append(f"counter(page, {style})")
        elif piece == "{pages}":
            out.append(f"counter(pages, {style})")
        elif piece:
            out.append(css_string(piece))
    return Markup(" ".join(out))


def render_page(
    *,
    body: str,
    state: RenderState,
    loc: Localizer,
    doc_id: str,
    product: str,
    kicker: str,
    byline: Markup,
    date_iso: str,
    date_text: str,
    demo: bool,
    author: str,
    cover: bool,
    toc: bool,
    build: BuildInfo,
    identity: Identity,
    page_size: str = "A4",
    site_dir: str = "",
    group: str = "",
    partners: Sequence[str] = (),
) -> str:
    """The page; the logo is `identity.logo_name` beside it, and on a cover the cover image
    and the logos of `partners` that have one (`partner_logo_names`; the render stage copies
    them all)."""
    meta = state.meta
    if meta is None:
        raise ValueError(f"{state.where}: the notebook showed no Meta block (title)")
    title = loc.plain(meta.title)
    short = loc.plain(meta.short_title) if meta.short_title else title
    fonts = ", ".join(f'"{f}"' for f in loc.language.fonts) + ", sans-serif"
    css = (
        identity.css()
        + stylesheet()
        + (
            f"\nbody {{ font-family: {fonts}; }}\n"
            f"@media print {{ @page {{ size: {page_size}; font-family: {fonts}; }} }}\n"
        )
    )
    colophon = [
        (loc.plain(_("Document")), doc_id),
        (loc.plain(_("Built from data version")), build.data_hash[:16]),
        (loc.plain(_("Inputs ({algorithm})").format(algorithm=Name("SHA-256"))), build.inputs_hash),
        (loc.plain(_("Code version")), build.code_version),
        (loc.plain(_("Build date")), build.build_date),
        (loc.plain(_("Parameters")), build.parameters),
        (loc.plain(_("Rendered with")), build.engine),
    ]
    address = identity.permanent_address(site_dir)
    imprint = imprint_items(
        loc,
        title=title,
        author=author,
        year=int(date_iso[:4]),
        date_text=date_text,
        address=address,
        identity=identity,
        identifier=identity.identifier(group),
    )
    # what the imprint prints, for the PDF stage's check that it is printed (pdf_printed)
    citation = loc.plain(
        citation_of(author=author, year=int(date_iso[:4]), title=title, address=address)
    )
    return (
        _environment()
        .get_template("page.html.j2")
        .render(
            lang=loc.lang,
            dir=loc.direction,
            hyphenate=loc.language.hyphenate,
            title=title,
            subtitle=loc.plain(meta.subtitle),
            author=author,
            description=loc.plain(meta.summary),
            keywords=", ".join(loc.plain(k) for k in meta.keywords),
            build=build,
            date_iso=date_iso,
            doc_id=doc_id,
            css=Markup(css),
            short_title_css=Markup(css_string(short)),
            page_counter_css=page_counter_css(loc),
            counter_style=counter_style(loc),
            product=product,
            cover=cover,
            demo=demo,
            demo_text=loc.plain(
                _(
                    "Demonstration document: built from synthetic demo data, "
                    "not real survey results."
                )
            ),
            logo=identity.logo_name,
            cover_image=identity.cover_image_name if cover else "",
            cover_image_css=Markup(css_string(identity.cover_image_name)),
            partner_logos=list(
                zip(
                    [name for name, _ in cover_logos(identity, partners)],
                    partner_logo_names(identity, partners),
                    strict=True,
                )
            )
            if cover
            else [],
            partners_title=loc.plain(_("Partners")),
            logo_words=author if identity.logo_mark else "",  # the name beside the mark
            logo_alt=loc.plain(_("Logo of {name}").format(name=Name(author))),
            kicker=kicker,
            byline=byline,
            date_text=date_text,
            toc=toc,
            headings=[(level, anchor, Markup(text)) for level, anchor, text in state.headings],
            toc_title=loc.plain(_("Contents")),
            body=Markup(body),
            colophon_title=loc.plain(_("About this document")),
            colophon=colophon,
            imprint_title=loc.plain(_("About this publication")),
            citation=citation,
            licence_url=identity.licence_url,
            imprint=imprint,
        )
    )


def cover_logos(identity: Identity, partners: Sequence[str]) -> list[tuple[str, Path]]:
    """(partner, logo file) of each partner, in their order, when every one of them has a
    logo in the identity; none otherwise: a row of some partners' logos would leave the
    others out (one member's logo on a document of a coalition of twelve). The byline names
    them all either way."""
    found = [(p, identity.partner_logo(p)) for p in partners]
    logos = [(p, path) for p, path in found if path is not None]
    return logos if len(logos) == len(found) else []


def partner_logo_names(identity: Identity, partners: Sequence[str]) -> list[str]:
    """The partners' logos' file names in a document's folder, in `cover_logos` order."""
    return [
        f"partner-{i}{path.suffix.lower()}"
        for i, (_, path) in enumerate(cover_logos(identity, partners), start=1)
    ]


CITATION = _("{author} ({year}). {title}. {address}")
LICENCE_TEXT = _(
    "Published under the {licence} licence ({url}): you may copy, share and adapt it, "
    "giving credit as in the suggested citation."
)


def citation_of(*, author: str, year: int, title: str, address: str) -> Msg:
    return CITATION.format(
        author=Name(author), year=Num(year, "year"), title=Name(title), address=Name(address)
    )


def imprint_items(
    loc: Localizer,
    *,
    title: str,
    author: str,
    year: int,
    date_text: str,
    address: str,
    identity: Identity,
    identifier: str,
) -> list[tuple[str, Markup]]:
    """(label, HTML) of the imprint every PDF prints: citation, licence, copyright, address,
    date, and the ISBN or DOI once one is assigned. Addresses, the licence's name and the
    identifier are isolated (`<bdi>`), so that a right-to-left page prints them in their own
    order ("https://…/ur/", not "/https://…/ur")."""
    holder = identity.copyright_holder or author
    citation = citation_of(author=author, year=year, title=title, address=address)
    items = [
        (loc.plain(_("Suggested citation")), Markup(loc.html(citation).strip())),
        (
            loc.plain(_("Licence")),
            Markup(
                loc.html(
                    LICENCE_TEXT.format(
                        licence=Name(identity.licence), url=Name(identity.licence_url)
                    )
                )
            ),
        ),
        (
            loc.plain(_("Copyright")),
            Markup(f"© {loc.html(Num(year, 'year'))} {loc.html(Name(holder))}"),
        ),
    ]
    if address:
        items.append((loc.plain(_("Permanent address")), Markup(loc.html(Name(address)))))
    items.append((loc.plain(_("Date of publication")), Markup(escape(date_text))))
    if identifier:
        items.append((loc.plain(_("ISBN or DOI")), Markup(loc.html(Name(identifier)))))
    return items


def byline_html(loc: Localizer, author: str, partners: Sequence[str]) -> Markup:
    """ "The coalition, A, B and C" in the language's list pattern; the partners' names are
    proper names (`Name`), isolated so that Latin names keep their order in a right-to-left
    line. `author` is already in the language."""
    slots = [f"\ue000{i}\ue001" for i in range(len(partners) + 1)]
    out = escape(loc.formatter.list(slots))
    pieces = [escape(author), *(loc.html(Name(p)) for p in partners)]
    for slot, piece in zip(slots, pieces, strict=True):
        out = out.replace(slot, piece)
    return Markup(out)


def document_kicker(loc: Localizer, product: str, place: str) -> str:
    kicker = product_kind(product).kicker  # an unknown product is an InputError naming it
    return loc.plain(_("{product} · {place}").format(product=kicker, place=place))


def year_text(loc: Localizer, year: int) -> str:
    return loc.num(Num(year, "year"))
