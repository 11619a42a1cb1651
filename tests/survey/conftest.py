"""Shared helpers for the survey tests: paths to real and demo data, small forms and folders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdata"
DEMO_SURVEYS = sorted((ROOT / "data" / "countries").glob("*/surveys/*/survey.yaml"))
DEMO_LANGUAGE = {"BGD": "bn", "IND": "hi", "KEN": "sw", "NPL": "ne", "VNM": "vi"}


def realdata(*parts: str) -> Path:
    """A path under shared/realdata, or skip the test with the reason when it is absent."""
    path = REALDATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path} (shared/realdata is not checked out here)")
    return path


def nairobi_config(folder: Path, **more: Any) -> dict[str, Any]:
    """survey.yaml for the real Nairobi WASH files in `folder` (give Path() for names relative
    to the survey folder): households linked by KEY, Nairobi's rows only; `more` adds keys."""
    return {
        "id": "nairobi-wash-2021",
        "demo": False,
        "country": "KEN",
        "title": {"en": "Household WASH survey, Nairobi informal settlements (2021)"},
        "dates": {"start": "2021-01-01", "end": "2021-12-31"},
        "sample": {"description": {"en": "Households in Mabatini and Vietnam (Mathare)"}},
        "consent": {"en": "Recorded in the form (Informed_consent)"},
        "form": str(folder / "Nairobi_2021.xls"),
        "form_language": "en",
        "export": {"file": str(folder / "household_data.csv"), "key": "KEY"},
        "subset": {"City": ["Nairobi"]},
        **more,
    }


# the analyses the Nairobi tests publish: a select_one, a share of a skip-logic question,
# a yes/no, a number with a declared missing-value code, a question of the members' roster
NAIROBI_ANALYSES: tuple[dict[str, Any], ...] = (
    {"question": "DrinkingWaterGroup", "indicator": "6.1.1"},
    {
        "id": "water_on_premises",
        "question": "DrinkingWater_Private",
        "indicator": "6.1.1",
        "count_as": ["Piped_dwel", "Piped_yard"],
    },
    {"question": "ToiletFacilitySHARE", "indicator": "6.2.1"},
    {"question": "DrinkingWaterDist", "indicator": "water_travel_minutes"},
    {"question": "Diarrhoea", "indicator": "diarrhoea_two_weeks"},
)


def nairobi_households_and_members(folder: Path) -> dict[str, Any]:
    """The keys that read Nairobi's members with their households: the roster linked by KEY,
    the head's sex and the site as groups, the survey's 999 and 111 codes declared missing."""
    return {
        "export": {
            "file": str(folder / "household_data.csv"),
            "key": "KEY",
            "repeats": {
                "Rep_Bio_HH": {"file": str(folder / "individual_data.csv"), "parent_key": "KEY"}
            },
        },
        "extra_columns": {
            "Sex_HH": {"label": {"en": "Sex of household head"}, "list_name": "Sex"},
            "Site": {"type": "text"},
        },
        "missing_codes": {"DrinkingWaterDist": [999], "HHROOMS": [111, 999]},
        "groups": {
            "sex": {"question": "Sex_HH", "label": {"en": "Sex of household head"}},
            "location": {"question": "Site"},
        },
    }


def write_workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook with the given sheets (first row = header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


#: A small bilingual form: a group, a repeat roster, select_one/multiple, numbers, WG questions.
SMALL_SURVEY = [
    [
        "type",
        "name",
        "label::English (en)",
        "label::Swahili (sw)",
        "relevant",
        "constraint",
        "calculation",
    ],
    ["start", "start", None, None, None, None, None],
    ["deviceid", "deviceid", None, None, None, None, None],
    ["text", "resp_name", "Name", "Jina", None, None, None],
    ["geopoint", "gps", "Location", "Mahali", None, None, None],
    ["begin_group", "hh", "Household", "Kaya", None, None, None],
    ["select_one area", "area", "Urban or rural?", "Mjini au vijijini?", None, None, None],
    ["select_one yes_no", "insured", "Insured?", None, None, None, None],
    ["integer", "minutes", "Minutes to clinic", "Dakika", None, ". >= 0 and . <= 300", None],
    ["select_multiple barrier", "barriers", "Barriers", "Vikwazo", None, None, None],
    ["end_group", None, None, None, None, None, None],
    ["begin_repeat", "roster", "Members", "Wanakaya", None, None, None],
    ["select_one sex", "sex", "Sex", "Jinsia", None, None, None],
    ["integer", "age", "Age", "Umri", None, ". >= 0 and . <= 110", None],
    ["select_one yes_no", "sick", "Sick?", "Mgonjwa?", None, None, None],
    ["end_repeat", None, None, None, None, None, None],
    ["calculate", "size", None, None, None, None, "count(${sex})"],
]
SMALL_CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Swahili (sw)"],
    ["area", "urban", "Urban", "Mjini"],
    ["area", "rural", "Rural", "Vijijini"],
    ["yes_no", "yes", "Yes", "Ndiyo"],
    ["yes_no", "no", "No", "Hapana"],
    ["sex", "female", "Female", "Mwanamke"],
    ["sex", "male", "Male", "Mwanamume"],
    ["barrier", "cost", "Cost", "Gharama"],
    ["barrier", "far", "Too far", None],
]


def write_small_form(
    path: Path,
    survey: Sequence[Sequence[Any]] = SMALL_SURVEY,
    choices: Sequence[Sequence[Any]] = SMALL_CHOICES,
) -> Path:
    """The small form at `path`, or a variant of it with other survey or choices rows."""
    settings = [["form_id", "default_language"], ["small", "English (en)"]]
    return write_workbook(path, {"survey": survey, "choices": choices, "settings": settings})


@pytest.fixture
def small_form(tmp_path: Path) -> Path:
    return write_small_form(tmp_path / "form.xlsx")


def small_config(**changes: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "id": "small-test",
        "demo": True,
        "country": "KEN",
        "title": {"en": "Small test", "sw": "Jaribio dogo"},
        "dates": {"start": "2024-01-01", "end": "2024-01-31"},
        "sample": {"description": {"en": "Test households"}},
        "consent": {"en": "Verbal consent"},
        "form": "form.xlsx",
        "export": {"file": "export.csv", "repeats": {"roster": {"file": "roster.csv"}}},
        "privacy": {"identifying_text": ["resp_name"]},
        "groups": {"location": {"question": "area"}, "sex": {"question": "sex"}},
        "analyses": [{"question": "insured", "indicator": "3.8.1", "count_as": ["yes"]}],
    }
    config.update(changes)
    return config


@pytest.fixture
def write_survey(tmp_path: Path, small_form: Path) -> Callable[..., Path]:
    """Write survey.yaml and CSV files (name -> text) into the folder of the small form."""

    def write(config: dict[str, Any], files: dict[str, str]) -> Path:
        (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        for name, text in files.items():
            (tmp_path / name).write_text(text, "utf-8")
        return tmp_path

    return write


def kobo_rows(n: int, *, insured_yes: int, urban: int) -> tuple[str, str]:
    """A Kobo-style main CSV and roster CSV with n households (2 members each)."""
    main = [
        "start,deviceid,hh/area,hh/insured,hh/minutes,hh/barriers,hh/barriers/cost,"
        "hh/barriers/far,resp_name,gps,_gps_latitude,size,_uuid,_index"
    ]
    roster = ["roster/sex,roster/age,roster/sick,_index,_parent_index"]
    for i in range(n):
        area = "urban" if i < urban else "rural"
        insured = "yes" if i < insured_yes else "no"
        main.append(
            f"2024-01-02,dev{i:04d},{area},{insured},{10 + i % 50},cost,1,0,"
            f"Person Number{i:04d},-1.{i:05d} 36.8 1 2,-1.{i:05d},2,"
            f"uuid-{i:05d}-abcdef,{i + 1}"
        )
        roster.append(f"female,{20 + i % 60},yes,{2 * i + 1},{i + 1}")
        roster.append(f"male,{5 + i % 60},no,{2 * i + 2},{i + 1}")
    return "\n".join(main) + "\n", "\n".join(roster) + "\n"
