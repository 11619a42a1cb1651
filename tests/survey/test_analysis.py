"""analyse_survey end to end: labelled, design-based, disclosure-checked, de-identified."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.survey import analyse_survey, identifying_values
from lnob.survey.results import SurveyResult

from .conftest import DEMO_LANGUAGE, DEMO_SURVEYS, kobo_rows, small_config


def _small(
    write_survey: Callable[..., Path], n: int = 40, urban: int = 35, **change: object
) -> Path:
    main, roster = kobo_rows(n, insured_yes=n // 2, urban=urban)
    return write_survey(small_config(**change), {"export.csv": main, "roster.csv": roster})


def test_small_survey_labelled_in_swahili_with_fallbacks_listed(
    write_survey: Callable[..., Path],
) -> None:
    result = analyse_survey(_small(write_survey), "sw")
    total = result.table("insured")
    row = total.row("total", "yes")
    assert (row.category_label, row.outcome_label, row.base) == ("Jumla", "Ndiyo", 40)
    assert row.estimate == pytest.approx(0.5)
    assert total.question_label == "Insured?"  # no Swahili label in the form
    assert ("question", "insured") in {(f.what, f.name) for f in result.label_fallbacks}
    assert result.sample.title == "Jaribio dogo"
    assert result.groups_of("insured") == ("total", "location")  # sex is a member-level group


def test_small_groups_are_suppressed_with_a_secondary_cell(
    write_survey: Callable[..., Path],
) -> None:
    result = analyse_survey(_small(write_survey, n=40, urban=35), "en")
    by_location = result.table("insured", "location")
    rural, urban = by_location.row("rural"), by_location.row("urban")
    assert rural.suppressed and rural.estimate is None and rural.base is None
    assert urban.suppressed and urban.ci_low is None  # 40 - 35 = 5 would give rural away
    assert {(r.group, r.category, r.reason) for r in result.suppression_log} == {
        ("location", "rural", "primary"),
        ("location", "urban", "secondary"),
    }
    assert result.table("insured").row("total").suppressed is False
    counts = {(g.group, g.category): g.count for g in result.sample.by_group}
    assert counts == {
        ("location", "urban"): None,
        ("location", "rural"): None,
        ("sex", "female"): 40,
        ("sex", "male"): 40,
    }


def test_member_level_analysis_uses_household_groups_and_clusters(
    write_survey: Callable[..., Path],
) -> None:
    analyses = [
        {"question": "sick", "indicator": "sick_two_weeks", "count_as": ["yes"]},
        {"question": "minutes", "indicator": "travel"},
        {"question": "barriers", "indicator": "barriers"},
    ]
    result = analyse_survey(_small(write_survey, n=40, urban=20, analyses=analyses), "en")
    assert result.groups_of("sick") == ("total", "location", "sex")
    sick = result.table("sick", "sex")
    assert sick.unit == "roster"
    assert sick.row("female").estimate == pytest.approx(1.0)
    assert sick.row("male").estimate == pytest.approx(0.0)
    assert result.sample.members == {"roster": 80}
    minutes = result.table("minutes").row("total")
    assert minutes.outcome is None and minutes.estimate == pytest.approx(29.5)
    barriers = {r.outcome: r.estimate for r in result.table("barriers").rows}
    assert barriers == {"cost": pytest.approx(1.0), "far": pytest.approx(0.0)}


def test_result_is_frozen(write_survey: Callable[..., Path]) -> None:
    result = analyse_survey(_small(write_survey), "en")
    with pytest.raises(FrozenInstanceError):
        result.language = "fr"  # type: ignore[misc]
    assert result.files_read[0].name == "survey.yaml"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {"analyses": [{"question": "nothing", "indicator": "x1"}]},
            "analysed question .nothing. is not a question of",
        ),
        ({"groups": {"age": {"question": "area", "bins": [1, 2]}}}, "bins need a numeric"),
        ({"groups": {"disability": {"washington_group": "auto"}}}, "Washington Group"),
        ({"groups": {"sex": {"question": "sex", "where": {"nope": "x"}}}}, "'where' column"),
    ],
)
def test_configuration_problems_are_input_errors(
    write_survey: Callable[..., Path], change: dict, problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        analyse_survey(_small(write_survey, **change), "en")


def test_single_cluster_strata_are_refused(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(12, insured_yes=6, urban=6)
    lines = main.strip().split("\n")
    lines[0] += ",stratum,cluster"
    lines[1:] = [
        f"{line},{'s1' if i < 6 else 's2'},{'c1' if i < 6 else f'c{i % 2 + 2}'}"
        for i, line in enumerate(lines[1:])
    ]
    folder = write_survey(
        small_config(design={"strata": "stratum", "cluster": "cluster"}),
        {"export.csv": "\n".join(lines) + "\n", "roster.csv": roster},
    )
    with pytest.raises(InputError, match="single cluster") as raised:
        analyse_survey(folder, "en")
    assert raised.value.found == ["s1"]


def _published_cells_respect_the_minimum(result: SurveyResult) -> None:
    minimum = result.config.min_cell
    for table in result.tables:
        total = result.table(table.analysis).rows[0]
        published = {r.category: r.base for r in table.rows if not r.suppressed}
        assert all(base is not None and base >= minimum for base in published.values())
        hidden_small = [r for r in table.rows if r.suppressed] and not total.suppressed
        reasons = {
            s.reason
            for s in result.suppression_log
            if s.table == table.analysis and s.group == table.group
        }
        if hidden_small and reasons & {"primary", "secondary"} and table.group != "total":
            assert total.base - sum(published.values()) >= minimum


@pytest.mark.parametrize("survey_yaml", DEMO_SURVEYS, ids=lambda p: p.parent.name)
def test_demo_surveys_analysed_in_both_languages(survey_yaml: Path) -> None:
    folder = survey_yaml.parent
    local = DEMO_LANGUAGE[survey_yaml.parts[-4]]
    for lang in ("en", local):
        result = analyse_survey(folder, lang)
        assert result.label_fallbacks == ()  # demo forms are fully translated
        assert result.disability_rule is not None
        _published_cells_respect_the_minimum(result)
        groups = {t.group for t in result.tables}
        assert {"total", "sex", "age", "disability", "location"} <= groups
        assert all(t.indicator for t in result.tables)
    assert result.sample.respondents is not None and 300 <= result.sample.respondents <= 600
    assert result.sample.weighted and result.sample.strata == 4 and result.sample.clusters == 22
    kinds = {m.kind for m in result.mismatches.items}
    assert {"unknown_column"} <= kinds and "form_defect" not in kinds


@pytest.mark.parametrize("survey_yaml", DEMO_SURVEYS, ids=lambda p: p.parent.name)
def test_no_planted_identifying_value_reaches_any_output(survey_yaml: Path) -> None:
    planted = identifying_values(survey_yaml.parent)
    assert len(planted) > 300  # names, phones, GPS, device and enumerator ids
    result = analyse_survey(survey_yaml.parent, DEMO_LANGUAGE[survey_yaml.parts[-4]])
    outputs = [repr(result)] + [t.to_frame().to_csv() for t in result.tables]
    text = "\n".join(outputs)
    leaked = sorted(v for v in planted if v in text)
    assert leaked == []


def test_taxonomy_labels_name_unlabelled_groups(write_survey: Callable[..., Path]) -> None:
    names = {"location": {"en": "Location", "sw": "Eneo"}}
    result = analyse_survey(_small(write_survey, n=40, urban=20), "sw", names)
    assert result.table("insured", "location").group_label == "Eneo"
    labelled = {"location": {"question": "area", "label": {"sw": "Mjini au vijijini"}}}
    result = analyse_survey(_small(write_survey, n=40, urban=20, groups=labelled), "sw", names)
    assert result.table("insured", "location").group_label == "Mjini au vijijini"


@pytest.mark.parametrize("survey_yaml", DEMO_SURVEYS[:1], ids=lambda p: p.parent.name)
def test_public_mismatch_report_has_no_examples_nor_small_counts(survey_yaml: Path) -> None:
    result = analyse_survey(survey_yaml.parent, "en")
    small = [m for m in result.mismatches.items if 0 < m.count < 10]
    assert small and any(m.examples for m in small)  # the team's report has them
    public = result.mismatches.public(result.config.min_cell)
    assert len(public) == len(result.mismatches.items)
    assert all(p.count is None or p.count >= 10 for p in public)
    assert not any(hasattr(p, "examples") for p in public)


@pytest.mark.parametrize(
    ("list_name", "choice"),
    [("area", "urban"), ("yes_no", "yes")],  # a group's category; an analysed answer
)
def test_a_choice_with_no_label_in_any_language_stops_validate_and_the_build(
    write_survey: Callable[..., Path], tmp_path: Path, list_name: str, choice: str
) -> None:
    from lnob.survey.estimation import check_survey

    from .conftest import SMALL_CHOICES, write_small_form

    folder = _small(write_survey)
    choices = [
        [r[0], r[1], None, None] if (r[0], r[1]) == (list_name, choice) else r
        for r in SMALL_CHOICES
    ]
    write_small_form(folder / "form.xlsx", choices=choices)
    row = 1 + next(i for i, r in enumerate(choices) if (r[0], r[1]) == (list_name, choice))
    for run in (lambda: check_survey(folder), lambda: analyse_survey(folder, "sw")):
        with pytest.raises(InputError) as caught:
            run()
        message = str(caught.value)
        assert f"choice '{choice}' of the list '{list_name}'" in message
        assert "form.xlsx" in message and "choices" in message and f"row {row}" in message
