"""The annual global synthesis: every country's results published up to the year, together.

`load_synthesis` gathers, for the document's year: each country's documents dated up to
that year (`lnob.synthesis.countries`), the stocktake of those that have one, the
disclosure-checked results of their published research, the year's configuration and
authored theme (`reports/synthesis/<year>/`), and the official international series of
the configured DDF extract. The block functions of the template notebook
`notebooks/synthesis.ipynb` live here and in `synthesis_sections` and `synthesis_profiles`;
each returns nothing when its section is not configured for the year.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from lnob.atomic import write_text
from lnob.doc.blocks import BulletList, Callout, Column, Draft, Heading, Meta, Paragraph, Table
from lnob.doc.text import Msg, Num, Text, _, num
from lnob.errors import LnobError
from lnob.i18n import Formatter, load_languages
from lnob.inputs import authored_folder
from lnob.notebook import Doc
from lnob.products.authored import Authored, find_authored, read_authored
from lnob.products.publication import sections
from lnob.products.stocktake import StocktakeReport, citizen_surveys, in_english
from lnob.sdmx import sdmx_coalition_methodology
from lnob.spec import DocumentSpec
from lnob.stocktake import (
    CountryStocktake,
    IndicatorList,
    Taxonomy,
    load_project_indicators,
    load_taxonomy,
    with_citizen,
)
from lnob.stocktake.cache import cached_countries
from lnob.survey import SurveyResult
from lnob.survey.cache import cached_analyses
from lnob.survey.formtext import catalogue_words
from lnob.synthesis.config import SynthesisConfig, load_synthesis_config
from lnob.synthesis.countries import CountryDocs, country_documents
from lnob.synthesis.ddf import read_ddf_folder
from lnob.synthesis.official import OfficialTable, official_table

SURVEYS_DIR = "surveys"
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class LeftOut:
    """A country's result (or the official figures) the synthesis could not read, and why.

    The synthesis is built from everything else; the document lists what it left out, and
    the reason (the file and what is wrong with it) is for the builder, never the reader."""

    what: Text  # what a reader is told was left out, in the document's language
    reason: str  # the error, naming the file


def _tolerant(read_all: Callable[[list[T]], Sequence[R]], items: list[T]) -> list[R | LnobError]:
    """`read_all(items)`, or, when that fails, each item alone: its result or its error. The
    shared fast path (one call for every item) stays the usual one."""
    try:
        return list(read_all(items))
    except LnobError:
        out: list[R | LnobError] = []
        for item in items:
            try:
                out.append(read_all([item])[0])
            except LnobError as exc:
                out.append(exc)
        return out


@dataclass(frozen=True, eq=False)
class Synthesis:
    """Everything one year's synthesis shows, in one language."""

    doc: Doc
    config: SynthesisConfig
    text: Authored
    countries: tuple[CountryDocs, ...]
    names: Mapping[str, str]  # ISO3 -> country name in the document's language
    stocktakes: Mapping[str, StocktakeReport]  # countries with a stocktake published by then
    surveys: Mapping[str, tuple[SurveyResult, ...]]  # country -> its published research
    indicators: IndicatorList
    taxonomy: Taxonomy
    official: tuple[OfficialTable, ...]
    brief_titles: Mapping[str, str]  # brief group -> its title (a brief not read: none)
    left_out: tuple[LeftOut, ...]  # what could not be read, so is not shown

    @property
    def lang(self) -> str:
        return self.doc.language

    @property
    def year(self) -> int:
        return self.doc.spec.year

    def shows(self, section: str) -> bool:
        return section in self.config.sections

    def with_results(self) -> tuple[CountryDocs, ...]:
        return tuple(c for c in self.countries if c.has_results)

    def title(self, code: str) -> Text:
        """An SDG indicator's title in the document's language (English flagged)."""
        if code not in self.indicators:
            return code
        title = self.indicators.title(code, self.lang)
        return in_english(title.text) if title.fallback else title.text

    def group(self, key: str) -> Text:
        label = self.taxonomy.group(key).labels.get(self.lang)
        return label or in_english(self.taxonomy.group(key).label("en"))


def _stocktake(
    doc: Doc,
    country: CountryDocs,
    data: CountryStocktake,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    name: str,
) -> StocktakeReport:
    """The country's stocktake with the gaps filled by its research published by the year."""
    folder = doc.paths.country_dir(country.code)
    own = tuple(
        s
        for s in citizen_surveys(folder, country.code, doc.language, indicators)
        if s.id in country.surveys
    )
    result = with_citizen(data, indicators, taxonomy, {pair for s in own for pair in s.pairs})
    return StocktakeReport(result, indicators, taxonomy, doc.language, name, doc.spec.year, own)


def load_synthesis(doc: Doc) -> Synthesis:
    """Read and analyse everything the year's synthesis shows."""
    paths, year = doc.paths, doc.spec.year
    config = load_synthesis_config(paths.reports, year, paths.root)
    folder = authored_folder(doc.spec, paths)
    assert folder is not None  # the year's theme
    path, fallback = find_authored(folder, doc.language)
    text = read_authored(path, "report_text", doc.language, fallback)
    indicators = load_project_indicators(paths.data / "sdg", doc.coalition.indicator_list)
    taxonomy = load_taxonomy(paths.data / "taxonomy.yaml")
    formatter = Formatter(load_languages(paths.languages_file)[doc.language])
    countries = country_documents(doc.coalition, year, doc.spec.publication_date)
    names = {c.code: formatter.country(c.code) for c in countries}
    left_out: list[LeftOut] = []
    with_stocktake = [c for c in countries if c.stocktake is not None]
    read = _tolerant(  # kept on disk for every document
        lambda cs: cached_countries(
            [paths.country_dir(c.code) for c in cs], indicators, taxonomy, paths.cache
        ),
        with_stocktake,
    )
    stocktakes = {}
    for c, data in zip(with_stocktake, read, strict=True):
        try:
            if isinstance(data, LnobError):
                raise data
            stocktakes[c.code] = _stocktake(doc, c, data, indicators, taxonomy, names[c.code])
        except LnobError as exc:
            left_out.append(LeftOut(LEFT_OUT_STOCKTAKE.format(country=names[c.code]), str(exc)))
    pairs = [(c, paths.country_dir(c.code) / SURVEYS_DIR / s) for c in countries for s in c.surveys]
    results = _tolerant(
        lambda ps: cached_analyses(
            [f for _c, f in ps],
            doc.language,
            cache_dir=paths.cache,
            words=catalogue_words(paths.locale),
        ),
        pairs,
    )
    surveys: dict[str, tuple[SurveyResult, ...]] = {c.code: () for c in countries}
    for (c, _folder), result in zip(pairs, results, strict=True):
        if isinstance(result, LnobError):
            left_out.append(LeftOut(LEFT_OUT_SURVEY.format(country=names[c.code]), str(result)))
        else:
            surveys[c.code] += (result,)
    official: tuple[OfficialTable, ...] = ()
    if config.official is not None and "official" in config.sections:
        try:
            ddf = read_ddf_folder(config.official.folder)
            shown = [c.code for c in countries if c.has_results]
            official = tuple(official_table(ddf, s, shown) for s in config.official.series)
        except LnobError as exc:
            left_out.append(LeftOut(LEFT_OUT_OFFICIAL, str(exc)))
    titles = {}
    for c in countries:
        for d in (d for d in c.documents if d.product == "brief"):
            lang = doc.language if doc.language in c.languages else "en"
            try:
                titles[d.group] = _brief_title(doc, d, lang)
            except LnobError as exc:
                left_out.append(LeftOut(LEFT_OUT_BRIEF.format(country=names[c.code]), str(exc)))
    _tell_the_build(doc, left_out)
    return Synthesis(
        doc,
        config,
        text,
        countries,
        names,
        stocktakes,
        surveys,
        indicators,
        taxonomy,
        official,
        MappingProxyType(titles),
        tuple(left_out),
    )


LEFT_OUT_FILE = "left-out.json"


def _tell_the_build(doc: Doc, left_out: list[LeftOut]) -> None:
    """Why each thing was left out (the file and the error), beside the document's other
    build files, for the build to print as warnings (`lnob.build.worker`)."""
    if doc.preview:
        return
    path = doc.paths.cache / "docs" / doc.spec.id / LEFT_OUT_FILE
    if left_out:
        write_text(path, json.dumps([x.reason for x in left_out], ensure_ascii=False, indent=1))
    else:
        path.unlink(missing_ok=True)


def _brief_title(doc: Doc, brief: DocumentSpec, lang: str) -> str:
    folder = authored_folder(brief, doc.paths)
    assert folder is not None  # a brief always has its text folder
    path, _fallback = find_authored(folder, lang)
    return str(read_authored(path, "brief", lang).meta["title"])


LEFT_OUT_STOCKTAKE: Msg = _("{country}: the stocktake of national data")
LEFT_OUT_SURVEY: Msg = _("{country}: a citizen-led survey")
LEFT_OUT_BRIEF: Msg = _("{country}: a policy brief")
LEFT_OUT_OFFICIAL: Msg = _("the official international figures")


def left_out(s: Synthesis) -> list:
    """What could not be read when the report was built, and so is left out of it."""
    if not s.left_out:
        return []
    return [
        Callout(
            "warning",
            _("Left out of this report"),
            (
                _(
                    "These results could not be read when this report was built. They are left "
                    "out of it and count in none of its figures:"
                ),
                *(item.what for item in s.left_out),
            ),
        )
    ]


def masthead(s: Synthesis) -> Meta:
    meta = s.text.meta
    return Meta(
        title=meta["title"],
        subtitle=meta.get("subtitle"),
        short_title=meta.get("short_title"),
        summary=meta.get("summary"),
        keywords=(_("Leave No One Behind"), _("SDG data"), *meta.get("keywords", ())),
    )


def executive_summary(s: Synthesis) -> list:
    """The authors' executive summary and three to five headline messages, first; without
    them the synthesis is a draft (a release build refuses it)."""
    meta = s.text.meta
    source = s.text.path.relative_to(s.doc.paths.root).as_posix()
    if not meta.get("executive_summary") or not meta.get("headline_messages"):
        return [Draft(f"{source} (no executive_summary and headline_messages)")]
    return [
        Heading(_("Executive summary")),
        Paragraph(meta["executive_summary"]),
        Heading(_("Headline messages"), level=3),
        BulletList(tuple(meta["headline_messages"])),
    ]


def theme(s: Synthesis) -> list:
    """The theme of the year: authored text in the document's language."""
    heading = s.text.meta.get("theme") or _("The theme of the year")
    source = s.text.path.relative_to(s.doc.paths.root).as_posix()
    return [Heading(heading), *sections(s.text.body, source, s.text.fallback, shift=1)]


def _published(c: CountryDocs, product: str, year: int) -> Text:
    docs = [d for d in c.documents if d.product == product]
    if not docs:
        return _("Not published by the end of {year}").format(year=Num(year, "year"))
    return _("Published in {year}").format(year=Num(int(docs[-1].publication_date[:4]), "year"))


def countries_table(s: Synthesis) -> list:
    """Which countries have results for the year, and which not yet (never shown as zeros)."""
    if not s.shows("countries"):
        return []
    rows = tuple(
        (
            s.names[c.code],
            _published(c, "stocktake", s.year),
            _published(c, "research", s.year),
            num(len(s.surveys[c.code])) if s.surveys[c.code] else None,
        )
        for c in s.countries
    )
    missing = [s.names[c.code] for c in s.countries if not c.has_results]
    blocks: list = [
        Heading(_("The countries in this report")),
        Paragraph(
            _(
                "This report draws on the stocktakes and research that the country coalitions had "
                "published by the end of {year}."
            ).format(year=Num(s.year, "year"))
        ),
    ]
    blocks.append(
        Table(
            _("Results published by the end of {year}").format(year=Num(s.year, "year")),
            (
                Column("country", _("Country")),
                Column("stocktake", _("Stocktake of national data")),
                Column("research", _("Citizen-led research")),
                Column("surveys", _("Surveys"), "integer"),
            ),
            rows,
            source=_("the coalition's list of publications"),
            provenance="mixed",
            note=_(
                "Countries without results for the year are listed as such; they count in "
                "none of the figures below."
            )
            if missing
            else None,
        )
    )
    return blocks


def method(s: Synthesis) -> Callout:
    body: list[Text] = [
        _(
            "Coverage comes from each country's stocktake of national data: an indicator counts "
            "as broken down by a group when a national source publishes that breakdown."
        ),
        _(
            "Survey figures come from the coalition's citizen-led surveys, weighted to their "
            "sample design, with 95 per cent confidence intervals. Figures based on too few "
            "respondents are withheld. Countries are compared only where their surveys measure "
            "the same indicator in the same way, and the surveys differ in who they sampled, so a "
            "difference between countries is a prompt for questions, not a ranking."
        ),
    ]
    if s.official:
        body.append(
            _(
                "Official international figures come from the UN Global SDG Indicators "
                "Database; for each country, the latest year with a total is shown, with "
                "its breakdowns from the same year."
            )
        )
        if s.config.official is not None and s.config.official.demo:
            body.append(DEMO_OFFICIAL)
    if s.doc.spec.surveys:  # the coalition's SDMX files (lnob.stages.sdmx_formats)
        body += sdmx_coalition_methodology()
    return Callout("method", _("How this synthesis was made"), tuple(body))


DEMO_OFFICIAL: Msg = _(
    "The international figures in this demonstration come from a small "
    "synthetic extract in the database's layout, not from the database."
)
