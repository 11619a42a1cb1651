"""A select_multiple option with no column in the export is not answered by anyone we can see:
never estimated as 0.0% with a base, reported as ``missing_option``, and named in a report as
not in the export. Expected values are worked out with pandas from the raw export."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.survey import analyse_survey, read_survey_data

from .conftest import SMALL_CHOICES, SMALL_SURVEY, kobo_rows, small_config, write_workbook

BARRIERS = {"question": "barriers", "indicator": "3.8.2"}


def _without(text: str, *columns: str) -> str:
    """The CSV with these columns removed, as an export that never had them."""
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return frame.drop(columns=list(columns)).to_csv(index=False)


@pytest.fixture
def split_only(write_survey: Callable[..., Path], tmp_path: Path) -> Path:
    """Kobo split columns only (no space-separated column); the form has a third barrier,
    'queue', that the export has no column for."""
    main, roster = kobo_rows(60, insured_yes=30, urban=30)
    main = _without(main, "hh/barriers")
    main = main.replace(",1,0,", ",0,1,", 20)  # some households named 'far', not 'cost'
    analyses = [{"question": "insured", "indicator": "3.8.1", "count_as": ["yes"]}, BARRIERS]
    folder = write_survey(
        small_config(analyses=analyses), {"export.csv": main, "roster.csv": roster}
    )
    write_workbook(
        folder / "form.xlsx",
        {
            "survey": SMALL_SURVEY,
            "choices": [*SMALL_CHOICES, ["barrier", "queue", "Long queues", "Foleni ndefu"]],
            "settings": [["form_id", "default_language"], ["small", "English (en)"]],
        },
    )
    return folder


def test_an_option_without_a_column_is_not_a_zero_per_cent(split_only: Path) -> None:
    raw = pd.read_csv(split_only / "export.csv", dtype=str)
    assert {"hh/barriers/cost", "hh/barriers/far"} <= set(raw.columns)
    assert not [c for c in raw.columns if c.endswith("/queue") or c == "hh/barriers"]
    shares = {o: (raw[f"hh/barriers/{o}"] == "1").mean() for o in ("cost", "far")}
    assert 0 < shares["cost"] < 1 and 0 < shares["far"] < 1
    result = analyse_survey(split_only, "en")
    for group in result.groups_of("barriers"):
        table = result.table("barriers", group)
        assert {r.outcome for r in table.rows} == {"cost", "far"}, group
        assert table.absent == (("queue", "Long queues"),)
    for option, share in shares.items():
        total = result.table("barriers").row("total", option)
        assert (total.estimate, total.base) == (pytest.approx(share), len(raw))
    found = result.mismatches.of_kind("missing_option")
    assert [(m.column, m.examples, m.count) for m in found] == [("barriers", ("queue",), 1)]
    assert read_survey_data(split_only).absent_options == {"barriers": ("queue",)}


def test_a_respondent_whose_only_choice_has_no_column_stays_in_the_base(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(60, insured_yes=30, urban=30)
    main = _without(main, "hh/barriers", "hh/barriers/far")
    main = main.replace(",1,", ",0,", 20)  # 20 households chose only 'far', not in the export
    folder = write_survey(
        small_config(analyses=[BARRIERS]), {"export.csv": main, "roster.csv": roster}
    )
    raw = pd.read_csv(folder / "export.csv", dtype=str)
    assert "hh/barriers/far" not in raw.columns
    cost = (raw["hh/barriers/cost"] == "1").mean()
    assert cost == pytest.approx(40 / 60)
    result = analyse_survey(folder, "en")
    total = result.table("barriers").row("total", "cost")
    assert (total.estimate, total.base) == (pytest.approx(cost), len(raw))
    assert result.table("barriers").absent == (("far", "Too far"),)
    assert [r.outcome for r in result.table("barriers").rows] == ["cost"]


def test_an_option_with_a_column_is_still_estimated_when_nobody_chose_it(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = _without(main, "hh/barriers")  # split columns only, every option's column there
    config = small_config(analyses=[BARRIERS])
    folder = write_survey(config, {"export.csv": main, "roster.csv": roster})
    raw = pd.read_csv(folder / "export.csv", dtype=str)
    assert (raw["hh/barriers/far"] == "0").all()
    result = analyse_survey(folder, "en")
    far = result.table("barriers").row("total", "far")
    assert (far.estimate, far.base) == (0.0, len(raw))  # a real zero: the column says so
    assert result.table("barriers").absent == ()
    assert not result.mismatches.of_kind("missing_option")


def test_the_space_separated_column_shows_every_option(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = _without(main, "hh/barriers/far")  # 'hh/barriers' holds every answer
    folder = write_survey(
        small_config(analyses=[BARRIERS]), {"export.csv": main, "roster.csv": roster}
    )
    result = analyse_survey(folder, "en")
    assert result.table("barriers").absent == ()
    assert not result.mismatches.of_kind("missing_option")


def test_counting_an_option_the_export_lacks_is_an_error(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = _without(main, "hh/barriers", "hh/barriers/far")
    analyses = [{**BARRIERS, "id": "far_or_cost", "count_as": ["cost", "far"]}]
    folder = write_survey(
        small_config(analyses=analyses), {"export.csv": main, "roster.csv": roster}
    )
    with pytest.raises(InputError) as err:
        analyse_survey(folder, "en")
    message = str(err.value)
    assert "far" in message and "no column in the export" in message
    assert "survey.yaml" in message and "export.csv" in message


LANGUAGES = ("en", "bn", "hi", "ne", "sw", "vi", "fr", "es", "ar", "ur")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_and_its_downloads_say_not_in_the_export(
    split_only: Path, lang: str, tmp_path: Path
) -> None:
    from html import unescape

    from lnob.doc import blocks as b
    from lnob.i18n import Formatter, load_languages
    from lnob.paths import ProjectPaths
    from lnob.products import brief_figures as bf
    from lnob.products import research as rs
    from lnob.products import research_figures as rf
    from lnob.render.context import make_localizer
    from lnob.render.exports import opensdg_metadata
    from lnob.render.html import RenderState, render_blocks
    from lnob.sdmx.codes import load_codes
    from lnob.sdmx.observations import observations

    from .conftest import ROOT

    result = analyse_survey(split_only, lang)
    context = rf.SurveyContext(source="Survey (2024)", min_cell=10, min_base=30, max_cv=0.3)
    numbers = bf.BriefNumbers(
        split_only / "brief.yaml",
        {"chart": {"analysis": "barriers", "group": "total"}},
        result,
        None,
        lang,
    )
    languages = load_languages(ROOT / "data" / "languages.yaml")
    report = rs.ResearchReport(
        result, context, lang, "Kenya", 2024, "1", "2", Formatter(languages[lang])
    )
    finding = rs.finding(report, "barriers")  # the key finding: not "the most frequent" alone
    assert finding is not None
    blocks = [*rf.figures(result, "barriers", context), bf.chart(numbers), b.Paragraph(finding)]
    loc = make_localizer(ProjectPaths.at(ROOT), lang, release=True)
    state = RenderState(loc, tmp_path / "out", "test")
    (tmp_path / "out").mkdir()
    html = unescape("\n".join(p.text for p in render_blocks(b.flatten(blocks), state)))
    assert not loc.missing, loc.missing  # every new word is translated
    label = result.table("barriers").absent[0][1]
    marked = loc.plain(rf.NOT_IN_EXPORT.format(answer=label))
    if lang != "en":
        assert marked != f"{label} (not in the export)"
    note = loc.plain(rf.absent_note(result.table("barriers")))
    assert marked in html and html.count(note) == 1 + 1  # the report's note, the brief chart's
    said = loc.plain(finding)
    assert said in html and label in said
    if lang == "en":
        assert "of the answers in the export, the most frequent is" in said
    # the downloads (CSV, spreadsheet): the answer is listed as not in the export, no number
    rows = [r for t in state.data for r in t.rows if any(marked == c for c in r if c)]
    assert rows and all(c in (None, "") for r in rows for c in r if c != marked)
    assert all(label not in (t.title or "") for t in state.data)
    # the Open SDG and SDMX rows carry figures only: none for the absent answer, never a 0
    _columns, opensdg = rf.opensdg_rows(rf.breakdowns(result, "barriers"))
    assert opensdg and all(label not in (r.groups[0] or "") for r in opensdg)
    item = rs._indicator(report, "barriers", "3-8-2")
    assert note in opensdg_metadata(item, loc)["computation_definitions"]
    sdmx = observations(result, load_codes())
    names = [s.name for s in sdmx.series]
    assert any("Barriers" in n or "Vikwazo" in n for n in names)
    assert all(label not in n for n in names)
    assert not [s for s in sdmx.series if s.code.lower().endswith("queue")]


def test_validate_warns_of_an_option_the_export_lacks(
    demo: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    from lnob.cli import main
    from lnob.validate import validate_project

    export = demo.data / "countries" / "KEN" / "surveys" / "ken-civic-participation-2024"
    raw = pd.read_csv(export / "export.csv", dtype=str, keep_default_na=False)
    assert "civic/civic_activities/petition" in raw.columns
    assert "civic/civic_activities" not in raw.columns  # split 0/1 columns only
    raw.drop(columns="civic/civic_activities/petition").to_csv(
        export / "export.csv", index=False, encoding="utf-8-sig"
    )
    warnings: list[str] = []
    problems, _checked = validate_project(demo, warnings)
    assert problems == []
    found = [w for w in warnings if "civic_activities" in w]
    assert len(found) == 1 and "petition" in found[0], warnings
    assert "not in the export" in found[0] and "survey.yaml" in found[0]
    assert main(["validate", "--root", str(demo.root)]) == 0  # a warning, not an error
    out, err = capsys.readouterr()
    assert ": 0 problem(s), 1 warning(s)" in out
    assert re.search(r"^warning: .*civic_activities.*petition.*not in the export", err, re.M)


def test_split_columns_with_a_dot_separator_are_options_too(
    write_survey: Callable[..., Path],
) -> None:
    """Kobo's group separator may be '.': 'hh.barriers.cost' is option 'cost' of 'barriers'."""
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = _without(main, "hh/barriers", "hh/barriers/far")
    header, rest = main.split("\n", 1)
    main = header.replace("/", ".") + "\n" + rest
    analyses = [BARRIERS]
    folder = write_survey(
        small_config(analyses=analyses), {"export.csv": main, "roster.csv": roster}
    )
    raw = pd.read_csv(folder / "export.csv", dtype=str)
    assert "hh.barriers.cost" in raw.columns and "hh.barriers.far" not in raw.columns
    result = analyse_survey(folder, "en")
    assert result.table("barriers").absent == (("far", "Too far"),)
    cost = result.table("barriers").row("total", "cost")
    assert (cost.estimate, cost.base) == ((raw["hh.barriers.cost"] == "1").mean(), len(raw))
    assert not [m for m in result.mismatches.of_kind("unknown_column") if "barriers" in m.column]
