"""The cross-country sections of the synthesis: coverage, survey comparison, official data."""

from __future__ import annotations

from lnob.doc.blocks import Chart, Column, Heading, Interval, Paragraph, Series, Suppressed, Table
from lnob.doc.text import Msg, Num, Text, _, num, pct
from lnob.products import research_figures as rf
from lnob.products.stocktake import in_english, joined
from lnob.products.synthesis import DEMO_OFFICIAL, Synthesis
from lnob.stocktake import ANY_DATA
from lnob.synthesis.comparison import Compared, compare
from lnob.synthesis.config import Comparison
from lnob.synthesis.coverage import cross_coverage
from lnob.synthesis.official import OfficialTable

NO_DATA = _("no data")
CATEGORY_LABELS: dict[tuple[str, str], Msg] = {
    ("sex", "female"): _("Female"),
    ("sex", "male"): _("Male"),
    ("location", "rural"): _("Rural"),
    ("location", "urban"): _("Urban"),
    ("quantile", "q1"): _("Poorest fifth"),
    ("quantile", "q5"): _("Richest fifth"),
    ("disability_status", "pd"): _("With disability"),
    ("disability_status", "pwd"): _("Without disability"),
}


def coverage(s: Synthesis) -> list:
    """Per goal and group: countries with official breakdowns, and with citizen data."""
    if not s.shows("coverage"):
        return []
    heading = Heading(_("Which groups national data can see, across countries"))
    if not s.stocktakes:
        return [
            heading,
            Paragraph(
                _("No country had published a stocktake by the end of {year}.").format(
                    year=Num(s.year, "year")
                )
            ),
        ]
    cross = cross_coverage({c: r.result for c, r in s.stocktakes.items()}, s.taxonomy.keys)
    goals = cross.goals
    columns = (
        Column("group", _("Group")),
        *(
            Column(
                f"goal-{g}",
                _("Goal {goal} (of {count})").format(goal=g, count=num(len(cross.in_focus[g]))),
                "integer",
            )
            for g in goals
        ),
    )

    def label(key: str) -> Text:
        return _("Any data") if key == ANY_DATA else s.group(key)

    tables = []
    for kind, caption in (
        ("official", _("Countries with official data broken down by each group")),
        ("citizen", _("Countries where citizen-generated data fills the gap")),
    ):
        rows = tuple(
            (label(k), *(num(cross.count(kind, g, k)) for g in goals)) for k in cross.groups
        )
        tables.append(
            Table(
                caption,
                columns,
                rows,
                source=_("the countries' stocktakes of national data")
                if kind == "official"
                else _("the coalition's citizen-led research"),
                provenance="official" if kind == "official" else "community",
                note=_(
                    "Each column counts the countries whose research focus "
                    "includes indicators of that goal; the first row counts "
                    "those with any data at all."
                ),
            )
        )
    intro = Paragraph(
        _(
            "{count} countries had published a stocktake by the end of {year}: "
            "{countries}. For each SDG goal of their research focus and each "
            "group, the tables count the countries where national data breaks at "
            "least one focus indicator down by that group, and those where the "
            "coalition's citizen-led research fills the gap."
        ).format(
            count=num(len(cross.countries)),
            year=Num(s.year, "year"),
            countries=joined([s.names[c] for c in cross.countries]),
        )
    )
    return [heading, intro, *tables]


def _indicator_title(s: Synthesis, c: Comparison) -> Text:
    if s.lang in c.label:
        return c.label[s.lang]
    if "en" in c.label and c.indicator not in s.indicators:
        return in_english(c.label["en"])
    return s.title(c.indicator)


def _cell(f, percent: bool):
    if f.suppressed or f.estimate is None:
        return Suppressed()
    return Interval(f.estimate, f.low, f.high, percent=percent, decimals=rf.DECIMALS)


def _compared(s: Synthesis, c: Comparison, result: Compared) -> list:
    title = _indicator_title(s, c)
    heading = (
        _("{indicator}: {title}").format(indicator=c.indicator, title=title)
        if c.indicator in s.indicators or c.indicator[:1].isdigit()
        else title
    )
    blocks: list = [Heading(heading, 3)]
    if not result.comparable:
        have = joined([s.names[f.country] for f in result.figures])
        blocks.append(
            Paragraph(
                _("Not compared: only {countries} measured this indicator.").format(countries=have)
                if len(result.figures) == 1
                else _("Not compared: the surveys measure this indicator in different ways.")
                if result.mixed
                else _("Not compared: no published survey measured it.")
            )
        )
        return blocks
    percent = result.kind == "proportion"
    figures = sorted(result.figures, key=lambda f: s.names[f.country])
    shown = [f for f in figures if not (f.suppressed or f.estimate is None)]
    source = _("the coalition's citizen-led surveys")
    if shown:
        blocks.append(
            Chart(
                title,
                tuple(s.names[f.country] for f in shown),
                (
                    Series(
                        _("Estimate"),
                        tuple(f.estimate for f in shown),
                        tuple(f.low for f in shown),
                        tuple(f.high for f in shown),
                    ),
                ),
                unit="percent" if percent else "number",
                decimals=0 if percent else 1,
                source=source,
                provenance="community",
                note=_("Lines show the 95 per cent confidence interval."),
                value_label=None if percent else _("Mean"),
            )
        )
    rows = tuple(
        (s.names[f.country], _cell(f, percent), num(f.base) if f.base is not None else Suppressed())
        for f in figures
    )
    blocks.append(
        Table(
            _("{title}: estimates by country").format(title=title),
            (
                Column("country", _("Country")),
                Column("estimate", _("Estimate (95% CI)"), "interval"),
                Column("base", _("Respondents"), "integer"),
            ),
            rows,
            source=source,
            provenance="community",
            note=_(
                "{countries}: asked of some respondents only (skip logic); the base is the "
                "number asked who answered."
            ).format(countries=joined([s.names[f.country] for f in figures if f.asked]))
            if any(f.asked for f in figures)
            else None,
        )
    )
    if result.without:
        blocks.append(
            Paragraph(
                _("Not measured by the published research of {countries}.").format(
                    countries=joined([s.names[c] for c in result.without])
                )
            )
        )
    return blocks


def comparison(s: Synthesis) -> list:
    """Each configured indicator compared across countries, where comparable."""
    if not s.shows("comparison"):
        return []
    blocks: list = [Heading(_("What citizen-led surveys found, country by country"))]
    if not any(s.surveys.values()):
        blocks.append(
            Paragraph(
                _(
                    "No country had published citizen-led research by the end "
                    "of {year}, so there are no survey results to compare yet."
                ).format(year=Num(s.year, "year"))
            )
        )
        return blocks
    blocks.append(
        Paragraph(
            _(
                "Countries are compared only where their surveys measure the "
                "same indicator, and only with figures that passed disclosure "
                "control."
            )
        )
    )
    for c in s.config.comparisons:
        blocks += _compared(s, c, compare(c.indicator, s.surveys))
    return blocks


FIXED_LABELS: dict[tuple[str, str], Msg] = {
    ("education_level", "primar"): _("primary education"),
    ("education_level", "lowsec"): _("lower secondary education"),
    ("education_level", "uppsec"): _("upper secondary education"),
}


def _series_name(s: Synthesis, table: OfficialTable) -> Text:
    """The series' own name: the authors' translation, else the extract's description (its
    unit included, a custodian tag such as '[ILO] ' left off), marked as English."""
    label = table.config.label
    if s.lang in label:
        return label[s.lang]
    description = label.get("en") or table.concept.description.strip()
    if description.startswith("[") and "] " in description:
        description = description.split("] ", 1)[1]
    return description if s.lang == "en" else in_english(description)


def _series_title(s: Synthesis, table: OfficialTable) -> Text:
    """Titled from the series, never from an indicator it only relates to (a series such as
    SI_COV_DISAB measures one part of indicator 1.3.1); the indicator's code goes before it."""
    title = _series_name(s, table)
    for code in table.concept.indicators:
        if code in s.indicators:
            title = _("{indicator}: {title}").format(indicator=code, title=title)
            break
    for key in table.config.fixed.items():
        if key in FIXED_LABELS:
            title = _("{title}; {detail}").format(title=title, detail=FIXED_LABELS[key])
    return title


def _value(v: float | None, percent: bool):
    if v is None:
        return None  # shown as a dash, explained by the table's legend: 'no data'
    return pct(v / 100, 1) if percent else num(v, 1)


def official(s: Synthesis) -> list:
    """Official international figures per country, 'no data' where the database has none."""
    if not s.official:
        return []
    blocks: list = [Heading(_("What official international data says"))]
    source = _("UN Global SDG Indicators Database, series {series}")
    for table in s.official:
        columns = (
            Column("country", _("Country")),
            Column("year", _("Year"), "integer"),
            Column("total", _("Total"), "percent" if table.percent else "number", 1),
            *(
                Column(
                    f"{d}-{c}", CATEGORY_LABELS[(d, c)], "percent" if table.percent else "number", 1
                )
                for d, c in table.columns
            ),
        )
        rows = tuple(
            (
                s.names[r.country],
                Num(r.year, "year") if r.year else None,
                _value(r.total, table.percent),
                *(_value(r.values[k], table.percent) for k in table.columns),
            )
            for r in table.rows
        )
        demo = s.config.official is not None and s.config.official.demo
        note = DEMO_OFFICIAL if demo else None
        if table.missing:
            gap = _("The database has no figures for {countries}.").format(
                countries=joined([s.names[c] for c in table.missing])
            )
            note = _("{first} {next}").format(first=note, next=gap) if note else gap
        blocks += [
            Table(
                _series_title(s, table),
                columns,
                rows,
                source=source.format(series=table.concept.name),
                note=note,
                legend=(("—", NO_DATA),),
            )
        ]
    return blocks
