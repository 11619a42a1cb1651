"""Skip logic: a question with `relevant` in the XLSForm is asked of some respondents only.

Its estimates are among those asked (a row where it was not asked is out of the base, never a
"no"), and the result carries who was asked (:class:`lnob.survey.AskedOf`). Every expected
share is recomputed here with pandas from the raw export: denominator = the rows where the
question was asked.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from lnob.survey import analyse_survey

from .conftest import nairobi_config, realdata, write_workbook

SURVEY = [
    ["type", "name", "label::English (en)", "relevant"],
    ["select_one area", "area", "Urban or rural?", None],
    ["select_one yes_no", "needed", "Needed care in the last year?", None],
    ["select_one yes_no", "received", "Received care?", "${needed} = 'yes'"],
    ["select_multiple barrier", "barriers", "Barriers to care", "selected(${received}, 'no')"],
    ["integer", "minutes", "Minutes to clinic", "${needed} = 'yes' and ${area} != 'rural'"],
]
CHOICES = [
    ["list_name", "name", "label::English (en)"],
    ["area", "urban", "Urban"],
    ["area", "rural", "Rural"],
    ["yes_no", "yes", "Yes"],
    ["yes_no", "no", "No"],
    ["barrier", "cost", "Cost"],
    ["barrier", "far", "Too far"],
]


def _export(n: int = 80) -> str:
    """Households 0..49 needed care; 0..29 of them received it, 30..49 did not and gave
    barriers (cost for 30..41, each at least one). The select_multiple is exported as split
    0/1 columns only, with 0 where it was not asked, as cleaned ODK and Kobo downloads have it."""
    lines = ["area,needed,received,barriers/cost,barriers/far,minutes,_index"]
    for i in range(n):
        area = "urban" if i % 2 else "rural"
        needed = "yes" if i < 50 else "no"
        received = ("yes" if i < 30 else "no") if i < 50 else ""
        chose = 30 <= i < 50
        cost = "1" if chose and i < 42 else "0"
        far = "1" if chose and (i % 3 or i >= 42) else "0"
        minutes = str(10 + i) if needed == "yes" and area == "urban" else ""
        lines.append(f"{area},{needed},{received},{cost},{far},{minutes},{i + 1}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def skip_survey(tmp_path: Path) -> Path:
    write_workbook(
        tmp_path / "form.xlsx",
        {
            "survey": SURVEY,
            "choices": CHOICES,
            "settings": [["form_id", "default_language"], ["skips", "English (en)"]],
        },
    )
    (tmp_path / "export.csv").write_text(_export(), "utf-8")
    config = {
        "id": "skip-test",
        "demo": True,
        "country": "KEN",
        "title": {"en": "Skip test"},
        "dates": {"start": "2024-01-01", "end": "2024-01-31"},
        "sample": {"description": {"en": "Test households"}},
        "consent": {"en": "Verbal consent"},
        "form": "form.xlsx",
        "export": {"file": "export.csv"},
        "groups": {"location": {"question": "area"}},
        "analyses": [
            {"question": "needed", "indicator": "care_needed", "count_as": ["yes"]},
            {"question": "received", "indicator": "3.8.1", "count_as": ["yes"]},
            {"question": "barriers", "indicator": "health_barriers"},
            {"question": "minutes", "indicator": "travel_minutes"},
        ],
    }
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config), "utf-8")
    return tmp_path


def test_split_columns_of_a_question_not_asked_are_out_of_the_base(skip_survey: Path) -> None:
    raw = pd.read_csv(skip_survey / "export.csv", dtype=str, keep_default_na=False)
    asked = raw[raw["received"] == "no"]  # relevant: selected(${received}, 'no')
    expected = (asked["barriers/cost"] == "1").sum() / len(asked)
    cost = analyse_survey(skip_survey, "en").table("barriers").row("total", "cost")
    assert (cost.base, cost.estimate) == (len(asked), pytest.approx(expected))
    assert cost.base == 20 and expected == pytest.approx(12 / 20)


def test_select_one_not_asked_is_not_a_no(skip_survey: Path) -> None:
    raw = pd.read_csv(skip_survey / "export.csv", dtype=str, keep_default_na=False)
    asked = raw[raw["needed"] == "yes"]
    result = analyse_survey(skip_survey, "en")
    row = result.table("received").row("total")
    assert row.base == len(asked) == 50
    assert row.estimate == pytest.approx((asked["received"] == "yes").mean())
    by_area = result.table("received", "location")
    for area in ("urban", "rural"):
        part = asked[asked["area"] == area]
        assert by_area.row(area).base == len(part)


def test_the_result_says_who_was_asked(skip_survey: Path) -> None:
    result = analyse_survey(skip_survey, "en")
    assert result.table("needed").asked_of is None  # asked of everyone
    received = result.table("received").asked_of
    assert received is not None
    assert (received.base, received.relevant) == (50, "${needed} = 'yes'")
    assert received.question_label == "Needed care in the last year?"
    assert (received.answers, received.negated) == (("Yes",), False)
    barriers = result.table("barriers", "location").asked_of
    assert barriers is not None and barriers.base == 20 and barriers.answers == ("No",)
    minutes = result.table("minutes").asked_of  # not a simple condition: no description
    assert minutes is not None and minutes.base == 25 and minutes.question_label == ""


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("${a} = 'yes'", ("a", ("yes",), False)),
        ("${a}='yes'", ("a", ("yes",), False)),
        ('${a} = "yes"', ("a", ("yes",), False)),
        ("${a} != 'no'", ("a", ("no",), True)),
        ("selected(${a}, 'x')", ("a", ("x",), False)),
        ('selected( ${a} , "x" )', ("a", ("x",), False)),
        ("not(selected(${a}, 'x'))", ("a", ("x",), True)),
        ("${a} = 'x' or ${a} = 'y'", ("a", ("x", "y"), False)),
        ("selected(${a}, 'x') or selected(${a}, 'y')", ("a", ("x", "y"), False)),
        ("${a} = 'x' and ${b} = 'y'", None),
        ("${a} = 'x' or ${b} = 'y'", None),
        ("${age} >= 5", None),
        ("count-selected(${a}) > 1", None),
        ("", None),
    ],
)
def test_simple_relevant_conditions_are_recognised(expression: str, expected: object) -> None:
    from lnob.survey.relevance import condition_of

    found = condition_of(expression)
    assert (None if found is None else (found.question, found.values, found.negated)) == expected


@pytest.mark.realdata
def test_nairobi_private_water_source_is_among_the_226_households_asked(tmp_path: Path) -> None:
    folder = realdata("kenya-nairobi-wash-survey")
    config = nairobi_config(
        folder,
        extra_columns={"Site": {"type": "text"}},
        groups={"location": {"question": "Site"}},
        analyses=[
            {
                "id": "water_on_premises",
                "question": "DrinkingWater_Private",
                "indicator": "6.1.1",
                "count_as": ["Piped_dwel", "Piped_yard"],
            }
        ],
    )
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config))
    raw = pd.read_csv(folder / "household_data.csv", dtype=str, keep_default_na=False)
    raw = raw[raw["City"] == "Nairobi"]
    # relevant: ${DrinkingWaterGroup} = 'Private'
    asked = raw[raw["DrinkingWaterGroup"] == "Private"]
    answered = asked[asked["DrinkingWater_Private"] != ""]
    share = answered["DrinkingWater_Private"].isin(["Piped_dwel", "Piped_yard"]).mean()
    result = analyse_survey(tmp_path, "en")
    table = result.table("water_on_premises")
    row = table.row("total")
    assert len(asked) == 226
    assert row.base == len(answered) and row.estimate == pytest.approx(share)
    assert table.asked_of is not None and table.asked_of.base == len(answered)
    assert table.asked_of.relevant == "${DrinkingWaterGroup} = 'Private'"
    assert table.asked_of.question_label.startswith("WHERE do you usually obtain DRINKING water")
    assert table.asked_of.answers[0].startswith("PRIVATE")
