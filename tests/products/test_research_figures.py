"""The research report's figures (research_figures), its Open SDG blocks (research_blocks) and
the render handler that writes them as downloads (render.exports), on small hand-made tables."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from lnob.doc import blocks as b
from lnob.doc.research_blocks import OpenSdgDownloads, OpenSdgIndicator, OpenSdgRow
from lnob.doc.text import Num
from lnob.paths import ProjectPaths
from lnob.products import research_figures as rf
from lnob.render.context import make_localizer
from lnob.render.exports import decimal_text, opensdg_csv, opensdg_metadata
from lnob.render.html import RenderState, render_blocks
from lnob.stocktake.codes import is_indicator_code
from lnob.survey import EstimateRow, EstimateTable
from tests.conftest import ROOT

CONTEXT = rf.SurveyContext(source="Survey (2024)", min_cell=10, min_base=30, max_cv=0.3)


def row(
    category: str,
    estimate: float | None,
    base: int | None,
    *,
    label: str = "",
    outcome: str | None = "1",
    outcome_label: str | None = "Yes",
    reliable: bool | None = True,
) -> EstimateRow:
    suppressed = estimate is None
    return EstimateRow(
        category,
        label or category.title(),
        outcome,
        outcome_label,
        estimate,
        None if suppressed else estimate - 0.05,
        None if suppressed else estimate + 0.05,
        base,
        None if suppressed else reliable,
        suppressed,
    )


def table(group: str, rows: tuple[EstimateRow, ...], kind: str = "proportion") -> EstimateTable:
    return EstimateTable(
        "insured",
        "3.8.1",
        "insured",
        "Insured?",
        kind,
        "main",
        group,
        "Total" if group == "total" else group.title(),
        rows,
    )


TOTAL = table("total", (row("total", 0.4, 120, label="Total"),))
SEX = table("sex", (row("female", 0.5, 60), row("male", 0.3, 55), row("other", None, None)))
AGE = table("age", tuple(row(f"a{i}", 0.1 * i, 20, reliable=i > 2) for i in range(1, 5)))


@pytest.mark.parametrize(
    ("value", "percent", "expected"),
    [
        (0.12345, True, "12.35"),  # half up, not to even
        (0.123449, True, "12.34"),
        (0.5, True, "50.00"),
        (12.345, False, "12.35"),
        (-0.0000001, False, "0.00"),  # no negative zero
    ],
)
def test_decimal_text(value: float, percent: bool, expected: str) -> None:
    assert decimal_text(value, percent) == expected


def test_cells_intervals_bases_and_flags() -> None:
    female, other = SEX.rows[0], SEX.rows[2]
    assert rf.value_of(female, SEX) == b.Interval(0.5, 0.45, 0.55, percent=True, decimals=1)
    assert rf.value_of(other, SEX) == b.Suppressed() and rf.base_of(other) == b.Suppressed()
    assert rf.flag(AGE.rows[0]) == rf.UNRELIABLE and rf.flag(AGE.rows[3]) == ""
    assert rf.flag(other) == ""  # a withheld cell is not 'to read with caution'


def test_chart_leaves_out_suppressed_bars_and_keeps_to_twelve() -> None:
    chart = rf.chart([TOTAL, SEX, AGE], CONTEXT)
    assert chart.provenance == "community" and chart.source == "Survey (2024)"
    assert len(chart.categories) == 1 + 3 + 4
    assert chart.series[0].values[3] is None  # 'other' is withheld: no bar
    many = [TOTAL, SEX, AGE, table("income", AGE.rows), table("location", SEX.rows)]
    shown = rf.chart(many, CONTEXT)
    assert len(shown.categories) <= rf.MAX_CHART_BARS
    assert "The table shows every group." in shown.note.msgid


def test_single_table_has_every_group_with_base_and_reliability() -> None:
    result = rf.single_table([TOTAL, SEX, AGE], CONTEXT)
    assert [c.kind for c in result.columns] == ["text", "interval", "integer", "symbol"]
    assert len(result.rows) == 1 + 3 + 4 and result.rows[0][2] == 120
    assert result.rows[3][1:3] == (b.Suppressed(), b.Suppressed())


def test_tables_by_group_name_each_group_once_above_its_categories() -> None:
    """The total first and in no group; then each breakdown a row group named as the taxonomy
    names it, its rows labelled with the category alone (not "Sex: Female" on every row)."""
    single = rf.single_table([TOTAL, SEX, AGE], CONTEXT)
    assert [(g.start, g.label) for g in single.row_groups] == [(1, "Sex"), (4, "Age")]
    assert [r[0] for r in single.rows[:4]] == ["Total", "Female", "Male", "Other"]
    assert single.columns[0].label == rf.CATEGORY and single.group_column == rf.GROUP
    answers = table(
        "total",
        (
            row("total", 0.6, 80, outcome="cost", outcome_label="Cost"),
            row("total", 0.3, 80, outcome="far", outcome_label="Too far"),
        ),
    )
    by_sex = table(
        "sex",
        tuple(
            row(c, e, 40, outcome=o, outcome_label=o.title())
            for c in ("female", "male")
            for o, e in (("cost", 0.7), ("far", 0.2))
        ),
    )
    wide = rf.answers_by_group_table([answers, by_sex], CONTEXT)
    assert [r[0] for r in wide.rows] == ["Total", "Female", "Male"]  # one row per category
    assert wide.row_groups == (b.RowGroup(1, "Sex"),) and wide.group_column == rf.GROUP
    assert rf.row_groups([TOTAL, SEX, table("age", ())], [1, 3, 0]) == (b.RowGroup(1, "Sex"),)


def test_opensdg_rows_skip_withheld_cells() -> None:
    columns, rows = rf.opensdg_rows([TOTAL, SEX, AGE])
    assert columns == ("Sex", "Age")
    assert rows[0] == OpenSdgRow((None, None), 0.4, 0.4 - 0.05, 0.4 + 0.05, 120)
    assert [r.groups for r in rows[1:3]] == [("Female", None), ("Male", None)]
    assert len(rows) == 1 + 2 + 4  # 'other' left out


def test_question_with_several_answers_gets_a_series_column() -> None:
    answers = table(
        "total",
        (
            row("total", 0.6, 80, outcome="cost", outcome_label="Cost"),
            row("total", 0.3, 80, outcome="far", outcome_label="Too far"),
        ),
    )
    by_sex = table(
        "sex",
        (
            row("female", 0.7, 40, outcome="cost", outcome_label="Cost"),
            row("female", 0.2, 40, outcome="far", outcome_label="Too far"),
        ),
    )
    columns, rows = rf.opensdg_rows([answers, by_sex])
    assert columns == ("Series", "Sex") and rows[2].groups == ("Cost", "Female")
    assert not rf.is_single(answers)
    wide = rf.answers_by_group_table([answers, by_sex], CONTEXT)
    assert [c.label for c in wide.columns[1:3]] == ["Cost", "Too far"]


@pytest.mark.parametrize(
    ("indicator", "file", "sdg"),
    [
        ("3.8.1", "3-8-1", True),
        ("16.b.1", "16-b-1", True),
        ("health_barriers", "health_barriers", False),
        ("water source", "water-source", False),
        ("18.1.1", "18-1-1", False),
    ],
)
def test_opensdg_file_names(indicator: str, file: str, sdg: bool) -> None:
    assert rf.opensdg_file(indicator) == file and is_indicator_code(indicator) is sdg


ITEM = OpenSdgIndicator(
    indicator="3.8.1",
    file="3-8-1",
    name="Insured?",
    definition="Weighted share",
    year=2024,
    columns=("Sex",),
    rows=(
        OpenSdgRow((None,), 0.4, 0.35, 0.45, 120),
        OpenSdgRow(("Female",), 0.12345, None, None, 60),
    ),
    unit="percent",
    source="Survey",
    producer="Coalition",
    method="Survey",
    sample="Adults",
    sample_size=120,
    dates=("2024-03-01", "2024-03-28"),
    suppression="Fewer than 10",
    min_cell=10,
    demo=True,
)


def test_opensdg_csv_layout() -> None:
    rows = list(csv.reader(io.StringIO(opensdg_csv(ITEM))))
    assert rows[0] == [
        "Year",
        "Sex",
        "Value",
        "Lower bound",
        "Upper bound",
        "Base",
        "Observation status",
        "Unit measure",
    ]
    assert rows[1] == [
        "2024",
        "",
        "40.00",
        "35.00",
        "45.00",
        "120",
        "Community-generated",
        "Percent",
    ]
    assert rows[2][1:5] == ["Female", "12.35", "", ""]


def test_opensdg_downloads_are_written_and_listed(tmp_path: Path) -> None:
    loc = make_localizer(ProjectPaths.at(ROOT), "ne", release=False)
    state = RenderState(loc, tmp_path, "test")
    html = render_blocks([OpenSdgDownloads((ITEM,))], state)[0].text
    assert (tmp_path / "data" / "opensdg" / "3-8-1.csv").read_text(encoding="utf-8") == opensdg_csv(
        ITEM
    )  # ASCII digits in the data, whatever the language
    meta = yaml.safe_load((tmp_path / "data/opensdg/3-8-1.meta.yml").read_text("utf-8"))
    assert meta == opensdg_metadata(ITEM, loc) and meta["language"] == "ne"
    assert meta["data_nature"] == "community-generated" and meta["min_cell"] == 10
    assert [d.kind for d in state.downloads] == ["opensdg", "opensdg-metadata"]
    assert 'href="data/opensdg/3-8-1.csv"' in html and "३.८.१" in html  # the code, in Nepali
    with pytest.raises(ValueError, match="two Open SDG files"):
        render_blocks([OpenSdgDownloads((ITEM, ITEM))], RenderState(loc, tmp_path, "test"))


def test_a_row_with_the_wrong_number_of_groups_is_refused() -> None:
    bad = OpenSdgIndicator(
        **{**ITEM.__dict__, "rows": (OpenSdgRow(("a", "b"), 0.1, None, None, 10),)}
    )
    with pytest.raises(ValueError, match="2 group values for 1 columns"):
        opensdg_csv(bad)


def test_blocks_survive_the_executed_notebook() -> None:
    block = OpenSdgDownloads((ITEM,))
    assert b.from_json(b.to_json(block)) == block


def test_table_csv_says_which_rows_hold_a_withheld_figure(tmp_path: Path) -> None:
    """A withheld figure is blank in the CSV, like a missing one, so a Status column tells
    them apart; a table with nothing withheld has no such column."""
    loc = make_localizer(ProjectPaths.at(ROOT), "en", release=False)
    table_block = rf.single_table([TOTAL, SEX], CONTEXT)
    render_blocks([table_block], RenderState(loc, tmp_path, "test"))
    with next((tmp_path / "data").glob("table-*.csv")).open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Group", "Category", "Per cent (95% CI)"]
    assert rows[0][-1] == "Status"
    by_group = {(r[0], r[1]): r for r in rows[1:]}
    other = by_group["Sex", "Other"]
    assert other[2:5] == ["", "", ""] and other[-1] == "Suppressed: too few respondents"
    assert by_group["Sex", "Female"][-1] == "" and by_group["Sex", "Female"][2] == "50.00"
    assert by_group["", "Total"][2] == "40.00"  # the total belongs to no group
    complete = rf.single_table([TOTAL, AGE], CONTEXT)
    render_blocks([complete], RenderState(loc, tmp_path / "b", "test"))
    with next((tmp_path / "b" / "data").glob("table-*.csv")).open(encoding="utf-8") as fh:
        assert "Status" not in next(csv.reader(fh))


def _seven_answers_by_sex_and_age() -> list[EstimateTable]:
    codes = [f"a{i}" for i in range(7)]
    total = table(
        "total", tuple(row("total", 0.1, 200, outcome=c, outcome_label=c.upper()) for c in codes)
    )
    by_sex = table(
        "sex",
        tuple(
            row(s, 0.1, 100, outcome=c, outcome_label=c.upper(), reliable=(s, c) != ("male", "a3"))
            for s in ("female", "male")
            for c in codes
        ),
    )
    by_age = table(
        "age",
        tuple(
            row(a, 0.1, 50, outcome=c, outcome_label=c.upper())
            for a in ("young", "middle", "old", "oldest")
            for c in codes
        ),
    )
    return [total, by_sex, by_age]


def test_a_question_with_many_answers_gets_one_printed_table_and_every_group_in_the_data() -> None:
    """Seven answers by sex and age: one chart and one printed table, one row per answer, one
    column per category that fits (the total first, then by priority), the bases in a last
    row, the caution mark on the one figure that needs it, and a note naming the download
    that holds every group; that table is in the data only (`shown=False`)."""
    blocks = rf.figures_for_tables(_seven_answers_by_sex_and_age(), CONTEXT)
    assert [type(x).__name__ for x in blocks] == ["Chart", "Table", "Table", "Table"]
    first, every, everyone = blocks[1], blocks[2], blocks[3]
    assert first.shown and not every.shown and not everyone.shown
    # everyone's answers with their intervals and bases: in the data, the total prints
    assert everyone.caption.msgid == "{title} — everyone who answered"
    assert [c.label for c in first.columns] == [rf.ANSWER, "Total", "Female", "Male"]
    assert [c.label for c in every.columns] == [
        rf.ANSWER,
        "Total",
        "Female",
        "Male",
        "Young",
        "Middle",
        "Old",
        "Oldest",
    ]
    assert len(first.columns) - 1 <= rf.MAX_GROUP_COLUMNS
    assert [r[0] for r in first.rows] == [f"A{i}" for i in range(7)] + [rf.BASE]
    assert first.rows[-1][1:] == (Num(200, "integer"), Num(100, "integer"), Num(100, "integer"))
    marked = [
        (i, j) for i, r in enumerate(first.rows) for j, c in enumerate(r) if isinstance(c, b.Marked)
    ]
    assert marked == [(3, 3)]  # answer a3, column Male
    assert first.rows[3][3] == b.Marked(Num(0.1, "percent", rf.DECIMALS), rf.UNRELIABLE)
    said = dict(first.note.params)["second"]  # the note names the download of every group
    assert said.msgid == rf.IN_DOWNLOADS.msgid
    assert dict(said.params)["title"] == every.caption
    assert every.note == rf.ANSWERS_NOTE  # that table itself names no other download


def test_the_groups_the_text_cites_come_first_in_the_chart_and_the_table() -> None:
    """Age cited by the text: the printed table shows age (4 categories) and not sex."""
    tables = _seven_answers_by_sex_and_age()
    blocks = rf.figures_for_tables(tables, CONTEXT, cited=("age",))
    printed = blocks[1]
    assert [c.label for c in printed.columns][2:] == ["Young", "Middle", "Old", "Oldest"]
    # a single figure: a chart with room for a few groups makes room for the cited one first
    single = [
        table("total", (row("total", 0.4, 200),)),
        *(
            table(g, tuple(row(f"{g}{i}", 0.4, 50) for i in range(4)))
            for g in ("sex", "disability", "age", "education")
        ),
    ]
    plain = rf.chart(single, CONTEXT)
    cited = rf.chart(single, CONTEXT, cited=("education",))
    assert [g.label for g in plain.groups] == ["Sex", "Disability"]  # 1 + 4 + 4 bars of 12
    assert [g.label for g in cited.groups] == ["Sex", "Education"]  # in the tables' order
    assert cited.categories[:2] == ("Total", "Sex0")  # each category under its group's name


def test_an_answer_not_in_the_export_is_listed_without_a_figure_in_every_layout() -> None:
    """Few answers (a column each) or many (a row each): the answer the export has no column
    for is named as not in the export, with no number, and the note says why."""
    import dataclasses

    for answers in (2, 7):

        def rows_of(category: str, n: int, k: int = answers) -> tuple[EstimateRow, ...]:
            return tuple(
                row(category, 0.1, n, outcome=f"o{i}", outcome_label=f"Answer {i}")
                for i in range(k)
            )

        absent = (("queue", "Long queues"),)
        total = dataclasses.replace(table("total", rows_of("total", 120)), absent=absent)
        sex = dataclasses.replace(
            table("sex", rows_of("female", 60) + rows_of("male", 60)), absent=absent
        )
        blocks = rf.figures_for_tables([total, sex], CONTEXT)
        assert isinstance(blocks[0], b.Paragraph) and blocks[0].text == rf.absent_note(total)
        marked = rf.NOT_IN_EXPORT.format(answer="Long queues")
        tables = [x for x in blocks if isinstance(x, b.Table)]
        assert len([x for x in tables if x.shown]) == 1  # one printed table: by group
        for t in tables:
            as_row = [r for r in t.rows if r[0] == marked]
            as_column = [i for i, c in enumerate(t.columns) if c.label == marked]
            assert len(as_row) + len(as_column) == 1, (answers, t.caption)
            cells = list(as_row[0][1:]) if as_row else [r[as_column[0]] for r in t.rows]
            assert cells and all(c in (None, "") for c in cells), cells
        chart = next(x for x in blocks if isinstance(x, b.Chart))
        assert "Long queues" not in [str(c) for c in chart.categories]


def test_a_table_for_the_data_only_is_not_printed_and_is_numbered_last(tmp_path: Path) -> None:
    """The every-group table of a many-answer question: not in the page, listed as a
    download and in the spreadsheet's data after every printed table, so print has no gap."""
    loc = make_localizer(ProjectPaths.at(ROOT), "en", release=False)
    blocks = rf.figures_for_tables(_seven_answers_by_sex_and_age(), CONTEXT)
    later = rf.single_table([TOTAL, SEX], CONTEXT)
    state = RenderState(loc, tmp_path, "test")
    html = "".join(p.text for p in render_blocks([*blocks, later], state))
    assert html.count("<table") == 2 and html.count("<figure") == 1
    assert "Table 1" in html and "Table 2" in html and "Table 3" not in html
    titles = [d.title for d in state.downloads if d.kind == "table"]
    assert titles[-2:] == ["Insured? — every group", "Insured? — everyone who answered"]
    assert [t.number for t in state.data if t.kind == "table"] == [1, 2, 3, 4]
    every = next(t for t in state.data if t.title == titles[-2])
    assert len(every.header) == 8  # the answer, the total, two sexes and four ages
    assert (tmp_path / "data" / "table-3.csv").is_file()
    assert "every group" in html  # the printed table's note names the download


def test_a_charts_data_and_alt_text_name_each_category_with_its_group(tmp_path: Path) -> None:
    """The chart draws "Female" under the line "Sex"; its CSV and alternative text, read
    apart from the picture, say "Sex: Female"."""
    loc = make_localizer(ProjectPaths.at(ROOT), "en", release=False)
    chart = rf.chart([TOTAL, SEX], CONTEXT)
    assert chart.categories[0] == "Total" and [g.label for g in chart.groups] == ["Sex"]
    assert "Female" in chart.categories
    state = RenderState(loc, tmp_path, "test")
    html = "".join(p.text for p in render_blocks([chart], state))
    with (tmp_path / "data" / "fig-1.csv").open(encoding="utf-8") as fh:
        firsts = [row[0] for row in csv.reader(fh)][1:]
    assert "Total" in firsts and "Sex: Female" in firsts and "Female" not in firsts
    assert "Sex: " in html.split('alt="', 1)[1].split('"', 1)[0]
