"""The HTML pages of the site: home, listings, a page per document, search.

`render_pages` turns the catalogue into `{path: html}` for every interface
language; nothing is written here. Words come from `strings.UI` through the
page language's `Localizer`; numbers, dates and names from its formatter.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from lnob.doc.text import Msg, Name
from lnob.i18n import Languages
from lnob.paths import TEMPLATES_DIR
from lnob.render.localize import Localizer
from lnob.site import layout, reading
from lnob.site.layout import FACET_KINDS, Facet, FacetKind
from lnob.site.model import (
    GLOBAL,
    DataDownload,
    Download,
    SiteCatalogue,
    SiteDocument,
    newest_first,
)
from lnob.site.strings import DOWNLOAD_KINDS, UI, product_name, site_product_names
from lnob.stages.formats import output_format

LATEST = 8  # documents on a home page, besides the featured one
FEATURED_PRODUCTS = ("synthesis", "research")  # a home page features the newest full report
FACET_HEADINGS: dict[FacetKind, str] = {
    "country": "country",
    "language": "language",
    "product": "type",
    "year": "year",
}
OPENSDG_KINDS = ("opensdg", "opensdg-metadata")  # lnob.render.exports: platform CSV, its metadata
MEDIA_TYPES = {".csv": "text/csv", ".yml": "application/yaml", ".yaml": "application/yaml"}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class OutputLink:
    """A document's file of one output format, as its page links it."""

    file: Download
    label: Markup
    facts: Markup
    checksum: Markup  # what its checksum is of ("SHA-256 checksum of x.xlsx")


@dataclass(frozen=True)
class LanguageLink:
    """One entry of a language switcher or of a document's 'also available in' list."""

    code: str
    name: str  # the language's own name for itself
    href: str
    current: bool
    same_page: bool  # the same document or listing exists in that language


class Labels:
    """Interface words, names, dates and sizes in one language, for templates."""

    def __init__(self, loc: Localizer) -> None:
        self.loc = loc

    def t(self, key: str, **params: str) -> Markup:
        msg = UI[key].format(**params) if params else UI[key]
        return Markup(self.loc.html(msg))

    def tp(self, key: str, **params: str) -> str:
        """The message as plain text, for attributes."""
        return self.loc.plain(UI[key].format(**params) if params else UI[key])

    def product(self, product: str, plural: bool = False) -> Markup:
        return Markup(self.loc.html(product_name(product, plural)))

    @cache  # noqa: B019 - one Labels per language and build; country names are few
    def country(self, owner: str) -> str:
        return self.tp("global") if owner == GLOBAL else self.loc.formatter.country(owner)

    @cache  # noqa: B019
    def language(self, code: str) -> str:
        return self.loc.formatter.language(code)

    @cache  # noqa: B019
    def date(self, iso: str) -> str:
        return self.loc.formatter.date(iso, "long")

    def integer(self, n: int) -> str:
        return self.loc.formatter.integer(n)

    def year(self, year: int | str) -> str:
        return self.loc.formatter.year(int(year))

    def size(self, n_bytes: int) -> Markup:
        """A file size in kB (whole) under 1 MB, else in MB with one decimal (SI units)."""
        if n_bytes < 1_000_000:
            return self.t("size_kb", n=self.integer(max(1, round(n_bytes / 1000))))
        return self.t("size_mb", n=self.loc.formatter.number(n_bytes / 1_000_000, 1))

    def facet(self, facet: Facet) -> str | Markup:
        if facet.kind == "country":
            return self.country(facet.value)
        if facet.kind == "product":
            return self.product(facet.value, plural=True)
        if facet.kind == "year":
            return self.year(facet.value)
        return self.language(facet.value)

    def listing_heading(self, facet: Facet | None) -> Markup:
        if facet is None:
            return self.t("all_publications")
        if facet.kind == "product":
            return self.product(facet.value, plural=True)
        param = {"country": "country", "year": "year", "language": "language"}[facet.kind]
        return self.t(f"listing_{facet.kind}", **{param: str(self.facet(facet))})

    def coalition(self, name: str) -> str:
        """The coalition's name in this language (its catalogue's translation)."""
        return self.loc.plain(Msg(name))

    def digits(self) -> str:
        """The ten digits of this language, for the script that counts shown documents."""
        return self.loc.formatter.digits("0123456789")


class SiteRenderer:
    """Renders every page of one catalogue; `render()` returns `{path: html}`."""

    def __init__(
        self,
        catalogue: SiteCatalogue,
        languages: Languages,
        localizer: Callable[[str], Localizer],
        interface: tuple[str, ...],
        logo: str | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.logo = logo  # the coalition's mark, relative to the site root
        self.languages = languages
        self.interface = interface
        self.labels = {lang: Labels(localizer(lang)) for lang in interface}
        self.groups = catalogue.by_group()
        self.facets = layout.facets(catalogue.documents)
        self.env = _environment()

    def render(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for lang in self.interface:
            pages[layout.home(lang)] = self.home(lang, layout.home(lang))
            pages[layout.search(lang)] = self.search(lang)
            pages[layout.listing(lang)] = self.listing(lang, None)
            for kind in FACET_KINDS:
                for facet, _count in self.facets[kind]:
                    pages[layout.listing(lang, facet)] = self.listing(lang, facet)
        pages[layout.ROOT_HOME] = self.home(
            "en" if "en" in self.interface else self.interface[0], layout.ROOT_HOME
        )
        for doc in self.catalogue.documents:
            pages[layout.about(doc)] = self.about(doc)
        return pages

    # pages ------------------------------------------------------------------------------

    def home(self, lang: str, page: str) -> str:
        groups = self._home_order(lang)
        featured = next((g for g in groups if self._features(g)), None)
        latest = [self._item(v, lang) for v in groups if v is not featured][:LATEST]
        return self._render(
            "site_home.html.j2",
            page,
            lang,
            current="home",
            switcher=self._switcher(lang, layout.home),
            featured=None if featured is None else self._item(featured, lang),
            latest=latest,
            total=len(self.catalogue.documents),
            countries=self._sorted_facets(lang, "country"),
            products=self._sorted_facets(lang, "product"),
        )

    def _home_order(self, lang: str) -> list[dict[str, SiteDocument]]:
        """Every document group newest first, those the reader can read in `lang` before the
        others (a stable sort keeps each part newest first)."""
        return sorted(self._groups_newest_first(), key=lambda versions: lang not in versions)

    @staticmethod
    def _features(versions: dict[str, SiteDocument]) -> bool:
        return next(iter(versions.values())).product in FEATURED_PRODUCTS

    def _item(
        self, versions: dict[str, SiteDocument], lang: str
    ) -> tuple[SiteDocument, list[SiteDocument]]:
        """The version shown to a reader of `lang`, and the other languages it is in."""
        doc = self._preferred(versions, lang)
        return doc, [versions[c] for c in self._ordered(versions) if c != doc.language]

    def listing(self, lang: str, facet: Facet | None) -> str:
        page = layout.listing(lang, facet)
        docs = [d for d in self.catalogue.documents if facet is None or facet.matches(d)]
        intro = None
        if facet is not None and facet.kind == "country":
            # A country's page lists each publication once, with its other languages.
            groups = {d.group: self.groups[d.group] for d in docs}  # newest first
            items = [self._item(versions, lang) for versions in groups.values()]
            intro = self._country_intro(lang, facet.value, docs, len(items))
        else:
            items = [(d, []) for d in docs]
        return self._render(
            "site_listing.html.j2",
            page,
            lang,
            current="catalogue" if facet is None else "",
            switcher=self._switcher(lang, lambda code: layout.listing(code, facet)),
            facet=facet,
            items=items,
            intro=intro,
            show_form=facet is None,
            facet_groups=[
                (k, FACET_HEADINGS[k], self._sorted_facets(lang, k)) for k in FACET_KINDS
            ],
            script=layout.SCRIPT,
        )

    def _country_intro(
        self, lang: str, owner: str, docs: list[SiteDocument], publications: int
    ) -> Markup:
        """What the coalition publishes on a country, with whom, and in which languages."""
        labels = self.labels[lang]
        codes = self._ordered({d.language for d in docs})
        params = {
            "country": labels.country(owner),
            "n": labels.integer(publications),
            "languages": labels.loc.formatter.list(labels.language(c) for c in codes),
        }
        partners = self.catalogue.partners.get(owner.upper(), ())
        if owner == GLOBAL:
            return labels.t("global_intro", **params)
        if partners:
            names = labels.loc.formatter.list(partners)
            return labels.t("country_intro_partners", **params, partners=names)
        return labels.t("country_intro", **params)

    def search(self, lang: str) -> str:
        page = layout.search(lang)
        return self._render(
            "site_search.html.j2",
            page,
            lang,
            current="search",
            switcher=self._switcher(lang, layout.search),
            script=layout.SCRIPT,
        )

    def about(self, doc: SiteDocument) -> str:
        page = layout.about(doc)
        versions = self.groups[doc.group]

        def target(code: str) -> str:
            if code in versions:
                return layout.about(versions[code])
            return layout.listing(code, Facet("country", doc.owner))

        others = [versions[code] for code in self._ordered(versions) if code != doc.language]
        return self._render(
            "site_about.html.j2",
            page,
            doc.language,
            current="",
            switcher=self._switcher(doc.language, target, set(versions)),
            doc=doc,
            others=others,
            country=Facet("country", doc.owner),
            data=[d for d in doc.downloads if d.kind not in OPENSDG_KINDS],
            opensdg=opensdg_indicators(doc.downloads),
            download_kind=lambda kind: DOWNLOAD_KINDS.get(kind, "kind_other"),
            media_type=media_type,
            outputs=[self._output_link(doc, d) for d in doc.outputs],
        )

    def reading(self, doc: SiteDocument) -> tuple[str, str, str]:
        """The site around `doc`'s reading view: what goes in its head, before its masthead
        (header, language switcher, breadcrumbs, its PDF with its size, its page of
        downloads, its other languages) and after its colophon (the footer)."""
        page = doc.html
        versions = self.groups[doc.group]

        def target(code: str) -> str:
            if code in versions:
                return versions[code].html
            return layout.listing(code, Facet("country", doc.owner))

        pdf = next(d for d in doc.outputs if d.format == "pdf")
        html = self._render(
            "site_reading.html.j2",
            page,
            doc.language,
            switcher=self._switcher(doc.language, target, set(versions)),
            doc=doc,
            others=[versions[c] for c in self._ordered(versions) if c != doc.language],
            country=Facet("country", doc.owner),
            pdf=self._output_link(doc, pdf),
        )
        head, top, bottom = html.split(reading.PART)
        return head.strip(), top.strip(), bottom.strip()

    def _output_link(self, doc: SiteDocument, out: Download) -> OutputLink:
        """The link to one output format's file, with its label and facts in the page's
        language (an unregistered format, from an older build, by its name)."""
        labels = self.labels[doc.language]
        fmt = output_format(out.format)
        size = labels.size(out.bytes)
        name = Name(posixpath.basename(out.path))
        checksum = Markup(labels.loc.html(UI["checksum_of"].format(file=name)))
        if fmt is None:
            return OutputLink(out, Markup.escape(out.format), size, checksum)
        label = Markup(labels.loc.html(fmt.label))
        if fmt.facts is None:
            return OutputLink(out, label, size, checksum)
        facts = fmt.facts.format(size=size.striptags(), pages=labels.integer(doc.pages))
        return OutputLink(out, label, Markup(labels.loc.html(facts)), checksum)

    # helpers ----------------------------------------------------------------------------

    def _render(self, template: str, page: str, lang: str, **context: Any) -> str:
        labels = self.labels[lang]
        language = self.languages[lang]
        url: Callable[[str], str] = lambda target: layout.href(page, target)  # noqa: E731
        return self.env.get_template(template).render(
            page=page,
            lang=lang,
            dir=language.direction,
            root=layout.root_prefix(page),
            coalition=self.catalogue.coalition,
            demo=self.catalogue.demo,
            label=labels,
            t=labels.t,
            tp=labels.tp,
            url=url,
            layout=layout,
            languages=self.languages,
            logo=self.logo,
            **{"script": None, **context},
        )

    def _switcher(
        self, lang: str, target: Callable[[str], str], exists: set[str] | None = None
    ) -> list[LanguageLink]:
        return [
            LanguageLink(
                code,
                self.languages[code].native_name,
                target(code),
                code == lang,
                exists is None or code in exists,
            )
            for code in self.interface
        ]

    def _ordered(self, codes: Mapping[str, Any] | set[str]) -> list[str]:
        order = list(self.languages)
        return sorted(codes, key=lambda c: (order.index(c) if c in order else len(order), c))

    def _groups_newest_first(self) -> list[dict[str, SiteDocument]]:
        firsts = newest_first(min(v.values(), key=lambda d: d.id) for v in self.groups.values())
        return [self.groups[d.group] for d in firsts]

    def _preferred(self, versions: dict[str, SiteDocument], lang: str) -> SiteDocument:
        """The version of a document a reader of `lang` is shown: theirs, else English."""
        for code in (lang, "en"):
            if code in versions:
                return versions[code]
        return versions[self._ordered(versions)[0]]

    def _sorted_facets(self, lang: str, kind: FacetKind) -> list[tuple[Facet, int]]:
        values = self.facets[kind]
        if kind in ("country", "language"):
            labels = self.labels[lang]
            return sorted(
                values, key=lambda fc: (fc[0].value == GLOBAL, str(labels.facet(fc[0])).casefold())
            )
        if kind == "product":  # national products first, as a country's work proceeds
            order = list(site_product_names())
            return sorted(
                values,
                key=lambda fc: (
                    order.index(fc[0].value) if fc[0].value in order else len(order),
                    fc[0].value,
                ),
            )
        return values


def media_type(path: str) -> str:
    """The `type` of a download link, from its file name (CSV unless it says otherwise)."""
    return MEDIA_TYPES.get(posixpath.splitext(path)[1].lower(), "text/csv")


def opensdg_indicators(
    downloads: tuple[DataDownload, ...],
) -> list[tuple[str, list[DataDownload]]]:
    """The Open SDG downloads by indicator: (title, [its CSV, its metadata file]).

    `lnob.render.exports` names the metadata of `<file>.csv` `<file>.meta.yml`; a metadata
    file without its CSV is listed on its own, under its own title.
    """
    metadata = {d.path: d for d in downloads if d.kind == "opensdg-metadata"}
    out: list[tuple[str, list[DataDownload]]] = []
    for d in downloads:
        if d.kind == "opensdg":
            meta = metadata.pop(d.path.removesuffix(".csv") + ".meta.yml", None)
            out.append((d.title, [d] if meta is None else [d, meta]))
    out += [(d.title, [d]) for d in metadata.values()]
    return out
