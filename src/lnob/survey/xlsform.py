"""Read an XLSForm (.xlsx, or legacy .xls) into a typed form definition with labels per language.

The workbook is read with pyxform's own sheet readers (openpyxl for .xlsx, xlrd for .xls), so
cells come out exactly as pyxform sees them. On top of that this module copes with the forms
met in practice: label columns in any spelling (``label::English (en)``, ``label::english``,
bare ``label``), ``list name`` vs ``list_name``, blank rows, extra columns before ``type``,
choice list names with ``:``, ``begin group`` vs ``begin_group``. pyxform's conversion is run
separately (:func:`validation_messages`) and its complaints are reported, never fatal: real
forms often have small defects that do not stop their data from being read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pyxform.errors import PyXFormError, PyXFormReadError
from pyxform.xls2json_backends import xls_to_dict, xlsx_to_dict

from lnob.errors import InputError, check_size
from lnob.survey.formtext import Words, english_words, reader_label
from lnob.survey.languages import LocalText, language_key

#: Question types whose answers are stored in the export (groups, notes and markers are not).
_GROUP_TYPES = {"begin_group", "end_group", "begin_repeat", "end_repeat"}
_NO_DATA_TYPES = _GROUP_TYPES | {"note"}
_SELECT_ALIASES = {"select one": "select_one", "select all that apply": "select_multiple"}


@dataclass(frozen=True)
class Choice:
    list_name: str
    name: str
    labels: Mapping[str, str]
    row: int


@dataclass(frozen=True)
class Question:
    """One row of the survey sheet that carries data (or a group/repeat marker)."""

    name: str
    type: str
    list_name: str | None
    labels: Mapping[str, str]
    path: tuple[str, ...]
    repeat: str | None
    row: int
    relevant: str | None = None
    constraint: str | None = None
    calculation: str | None = None

    @property
    def stores_data(self) -> bool:
        return self.type not in _NO_DATA_TYPES


@dataclass(frozen=True)
class Repeat:
    name: str
    parent: str | None
    labels: Mapping[str, str]
    row: int
    #: the repeat_count expression (``${hh_size}``): repeats with the same count under the same
    #: parent hold the same people (a roster split over several sheets)
    count: str | None = None


@dataclass(frozen=True)
class FormDefinition:
    """What the analysis needs from an XLSForm; built by :func:`read_xlsform`."""

    path: Path
    form_id: str | None
    title: str | None
    version: str | None
    default_language: str
    languages: tuple[str, ...]
    questions: tuple[Question, ...]
    repeats: Mapping[str, Repeat]
    choices: Mapping[str, tuple[Choice, ...]]
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        by_name: dict[str, Question] = {}
        for question in self.questions:
            by_name.setdefault(question.name, question)
        object.__setattr__(self, "_by_name", MappingProxyType(by_name))

    @property
    def fields(self) -> tuple[Question, ...]:
        """Questions that store a value in the export (first definition of each name)."""
        return tuple(q for q in self._by_name.values() if q.stores_data)  # type: ignore[attr-defined]

    def question(self, name: str) -> Question | None:
        return self._by_name.get(name)  # type: ignore[attr-defined, no-any-return]

    def choice_names(self, list_name: str) -> tuple[str, ...]:
        return tuple(choice.name for choice in self.choices.get(list_name, ()))

    def label(
        self, labels: Mapping[str, str], lang: str, default: str, words: Words = english_words
    ) -> LocalText:
        """``labels`` in ``lang`` as a reader may see it (:mod:`lnob.survey.formtext`); else
        the form's default language, then any other (flagged); else ``default``."""
        defaults = [self.default_language, *self.languages]
        found = reader_label(labels, lang, defaults, self._by_name, words)  # type: ignore[attr-defined]
        return found or LocalText(default, "und", fallback=True)

    def question_label(self, name: str, lang: str, words: Words = english_words) -> LocalText:
        """The question's label for readers; "" (flagged) when the form has none: a column
        name never stands in for a label."""
        question = self.question(name)
        return self.label(question.labels if question else {}, lang, "", words)

    def choice_label(
        self, list_name: str, choice: str, lang: str, words: Words = english_words
    ) -> LocalText:
        for item in self.choices.get(list_name, ()):
            if item.name == choice:
                return self.label(item.labels, lang, choice, words)
        return LocalText(choice, "und", fallback=True)

    def require_choice_labels(self, list_name: str, names: Iterable[str]) -> None:
        """InputError for the first of ``names`` in the list that has no label a reader can
        see in any language of the form: a choice code is never printed in its place."""
        wanted = set(names)
        for item in self.choices.get(list_name, ()):
            if item.name in wanted and not self.label(item.labels, self.default_language, "").text:
                raise InputError(
                    self.path,
                    f"the choice '{item.name}' of the list '{list_name}' has no label a reader "
                    "can see",
                    sheet="choices",
                    row=item.row,
                    column="label",
                    expected="a label in some language of the form",
                    found=dict(item.labels) or "no label",
                    hint="Give the choice a label in the form; a choice code is never shown "
                    "to readers",
                )


def _read_workbook(path: Path) -> dict[str, Any]:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xls", ".xlsm"):
        raise InputError(
            path,
            "not an XLSForm workbook",
            expected="a .xlsx or .xls file",
            found=path.suffix,
            hint="Download the form from KoboToolbox or ODK Central as XLSForm (Excel)",
        )
    if not path.is_file():
        raise InputError(path, "form file not found", hint="Check the 'form' entry in survey.yaml")
    check_size(path, "form")
    reader = xls_to_dict if suffix == ".xls" else xlsx_to_dict
    try:
        return reader(str(path))  # type: ignore[no-any-return]
    except (PyXFormReadError, PyXFormError) as err:
        raise InputError(
            path,
            "the workbook cannot be read as an XLSForm",
            found=str(err),
            hint="Open it in a spreadsheet program and save it again as .xlsx",
        ) from err


def _column_key(header: str) -> str:
    """Normalise the structural part of a header: ``list name`` -> ``list_name``."""
    head, sep, rest = header.partition("::")
    head = re.sub(r"\s+", "_", head.strip().lower())
    return f"{head}::{rest.strip()}" if sep else head


def _normalised_rows(rows: list[dict[str, str]]) -> list[tuple[int, dict[str, str]]]:
    """(sheet row number, row with normalised keys), skipping blank rows."""
    out = []
    for index, row in enumerate(rows):
        cleaned = {_column_key(k): v.strip() for k, v in row.items() if v and v.strip()}
        if cleaned:
            out.append((index + 2, cleaned))
    return out


def _labels(row: dict[str, str], bare_language: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for key, value in row.items():
        if key == "label":
            labels.setdefault(bare_language, value)
        elif key.startswith("label::"):
            labels[language_key(key.removeprefix("label::"))] = value
    return labels


def _declared_languages(*sheets: list[tuple[int, dict[str, str]]]) -> list[str]:
    found: list[str] = []
    for rows in sheets:
        for _, row in rows:
            for key in row:
                if key.startswith("label::"):
                    tag = language_key(key.removeprefix("label::"))
                    if tag not in found:
                        found.append(tag)
    return found


def _parse_type(raw: str) -> tuple[str, str | None]:
    """``select_one yes_no or_other`` -> (``select_one``, ``yes_no``); ``begin group`` ->
    ``begin_group``."""
    text = re.sub(r"\s+", " ", raw.strip())
    lowered = text.lower()
    for alias, canonical in _SELECT_ALIASES.items():
        if lowered.startswith(alias + " "):
            text = canonical + text[len(alias) :]
            lowered = text.lower()
    parts = text.split(" ")
    base = parts[0].lower()
    if base in ("begin", "end") and len(parts) > 1:
        return f"{base}_{parts[1].lower()}", None
    if base in ("select_one", "select_multiple", "rank") and len(parts) > 1:
        return base, parts[1]
    return base, None


def read_xlsform(path: Path, default_language: str | None = None) -> FormDefinition:
    """Read an XLSForm; ``default_language`` names the language of bare ``label`` columns.

    The language of a bare ``label`` column is taken from the ``default_language`` setting of
    the form, then from the argument (survey.yaml ``form_language``), then from the first
    ``label::<language>`` column; ``und`` (undetermined) when none of these exist.
    """
    book = _read_workbook(path)
    if "survey" not in book:
        raise InputError(
            path,
            "the workbook has no 'survey' sheet",
            expected="sheets survey, choices, settings",
            found=book.get("sheet_names"),
            hint="Is this really an XLSForm?",
        )
    survey_rows = _normalised_rows(book["survey"])
    choice_rows = _normalised_rows(book.get("choices", []))
    settings_rows = _normalised_rows(book.get("settings", []))
    settings = settings_rows[0][1] if settings_rows else {}
    declared = _declared_languages(survey_rows, choice_rows)
    setting_language = settings.get("default_language")
    bare = (
        language_key(setting_language)
        if setting_language
        else default_language or (declared[0] if declared else "und")
    )
    has_bare = any("label" in row for _, row in [*survey_rows, *choice_rows])
    languages = tuple(dict.fromkeys([*declared, *([bare] if has_bare else [])]))
    header_keys = {_column_key(k) for k in (book.get("survey_header") or [{}])[0]}
    if "type" not in header_keys or "name" not in header_keys:
        raise InputError(
            path,
            "the survey sheet lacks a 'type' or 'name' column",
            sheet="survey",
            row=1,
            expected="columns 'type' and 'name'",
            found=sorted(header_keys),
        )
    questions, repeats, notes = _read_survey(survey_rows, bare)
    choices = _read_choices(path, choice_rows, bare)
    for question in questions:
        if question.list_name and question.list_name not in choices:
            notes.append(
                f"survey row {question.row}: list '{question.list_name}' of '{question.name}' "
                "is not on the choices sheet"
            )
    return FormDefinition(
        path=path,
        form_id=settings.get("form_id") or settings.get("id_string"),
        title=settings.get("form_title") or settings.get("title"),
        version=settings.get("version"),
        default_language=bare,
        languages=languages,
        questions=tuple(questions),
        repeats=MappingProxyType(repeats),
        choices=MappingProxyType(choices),
        notes=tuple(notes),
    )


def _read_survey(
    rows: list[tuple[int, dict[str, str]]], bare: str
) -> tuple[list[Question], dict[str, Repeat], list[str]]:
    questions: list[Question] = []
    repeats: dict[str, Repeat] = {}
    notes: list[str] = []
    stack: list[tuple[str, str]] = []  # (kind, name) of open groups and repeats
    seen: set[tuple[tuple[str, ...], str]] = set()
    for row_number, row in rows:
        if "type" not in row:
            notes.append(f"survey row {row_number}: no type, row ignored")
            continue
        kind, list_name = _parse_type(row["type"])
        if kind in ("end_group", "end_repeat"):
            if stack:
                stack.pop()
            else:
                notes.append(f"survey row {row_number}: '{row['type']}' closes nothing")
            continue
        name = row.get("name")
        if not name:
            notes.append(f"survey row {row_number}: type '{row['type']}' has no name, row ignored")
            continue
        path = tuple(n for _, n in stack)
        enclosing_repeats = [n for k, n in stack if k == "repeat"]
        repeat = enclosing_repeats[-1] if enclosing_repeats else None
        if (path, name) in seen:
            notes.append(f"survey row {row_number}: duplicate name '{name}'; the first one is used")
        seen.add((path, name))
        labels = _labels(row, bare)
        if kind == "begin_repeat":
            count = re.sub(r"\s+", "", row.get("repeat_count", "")) or None
            repeats.setdefault(
                name, Repeat(name, repeat, MappingProxyType(labels), row_number, count)
            )
        questions.append(
            Question(
                name=name,
                type=kind,
                list_name=list_name,
                labels=MappingProxyType(labels),
                path=path,
                repeat=repeat,
                row=row_number,
                relevant=row.get("relevant"),
                constraint=row.get("constraint"),
                calculation=row.get("calculation"),
            )
        )
        if kind in ("begin_group", "begin_repeat"):
            stack.append(("repeat" if kind == "begin_repeat" else "group", name))
    if stack:
        notes.append(f"survey sheet: {len(stack)} group(s) or repeat(s) never closed")
    return questions, repeats, notes


def _read_choices(
    path: Path, rows: list[tuple[int, dict[str, str]]], bare: str
) -> dict[str, tuple[Choice, ...]]:
    lists: dict[str, list[Choice]] = {}
    for row_number, row in rows:
        list_name = row.get("list_name")
        name = row.get("name") or row.get("value")
        if not list_name and not name:
            continue
        if not list_name or name is None:
            raise InputError(
                path,
                "a choice row lacks its list name or choice name",
                sheet="choices",
                row=row_number,
                expected="both 'list_name' and 'name'",
                found=row,
            )
        labels = MappingProxyType(_labels(row, bare))
        lists.setdefault(list_name, []).append(Choice(list_name, name, labels, row_number))
    return {key: tuple(value) for key, value in lists.items()}


def check_for_analysis(form: FormDefinition, used: Iterable[str]) -> None:
    """InputError for the defects that make a form's answers impossible or ambiguous to
    analyse: a select question whose list is not on the choices sheet, and a name used twice
    in one group when survey.yaml analyses, groups or weights by that name (``used``).

    :func:`read_xlsform` itself only notes them (forms are read as they come, and a duplicate
    that nothing analyses stays a reported form defect); a survey that a document publishes
    must be fixed first.
    """
    analysed = {name.rsplit("/", 1)[-1] for name in used}
    seen: dict[tuple[tuple[str, ...], str], int] = {}
    for question in form.questions:
        key = (question.path, question.name)
        if key in seen and question.name in analysed:
            raise InputError(
                form.path,
                f"the name '{question.name}' is used twice",
                sheet="survey",
                row=question.row,
                column="name",
                expected=f"a name not used before in its group (row {seen[key]} has it)",
                found=question.name,
                hint="Rename one of the two questions in the form, deploy it again and "
                "download a new export",
            )
        seen.setdefault(key, question.row)
        if question.list_name and question.list_name not in form.choices:
            known = ", ".join(sorted(form.choices)) or "none"
            raise InputError(
                form.path,
                f"question '{question.name}' uses the choice list '{question.list_name}', "
                "which is not on the choices sheet",
                sheet="survey",
                row=question.row,
                column="type",
                expected=f"a list_name of the choices sheet ({known})",
                found=question.list_name,
                hint="Fix the list name in the question's type, or add the list to the "
                "choices sheet",
            )


def validation_messages(path: Path) -> tuple[str, ...]:
    """pyxform's warnings and error for the form, as text (empty when it converts cleanly)."""
    from pyxform.xls2xform import convert

    try:
        result = convert(xlsform=str(path), validate=False, pretty_print=False)
    except (PyXFormError, PyXFormReadError) as err:
        return (f"pyxform: {err}",)
    return tuple(f"pyxform warning: {w}" for w in result.warnings)
