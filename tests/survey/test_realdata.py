"""Acceptance on real public data in shared/realdata, read unchanged (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lnob.survey import analyse_survey, read_survey_data
from lnob.survey.disclosure import suppress_breakdown
from lnob.survey.estimates import SampleDesign, estimate_mean, estimate_proportions

from .conftest import NAIROBI_ANALYSES, nairobi_config, nairobi_households_and_members, realdata

pytestmark = pytest.mark.realdata


@pytest.fixture
def nairobi(tmp_path: Path) -> Path:
    """A survey.yaml in tmp_path pointing at the Nairobi files where they are (no copies)."""
    folder = realdata("kenya-nairobi-wash-survey")
    config = nairobi_config(folder, **nairobi_households_and_members(folder))
    config["analyses"] = list(NAIROBI_ANALYSES)
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config))
    return tmp_path


def test_nairobi_water_and_sanitation_by_sex_of_household_head(nairobi: Path) -> None:
    result = analyse_survey(nairobi, "en")
    table = result.table("DrinkingWaterGroup", "sex")
    assert table.group_label == "Sex of household head"
    assert table.question_label.startswith("WHERE do you usually obtain DRINKING water")
    female = table.row("F", "Public")
    assert female.category_label == "Female"
    assert female.outcome_label.startswith("PUBLIC/COMMERCIAL source")
    assert (female.base, female.suppressed) == (487, False)
    assert female.estimate == pytest.approx(394 / 487)
    assert table.row("M", "Public").estimate == pytest.approx(524 / 658)
    shared = result.table("ToiletFacilitySHARE", "sex").row("F", "Y")
    assert shared.estimate == pytest.approx(0.9721, abs=1e-4) and shared.reliable
    # the sentinel 999 minutes is reported and not averaged in
    assert result.mismatches.count("sentinel_code", "DrinkingWaterDist") == 3
    assert result.mismatches.count("sentinel_code", "HHROOMS") == 8
    assert result.table("DrinkingWaterDist").row("total").estimate < 30
    # members are linked to households by KEY: Diarrhoea by the head's sex
    members = result.table("Diarrhoea", "sex")
    assert members.unit == "Rep_Bio_HH"
    assert members.row("F", "Y").base + members.row("M", "Y").base == 3766
    # 'Vietnam' is a Nairobi site, kept as a location, not a country
    sites = {r.category for r in result.table("Diarrhoea", "location").rows}
    assert sites == {"Mabatini", "Vietnam"}
    assert result.mismatches.count("outside_subset") == 567 + 2498
    assert "uuid" in {d.column for d in result.dropped_columns}


def test_nairobi_typographic_quote_constraints_are_listed_not_checked(nairobi: Path) -> None:
    data = read_survey_data(nairobi)
    unchecked = [m for m in data.mismatches if m.kind == "constraint_not_checked"]
    assert unchecked and "HHITEMS" in unchecked[0].examples
    assert data.tables["main"]["HHITEMS"].iloc[0] == "Electricity Radio Smartphone"


def test_bangladesh_weighted_estimates_for_female_and_male_headed_households() -> None:
    import rdata

    frame = rdata.read_rda(str(realdata("bangladesh-msna-hc", "MSNA_HC.rda")))["MSNA_HC"]
    frame = frame.assign(water_1=frame["water_1"].astype("string"))
    design = SampleDesign(weight="sampl_weights", strata="union")
    found = {
        e.domain: e
        for e in estimate_proportions(frame, "water_1", design, "hhh_gender", levels=["1"])
    }
    assert (found["female"].base, found["male"].base) == (456, 2399)
    for sex, share in (("female", 0.136937), ("male", 0.135790)):
        assert found[sex].estimate == pytest.approx(share, abs=5e-6)
        assert found[sex].ci_low < share < found[sex].ci_high
    weights = frame["sampl_weights"]
    women = frame["hhh_gender"] == "female"
    chose = (frame["water_1"][women] == "1").astype(float)
    expected = (weights[women] * chose).sum() / weights[women].sum()
    assert found["female"].estimate == pytest.approx(float(expected), rel=1e-12)
    shelter = {e.domain: e for e in estimate_mean(frame, "ls_3_shelter", design, "hhh_gender")}
    assert shelter["female"].estimate == pytest.approx(0.528596, abs=5e-6)
    assert suppress_breakdown({"female": 456, "male": 2399}, 2855, 10) == {}


def test_reach_dummy_export_reads_with_its_roster_sheet(tmp_path: Path) -> None:
    folder = realdata("reach-msna-2024")
    config = {
        "id": "reach-msna-dummy",
        "demo": True,
        "country": "KEN",
        "title": "REACH MSNA 2024 dummy export",
        "dates": {"start": "2024-01-01", "end": "2024-12-31"},
        "sample": {"description": "synthetic"},
        "consent": "synthetic",
        "form": str(folder / "REACH_2024_MSNA-kobo-tool_draft_v11.xlsx"),
        "export": {"file": str(folder / "dummy_raw_data.xlsx"), "sheet": "main"},
        "design": {"weight": "weight", "strata": "stratum", "cluster": "cluster_id"},
        "groups": {"disability": {"washington_group": "auto"}, "sex": {"question": "ind_gender"}},
        "analyses": [
            {"question": "health_ind_healthcare_needed", "indicator": "health_need"},
            {"question": "wgq_vision", "indicator": "wg_vision"},
        ],
    }
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config))
    data = read_survey_data(tmp_path)
    assert len(data.tables["main"]) == 208 and len(data.tables["roster"]) == 832
    assert "deviceid" in {d.column for d in data.dropped}
    result = analyse_survey(tmp_path, "fr")
    assert result.groups_of("wgq_vision") == ("total", "disability", "sex")
    label = result.table("wgq_vision").question_label
    assert label.startswith("A-t-il/elle des difficultés à voir")
    levels = {r.outcome for r in result.table("wgq_vision").rows}
    assert {"lot_of_difficulty", "cannot_do"} <= levels


def test_nairobi_roster_question_reads_this_person_not_the_name_reference(nairobi: Path) -> None:
    """The form asks "Has ${Name_bio} had diarrhoea in the last 2 weeks?": readers get neutral
    words, never the reference (lnob.survey.formtext)."""
    result = analyse_survey(nairobi, "en")
    label = next(t.question_label for t in result.tables if t.question == "Diarrhoea")
    assert label == "Has this person had diarrhoea in the last 2 weeks?"
