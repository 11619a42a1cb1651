"""Washington Group Short Set: the disability rule and finding its questions in forms."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lnob.survey.config import WG_DOMAINS
from lnob.survey.washington import (
    DISABILITY_RULE,
    WITH,
    WITHOUT,
    WashingtonGroupSet,
    disability_status,
    find_washington_group,
)
from lnob.survey.xlsform import read_xlsform

from .conftest import DEMO_SURVEYS, realdata, write_workbook

WG = WashingtonGroupSet(
    questions={d: f"wg_{d}" for d in WG_DOMAINS},
    severe=frozenset({"a_lot", "cannot"}),
    valid=frozenset({"none", "some"}),
)


@pytest.mark.parametrize(
    ("answers", "status"),
    [
        (["none"] * 6, WITHOUT),
        (["some"] * 6, WITHOUT),
        (["a_lot"] + ["none"] * 5, WITH),
        (["none"] * 5 + ["cannot"], WITH),
        (["refused"] + ["none"] * 5, None),  # unknown: never counted as without disability
        ([None] + ["none"] * 5, None),
        (["refused", "cannot"] + ["none"] * 4, WITH),
        ([None] * 6, None),
    ],
)
def test_disability_rule(answers: list[str | None], status: str | None) -> None:
    frame = pd.DataFrame([dict(zip(WG.questions.values(), answers, strict=True))])
    found = disability_status(frame, WG).iloc[0]
    assert found == status if status else pd.isna(found)


def test_rule_is_given_as_text_in_every_report_language() -> None:
    assert set(DISABILITY_RULE) == {"en", "fr", "es", "bn", "hi", "ne", "sw", "vi"}
    assert (
        "a lot of difficulty" in DISABILITY_RULE["en"]
        and "cannot do at all" in DISABILITY_RULE["en"]
    )


def test_found_by_label_when_names_say_nothing(tmp_path: Path) -> None:
    labels = [
        "Difficulty seeing, even if wearing glasses?",
        "Difficulty hearing?",
        "Difficulty walking or climbing steps?",
        "Difficulty remembering or concentrating?",
        "Difficulty with self-care such as washing all over or dressing?",
        "Difficulty communicating, understanding or being understood?",
    ]
    survey = [["type", "name", "label::English (en)"]] + [
        ["select_one diff", f"q{i}", text] for i, text in enumerate(labels)
    ]
    choices = [
        ["list_name", "name", "label::English (en)"],
        ["diff", "1", "No difficulty"],
        ["diff", "2", "Some difficulty"],
        ["diff", "3", "A lot of difficulty"],
        ["diff", "4", "Cannot do at all"],
    ]
    form = read_xlsform(write_workbook(tmp_path / "f.xlsx", {"survey": survey, "choices": choices}))
    wg = find_washington_group(form)
    assert wg is not None
    assert dict(wg.questions) == dict(zip(WG_DOMAINS, [f"q{i}" for i in range(6)], strict=True))
    assert wg.severe == {"3", "4"} and wg.valid == {"1", "2"}


def test_incomplete_sets_are_not_recognised(tmp_path: Path) -> None:
    survey = [["type", "name", "label"], ["select_one diff", "wg_vision", "Seeing?"]]
    choices = [
        ["list_name", "name", "label"],
        ["diff", "a_lot", "A lot"],
        ["diff", "cannot", "Cannot"],
    ]
    form = read_xlsform(write_workbook(tmp_path / "f.xlsx", {"survey": survey, "choices": choices}))
    assert find_washington_group(form) is None


@pytest.mark.parametrize("survey_yaml", DEMO_SURVEYS, ids=lambda p: p.parent.name)
def test_every_demo_form_has_the_washington_group_questions(survey_yaml: Path) -> None:
    wg = find_washington_group(read_xlsform(survey_yaml.parent / "form.xlsx"))
    assert wg is not None
    assert wg.severe == {"a_lot_of_difficulty", "cannot_do"}
    assert "refused" not in wg.valid


@pytest.mark.realdata
def test_reach_msna_washington_group_questions_are_recognised() -> None:
    form = read_xlsform(realdata("reach-msna-2024", "REACH_2024_MSNA-kobo-tool_draft_v11.xlsx"))
    wg = find_washington_group(form)
    assert wg is not None
    assert dict(wg.questions) == {d: f"wgq_{d}" for d in WG_DOMAINS}
    assert wg.severe == {"lot_of_difficulty", "cannot_do"}
    assert wg.valid == {"no_difficulty", "some_difficulty"}
    assert {form.question(q).repeat for q in wg.questions.values()} == {"roster"}
