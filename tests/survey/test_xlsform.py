"""Reading XLSForms as met in practice, and labels per language with flagged fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.survey.languages import language_tag, pick_text
from lnob.survey.xlsform import read_xlsform, validation_messages

from .conftest import realdata, write_workbook


@pytest.mark.parametrize(
    ("header", "tag"),
    [
        ("English (en)", "en"),
        ("English(en)", "en"),
        ("english(en)", "en"),
        ("Swahili(swa)", "sw"),
        ("swahili(sw)", "sw"),
        ("Kiswahili", "sw"),
        ("english", "en"),
        ("french", "fr"),
        ("Spanish (es)", "es"),
        ("Bangla (bn)", "bn"),
        ("Bengali", "bn"),
        ("বাংলা", "bn"),
        ("Hindi", "hi"),
        ("nepali(ne)", "ne"),
        ("Nepali", "ne"),
        ("Vietnamese (vi)", "vi"),
        ("Tiếng Việt", "vi"),
        ("sw", "sw"),
        ("pt-BR", "pt-BR"),
        ("Default", None),
        ("Local dialect", None),
    ],
)
def test_language_headers_become_bcp47_tags(header: str, tag: str | None) -> None:
    assert language_tag(header) == tag


def test_pick_text_prefers_the_language_then_flags_the_fallback() -> None:
    texts = {"en": "Yes", "sw-KE": "Ndiyo"}
    assert pick_text(texts, "sw", ["en"], "?").text == "Ndiyo"
    fallback = pick_text(texts, "bn", ["en"], "?")
    assert (fallback.text, fallback.language, fallback.fallback) == ("Yes", "en", True)
    assert pick_text({"zxx": "18–29"}, "ne", ["en"], "?").fallback is False
    assert pick_text({}, "ne", ["en"], "code").text == "code"


def test_small_form_structure_and_labels(small_form: Path) -> None:
    form = read_xlsform(small_form)
    assert form.default_language == "en"
    assert form.languages == ("en", "sw")
    assert form.question("area").path == ("hh",)
    assert form.question("sex").repeat == "roster"
    assert form.question("minutes").constraint == ". >= 0 and . <= 300"
    assert form.question("size").calculation == "count(${sex})"
    assert list(form.repeats) == ["roster"]
    assert form.choice_names("barrier") == ("cost", "far")
    assert form.question_label("area", "sw").text == "Mjini au vijijini?"
    missing = form.question_label("insured", "sw")
    assert (missing.text, missing.fallback, missing.language) == ("Insured?", True, "en")
    assert form.choice_label("barrier", "far", "sw").fallback is True
    assert form.choice_label("barrier", "cost", "sw").text == "Gharama"


def test_messy_headers_blank_rows_extra_columns_and_colon_lists(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "messy.xlsx",
        {
            "survey": [
                [
                    "priority",
                    "theme",
                    " Type ",
                    "name",
                    "label::english(en)",
                    "Label::Swahili(swa)",
                ],
                ["1", "a", "select_one building:material", "material", "Material", "Nyenzo"],
                [None, None, None, None, None, None],
                ["2", "b", "begin group", "g1", "Group", None],
                ["2", "b", "select one yes_no", "ok", "OK?", "Sawa?"],
                ["2", "b", "end group", None, None, None],
                ["3", "c", "select all that apply yes_no", "many", "Many", None],
            ],
            "choices": [
                ["list name", "name", "label::english(en)", "label::Swahili(swa)"],
                ["building:material", "wood", "Wood", "Mbao"],
                [None, None, None, None],
                ["yes_no", "yes", "Yes", "Ndiyo"],
            ],
        },
    )
    form = read_xlsform(path)
    assert [q.name for q in form.fields] == ["material", "ok", "many"]
    assert form.question("material").list_name == "building:material"
    assert form.question("ok").type == "select_one" and form.question("ok").path == ("g1",)
    assert form.question("many").type == "select_multiple"
    assert form.choice_label("building:material", "wood", "sw").text == "Mbao"


def test_bare_label_language_comes_from_survey_yaml_or_first_language(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bare.xlsx",
        {
            "survey": [["type", "name", "label"], ["integer", "age", "Umri"]],
        },
    )
    assert read_xlsform(path, "sw").question_label("age", "sw").fallback is False
    undetermined = read_xlsform(path)
    assert undetermined.default_language == "und"
    assert undetermined.question_label("age", "en").text == "Umri"


@pytest.mark.parametrize(
    ("sheets", "problem"),
    [
        ({"questions": [["type", "name"], ["text", "a"]], "other": [["x"]]}, "no 'survey' sheet"),
        ({"survey": [["kind", "label"], ["text", "A"]]}, "lacks a 'type' or 'name'"),
        (
            {
                "survey": [["type", "name"], ["select_one l", "a"]],
                "choices": [["list_name", "name"], ["l", None], [None, "x"]],
            },
            "lacks its list name",
        ),
    ],
)
def test_broken_forms_raise_input_errors_naming_the_place(
    tmp_path: Path, sheets: dict, problem: str
) -> None:
    path = write_workbook(tmp_path / "broken.xlsx", sheets)
    with pytest.raises(InputError, match=problem) as raised:
        read_xlsform(path)
    assert str(path) in str(raised.value)


def test_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "form.csv").write_text("type,name\n")
    with pytest.raises(InputError, match="not an XLSForm workbook"):
        read_xlsform(tmp_path / "form.csv")


def test_pyxform_validation_is_reported_not_fatal(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bad.xlsx",
        {
            "survey": [["type", "name", "label"], ["select_one missing", "q", "Q"]],
            "choices": [["list_name", "name", "label"], ["other", "a", "A"]],
        },
    )
    messages = validation_messages(path)
    assert any("missing" in m for m in messages)
    assert any("not on the choices sheet" in n for n in read_xlsform(path).notes)


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("name", "lang", "question", "expected"),
    [
        ("buildings.xls", "ne", "category", "यो कस्तो प्रकारको भवन हो?"),
        ("buildings.xls", "sw", "category", "Jengo hili ni la aina gani?"),
        ("health.xls", "sw", "healthcare_type", "Jengo hili ni la aina gani?"),
        ("thamel.xls", "sw", "building", None),
    ],
)
def test_hot_forms_give_labels_in_nepali_and_swahili(
    name: str, lang: str, question: str, expected: str | None
) -> None:
    form = read_xlsform(realdata("hotosm-xlsforms", name))
    assert lang in form.languages
    if expected is not None:
        label = form.question_label(question, lang)
        assert (label.text, label.fallback) == (expected, False)


@pytest.mark.realdata
def test_hot_forms_quirks() -> None:
    buildings = read_xlsform(realdata("hotosm-xlsforms", "buildings.xls"))
    assert "building:material" in buildings.choices
    material = buildings.choices["building:material"][0]
    assert buildings.choice_label("building:material", material.name, "ne").fallback is False
    assert buildings.version and buildings.version.startswith("2024-12-25")
    health = read_xlsform(realdata("hotosm-xlsforms", "health.xls"))
    doctors = health.choice_label("amenity", "doctors", "sw")
    assert (doctors.text, doctors.fallback) == ("Doctors", True)  # choices only have 'label'
    thamel = read_xlsform(realdata("hotosm-xlsforms", "thamel.xls"))  # 'list name', Swahili(swa)
    assert "sw" in thamel.languages and thamel.choices
    swahili_choices = [c for items in thamel.choices.values() for c in items if "sw" in c.labels]
    assert len(swahili_choices) > 100


@pytest.mark.realdata
def test_reach_form_parses_with_repeats_and_french() -> None:
    form = read_xlsform(realdata("reach-msna-2024", "REACH_2024_MSNA-kobo-tool_draft_v11.xlsx"))
    assert form.languages == ("en", "fr")
    assert {"roster", "edu_ind", "health_ind", "nut_ind"} <= set(form.repeats)
    assert form.question("wgq_vision").repeat == "roster"
    assert form.choice_label("l_gender", "female", "fr").text == "Féminin / femme"
    assert len(form.fields) > 200
