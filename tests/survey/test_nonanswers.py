"""Non-answers ("don't know", "refused", "prefer not to say", blanks) are never a group nor a
level of a table or chart: they are counted once, in the "not stated" line of respondents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lnob.survey import analyse_survey
from lnob.survey.nonanswers import is_non_answer
from lnob.survey.xlsform import Choice

from .conftest import SMALL_CHOICES, SMALL_SURVEY, kobo_rows, small_config, write_workbook


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("dk", "Whatever", True),
        ("pnta", "Prefer not to answer", True),
        ("NA", "Does not know / prefers not to answer", True),
        ("x9", "Don’t know", True),
        ("x8", "Refused", True),
        ("x7", "Ne sait pas", True),
        ("no", "No", False),
        ("none", "None of these", False),
        ("known", "Known to the household", False),
    ],
)
def test_non_answer_choices(name: str, label: str, expected: bool) -> None:
    assert is_non_answer(Choice("l", name, {"en": label}, 2)) is expected


def _survey(tmp_path: Path, write_survey: Callable[..., Path]) -> Path:
    choices = [
        *SMALL_CHOICES,
        ["yes_no", "dk", "Don't know", "Sijui"],
        ["sex", "pnta", "Prefer not to say", "Hapendi kusema"],
    ]
    write_workbook(
        tmp_path / "form.xlsx",
        {
            "survey": SMALL_SURVEY,
            "choices": choices,
            "settings": [["form_id", "default_language"], ["small", "English (en)"]],
        },
    )
    main, roster = kobo_rows(60, insured_yes=30, urban=30)
    lines = main.strip().split("\n")
    for i in range(12):  # 12 households say "don't know" to insured (6 urban, 6 rural)
        cells = lines[1 + i * 5].split(",")
        cells[3] = "dk"
        lines[1 + i * 5] = ",".join(cells)
    members = roster.strip().split("\n")
    for i in range(1, 15):  # 14 members' sex is "prefer not to say"
        members[i * 2 - 1] = members[i * 2 - 1].replace("female,", "pnta,", 1)
    analyses = [
        {"question": "insured", "indicator": "3.8.1"},
        {"question": "sick", "indicator": "sick_two_weeks"},
    ]
    return write_survey(
        small_config(analyses=analyses),
        {"export.csv": "\n".join(lines) + "\n", "roster.csv": "\n".join(members) + "\n"},
    )


def test_dont_know_is_not_a_level_and_prefer_not_is_not_a_group(
    tmp_path: Path, write_survey: Callable[..., Path]
) -> None:
    folder = _survey(tmp_path, write_survey)
    result = analyse_survey(folder, "en")
    insured = result.table("insured")
    assert {r.outcome for r in insured.rows} == {"yes", "no"}
    main = (folder / "export.csv").read_text().strip().split("\n")[1:]
    answers = [line.split(",")[3] for line in main]
    stated = [a for a in answers if a in ("yes", "no")]
    yes = insured.row("total", "yes")
    assert yes.base == len(stated) == 48
    assert yes.estimate == pytest.approx(stated.count("yes") / len(stated))
    by_sex = result.table("sick", "sex")
    assert {r.category for r in by_sex.rows} == {"female", "male"}
    members = (folder / "roster.csv").read_text().strip().split("\n")[1:]
    sexes = [m.split(",")[0] for m in members]
    assert by_sex.row("female", "yes").base == sexes.count("female") == 46
    counts = [(g.group, g.category_label, g.count) for g in result.sample.by_group]
    assert ("sex", "Not stated (no answer, don't know, refused)", 14) in counts
    assert [c for c in counts if c[0] == "sex" and "Prefer" in c[1]] == []
