"""Export headers resolved against the form: a header that spells a whole group path names
that field or option, even when its tail is also the name of a field in another group."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lnob.survey import analyse_survey
from lnob.survey.columns import resolve_column
from lnob.survey.xlsform import read_xlsform

ROOT = Path(__file__).resolve().parents[2]
INDIA = ROOT / "data" / "countries" / "IND" / "surveys" / "ind-services-access-2024"


def test_an_options_column_is_not_taken_for_a_field_of_the_same_name() -> None:
    """India's form asks `discrimination` (group civic) and offers `discrimination` as a
    barrier (select_multiple `barriers`, group health): Kobo's split column of the option
    ends in the question's name."""
    form = read_xlsform(INDIA / "form.xlsx")
    option = resolve_column("health/barriers/discrimination", form)
    assert (option.kind, option.question, option.option) == ("option", "barriers", "discrimination")
    field = resolve_column("civic/discrimination", form)
    assert (field.kind, field.question) == ("field", "discrimination")
    odk = resolve_column("health-barriers-discrimination", form)  # ODK Central's separator
    assert (odk.kind, odk.question) == ("option", "barriers")
    bare = resolve_column("discrimination", form)  # an export without group names
    assert (bare.kind, bare.question) == ("field", "discrimination")


def test_the_question_is_estimated_from_its_own_column() -> None:
    """Recomputed from the raw export with pandas: the weighted share answering Yes (the
    export holds labels), among everyone who answered; before, the 0/1 option column was read
    in its place and every figure was withheld."""
    raw = pd.read_excel(INDIA / "export.xlsx", sheet_name=0, dtype=str, engine="openpyxl")
    answered = raw[raw["civic/discrimination"].notna()]
    weight = answered["weight"].astype(float)
    expected = (weight * (answered["civic/discrimination"] == "Yes")).sum() / weight.sum()
    result = analyse_survey(INDIA, "en")
    total = result.table("discrimination", "total").rows[0]
    assert total.estimate == pytest.approx(expected, abs=1e-9)
    assert total.base == len(answered)
    barriers = result.table("health_barriers", "total")
    chose = raw["health/barriers/discrimination"].dropna()
    assert {r.outcome for r in barriers.rows} >= {"discrimination"}
    assert chose.isin(["0", "1"]).all()  # the option's own column, read as the option
