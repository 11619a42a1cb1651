"""The stocktake report: where national data on groups left behind is missing, per country.

The numbers come from `lnob.stocktake.analyse_country` (through the build cache,
`lnob.stocktake.cache`); this module turns its result into
the blocks the template notebook `notebooks/stocktake.ipynb` shows: a plain-language
summary of the key gaps, headline figures, the coverage heatmap, the gap tables, what the
coalition's citizen-led research adds, the source inventory and a methodology note. Words
are gettext messages and numbers `Num` values, made into text at render time; indicator
titles and group names are data labels already in the document's language (an English
title standing in for a missing translation says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lnob.doc.blocks import (
    BulletList,
    Callout,
    Column,
    Heading,
    Heatmap,
    HeatmapCell,
    HeatmapRow,
    KeyNumber,
    KeyNumbers,
    Meta,
    Paragraph,
    Provenance,
    Table,
)
from lnob.doc.text import Msg, Name, Num, Text, _, num, pct
from lnob.errors import InputError
from lnob.i18n import Formatter, load_languages
from lnob.notebook import Doc
from lnob.products.sdg_goals import focus_item
from lnob.stocktake import (
    ANY_DATA,
    IndicatorList,
    StocktakeResult,
    Taxonomy,
    coverage_matrix,
    load_project_indicators,
    load_taxonomy,
)
from lnob.stocktake.cache import cached_analysis
from lnob.survey.config import load_survey_config

SURVEYS_DIR = "surveys"
IN_ENGLISH = _("{title} (in English)")
QUOTED = _("“{name}”")
NEXT_SURVEYS = _(
    "These gaps are where the coalition's citizen-led research can add most: its surveys so "
    "far cover what national data already breaks down, or lie outside the research focus."
)
LIST_NEXT = _("{first}, {next}")
AND_LAST = _("{first} and {last}")
OR_LAST = _("{first} or {last}")


def in_english(title: str) -> Msg:
    """A data label that has no translation, shown in English: marked "(in English)" for the
    reader, tagged `lang="en"` and isolated in the HTML, and refused by a release build."""
    return IN_ENGLISH.format(title=Name(title, "en"))


SOURCE_TYPES: dict[str, Msg] = {
    "census": _("Census"),
    "household_survey": _("Household survey"),
    "administrative_register": _("Administrative register"),
    "citizen_generated": _("Citizen-generated data"),
    "sdg_platform": _("SDG data platform"),
    "other": _("Other"),
}
LEVELS: dict[str, Msg] = {
    "national": _("National"),
    "region": _("Region or province"),
    "district": _("District"),
    "local": _("Local"),
}
ACCESS: dict[str, Msg] = {
    "open": _("Open"),
    "on_request": _("On request"),
    "restricted": _("Restricted"),
}


@dataclass(frozen=True)
class CitizenSurvey:
    """A citizen-led survey of the country and the (indicator, group) pairs it covers."""

    id: str
    title: Text
    pairs: frozenset[tuple[str, str]]


@dataclass(frozen=True, eq=False)
class StocktakeReport:
    """The analysis of one country with what is needed to word it in one language."""

    result: StocktakeResult
    indicators: IndicatorList
    taxonomy: Taxonomy
    lang: str
    country_name: str  # in the document's language (CLDR)
    year: int
    surveys: tuple[CitizenSurvey, ...]

    def title(self, code: str) -> Text:
        """The indicator's title in the document's language, or English flagged as such."""
        title = self.indicators.title(code, self.lang)
        return in_english(title.text) if title.fallback else title.text

    def group(self, key: str) -> Text:
        """The group's name from data/taxonomy.yaml, or English flagged as such."""
        group = self.taxonomy.group(key)
        label = group.labels.get(self.lang)
        return label if label else in_english(group.label("en"))

    def quoted(self, keys: Iterable[str], last: Msg | None = None) -> Text:
        """Group names, each in quotation marks, joined into one phrase ("a, b and c")."""
        return joined([QUOTED.format(name=self.group(k)) for k in keys], last or AND_LAST)


def joined(items: Iterable[Text], last: Msg | None = None) -> Text:
    """Items joined by messages the translators word ("a, b and c"), at render time."""
    parts = list(items)
    if not parts:
        return ""
    head = parts[0]
    for item in parts[1:-1]:
        head = LIST_NEXT.format(first=head, next=item)
    return (last or AND_LAST).format(first=head, last=parts[-1]) if len(parts) > 1 else head


def citizen_surveys(
    country_dir: Path, country: str, language: str, indicators: IndicatorList
) -> tuple[CitizenSurvey, ...]:
    """The country's citizen-led surveys (`<country>/surveys/<id>/survey.yaml`), each with the
    pairs it covers: every SDG indicator it analyses (of the indicator list) by every group
    it defines. Indicators of its own (`health_barriers`) are not SDG indicators."""
    folder = country_dir / SURVEYS_DIR
    surveys = []
    for survey_dir in sorted(folder.iterdir() if folder.is_dir() else ()):
        if not survey_dir.is_dir() or survey_dir.name.startswith((".", "_")):
            continue
        config = load_survey_config(survey_dir)
        if config.country != country:
            raise InputError(
                config.path,
                "the survey is filed under another country",
                column="country",
                expected=country,
                found=config.country,
                hint=f"Move the survey to data/countries/{config.country}/surveys/ "
                "or fix its country",
            )
        own = config.title.get(language) or config.title.get("und")
        title: Text = own or in_english(config.title.get("en", config.id))
        pairs = frozenset(
            (a.indicator, g.key)
            for a in config.analyses
            if a.indicator in indicators
            for g in config.groups
        )
        surveys.append(CitizenSurvey(config.id, title, pairs))
    return tuple(surveys)


def load_report(doc: Doc) -> StocktakeReport:
    """Analyse the document's country with the project's indicator list and taxonomy."""
    indicators = load_project_indicators(doc.paths.data / "sdg", doc.coalition.indicator_list)
    taxonomy = load_taxonomy(doc.paths.data / "taxonomy.yaml")
    surveys = citizen_surveys(doc.country_dir, doc.country.code, doc.language, indicators)
    pairs = {pair for survey in surveys for pair in survey.pairs}
    result = cached_analysis(doc.country_dir, indicators, taxonomy, pairs, doc.paths.cache)
    formatter = Formatter(load_languages(doc.paths.languages_file)[doc.language])
    return StocktakeReport(
        result,
        indicators,
        taxonomy,
        doc.language,
        formatter.country(doc.country.code),
        doc.spec.year,
        surveys,
    )


def _missing_groups(report: StocktakeReport) -> list[str]:
    """Groups by which no focus indicator can be broken down."""
    return [k for k, s in report.result.headlines.by_group.items() if s.total and not s.count]


def masthead(report: StocktakeReport) -> Meta:
    h = report.result.headlines
    return Meta(
        title=_("Gaps in national data on groups left behind: {country}").format(
            country=report.country_name
        ),
        subtitle=_(
            "A stocktake of national data for the SDG indicators of the research focus, {year}"
        ).format(year=Num(report.year, "year")),
        short_title=_("Data stocktake: {country}").format(country=report.country_name),
        demo=report.result.demo,  # focus.yaml's own flag: the banner follows it
        summary=_(
            "{count} of {total} focus indicators have any national data; {missing} of "
            "{groups} groups have no breakdown for any of them."
        ).format(
            count=num(h.with_any_data.count),
            total=num(h.focus_indicators),
            missing=num(len(_missing_groups(report))),
            groups=num(len(report.taxonomy.keys)),
        ),
        keywords=(_("stocktake"), _("Leave No One Behind"), _("SDG data")),
    )


def summary(report: StocktakeReport) -> list:
    """The key gaps in plain language, worked out from the results."""
    r, h = report.result, report.result.headlines
    total = num(h.focus_indicators)
    items: list[Text] = [
        _(
            "The coalition reviewed {sources} national data sources for the "
            "{total} SDG indicators of its research focus."
        ).format(sources=num(h.inventory_sources), total=total)
    ]
    if r.gaps.no_data:
        items.append(
            _(
                "{count} of the {total} focus indicators have no national data at all: "
                "{indicators}."
            ).format(count=num(len(r.gaps.no_data)), total=total, indicators=joined(r.gaps.no_data))
        )
    else:
        items.append(_("Every focus indicator has at least some national data."))
    missing = _missing_groups(report)
    if missing:
        items.append(
            _(
                "No focus indicator can be broken down by {groups}: for these groups, "
                "national data says nothing."
            ).format(groups=report.quoted(missing, OR_LAST))
        )
    partial = sorted(
        (s.count, i, k) for i, (k, s) in enumerate(h.by_group.items()) if 0 < s.count < s.total
    )
    for count, _i, key in partial[:3]:
        items.append(
            _("Only {count} of the {total} focus indicators can be broken down by {group}.").format(
                count=num(count), total=total, group=report.quoted([key])
            )
        )
    complete = [k for k, s in h.by_group.items() if s.total and s.count == s.total]
    if complete:
        items.append(
            _("Every focus indicator can be broken down by {groups}.").format(
                groups=report.quoted(complete)
            )
        )
    if report.surveys and h.citizen_gaps_filled:
        items.append(
            _("The coalition's citizen-led research fills {count} of these gaps.").format(
                count=num(h.citizen_gaps_filled)
            )
        )
    elif report.surveys:  # a finding to phrase, not a zero to print
        items.append(NEXT_SURVEYS)
    return [Heading(_("Key gaps")), BulletList(tuple(items))]


def key_numbers(report: StocktakeReport) -> KeyNumbers:
    h = report.result.headlines
    provenance = _provenance(report)
    items = [
        KeyNumber(
            num(h.focus_indicators),
            _("SDG indicators in the research focus"),
            provenance=provenance,
        ),
        KeyNumber(
            pct(h.with_any_data.ratio, 0),
            _("of the focus indicators have any national data"),
            provenance=provenance,
        ),
        KeyNumber(
            num(len(_missing_groups(report))),
            _("of {groups} groups have no breakdown for any focus indicator").format(
                groups=num(len(report.taxonomy.keys))
            ),
            provenance=provenance,
        ),
        KeyNumber(
            num(h.inventory_sources), _("national data sources reviewed"), provenance=provenance
        ),
    ]
    if report.surveys and h.citizen_gaps_filled:  # no card for a zero: the summary says it
        items.append(
            KeyNumber(
                num(h.citizen_gaps_filled),
                _("gaps filled by the coalition's citizen-led research"),
                provenance="community",
            )
        )
    return KeyNumbers(tuple(items))


def _provenance(report: StocktakeReport) -> Provenance:
    types = {s.type for s in report.result.inventory.sources}
    return "mixed" if "citizen_generated" in types else "official"


def _source(report: StocktakeReport) -> Msg:
    return _("the coalition's inventory of {count} national data sources").format(
        count=num(report.result.headlines.inventory_sources)
    )


def heatmap(report: StocktakeReport) -> list:
    """The coverage matrix: every indicator with data or in the focus, by group."""
    r = report.result
    years = coverage_matrix(r.coverage, "latest_year")
    focus = set(r.focus.indicators)
    rows = []
    for code, available in r.matrix.iterrows():
        if not available[ANY_DATA]:
            cells = tuple(HeatmapCell("none") for _k in available.index)
        else:
            cells = tuple(
                HeatmapCell("available", int(years.at[code, key])) if has else HeatmapCell("gap")
                for key, has in available.items()
            )
        rows.append(HeatmapRow(str(code), report.title(str(code)), cells, code in focus))
    columns = (_("Any data"), *(report.group(k) for k in report.taxonomy.keys))
    note = (
        _("The national SDG data platform lists {indicators} without any data.").format(
            indicators=joined(r.no_data)
        )
        if r.no_data
        else None
    )
    return [
        Heading(_("Which groups national data can see")),
        Paragraph(
            _(
                "Each row is an SDG indicator, each column a group. A filled dot means "
                "some national source breaks the indicator down by that group; the "
                "year is that of its latest data."
            )
        ),
        Heatmap(
            _("National data by indicator and group"),
            _("Indicator"),
            columns,
            tuple(rows),
            source=_source(report),
            provenance=_provenance(report),
            note=note,
            highlight_label=_("Indicator of the research focus"),
        ),
    ]


def gap_tables(report: StocktakeReport) -> list:
    """Focus indicators with no data at all, and per group those without that breakdown."""
    r, h = report.result, report.result.headlines
    blocks: list = [Heading(_("Gaps in the research focus"))]
    code_col, title_col = Column("code", _("Code")), Column("title", _("Indicator"))
    if r.gaps.no_data:
        blocks.append(
            Table(
                _("Focus indicators with no national data at all"),
                (code_col, title_col),
                tuple((c, report.title(c)) for c in r.gaps.no_data),
                source=_source(report),
                provenance=_provenance(report),
            )
        )
    else:
        blocks.append(
            Paragraph(_("Every indicator of the research focus has at least some national data."))
        )
    rows = []
    for key in report.taxonomy.keys:
        share, missing = h.by_group[key], r.gaps.by_group[key]
        rows.append(
            (
                report.group(key),
                num(share.count),
                pct(share.ratio, 0),
                ", ".join(missing) if missing else None,
            )
        )
    blocks.append(
        Table(
            _("Focus indicators with a breakdown, by group"),
            (
                Column("group", _("Group")),
                Column("with", _("With a breakdown"), "integer"),
                Column("share", _("Share of focus indicators"), "percent", 0),
                Column("missing", _("Missing for")),
            ),
            tuple(rows),
            source=_source(report),
            provenance=_provenance(report),
            note=_("Out of {total} focus indicators.").format(total=num(h.focus_indicators)),
        )
    )
    return blocks


def citizen_research(report: StocktakeReport) -> list:
    """Which gaps the coalition's citizen-led research fills (nothing when it has none)."""
    if not report.surveys:
        return []
    blocks: list = [Heading(_("What citizen-led research adds"))]
    fills = report.result.citizen.fills
    surveys = joined([s.title for s in report.surveys])
    if not fills:
        return [
            *blocks,
            Paragraph(
                _(
                    "The coalition's citizen-led research ({surveys}) covers indicators and "
                    "groups that national data already has, or that lie outside the research "
                    "focus. The gaps above are where its next surveys can add most."
                ).format(surveys=surveys)
            ),
        ]
    blocks.append(
        Paragraph(
            _(
                "The coalition's citizen-led research ({surveys}) collects data "
                "that fills {count} of the gaps above."
            ).format(surveys=surveys, count=num(len(fills)))
        )
    )
    rows = tuple(
        (
            f.indicator,
            report.title(f.indicator),
            report.group(f.group),
            _("no data at all") if f.had_no_data else _("no breakdown by this group"),
        )
        for f in fills
    )
    blocks.append(
        Table(
            _("Gaps filled by citizen-led research"),
            (
                Column("code", _("Code")),
                Column("title", _("Indicator")),
                Column("group", _("Group")),
                Column("before", _("National data before")),
            ),
            rows,
            source=_("the coalition's citizen-led research"),
            provenance="community",
        )
    )
    return blocks


def inventory(report: StocktakeReport) -> list:
    """The source inventory as a table (the SDG platform lists the indicators it has data on)."""
    r = report.result
    platform = [d.code for d in r.opensdg.indicators if d.has_data] if r.opensdg else []
    rows = []
    for s in r.inventory.sources:
        codes = platform if s.type == "sdg_platform" else [b.indicator for b in s.breakdowns]
        rows.append(
            (
                s.name,
                s.producer,
                SOURCE_TYPES[s.type],
                Num(s.latest_year, "year"),
                LEVELS[s.geographic_level],
                ACCESS[s.access],
                ", ".join(codes) if codes else None,
            )
        )
    columns = (
        Column("name", _("Source")),
        Column("producer", _("Producer")),
        Column("type", _("Type")),
        Column("year", _("Latest year"), "integer"),
        Column("level", _("Lowest level")),
        Column("access", _("Access")),
        Column("indicators", _("Indicators")),
    )
    return [
        Heading(_("Sources reviewed")),
        Table(
            _("National data sources in the coalition's inventory"),
            columns,
            tuple(rows),
            source=_source(report),
            provenance=_provenance(report),
        ),
    ]


def methodology(report: StocktakeReport) -> Callout:
    r = report.result
    body: list[Text] = [
        _(
            "What was reviewed: the coalition's inventory of {sources} national data sources "
            "(surveys, censuses, registers and the national SDG data platform) and the data the "
            "platform publishes, for the {total} SDG indicators of the research focus "
            "({items})."
        ).format(
            sources=num(r.headlines.inventory_sources),
            total=num(r.headlines.focus_indicators),
            items=joined([focus_item(i) for i in r.focus.items]),
        ),
        _(
            "How a breakdown is counted: an indicator counts as broken down by a group when a "
            "source lists that breakdown, or when the platform publishes values for categories "
            "of the group, not only totals. A source with the indicator but without the "
            "breakdown counts as data, not as a breakdown. Where several sources cover a cell, "
            "the latest year is shown."
        ),
        _("The groups are the coalition's shared list of groups at risk of being left behind."),
        _("The review was made in {year}; data published after it is not included.").format(
            year=Num(report.year, "year")
        ),
    ]
    if r.unmapped_columns:
        body.append(
            _(
                "Columns of the platform's data that match no group were not counted: {columns}."
            ).format(columns=joined(sorted(r.unmapped_columns)))
        )
    return Callout("method", _("How this stocktake was made"), tuple(body))
