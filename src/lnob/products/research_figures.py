"""The figures of a primary research report: per analysed question a chart and tables, and the
same numbers in the layout national Open SDG platforms import.

Everything here reads a disclosure-checked `SurveyResult`: a suppressed row has no estimate
and no base, and becomes `Suppressed()` in a table, no bar in a chart and no row in a
download. Shares stay shares (0..1) and means stay means until the render stage formats
them for the document's language. Labels are the survey's own, from the form in the
document's language; group names are those of data/taxonomy.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lnob.doc.blocks import (
    Cell,
    Chart,
    Column,
    Interval,
    Marked,
    Paragraph,
    RowGroup,
    Series,
    Suppressed,
    Table,
)
from lnob.doc.research_blocks import OpenSdgRow
from lnob.doc.text import Msg, Num, Text, _, num, pct
from lnob.stocktake.codes import is_indicator_code
from lnob.survey import AskedOf, EstimateRow, EstimateTable, SurveyResult

DECIMALS = 1  # shares and means read with one decimal in reports and briefs alike
CONFIDENCE = pct(0.95, 0)  # "95%" as a number: a msgid with "% c" reads as a format to gettext
UNRELIABLE = "\u2020"  # dagger: estimate to read with caution
MAX_CHART_BARS = 12
# A table by group has one column per answer while the answers fit the text column beside the
# category, the base and the reliability mark; with more answers they become the rows, and
# the groups' categories the columns, at most MAX_GROUP_COLUMNS to a table (the total first in
# each), so nothing prints past the margin.
MAX_ANSWER_COLUMNS = 5
MAX_GROUP_COLUMNS = 6
# Which breakdowns a chart shows first (the table always shows every one).
CHART_PRIORITY = (
    "sex",
    "disability",
    "age",
    "location",
    "income",
    "ethnicity",
    "origin",
    "religion",
    "education",
    "other",
)
# Disaggregation columns of the Open SDG files: names the stocktake's taxonomy maps back to
# the same group, so a platform (or our own stocktake) reads them as breakdowns.
OPEN_SDG_COLUMNS = {
    "sex": "Sex",
    "age": "Age",
    "disability": "Disability status",
    "location": "Location",
    "income": "Household income",
    "ethnicity": "Caste or ethnicity",
    "origin": "Migratory status",
    "religion": "Religion",
    "education": "Education level",
    "other": "Other status",
}
ANSWER_COLUMN = "Series"  # one series per answer, for questions with several answers

GROUP_CATEGORY = _("{group}: {category}")
QUESTION_ANSWER = _("{question} — “{answer}”")
GROUP = _("Group")
CATEGORY = _("Category")
ANSWER = _("Answer")
BASE = _("Base")
RELIABILITY = _("Reliability")
# Translators: two sentences of a figure's note, one after the other
NOTES = _("{first} {second}")
# An answer of a multiple-choice question whose column the export lacks: nobody's choice of
# it can be seen, so it has no figure anywhere (never 0%), and says so where it is listed.
NOT_IN_EXPORT = _("{answer} (not in the export)")
NOT_IN_EXPORT_NOTE = _(
    "Not in the export: {answers}. The export has no column for these answers, so nobody's "
    "choice of them can be seen and no figure is shown for them."
)


@dataclass(frozen=True)
class SurveyContext:
    """What every figure of one survey says about where it comes from."""

    source: Text  # "<survey title> (<year>)"
    min_cell: int
    min_base: int
    max_cv: float
    unit: str = "household"  # what a respondent of the main table is (survey.yaml sample.unit)


# Skip logic: a question asked of some respondents only says so wherever its figures appear.
ASKED_HOUSEHOLDS = _("of the {n} households asked")
ASKED_MEMBERS = _("of the {n} household members asked")
ASKED_RESPONDENTS = _("of the {n} respondents asked")
ASKED_WHERE = _("asked where the answer to “{question}” was “{answer}”")
ASKED_WHERE_NOT = _("asked where the answer to “{question}” was not “{answer}”")
JOINED = _("{first} {second}")  # two sentences, in the language's order


def asked_base(table: EstimateTable, unit: str, base: int | None = None) -> Msg | None:
    """ "of the 226 households asked" for a question with skip logic (None: asked of all).

    ``base`` is the number the figure is of (a group's base); the total's by default."""
    asked = table.asked_of
    n = asked.base if asked is not None and base is None else base
    if asked is None or n is None:
        return None
    if table.unit != "main":
        words = ASKED_MEMBERS
    else:
        words = ASKED_HOUSEHOLDS if unit == "household" else ASKED_RESPONDENTS
    return words.format(n=Num(n, "integer"))


def asked_condition(asked: AskedOf | None) -> Msg | None:
    """Who was asked, when the form's condition is simple enough to tell in words."""
    if asked is None or not asked.described:
        return None
    return (ASKED_WHERE_NOT if asked.negated else ASKED_WHERE).format(
        question=asked.question_label, answer=" / ".join(asked.answers)
    )


def skip_note(table: EstimateTable, unit: str) -> Msg | None:
    """The sentence a chart or table of a skip-logic question adds to its note."""
    base = asked_base(table, unit)
    if base is None:
        return None
    condition = asked_condition(table.asked_of)
    if condition is None:
        return _("Only some respondents were asked this question: figures are {base}.").format(
            base=base
        )
    return _(
        "Only some respondents were asked this question ({condition}): figures are {base}."
    ).format(condition=condition, base=base)


def with_skip_note(note: Text, table: EstimateTable, unit: str) -> Text:
    extra = skip_note(table, unit)
    return note if extra is None else JOINED.format(first=extra, second=note)


def is_single(table: EstimateTable) -> bool:
    """One figure per category (a mean, or the share giving the counted answers)."""
    return len({row.outcome for row in table.rows}) == 1


def analyses(result: SurveyResult) -> list[str]:
    """The analysis ids of a survey, in survey.yaml order."""
    return list(dict.fromkeys(t.analysis for t in result.tables))


def breakdowns(result: SurveyResult, analysis: str) -> list[EstimateTable]:
    """The total first, then one table per group, in survey.yaml order."""
    return [result.table(analysis, group) for group in result.groups_of(analysis)]


def value_of(row: EstimateRow, table: EstimateTable) -> Interval | Num | Suppressed:
    """A row's estimate as a table cell: an interval, a bare number, or suppressed."""
    if row.suppressed or row.estimate is None:
        return Suppressed()
    percent = table.kind == "proportion"
    if row.ci_low is None or row.ci_high is None:
        return pct(row.estimate, DECIMALS) if percent else Num(row.estimate, "number", DECIMALS)
    return Interval(row.estimate, row.ci_low, row.ci_high, percent=percent, decimals=DECIMALS)


def figure(table: EstimateTable, estimate: float | None) -> Num:
    """An estimate as every product writes it: a share as a percentage, a mean as a number,
    with the same decimals, so a figure reads the same in a brief, a report and the synthesis."""
    return pct(estimate, DECIMALS) if table.kind == "proportion" else num(estimate, DECIMALS)


def flag(row: EstimateRow) -> str:
    return UNRELIABLE if row.reliable is False and not row.suppressed else ""


def base_of(row: EstimateRow) -> int | Suppressed:
    return Suppressed() if row.suppressed or row.base is None else row.base


def category_label(table: EstimateTable, row: EstimateRow) -> Text:
    if table.group == "total":
        return row.category_label
    return GROUP_CATEGORY.format(group=table.group_label, category=row.category_label)


def row_groups(
    tables: Sequence[EstimateTable], sizes: Sequence[int] | None = None
) -> tuple[RowGroup, ...]:
    """One row group per breakdown but the total, given how many rows each table gives (one
    per estimate row unless `sizes` says): a table shows a group's name once above its
    categories, not on every row."""
    sizes = [len(t.rows) for t in tables] if sizes is None else sizes
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    return tuple(
        RowGroup(start, t.group_label)
        for t, start, size in zip(tables, starts, sizes, strict=True)
        if t.group != "total" and size
    )


def measure(table: EstimateTable) -> Msg:
    """What a figure of the analysis is, for a column heading or an axis."""
    return _("Per cent (95% CI)") if table.kind == "proportion" else _("Mean (95% CI)")


def title_of(table: EstimateTable) -> Text:
    """The analysis as a reader names it: the question, and the counted answer if there is one."""
    if table.kind == "proportion" and is_single(table):
        answer = table.rows[0].outcome_label or ""
        return QUESTION_ANSWER.format(question=table.question_label, answer=answer)
    return table.question_label


def _legend(context: SurveyContext) -> tuple[tuple[str, Text], ...]:
    return (
        (
            UNRELIABLE,
            _(
                "Read with caution: fewer than {base} respondents, or a coefficient "
                "of variation above {cv}"
            ).format(base=Num(context.min_base, "integer"), cv=pct(context.max_cv, 0)),
        ),
    )


BASE_NOTE = _(
    "Base: respondents who answered the question (unweighted). Figures are weighted "
    "estimates with their {level} confidence interval."
).format(level=CONFIDENCE)


def _by_priority(tables: Sequence[EstimateTable], cited: Sequence[str]) -> list[EstimateTable]:
    """The breakdowns (not the total) in the order a figure makes room for them: the groups
    the report's text cites, then CHART_PRIORITY, then the rest."""
    by_key = {t.group: t for t in tables[1:]}
    keys = [k for k in cited if k in by_key]
    keys += [k for k in CHART_PRIORITY if k in by_key and k not in keys]
    keys += [k for k in by_key if k not in keys]
    return [by_key[k] for k in keys]


def _chart_tables(
    tables: Sequence[EstimateTable], cited: Sequence[str] = ()
) -> list[EstimateTable]:
    """The breakdowns a chart has room for: the total, then groups the text cites, then by
    priority; shown in the tables' order."""
    chosen, bars = [tables[0]], len(tables[0].rows)
    for table in _by_priority(tables, cited):
        if bars + len(table.rows) <= MAX_CHART_BARS:
            chosen.append(table)
            bars += len(table.rows)
    order = {t.group: i for i, t in enumerate(tables)}
    return sorted(chosen, key=lambda t: order[t.group])


def _series(rows: Sequence[EstimateRow], name: Text) -> Series:
    return Series(
        name,
        tuple(None if r.suppressed else r.estimate for r in rows),
        tuple(None if r.suppressed else r.ci_low for r in rows),
        tuple(None if r.suppressed else r.ci_high for r in rows),
    )


def chart(
    tables: Sequence[EstimateTable], context: SurveyContext, cited: Sequence[str] = ()
) -> Chart:
    """Bars with 95% intervals: by group for a single figure (each group's categories under
    its name, the groups the text cites among them), by answer for several."""
    total = tables[0]
    unit: Literal["percent", "number"] = "percent" if total.kind == "proportion" else "number"
    axis = None if unit == "percent" else _("Mean")
    groups: tuple[RowGroup, ...] = ()
    if is_single(total):
        shown = _chart_tables(tables, cited)
        rows = [(t, r) for t in shown for r in t.rows]
        categories = tuple(r.category_label for _t, r in rows)
        groups = row_groups(shown)
        series = _series([r for _t, r in rows], total.rows[0].category_label)
        left_out = len(shown) < len(tables)
        note = (
            _(
                "Lines show {level} confidence intervals. A group without a bar has too few "
                "respondents to be shown."
            )
            if not left_out
            else _(
                "Lines show {level} confidence intervals. A group without a bar has too few "
                "respondents to be shown. The table shows every group."
            )
        ).format(level=CONFIDENCE)
    else:
        categories = tuple(r.outcome_label or "" for r in total.rows)
        series = _series(total.rows, total.rows[0].category_label)
        several = sum(r.estimate or 0.0 for r in total.rows) > 1.001
        note = (
            _(
                "Everyone who answered the question. Lines show {level} confidence intervals. "
                "More than one answer could be chosen, so the shares add up to more than "
                "100%."
            )
            if several
            else _("Everyone who answered the question. Lines show {level} confidence intervals.")
        ).format(level=CONFIDENCE)
    return Chart(
        title=title_of(total),
        categories=categories,
        series=(series,),
        unit=unit,
        decimals=DECIMALS,
        source=context.source,
        provenance="community",
        note=with_skip_note(note, total, context.unit),
        value_label=axis,
        groups=groups,
    )


def single_table(tables: Sequence[EstimateTable], context: SurveyContext) -> Table:
    """Every breakdown of a single figure: estimate with interval, base, reliability."""
    total = tables[0]
    rows = tuple(
        (r.category_label, value_of(r, t), base_of(r), flag(r)) for t in tables for r in t.rows
    )
    columns = (
        Column("category", CATEGORY),
        Column("estimate", measure(total), "interval"),
        Column("base", BASE, "integer"),
        Column("reliability", RELIABILITY, "symbol"),
    )
    return Table(
        caption=by_group_caption(title_of(total), total, context.unit),
        columns=columns,
        rows=rows,
        source=context.source,
        provenance="community",
        note=with_skip_note(BASE_NOTE, total, context.unit),
        legend=_legend(context),
        row_groups=row_groups(tables),
        group_column=GROUP,
    )


def not_in_export(table: EstimateTable) -> list[Text]:
    """The labels of the answers the export has no column for, marked as such."""
    return [NOT_IN_EXPORT.format(answer=label) for _code, label in table.absent]


def absent_note(table: EstimateTable) -> Msg | None:
    """The note naming the answers without a column in the export, if there are any."""
    if not table.absent:
        return None
    from lnob.products.stocktake import joined

    return NOT_IN_EXPORT_NOTE.format(answers=joined([label for _c, label in table.absent]))


def answers_table(total: EstimateTable, context: SurveyContext, shown: bool = True) -> Table:
    """Every answer of a question with several, for all respondents, with intervals and
    bases; an answer without a column in the export is listed as such, without a figure.
    Printed when the question has no breakdown; otherwise the table by group prints the
    total, and this one goes to the data downloads (`shown=False`) with its intervals."""
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (r.outcome_label or "", value_of(r, total), base_of(r), flag(r)) for r in total.rows
    ) + tuple((label, None, None, "") for label in not_in_export(total))
    columns = (
        Column("answer", ANSWER),
        Column("estimate", measure(total), "interval"),
        Column("base", BASE, "integer"),
        Column("reliability", RELIABILITY, "symbol"),
    )
    base = asked_base(total, context.unit)
    return Table(
        caption=(
            _("{title} — everyone who answered").format(title=total.question_label)
            if base is None
            else _("{title} — {base}").format(title=total.question_label, base=base)
        ),
        columns=columns,
        rows=rows,
        source=context.source,
        provenance="community",
        note=with_skip_note(BASE_NOTE, total, context.unit),
        legend=_legend(context),
        shown=shown,
    )


ANSWERS_NOTE = _(
    "Per cent of respondents giving each answer ({level} confidence "
    "intervals in the data downloads). Base: respondents who answered the "
    "question (unweighted)."
).format(level=CONFIDENCE)


def by_group_caption(title: Text, total: EstimateTable, unit: str) -> Msg:
    """ "<title> — by group", and of how many asked when the question has skip logic."""
    base = asked_base(total, unit)
    if base is None:
        return _("{title} — by group").format(title=title)
    return _("{title} — by group, {base}").format(title=title, base=base)


def answers_by_group_table(tables: Sequence[EstimateTable], context: SurveyContext) -> Table:
    """A question with several answers by group: one row per category (the total first), one
    column per answer (per cent), the base; a figure to read with caution carries the mark
    itself, not its whole row."""
    total = tables[0]
    outcomes = list(dict.fromkeys((r.outcome, r.outcome_label) for r in total.rows))
    columns = (
        Column("category", CATEGORY),
        *(
            Column(f"answer-{i}", label or "", "percent", DECIMALS)
            for i, (_code, label) in enumerate(outcomes)
        ),
        *(
            Column(f"absent-{i}", label, "percent", DECIMALS)
            for i, label in enumerate(not_in_export(total))
        ),
        Column("base", BASE, "integer"),
    )
    blank = (None,) * len(total.absent)
    rows, sizes = [], []
    for table in tables:
        categories = list(dict.fromkeys(r.category for r in table.rows))
        sizes.append(len(categories))
        for category in categories:
            cells = {r.outcome: r for r in table.rows if r.category == category}
            first = next(iter(cells.values()))
            values = tuple(_answer_cell(cells.get(code)) for code, _label in outcomes)
            rows.append((first.category_label, *values, *blank, base_of(first)))
    return Table(
        caption=by_group_caption(total.question_label, total, context.unit),
        columns=columns,
        rows=tuple(rows),
        source=context.source,
        provenance="community",
        row_groups=row_groups(tables, sizes),
        group_column=GROUP,
        note=with_skip_note(ANSWERS_NOTE, total, context.unit),
        legend=_legend(context),
    )


def _by_category(table: EstimateTable) -> dict[str, list[EstimateRow]]:
    """A breakdown's rows by category, in the table's order (one row per answer in each)."""
    out: dict[str, list[EstimateRow]] = {}
    for r in table.rows:
        out.setdefault(r.category, []).append(r)
    return out


def _answer_cell(row: EstimateRow | None) -> Marked | Num | Suppressed:
    if row is None or row.suppressed or row.estimate is None:
        return Suppressed()
    value = pct(round(float(row.estimate), 6), DECIMALS)
    return Marked(value, UNRELIABLE) if flag(row) else value


def _fitting(tables: Sequence[EstimateTable], cited: Sequence[str]) -> list[EstimateTable]:
    """The breakdowns whose categories fit one printed table beside the total (at most
    MAX_GROUP_COLUMNS columns of figures), the groups the text cites first; a breakdown is
    never split."""
    room = MAX_GROUP_COLUMNS - len(_by_category(tables[0]))
    chosen: list[EstimateTable] = []
    for table in _by_priority(tables, cited):
        size = len(_by_category(table))
        if sum(len(_by_category(t)) for t in chosen) + size <= room:
            chosen.append(table)
    order = {t.group: i for i, t in enumerate(tables)}
    return sorted(chosen, key=lambda t: order[t.group])


def answers_as_rows_table(
    tables: Sequence[EstimateTable],
    context: SurveyContext,
    caption: Text,
    note: Text,
    shown: bool = True,
) -> Table:
    """A question with many answers by group: one row per answer, one column per category of
    `tables` (the total first), the bases in a last row, and the caution mark on the figure
    that needs it."""
    total = tables[0]
    outcomes = list(dict.fromkeys((r.outcome, r.outcome_label) for r in total.rows))
    categories = [(t, c, rows) for t in tables for c, rows in _by_category(t).items()]
    columns = (
        Column("answer", ANSWER),
        *(
            Column(f"{t.group}-{c}", rows[0].category_label, "percent", DECIMALS)
            for t, c, rows in categories
        ),
    )
    body: list[tuple[Cell, ...]] = [
        (
            label or "",
            *(
                _answer_cell(next((r for r in rows if r.outcome == code), None))
                for _t, _c, rows in categories
            ),
        )
        for code, label in outcomes
    ]
    body += [(label, *(None for _c in categories)) for label in not_in_export(total)]
    body.append(
        (
            BASE,
            *(
                Suppressed()
                if rows[0].suppressed or rows[0].base is None
                else Num(rows[0].base, "integer")
                for _t, _c, rows in categories
            ),
        )
    )
    return Table(
        caption=caption,
        columns=columns,
        rows=tuple(body),
        source=context.source,
        provenance="community",
        note=with_skip_note(note, total, context.unit),
        legend=_legend(context),
        shown=shown,
    )


EVERY_GROUP = _("{title} — every group")
# Translators: {title} is the title of a data download, as its list of downloads gives it
IN_DOWNLOADS = _("Every group is in the data download “{title}” and in the spreadsheet.")


def answers_by_group_tables(
    tables: Sequence[EstimateTable], context: SurveyContext, cited: Sequence[str] = ()
) -> list[Table]:
    """The one printed table of a question with many answers by group: the groups that fit
    beside the total (those the text cites first). When some do not fit, the table says
    where they are: a table of every group that goes to the data downloads only."""
    total = tables[0]
    fitting = _fitting(tables, cited)
    caption = by_group_caption(total.question_label, total, context.unit)
    if len(fitting) == len(tables) - 1:
        return [answers_as_rows_table(tables, context, caption, ANSWERS_NOTE)]
    every = EVERY_GROUP.format(title=total.question_label)
    note = NOTES.format(first=ANSWERS_NOTE, second=IN_DOWNLOADS.format(title=every))
    return [
        answers_as_rows_table([total, *fitting], context, caption, note),
        answers_as_rows_table(tables, context, every, ANSWERS_NOTE, shown=False),
    ]


def figures(
    result: SurveyResult, analysis: str, context: SurveyContext, cited: Sequence[str] = ()
) -> list:
    """The chart and the table of one analysed question (`cited`: the groups the report's
    text gives figures of, which the chart and the table make room for first)."""
    return figures_for_tables(breakdowns(result, analysis), context, cited)


def figures_for_tables(
    tables: Sequence[EstimateTable], context: SurveyContext, cited: Sequence[str] = ()
) -> list:
    """One chart and one printed table of a question's breakdowns (the total first); answers
    the export has no column for are named first, and listed in the table without a figure."""
    note = absent_note(tables[0])
    blocks: list = [Paragraph(note)] if note is not None else []
    blocks.append(chart(tables, context, cited))
    if is_single(tables[0]):
        return [*blocks, single_table(tables, context)]
    answers = len({r.outcome for r in tables[0].rows})
    if len(tables) == 1:  # no breakdown: the answers of everyone, with their intervals
        return [*blocks, answers_table(tables[0], context)]
    if answers <= MAX_ANSWER_COLUMNS:
        blocks.append(answers_by_group_table(tables, context))
    else:
        blocks += answers_by_group_tables(tables, context, cited)
    return [*blocks, answers_table(tables[0], context, shown=False)]  # intervals, in the data


# --- Open SDG -------------------------------------------------------------------------------


def opensdg_file(indicator: str) -> str:
    """Open SDG names files by indicator with dashes (3.8.1 -> 3-8-1); keys stay as they are."""
    name = indicator.replace(".", "-") if is_indicator_code(indicator) else indicator
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "indicator"


def opensdg_rows(tables: Sequence[EstimateTable]) -> tuple[tuple[str, ...], tuple[OpenSdgRow, ...]]:
    """Disaggregation columns and rows: the total (blank groups) first, suppressed cells left
    out; a question with several answers gets a `Series` column with the answer."""
    groups = [t.group for t in tables[1:]]
    several = not is_single(tables[0])
    columns = ((ANSWER_COLUMN,) if several else ()) + tuple(
        OPEN_SDG_COLUMNS.get(g, g) for g in groups
    )
    rows = []
    for table in tables:
        for row in table.rows:
            if row.suppressed or row.estimate is None or row.base is None:
                continue
            cells: list[str | None] = [row.outcome_label] if several else []
            cells += [row.category_label if g == table.group else None for g in groups]
            rows.append(
                OpenSdgRow(
                    tuple(cells),
                    float(row.estimate),
                    None if row.ci_low is None else float(row.ci_low),
                    None if row.ci_high is None else float(row.ci_high),
                    int(row.base),
                )
            )
    return columns, tuple(rows)
