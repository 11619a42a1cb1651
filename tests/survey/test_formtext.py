"""Form text a reader sees: no ${field} references, no enumerator instructions, no column names.

The real forms of shared/realdata are read unchanged; every label a research report could print
(the label of each question that stores data and of each of its choices, in every language of
the form) is scanned.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import pytest

from lnob.i18n import load_languages
from lnob.survey.formtext import (
    REMOVED,
    THIS_PERSON,
    catalogue_words,
    reader_label,
    reader_text,
    referenced_kind,
)
from lnob.survey.xlsform import FormDefinition, Question, read_xlsform

from .conftest import ROOT, realdata

LANGUAGES = ("bn", "hi", "ne", "sw", "vi", "fr", "es", "ar", "ur")


def _q(name: str, type_: str, calculation: str | None = None) -> Question:
    return Question(name, type_, None, MappingProxyType({}), (), None, 2, calculation=calculation)


QUESTIONS = {
    "name": _q("name", "text"),
    "age": _q("age", "integer"),
    "member": _q("member", "calculate", "indexed-repeat(${name}, ${roster}, ${pos})"),
    "pos": _q("pos", "calculate", "position(..)"),
}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Does ${name} have a disability?", "Does this person have a disability?"),
        ("Has ${member} been sick?", "Has this person been sick?"),
        (
            "You said you are ${age} years old. Is that right?",
            "You said you are … years old. Is that right?",
        ),
        ("[OBSERVE] What is the sex of ${name}?", "What is the sex of this person?"),
        ("ENUMERATOR: read all options\nWhere do you get water?", "Where do you get water?"),
        ("Where do you get water?\nEnumerator: do not read the options", "Where do you get water?"),
        ("How old is ${name} (in YEARS)?", "How old is this person (in YEARS)?"),
        ("Is [Individual #${pos} - age ${age}] available?", "Is … available?"),
        ("Is [Individual ${member}, age ${age}] available?", "Is this person available?"),
        ("Do you have a latrine? (READ OUT)", "Do you have a latrine?"),
        ("Water (piped) into the dwelling", "Water (piped) into the dwelling"),
        ("${name}", ""),
        ("[INTRODUCE YOURSELF]", ""),
    ],
)
def test_reader_text(label: str, expected: str) -> None:
    assert reader_text(label, "en", QUESTIONS) == expected


def test_neutral_words_are_in_the_language_of_the_label() -> None:
    words = {"fr": "cette personne"}
    text = reader_text(
        "Est-ce que ${name} vit ici ?", "fr", QUESTIONS, lambda m, lang: words.get(lang)
    )
    assert text == "Est-ce que cette personne vit ici ?"


def test_without_a_translation_the_reference_is_removed_not_put_in_english() -> None:
    assert reader_text("Est-ce que ${name} vit ici ?", "fr", QUESTIONS) == "Est-ce que … vit ici ?"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("name", "person"),
        ("member", "person"),
        ("age", "value"),
        ("pos", "value"),
        ("gone", "value"),
    ],
)
def test_referenced_kind_follows_copies(name: str, kind: str) -> None:
    assert referenced_kind(name, QUESTIONS) == kind


def test_an_empty_label_falls_back_to_the_default_language_never_the_name() -> None:
    labels = {"fr": "[OBSERVEZ]", "en": "Sex of ${name}"}
    found = reader_label(labels, "fr", ["en"], QUESTIONS)
    assert found is not None and (found.text, found.language, found.fallback) == (
        "Sex of this person",
        "en",
        True,
    )
    assert reader_label({"en": "${name}"}, "fr", ["en"], QUESTIONS) is None


def test_the_neutral_words_are_translated_in_every_language_of_the_project() -> None:
    words = catalogue_words(ROOT / "locale")
    assert words(THIS_PERSON, "en") == "this person"
    missing = [lang for lang in LANGUAGES if not words(THIS_PERSON, lang)]
    assert missing == []
    assert set(LANGUAGES) <= set(load_languages(ROOT / "data" / "languages.yaml"))


# --- real forms -------------------------------------------------------------------------------

REAL_FORMS = [
    ("hotosm-xlsforms", "health.xls"),
    ("hotosm-xlsforms", "buildings.xls"),
    ("hotosm-xlsforms", "thamel.xls"),
    ("reach-msna-2024", "REACH_2024_MSNA-kobo-tool_draft_v11.xlsx"),
    ("kenya-nairobi-wash-survey", "Nairobi_2021.xls"),
    ("kenya-nairobi-wash-survey", "Abidjan_2022.xls"),
]
_CAPITALS = re.compile(r"[\[(][^\]\[()a-z]*[A-Z]{2}[^\]\[()a-z]*[\])]")
_INSTRUCTION = re.compile(r"^\s*(ENUMERATOR|INTERVIEWER|ENQU[EÊ]TEUR)\s*:", re.I | re.M)


def _printed(form: FormDefinition, lang: str) -> list[tuple[str, str]]:
    """(where, text) of every label the research report could print for ``lang``."""
    words = catalogue_words(ROOT / "locale")
    out = []
    for q in form.fields:
        out.append((f"question {q.name}", form.question_label(q.name, lang, words).text))
        for choice in form.choices.get(q.list_name or "", ()):
            label = form.choice_label(q.list_name or "", choice.name, lang, words)
            out.append((f"choice {q.list_name}/{choice.name}", label.text))
    return out


@pytest.mark.realdata
@pytest.mark.parametrize(("folder", "file"), REAL_FORMS)
def test_no_reference_or_instruction_in_any_label_of_a_real_form(folder: str, file: str) -> None:
    form = read_xlsform(realdata(folder, file), default_language="en")
    raw = [t for q in form.fields for t in q.labels.values()]
    for lang in {*form.languages, "en", *LANGUAGES}:
        for where, text in _printed(form, lang):
            assert "${" not in text, (file, lang, where, text)
            assert not _INSTRUCTION.search(text), (file, lang, where, text)
            assert not _CAPITALS.search(text), (file, lang, where, text)
    if folder != "hotosm-xlsforms":  # these forms do have references and instructions
        assert any("${" in t for t in raw)


@pytest.mark.realdata
@pytest.mark.parametrize(("folder", "file"), REAL_FORMS)
def test_a_question_with_a_label_never_shows_its_column_name(folder: str, file: str) -> None:
    form = read_xlsform(realdata(folder, file), default_language="en")
    words = catalogue_words(ROOT / "locale")
    for q in form.fields:
        if not any(reader_text(t, k, {}) for k, t in q.labels.items()):
            continue  # no label at all (start, end, calculate): analysing it needs a label
        for lang in {*form.languages, *LANGUAGES}:
            shown = form.question_label(q.name, lang, words)
            assert shown.text and shown.text != q.name, (file, lang, q.name)
            assert lang in form.languages or shown.fallback


@pytest.mark.realdata
def test_real_roster_labels_read_as_this_person_in_french() -> None:
    form = read_xlsform(realdata("kenya-nairobi-wash-survey", "Abidjan_2022.xls"), "fr")
    words = catalogue_words(ROOT / "locale")
    assert form.question_label("Lives_Here", "fr", words).text == (
        "Est-ce que cette personne vit habituellement ici ?"
    )
    sex = form.question_label("Sex", "fr", words).text
    assert sex == "Quel est le sexe de cette personne ?" and "OBSERVEZ" not in sex
    assert REMOVED not in form.question_label("Diarrhoea", "fr", words).text


def test_form_words_follow_only_their_own_translations(tmp_path: Path) -> None:
    """The execute key holds the neutral words' translations, not the whole catalogue: a fix
    of another string only re-renders, a fix of "this person" runs the notebook again."""
    from lnob.survey.formtext import form_words

    po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    source = (ROOT / "locale" / "fr" / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    po.write_text(source, "utf-8")
    before = form_words(tmp_path / "locale", "fr")
    assert before == {THIS_PERSON: "cette personne"}
    assert form_words(tmp_path / "locale", "sw") == {}  # only the document's own catalogue
    po.write_text(source.replace('msgstr "Total"', 'msgstr "Total général"', 1), "utf-8")
    assert form_words(tmp_path / "locale", "fr") == before
    po.write_text(source.replace('"cette personne"', '"la personne"'), "utf-8")
    assert form_words(tmp_path / "locale", "fr") == {THIS_PERSON: "la personne"}
    words = catalogue_words(tmp_path / "locale")
    assert words(THIS_PERSON, "fr") == "la personne"


def test_an_analysed_extra_column_without_a_label_is_refused(write_survey) -> None:
    """A column survey.yaml adds (extra_columns) and analyses needs words for readers."""
    from lnob.errors import InputError
    from lnob.survey import analyse_survey

    from .conftest import kobo_rows, small_config

    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    config = small_config(
        extra_columns={"size": {"type": "integer"}},
        analyses=[{"question": "size", "indicator": "household_size"}],
    )
    folder = write_survey(config, {"export.csv": main, "roster.csv": roster})
    with pytest.raises(InputError, match="extra_columns has no label") as caught:
        analyse_survey(folder, "en")
    assert "survey.yaml" in str(caught.value)
