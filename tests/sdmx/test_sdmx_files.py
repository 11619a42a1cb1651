"""SDMX out: the demo research report's files written, read back with sdmx1 from what the site
offers (the structure file and the data), checked against the structure, and its numbers
recomputed from the raw demo export with pandas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sdmx

from lnob.sdmx import write_sdmx
from lnob.sdmx.codes import CODES_FILE, load_codes
from lnob.survey import SurveyResult, analyse_survey
from tests.sdmx.checks import attribute, check_against_structure

ROOT = Path(__file__).resolve().parents[2]
SURVEY = ROOT / "data" / "countries" / "BGD" / "surveys" / "bgd-health-access-2024"
NAME = "bgd-health-access-2024"
CARE = "LNOB_BGD_HEALTH_ACCESS_2024_RECEIVED_CARE"  # the coalition's series: survey and analysis


@pytest.fixture(scope="module")
def result() -> SurveyResult:
    return analyse_survey(SURVEY, "en")


@pytest.fixture(scope="module")
def written(result: SurveyResult, tmp_path_factory: pytest.TempPathFactory):
    files = write_sdmx([result], tmp_path_factory.mktemp("sdmx"), NAME)
    structure = sdmx.read_sdmx(files.structure)
    dsd = structure.structure["LNOB_SDG"]
    data = sdmx.read_sdmx(files.data, structure=dsd)
    return files, structure, dsd, data.data[0]


def _raw() -> pd.DataFrame:
    return pd.read_csv(SURVEY / "export.csv", sep=";", encoding="utf-8-sig", dtype=str)


def _obs(dataset, **key: str):
    """The one observation whose key has `key` and `_T` in every other breakdown."""
    found = []
    for obs in dataset.obs:
        values = {k: v.value for k, v in obs.key.values.items()}
        breakdowns = {
            k: v
            for k, v in values.items()
            if k not in ("FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "TIME_PERIOD")
        }
        wanted = {k: v for k, v in key.items() if k in breakdowns}
        if values["SERIES"] != key["SERIES"]:
            continue
        if all(breakdowns[k] == wanted.get(k, "_T") for k in breakdowns):
            found.append(obs)
    assert len(found) == 1, (key, len(found))
    return found[0]


_attr = attribute


def test_three_files_are_written_and_the_structure_names_its_source(written) -> None:
    files, structure, dsd, dataset = written
    for path in (files.structure, files.data, files.csv):
        assert path.is_file() and path.stat().st_size > 0
    assert {d.id for d in dsd.dimensions} >= {
        "SERIES",
        "REF_AREA",
        "TIME_PERIOD",
        "SEX",
        "AGE",
        "DISABILITY_STATUS",
        "URBANISATION",
        "INCOME_WEALTH_QUANTILE",
    }
    assert {a.id for a in dsd.attributes} >= {
        "OBS_STATUS",
        "CONFIDENTIALITY",
        "LOWER_BOUND",
        "UPPER_BOUND",
        "BASE",
        "UNIT_MEASURE",
        "SOURCE_DETAIL",
        "DATA_SOURCE",
        "NATURE",
    }
    assert "IAEG-SDGs" in str(structure.codelist["CL_SEX"].description)
    assert len(dataset.obs) > 0


def test_every_value_is_in_its_code_list_and_mandatory_attributes_are_there(written) -> None:
    _, structure, dsd, dataset = written
    check_against_structure(structure, dsd, dataset.obs)
    for obs in dataset.obs:
        assert obs.key.values["TIME_PERIOD"].value == "2024"
        assert _attr(obs, "DATA_SOURCE") == "citizen-generated"
        assert f"survey {NAME}" in (_attr(obs, "SOURCE_DETAIL") or "")
        assert "coalition" in (_attr(obs, "SOURCE_DETAIL") or "")
    # the shipped codes are the UN's where the UN has them: check against a real SDG DSD
    real = ROOT.parent / "shared" / "realdata" / "nepal-open-sdg" / "CBS_DSD.xml"
    if not real.is_file():
        pytest.skip(f"real SDG DSD not found at {real}")
    un = sdmx.read_sdmx(real)
    for name in (
        "CL_SEX",
        "CL_URBANISATION",
        "CL_DISABILITY",
        "CL_QUANTILE",
        "CL_OBS_STATUS",
        "CL_UNIT_MEASURE",
        "CL_NATURE",
        "CL_EDUCATION_LEV",
        "CL_FREQ",
    ):
        for code, label in load_codes().codelists[name].items():
            assert code in un.codelist[name], f"{CODES_FILE}: {name} {code} not the UN's"
            assert str(un.codelist[name][code].name) == label
    for code in load_codes().un_age_codes:
        assert code in un.codelist["CL_AGE"], code


def test_values_equal_the_recomputed_shares_from_the_raw_export(written) -> None:
    """Weighted share answering 'yes' among those who answered, by pandas from export.csv."""
    _, _, _, dataset = written
    raw = _raw()
    answered = raw[raw["health/received_care"].notna()]
    weight = answered["weight"].astype(float)
    yes = (answered["health/received_care"] == "yes").astype(float)

    def share(mask: pd.Series) -> float:
        return float(np.sum(weight[mask] * yes[mask]) / np.sum(weight[mask]) * 100)

    cases = [({}, answered.index == answered.index)]
    for area, code in (("urban", "U"), ("rural", "R")):
        cases.append(({"URBANISATION": code}, answered["interview/area"] == area))
    for key, mask in cases:
        obs = _obs(dataset, SERIES=CARE, **key)
        assert float(obs.value) == pytest.approx(share(mask), abs=0.0001), key
        assert _attr(obs, "BASE") == str(int(mask.sum()))
        assert (
            float(_attr(obs, "LOWER_BOUND")) < float(obs.value) < float(_attr(obs, "UPPER_BOUND"))
        )
        assert _attr(obs, "UNIT_MEASURE") == "PT" and _attr(obs, "OBS_STATUS") == "A"


def test_every_published_value_is_the_reports_and_no_withheld_value_is_present(
    result: SurveyResult, written
) -> None:
    files, _, _, dataset = written
    by_series = {}
    for obs in dataset.obs:
        series = obs.key.values["SERIES"].value
        by_series.setdefault(series, []).append(obs)
    published = withheld = 0
    for table in result.tables:
        if table.indicator not in ("3.8.1", "6.1.1", "6.2.1"):
            continue
        code = f"LNOB_{NAME}_{table.analysis}".upper().replace("-", "_")
        assert len(by_series[code]) == sum(
            len(t.rows) for t in result.tables if t.analysis == table.analysis
        )
        for row in table.rows:
            if row.suppressed:
                withheld += 1
            else:
                published += 1
    values = [o for o in dataset.obs if o.value is not None]
    missing = [o for o in dataset.obs if o.value is None]
    assert (len(values), len(missing)) == (published, withheld)
    for obs in missing:
        assert _attr(obs, "OBS_STATUS") == "Q"
        assert _attr(obs, "CONFIDENTIALITY") in ("A", "D")
        for name in ("LOWER_BOUND", "UPPER_BOUND", "BASE"):
            assert _attr(obs, name) is None
    # the report's own numbers, rounded as written
    report = {(t.analysis, t.group, r.category): r for t in result.tables for r in t.rows}
    row = report[("received_care", "disability", "disability")]
    obs = _obs(dataset, SERIES=CARE, DISABILITY_STATUS="PD")
    assert float(obs.value) == pytest.approx(row.estimate * 100, abs=0.00005)
    # raw counts below the minimum cell (10) are absent everywhere: religion 'other' has 3
    raw = _raw()
    answered = raw[raw["health/received_care"].notna()]
    assert (answered["respondent/religion"] == "other").sum() < 10
    other = _obs(dataset, SERIES=CARE, CUST_BREAKDOWN="RELIGION_OTHER")
    assert other.value is None and _attr(other, "CONFIDENTIALITY") == "A"
    # SDMX-CSV: the same observations, withheld ones with an empty OBS_VALUE
    rows = list(csv.DictReader(io.StringIO(files.csv.read_text(encoding="utf-8"))))
    assert len(rows) == len(dataset.obs)
    assert rows[0]["DATAFLOW"] == "LNOB:LNOB_BGD_HEALTH_ACCESS_2024(1.0)"
    for line in rows:
        if line["OBS_STATUS"] == "Q":
            assert line["OBS_VALUE"] == line["BASE"] == line["LOWER_BOUND"] == ""
    assert sorted(float(r["OBS_VALUE"]) for r in rows if r["OBS_VALUE"]) == sorted(
        float(o.value) for o in values
    )
    # the XML itself has no OBS_VALUE on a withheld observation
    text = files.data.read_text(encoding="utf-8")
    assert text.count("OBS_VALUE=") == published


def test_two_writes_give_the_same_bytes(result: SurveyResult, tmp_path: Path) -> None:
    one = write_sdmx([result], tmp_path / "a", NAME)
    two = write_sdmx([result], tmp_path / "b", NAME)
    for a, b in ((one.structure, two.structure), (one.data, two.data), (one.csv, two.csv)):
        assert a.read_bytes() == b.read_bytes()


def test_the_coalition_file_holds_several_surveys_with_distinct_keys(
    result: SurveyResult, tmp_path: Path
) -> None:
    other = analyse_survey(
        ROOT / "data" / "countries" / "VNM" / "surveys" / "vnm-inclusion-2024", "en"
    )
    files = write_sdmx([result, other], tmp_path, "coalition-2024")
    structure = sdmx.read_sdmx(files.structure)
    dataset = sdmx.read_sdmx(files.data, structure=structure.structure["LNOB_SDG"]).data[0]
    keys = [tuple(v.value for v in o.key.values.values()) for o in dataset.obs]
    assert len(keys) == len(set(keys))
    assert {o.key.values["REF_AREA"].value for o in dataset.obs} == {"50", "704"}


def test_every_country_has_its_m49_area_code() -> None:
    """A coalition of 30 countries publishes SDMX for each: the area code list is not only the
    pilot's five (a 30-country build failed every research report of the other 25)."""
    from lnob.sdmx.codes import load_codes

    areas = load_codes().codelists["CL_AREA"]
    assert areas["704"] == "Viet Nam"  # the UN's name kept where the file gives it
    assert areas["652"] == "Saint Barthélemy" and areas["112"] == "Belarus"
    assert len(areas) > 240


DEMO_SURVEYS = sorted((ROOT / "data" / "countries").glob("*/surveys/*/survey.yaml"))
DEMO_LANGUAGE = {"BGD": "bn", "IND": "hi", "KEN": "sw", "NPL": "ne", "VNM": "vi"}


@pytest.mark.parametrize("survey_yaml", DEMO_SURVEYS, ids=lambda p: p.parent.name)
def test_every_demo_reports_files_read_back_and_validate(survey_yaml: Path, tmp_path: Path) -> None:
    """Each demo research report's SDMX, in its country's language: read back from the
    structure alone, every key and coded attribute in its code list, one observation per row
    of its SDG-coded tables, and a withheld row without a value."""
    folder = survey_yaml.parent
    result = analyse_survey(folder, DEMO_LANGUAGE[folder.parts[-3]])
    files = write_sdmx([result], tmp_path, folder.name)
    structure = sdmx.read_sdmx(files.structure)
    dsd = structure.structure["LNOB_SDG"]
    dataset = sdmx.read_sdmx(files.data, structure=dsd).data[0]
    rows = [r for t in result.tables if "." in t.indicator for r in t.rows]
    assert len(dataset.obs) == len(rows) > 0
    check_against_structure(structure, dsd, dataset.obs)
    assert sum(o.value is None for o in dataset.obs) == sum(r.suppressed for r in rows)
