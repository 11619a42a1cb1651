"""Counts of people come from the roster they belong to: a roster that a Kobo xlsx export
splits over several repeat sheets (one per repeat group, each linked to the household by
``_parent_index``) is counted once, never once per sheet; a repeat of other things (assets)
is not people. Expected counts are worked out with pandas from the raw files."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
import yaml

from lnob.i18n import Formatter, load_languages
from lnob.paths import ProjectPaths
from lnob.products import research as rs
from lnob.products import research_figures as rf
from lnob.render.context import make_localizer
from lnob.render.html import RenderState, render_blocks
from lnob.survey import SurveyResult, analyse_survey, read_survey_data
from lnob.survey.estimation import roster_units

from .conftest import ROOT, realdata, write_workbook

FORM = {
    "survey": [
        ["type", "name", "label::English (en)", "repeat_count"],
        ["integer", "hh_size", "Household size", None],
        ["select_one yes_no", "insured", "Insured?", None],
        ["begin_repeat", "roster", "Members", "${hh_size}"],
        ["select_one sex", "sex", "Sex", None],
        ["end_repeat", None, None, None],
        ["begin_repeat", "health_ind", "Health of members", "${ hh_size }"],
        ["select_one yes_no", "sick", "Sick?", None],
        ["end_repeat", None, None, None],
        ["integer", "n_assets", "Assets", None],
        ["begin_repeat", "assets", "Assets", "${n_assets}"],
        ["text", "asset_kind", "Kind of asset", None],
        ["end_repeat", None, None, None],
    ],
    "choices": [
        ["list_name", "name", "label::English (en)"],
        ["yes_no", "yes", "Yes"],
        ["yes_no", "no", "No"],
        ["sex", "female", "Female"],
        ["sex", "male", "Male"],
    ],
    "settings": [["form_id", "default_language"], ["split", "English (en)"]],
}


def _export(path: Path, households: int) -> Path:
    """A Kobo-style workbook: main, the roster in two sheets (health asked of all but the
    last member of every third household), and an assets sheet."""
    main = [["hh_size", "insured", "n_assets", "_index"]]
    roster = [["sex", "_index", "_parent_index"]]
    health = [["sick", "_index", "_parent_index"]]
    assets = [["asset_kind", "_index", "_parent_index"]]
    for h in range(1, households + 1):
        size, owned = 2 + h % 4, 5
        main.append([size, "yes" if h % 2 else "no", owned, h])
        for m in range(size):
            roster.append(["female" if m % 2 else "male", len(roster), h])
            if not (h % 3 == 0 and m == size - 1):
                health.append(["yes" if m == 0 else "no", len(health), h])
        for _a in range(owned):
            assets.append(["radio", len(assets), h])
    return write_workbook(
        path, {"main": main, "roster": roster, "health_ind": health, "assets": assets}
    )


@pytest.fixture
def split_roster(tmp_path: Path) -> Path:
    write_workbook(tmp_path / "form.xlsx", FORM)
    _export(tmp_path / "export.xlsx", 40)
    config = {
        "id": "split-roster",
        "demo": True,
        "country": "KEN",
        "title": {"en": "Split roster"},
        "dates": {"start": "2024-01-01", "end": "2024-01-31"},
        "sample": {"description": {"en": "Test households"}, "unit": "household"},
        "consent": {"en": "Verbal consent"},
        "form": "form.xlsx",
        "export": {"file": "export.xlsx", "sheet": "main"},
        "groups": {"sex": {"question": "sex"}},
        "analyses": [
            {"question": "insured", "indicator": "3.8.1", "count_as": ["yes"]},
            {"question": "sick", "indicator": "sick", "count_as": ["yes"]},
        ],
    }
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config))
    return tmp_path


def _people_from_raw(path: Path, sheets: tuple[str, ...]) -> int:
    """Per household the most rows any roster sheet gives it, summed (pandas, raw file)."""
    raw = pd.read_excel(path, sheet_name=None, engine="calamine")
    sizes = pd.concat([raw[s].groupby("_parent_index").size() for s in sheets], axis=1)
    return int(sizes.fillna(0).max(axis=1).sum())


def _report(result: SurveyResult) -> rs.ResearchReport:
    context = rf.SurveyContext("Survey (2024)", result.config.min_cell, 30, 0.3)
    english = load_languages(ROOT / "data" / "languages.yaml")["en"]
    return rs.ResearchReport(result, context, "en", "Kenya", 2024, "1", "2", Formatter(english))


def _sample_text(result: SurveyResult, out: Path) -> str:
    state = RenderState(make_localizer(ProjectPaths.at(ROOT), "en", release=True), out, "t")
    html = "\n".join(p.text for p in render_blocks(rs.sample(_report(result)), state))
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_a_roster_in_two_sheets_counts_each_person_once(split_roster: Path) -> None:
    raw = pd.read_excel(split_roster / "export.xlsx", sheet_name=None, engine="calamine")
    people = int(raw["main"]["hh_size"].sum())
    assert people == len(raw["roster"]) > len(raw["health_ind"])
    assert _people_from_raw(split_roster / "export.xlsx", ("roster", "health_ind")) == people
    data = read_survey_data(split_roster)
    assert roster_units(data) == ("roster", "health_ind")  # assets: another count
    result = analyse_survey(split_roster, "en")
    assert result.sample.people == people
    assert dict(result.sample.members) == {
        "roster": len(raw["roster"]),
        "health_ind": len(raw["health_ind"]),
        "assets": len(raw["assets"]),
    }
    text = _sample_text(result, split_roster / "out")
    assert f"The household roster records {people:,} people." in text
    # a share of members comes from its own sheet: every answered row once, no join repeats it
    sick = result.table("sick").row("total")
    assert sick.base == len(raw["health_ind"])
    assert sick.estimate == pytest.approx((raw["health_ind"]["sick"] == "yes").mean())
    insured = result.table("insured").row("total")
    assert insured.base == len(raw["main"])


@pytest.mark.realdata
def test_reach_roster_over_four_sheets_is_not_added_up_four_times(tmp_path: Path) -> None:
    folder = realdata("reach-msna-2024")
    export = folder / "dummy_raw_data.xlsx"
    config = {
        "id": "reach-msna-dummy",
        "demo": True,
        "country": "KEN",
        "title": "REACH MSNA 2024 dummy export",
        "dates": {"start": "2024-01-01", "end": "2024-12-31"},
        "sample": {"description": "synthetic", "unit": "household"},
        "consent": "synthetic",
        "form": str(folder / "REACH_2024_MSNA-kobo-tool_draft_v11.xlsx"),
        "export": {"file": str(export), "sheet": "main"},
        "design": {"weight": "weight", "strata": "stratum", "cluster": "cluster_id"},
        "analyses": [{"question": "health_ind_healthcare_needed", "indicator": "health_need"}],
    }
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config))
    sheets = ("roster", "edu_ind", "health_ind", "nut_ind")  # each repeat_count ${hh_size}
    raw = pd.read_excel(export, sheet_name=None, engine="calamine")
    people = int(raw["main"]["hh_size"].sum())
    assert people == _people_from_raw(export, sheets) == len(raw["roster"])
    assert sum(len(raw[s]) for s in sheets) == 4 * people  # what adding the sheets gave
    result = analyse_survey(tmp_path, "en")
    assert roster_units(read_survey_data(tmp_path)) == sheets
    assert result.sample.people == people
    text = _sample_text(result, tmp_path / "out")
    assert f"The household roster records {people:,} people." in text
    assert f"{4 * people:,}" not in text
