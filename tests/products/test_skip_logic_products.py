"""Skip logic in print: a question asked of some respondents only says so, with the number
asked, in every sentence, table, chart, brief figure and export that shows it.

Kenya's demo survey asks `member_received_care` only of the household members who needed
care (`relevant: ${member_needed_care} = 'yes'`); the number asked is recomputed here from the
raw roster export with pandas. The Nairobi test reads real public data, unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from lnob.coalition import load_coalition
from lnob.doc.research_blocks import OpenSdgDownloads
from lnob.notebook import Doc
from lnob.paths import ProjectPaths
from lnob.products import brief
from lnob.products import research as rs
from lnob.products import research_figures as rf
from lnob.render.context import make_localizer
from lnob.render.exports import opensdg_metadata
from lnob.sdmx.codes import load_codes
from lnob.sdmx.observations import observations
from lnob.survey import analyse_survey
from tests.conftest import copy_demo
from tests.survey.conftest import nairobi_config, realdata

ROOT = Path(__file__).resolve().parents[2]
SURVEY = ROOT / "data" / "countries" / "KEN" / "surveys" / "ken-health-access-2024"
NEEDED = "“In the past 12 months, did this person need health care?”"


def members_asked() -> int:
    """Roster rows where the question was asked (needed care) and answered."""
    roster = pd.read_csv(SURVEY / "export-hh_roster.csv", dtype=str, keep_default_na=False)
    asked = roster[roster["member_needed_care"] == "yes"]
    return int((asked["member_received_care"] != "").sum())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    return copy_demo(tmp_path_factory.mktemp("skips") / "demo")


def _doc(paths: ProjectPaths, product: str) -> Doc:
    coalition = load_coalition(paths.coalition_file)
    spec = next(
        s
        for s in coalition.documents()
        if (s.product, s.country, s.language, s.slug) == (product, "KEN", "en", "health-access")
    )
    return Doc(spec, paths, coalition, preview=False)


@pytest.fixture(scope="module")
def ken(project: ProjectPaths) -> rs.ResearchReport:
    return rs.load_report(_doc(project, "research"))


def plain(text: object, lang: str = "en") -> str:
    return make_localizer(ProjectPaths.at(ROOT), lang, release=True).plain(text)  # type: ignore[arg-type]


def test_the_demo_form_question_label_is_what_the_tests_expect(ken: rs.ResearchReport) -> None:
    asked = ken.result.table("received_care").asked_of
    assert asked is not None and f"“{asked.question_label}”" == NEEDED


def test_key_finding_says_of_how_many_were_asked_and_who(ken: rs.ResearchReport) -> None:
    n = members_asked()
    assert ken.result.table("received_care").row("total").base == n
    sentence = plain(rs.finding(ken, "received_care"))
    assert f"of the {n} household members asked" in sentence
    assert f"asked where the answer to {NEEDED} was “Yes”" in sentence
    assert "of all respondents" not in sentence
    everyone = plain(rs.finding(ken, "health_insurance"))  # no skip logic
    assert "of all respondents" in everyone and " asked" not in everyone


def test_chart_and_tables_say_of_how_many_were_asked(ken: rs.ResearchReport) -> None:
    n = members_asked()
    chart, *tables = rf.figures(ken.result, "received_care", ken.context)
    note = plain(chart.note)
    assert note.startswith(
        "Only some respondents were asked this question (asked where the answer to "
        f"{NEEDED} was “Yes”): figures are of the {n} household members asked."
    )
    assert any(f"by group, of the {n} household members asked" in plain(t.caption) for t in tables)
    assert all(f"of the {n} household members asked" in plain(t.note) for t in tables)
    other, *_ = rf.figures(ken.result, "health_insurance", ken.context)
    assert " asked" not in plain(other.note)


def test_translated_wording_in_swahili_and_french(ken: rs.ResearchReport) -> None:
    base = rf.asked_base(ken.result.table("received_care"), ken.context.unit)
    assert plain(base, "sw") == f"miongoni mwa wanakaya {members_asked()} walioulizwa"
    assert plain(base, "fr") == f"sur les {members_asked()} membres de ménage interrogés"


def test_open_sdg_and_sdmx_carry_the_number_asked(
    ken: rs.ResearchReport, project: ProjectPaths
) -> None:
    n = members_asked()
    block = next(x for x in rs.downloads(ken) if isinstance(x, OpenSdgDownloads))
    item = next(i for i in block.items if i.indicator == "3.8.1")
    assert item.asked_base == n and item.rows[0].groups == (None,) * len(item.columns)
    assert item.rows[0].base == n
    meta = opensdg_metadata(item, make_localizer(project, "en", release=True))
    assert meta["asked_base"] == n and f"of the {n} household members asked" in meta["asked_of"]
    assert "skip logic" in meta["computation_definitions"]
    other = next(i for i in block.items if i.indicator != "3.8.1")
    assert other.asked_base is None and "asked_base" not in opensdg_metadata(
        other, make_localizer(project, "en", release=True)
    )
    content = observations(ken.result, load_codes())
    total = next(
        o
        for o in content.observations
        if o.attributes.get("BASE") == str(n) and "COMMENT_OBS" in o.attributes
    )
    assert "${member_needed_care} = 'yes'" in total.attributes["COMMENT_OBS"]
    assert not any(
        "COMMENT_OBS" in o.attributes and o.key.get("SERIES") != total.key.get("SERIES")
        for o in content.observations
    )


def test_brief_figures_say_of_how_many_were_asked(project: ProjectPaths) -> None:
    numbers = brief.load_numbers(_doc(project, "brief"))
    table = numbers.survey.table("received_care", "location")
    rural = table.row("rural")
    labels = [plain(k.label) for k in brief.headline_numbers(numbers).items]
    assert any(f"(of the {rural.base} household members asked)" in label for label in labels)
    note = plain(brief.chart(numbers).note)
    assert f"figures are of the {members_asked()} household members asked" in note
    insured = brief.table(numbers)  # health insurance: asked of everyone
    assert insured.note is None and " asked" not in plain(insured.caption)


@pytest.mark.realdata
def test_nairobi_figures_are_of_the_226_households_asked(tmp_path: Path) -> None:
    folder = realdata("kenya-nairobi-wash-survey")
    config = nairobi_config(
        folder,
        analyses=[{"question": "DrinkingWater_Private", "indicator": "6.1.1"}],
    )
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config))
    raw = pd.read_csv(folder / "household_data.csv", dtype=str, keep_default_na=False)
    raw = raw[raw["City"] == "Nairobi"]
    asked = raw[raw["DrinkingWaterGroup"] == "Private"]
    assert (asked["DrinkingWater_Private"] != "").sum() == len(asked) == 226
    result = analyse_survey(tmp_path, "en")
    context = rf.SurveyContext("Nairobi", 10, 30, 0.3, "household")
    chart, table = rf.figures(result, "DrinkingWater_Private", context)
    assert "figures are of the 226 households asked" in plain(chart.note)
    assert "of the 226 households asked" in plain(table.caption)


def test_methodology_names_the_questions_asked_of_some_only(ken: rs.ResearchReport) -> None:
    from lnob.products.research_method import methodology

    items = [plain(t) for t in methodology(ken).body]
    skip = [t for t in items if t.startswith("Skip logic:")]
    label = ken.result.table("received_care").question_label
    assert len(skip) == 1 and f"“{label}”" in skip[0]
