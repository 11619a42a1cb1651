"""The primary research report: what one citizen-led survey found, with respondents protected.

The numbers come from `lnob.survey.analyse_survey` (its estimates kept in the build cache by
`lnob.survey.cache.cached_analysis`), which has already dropped identifying fields and applied
disclosure control; this module turns its `SurveyResult` into the blocks the template
notebook `notebooks/research.ipynb` shows: the masthead, key findings worked
out from the estimates, who took part, a chart and tables per analysed question (by every
group of the shared taxonomy the survey has), how the survey was made, the checks of the
data against the form, and the figures as Open SDG downloads. Words are gettext messages;
question, answer and group labels are the form's own, in the document's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from lnob.doc.blocks import (
    BulletList,
    Column,
    Heading,
    KeyNumber,
    KeyNumbers,
    Meta,
    Paragraph,
    RowGroup,
    Suppressed,
    Table,
)
from lnob.doc.research_blocks import OpenSdgDownloads, OpenSdgIndicator
from lnob.doc.text import Msg, Num, Param, Text, _, num
from lnob.errors import InputError
from lnob.i18n import Formatter, load_languages, to_ascii_digits
from lnob.notebook import Doc
from lnob.products import research_figures as rf
from lnob.products import research_text as rt
from lnob.products.checks import check_document_surveys
from lnob.products.research_method import data_checks, methodology, suppression_rule
from lnob.products.stocktake import joined
from lnob.survey import EstimateRow, EstimateTable, SurveyResult
from lnob.survey.cache import cached_analysis
from lnob.survey.formtext import catalogue_words

SURVEYS_DIR = "surveys"
KEYWORDS = (_("primary research"), _("citizen-generated data"), _("Leave No One Behind"))


@dataclass(frozen=True, eq=False)
class ResearchReport:
    """One survey analysed in the document's language, with what is needed to word it."""

    result: SurveyResult
    context: rf.SurveyContext
    lang: str
    country_name: str  # in the document's language (CLDR)
    year: int
    start: str  # fieldwork dates, in the document's language
    end: str
    formatter: Formatter
    text: rt.ResearchText | None = None  # reports/research/<ISO3>/<slug>/<lang>.md
    text_source: str = ""  # that file, relative to the project

    @property
    def analyses(self) -> list[str]:
        return rf.analyses(self.result)

    def tables(self, analysis: str) -> list[EstimateTable]:
        return rf.breakdowns(self.result, analysis)


def load_report(doc: Doc) -> ResearchReport:
    """Analyse the document's survey (`survey:` in data/coalition.yaml) in its language."""
    if not doc.spec.surveys:
        raise InputError(
            doc.coalition.source,
            f"the research report '{doc.spec.slug}' of {doc.country.code} names no survey",
            column="survey",
            hint="Add 'survey: <id>' to the document in data/coalition.yaml",
        )
    folder = check_document_surveys(doc.spec, doc.paths)[0]
    # groups named as survey.yaml names them, else in the words written for a survey's reader
    # ("Place of residence"), as the briefs and the synthesis name them: the taxonomy's labels
    # describe official data ("Location (urban/rural and sub-national)")
    result = cached_analysis(
        folder, doc.language, None, doc.paths.cache, catalogue_words(doc.paths.locale)
    )
    formatter = Formatter(load_languages(doc.paths.languages_file)[doc.language])
    config = result.config
    context = rf.SurveyContext(
        source=survey_source(result.sample.title, int(result.sample.dates[0][:4])),
        min_cell=config.min_cell,
        min_base=config.min_base,
        max_cv=config.max_cv,
        unit=result.sample.unit,
    )
    text_folder = rt.text_folder(doc).relative_to(doc.paths.root).as_posix()
    return ResearchReport(
        result,
        context,
        doc.language,
        formatter.country(doc.country.code),
        doc.spec.year,
        formatter.date(result.sample.dates[0]),
        formatter.date(result.sample.dates[1]),
        formatter,
        rt.load_text(doc, result),
        f"{text_folder}/{doc.language}.md",
    )


def survey_source(title: str, year: int) -> Text:
    """ "Title (year)" under a table or chart, or the title alone when it already names the
    year as a word of its own ("… settlements (2021)"), so a source never reads "(2021) (2021)"."""
    words = "".join(c if c.isalnum() else " " for c in to_ascii_digits(title)).split()
    if str(year) in words:
        return title
    return _("{survey} ({year})").format(survey=title, year=Num(year, "year"))


def _respondents(report: ResearchReport) -> Num | Msg:
    n = report.result.sample.respondents
    return (
        num(n)
        if n is not None
        else _("fewer than {k}").format(k=num(report.result.config.min_cell))
    )


def masthead(report: ResearchReport) -> Meta:
    """The authored title, running head and summary, over the generated ones when written."""
    generated = _generated_masthead(report)
    return rt.masthead(report.text, generated) if report.text else generated


def _generated_masthead(report: ResearchReport) -> Meta:
    sample = report.result.sample
    return Meta(
        title=sample.title,
        subtitle=_("Findings of a citizen-led survey in {country}, {start} to {end}").format(
            country=report.country_name, start=report.start, end=report.end
        ),
        short_title=_("Primary research: {country}").format(country=report.country_name),
        summary=_(
            "A citizen-led survey of {n} respondents in {country}: {count} questions, "
            "each for all respondents and by group."
        ).format(
            n=_respondents(report), country=report.country_name, count=num(len(report.analyses))
        ),
        keywords=KEYWORDS,
        demo=report.result.config.demo,  # survey.yaml's own flag: the banner follows it
    )


# --- key findings ---------------------------------------------------------------------------


def _shown(rows: tuple[EstimateRow, ...]) -> list[EstimateRow]:
    """Published rows that can be compared: not suppressed, not to be read with caution."""
    return [r for r in rows if not r.suppressed and r.estimate is not None and r.reliable]


def widest_gap(
    tables: list[EstimateTable],
) -> tuple[EstimateTable, EstimateRow, EstimateRow] | None:
    """The breakdown with the largest difference between two reliable published groups."""
    best = None
    for table in tables[1:]:
        rows = _shown(table.rows)
        if len(rows) < 2:
            continue
        high = max(rows, key=lambda r: r.estimate or 0.0)
        low = min(rows, key=lambda r: r.estimate or 0.0)
        gap = (high.estimate or 0.0) - (low.estimate or 0.0)
        if gap > 0 and (best is None or gap > best[0]):
            best = (gap, table, high, low)
    return None if best is None else best[1:]


def _asked_sentence(total: EstimateTable, base: Msg) -> Msg:
    """The overall figure of a skip-logic question: of how many asked, and who they were."""
    row = total.rows[0]
    params = dict(title=rf.title_of(total), value=rf.figure(total, row.estimate), base=base)
    condition = rf.asked_condition(total.asked_of)
    if total.kind == "proportion":
        if condition is None:
            return _("{title}: {value} {base}.").format(**params)
        return _("{title}: {value} {base} ({condition}).").format(**params, condition=condition)
    if condition is None:
        return _("{title}: {value} on average, {base}.").format(**params)
    return _("{title}: {value} on average, {base} ({condition}).").format(
        **params, condition=condition
    )


def finding(report: ResearchReport, analysis: str) -> Text | None:
    """One sentence: the overall figure and the widest gap between groups, or the most
    frequent answer of a question with several."""
    tables = report.tables(analysis)
    total = tables[0]
    base = rf.asked_base(total, report.context.unit)
    if not rf.is_single(total):
        rows = _shown(total.rows)
        if not rows:
            return None
        top = max(rows, key=lambda r: r.estimate or 0.0)
        if total.absent:  # an answer nobody's choice of can be seen may be more frequent
            return _(
                "{question}: of the answers in the export, the most frequent is “{answer}” "
                "({value}); {absent}: not in the export."
            ).format(
                question=total.question_label,
                answer=top.outcome_label or "",
                value=rf.figure(total, top.estimate or 0.0),
                absent=joined([label for _code, label in total.absent]),
            )
        answer: dict[str, Param] = dict(
            question=total.question_label,
            answer=top.outcome_label or "",
            value=rf.figure(total, top.estimate or 0.0),
        )
        if base is None:
            return _("{question}: the most frequent answer is “{answer}” ({value}).").format(
                **answer
            )
        return _("{question}: the most frequent answer is “{answer}” ({value} {base}).").format(
            **answer, base=base
        )
    overall = total.rows[0]
    if overall.suppressed or overall.estimate is None:
        return None
    sentence = (
        _asked_sentence(total, base)
        if base is not None
        else (
            _("{title}: {value} of all respondents.")
            if total.kind == "proportion"
            else _("{title}: {value} on average.")
        ).format(title=rf.title_of(total), value=rf.figure(total, overall.estimate))
    )
    gap = widest_gap(tables)
    if gap is None:
        return sentence
    table, high, low = gap
    return _(
        "{sentence} The widest gap is by {group}: {high_value} for {high}, {low_value} for {low}."
    ).format(
        sentence=sentence,
        group=table.group_label,
        high=high.category_label,
        high_value=rf.figure(table, high.estimate or 0.0),
        low=low.category_label,
        low_value=rf.figure(table, low.estimate or 0.0),
    )


def summary(report: ResearchReport) -> list:
    """The authored key messages, context and discussion; without them (a draft only), key
    findings in plain language, one per analysed question, worked out from the data."""
    if report.text is not None:
        return rt.key_messages(report.text)
    items = [f for f in (finding(report, a) for a in report.analyses) if f is not None]
    return [
        rt.draft_notice(report.text_source),
        Heading(_("Key findings")),
        Paragraph(
            _(
                "Differences are named only between groups with enough respondents "
                "for a reliable figure."
            )
        ),
        *([BulletList(tuple(items))] if items else []),
    ]


def key_numbers(report: ResearchReport) -> KeyNumbers:
    result = report.result
    groups = [t for t in result.tables if t.analysis == report.analyses[0]][1:]
    source = report.context.source
    return KeyNumbers(
        (
            KeyNumber(num(result.sample.respondents), _("respondents"), source, "community"),
            KeyNumber(num(len(report.analyses)), _("questions analysed"), source, "community"),
            KeyNumber(
                num(len(groups)), _("groups each figure is broken down by"), source, "community"
            ),
        ),
        title=_("The survey in numbers"),
    )


# --- who took part --------------------------------------------------------------------------


def sample(report: ResearchReport) -> list:
    """Who took part: the sample, the fieldwork, and respondents per group (suppressed below
    the minimum, like every other figure)."""
    s, config = report.result.sample, report.result.config
    took_part = (
        _("{n} households took part between {start} and {end}.")
        if s.unit == "household"
        else _("{n} people took part between {start} and {end}.")
    )
    body: list = [
        Heading(_("Who took part")),
        Paragraph(s.description),
        Paragraph(took_part.format(n=_respondents(report), start=report.start, end=report.end)),
    ]
    if s.people is not None:  # the roster's people once, not the rows of every repeat sheet
        body.append(
            Paragraph(_("The household roster records {n} people.").format(n=num(s.people)))
        )
    if s.target_size:
        body.append(Paragraph(_("The planned sample was {n}.").format(n=num(s.target_size))))
    rows = tuple(
        (g.category_label, Suppressed() if g.suppressed or g.count is None else g.count)
        for g in s.by_group
    )
    groups = tuple(
        RowGroup(i, g.group_label)
        for i, g in enumerate(s.by_group)
        if i == 0 or g.group != s.by_group[i - 1].group
    )
    if rows:
        body.append(
            Table(
                _("Respondents by group"),
                (Column("category", rf.CATEGORY), Column("count", _("Respondents"), "integer")),
                rows,
                source=report.context.source,
                provenance="community",
                note=suppression_rule(config.min_cell),
                row_groups=groups,
                group_column=rf.GROUP,
            )
        )
    return body


# --- findings -------------------------------------------------------------------------------


def findings(report: ResearchReport) -> list:
    """Per analysed question a heading, one chart with 95% intervals and one table by group
    (the groups the report's text cites first in both)."""
    first = report.tables(report.analyses[0])
    groups = joined([t.group_label for t in first[1:]])
    blocks: list = [
        Heading(_("Findings")),
        Paragraph(
            _(
                "Each question is shown for all respondents and, as far as the number of "
                "respondents allows, by group: {groups}."
            ).format(groups=groups)
            if len(first) > 1
            else _("Each question is shown for all respondents.")
        ),
    ]
    cited = report.text.cited if report.text is not None else {}
    for analysis in report.analyses:
        blocks.append(Heading(report.tables(analysis)[0].question_label, level=3))
        blocks += rf.figures(report.result, analysis, report.context, cited.get(analysis, ()))
    return blocks


# --- Open SDG downloads ---------------------------------------------------------------------


def _indicator(report: ResearchReport, analysis: str, file: str) -> OpenSdgIndicator:
    result, config = report.result, report.result.config
    tables = report.tables(analysis)
    total = tables[0]
    columns, rows = rf.opensdg_rows(tables)
    asked = rf.asked_base(total, report.context.unit)
    definition = (
        _(
            "Weighted share of the respondents asked (the question has skip logic), in per "
            "cent, with its 95 per cent confidence interval and the unweighted number of "
            "respondents asked who answered."
        )
        if asked is not None and total.kind == "proportion"
        else _(
            "Weighted mean among the respondents asked (the question has skip logic), with "
            "its 95 per cent confidence interval and the unweighted number of respondents "
            "asked who answered."
        )
        if asked is not None
        else _(
            "Weighted share of respondents, in per cent, with its 95 per cent "
            "confidence interval and the unweighted number of respondents."
        )
        if total.kind == "proportion"
        else _(
            "Weighted mean, with its 95 per cent confidence interval and the unweighted "
            "number of respondents."
        )
    )
    absent = rf.absent_note(total)  # answers with no column: no row, and the file says why
    if absent is not None:
        definition = rf.NOTES.format(first=definition, second=absent)
    producer = (
        config.organisation.get(report.lang)
        or config.organisation.get("en")
        or next(iter(config.organisation.values()), "")
    )
    return OpenSdgIndicator(
        indicator=total.indicator,
        file=file,
        name=rf.title_of(total),
        definition=definition,
        year=int(result.sample.dates[0][:4]),
        columns=columns,
        rows=rows,
        unit="percent" if total.kind == "proportion" else "mean",
        source=result.sample.title,
        producer=producer,
        method=_("Citizen-led survey, analysed with design-based estimates (samplics)."),
        sample=result.sample.description,
        sample_size=result.sample.respondents,
        dates=result.sample.dates,
        suppression=suppression_rule(config.min_cell),
        min_cell=config.min_cell,
        demo=config.demo,
        asked_base=total.asked_of.base if asked is not None and total.asked_of else None,
        asked_of=rf.skip_note(total, report.context.unit),
    )


def closing(report: ResearchReport) -> list:
    """Voices from participants, recommendations and acknowledgements, when authored."""
    return rt.closing(report.text)


def downloads(report: ResearchReport) -> list:
    """The figures of every analysed question as Open SDG data and metadata files."""
    counts: dict[str, int] = {}
    for analysis in report.analyses:
        name = rf.opensdg_file(report.tables(analysis)[0].indicator)
        counts[name] = counts.get(name, 0) + 1
    items = []
    for analysis in report.analyses:
        name = rf.opensdg_file(report.tables(analysis)[0].indicator)
        file = name if counts[name] == 1 else f"{name}-{rf.opensdg_file(analysis)}"
        items.append(_indicator(report, analysis, file))
    return [
        Heading(_("Data downloads")),
        Paragraph(
            _(
                "The figures of this report, in the format national SDG data "
                "platforms (Open SDG) import: one data file and one metadata file per "
                "question. Withheld figures are not in the files."
            )
        ),
        OpenSdgDownloads(tuple(items)),
    ]


__all__ = [
    "ResearchReport",
    "data_checks",
    "downloads",
    "findings",
    "key_numbers",
    "load_report",
    "masthead",
    "methodology",
    "sample",
    "summary",
]
