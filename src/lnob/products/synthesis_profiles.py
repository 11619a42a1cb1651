"""One section per country in the synthesis: focus, main gaps, headline numbers, links."""

from __future__ import annotations

import posixpath

from lnob.doc.blocks import Heading, KeyNumber, KeyNumbers, Paragraph
from lnob.doc.link_blocks import DocumentLink, DocumentLinks
from lnob.doc.text import Msg, Num, Text, _, num
from lnob.products import stocktake as st
from lnob.products.sdg_goals import focus_item
from lnob.products.stocktake import IN_ENGLISH, in_english, joined
from lnob.products.synthesis import Synthesis
from lnob.spec import DocumentSpec
from lnob.synthesis.countries import CountryDocs

PRODUCT_LINKS: dict[str, Msg] = {
    "stocktake": _("Stocktake of national data: {title}"),
    "research": _("Research report: {title}"),
    "brief": _("Policy brief: {title}"),
}


def _target(s: Synthesis, country: CountryDocs, d: DocumentSpec) -> DocumentSpec:
    """The linked document in the synthesis' language, or in English when it has none."""
    lang = s.lang if s.lang in country.languages else "en"
    return DocumentSpec(d.product, d.country, d.slug, d.year, lang, d.date, d.surveys)


def _title(s: Synthesis, d: DocumentSpec, lang: str) -> Text:
    """What the linked document is called, in the synthesis' language where there is one."""
    if d.product == "stocktake":
        report = s.stocktakes.get(d.country or "")
        return st.masthead(report).title if report is not None else d.slug
    if d.product == "brief":  # read with the synthesis; a brief it could not read is left out
        return s.brief_titles[d.group]
    titles = [
        r.config.title for r in s.surveys.get(d.country or "", ()) if r.config.id in d.surveys
    ]
    if titles and s.lang in titles[0]:
        return titles[0][s.lang]
    return titles[0].get("en", d.slug) if titles else d.slug


def links(s: Synthesis, country: CountryDocs) -> DocumentLinks | None:
    here = f"{s.doc.spec.site_dir}/index.html"
    items = []
    for d in country.documents:
        if d.product not in PRODUCT_LINKS or (
            d.product == "brief" and d.group not in s.brief_titles
        ):
            continue
        target = _target(s, country, d)
        href = posixpath.relpath(f"{target.site_dir}/index.html", posixpath.dirname(here))
        label = PRODUCT_LINKS[d.product].format(title=_title(s, target, target.language))
        if target.language != s.lang:  # the country does not publish in the synthesis' language
            label = IN_ENGLISH.format(title=label)
        items.append(DocumentLink(label, href, target.id))
    return DocumentLinks(tuple(items), _("Read more")) if items else None


def _focus(report: st.StocktakeReport) -> Text:
    items = joined([focus_item(i) for i in report.result.focus.items])
    return _("Research focus: {items}.").format(items=items)


def _research(s: Synthesis, code: str) -> KeyNumbers | None:
    items = []
    for r in s.surveys[code]:
        n = r.sample.respondents
        if n is None:
            continue
        title = r.config.title.get(s.lang) or in_english(r.config.title.get("en", r.config.id))
        items.append(
            KeyNumber(
                num(n),
                _("respondents to the citizen-led survey {title}").format(
                    title=st.QUOTED.format(name=title)
                ),
                provenance="community",
            )
        )
    return KeyNumbers(tuple(items)) if items else None


def profile(s: Synthesis, country: CountryDocs) -> list:
    blocks: list = [Heading(s.names[country.code], 3)]
    if not country.has_results:
        blocks.append(
            Paragraph(
                _("No stocktake or research had been published by the end of {year}.").format(
                    year=Num(s.year, "year")
                )
            )
        )
    report = s.stocktakes.get(country.code)
    if report is not None:
        blocks.append(Paragraph(_focus(report)))
        blocks.append(st.summary(report)[1])
        blocks.append(st.key_numbers(report))
    research = _research(s, country.code)
    if research is not None:
        blocks.append(research)
    link_block = links(s, country)
    if link_block is not None:
        blocks.append(link_block)
    return blocks


def profiles(s: Synthesis) -> list:
    """One section per country of the coalition, those without results included."""
    if not s.shows("profiles"):
        return []
    blocks: list = [Heading(_("Country by country"))]
    for country in s.countries:
        blocks += profile(s, country)
    return blocks
