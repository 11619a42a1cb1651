"""Breakdown groups (sex, age, disability, location ...) built from the form, as survey.yaml says.

Each group becomes a column ``__group_<key>`` in the table of the unit it describes (the main
record, or a repeat such as a household roster), so every analysis at that unit or below it
can be broken down by it. A group is one of:

* a select_one question (or an extra column of the export): its choice names are the categories;
* a numeric question with ``bins``: age 15-24, 25-44, ..., 65+;
* a question in a repeat with ``where`` (e.g. the sex of the member whose relation is head):
  it describes the repeat's parent, taking the first member that matches;
* ``washington_group``: disability status by the Washington Group Short Set.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from lnob.errors import InputError
from lnob.i18n import wording
from lnob.survey.config import GroupSpec, SurveyConfig
from lnob.survey.dataset import SurveyData
from lnob.survey.languages import NO_LANGUAGE
from lnob.survey.submissions import MAIN, PARENT, ROW
from lnob.survey.washington import WITH, WITHOUT, disability_status, find_washington_group
from lnob.yamlio import did_you_mean, line_in

Text = Mapping[str, str]
GROUP_PREFIX = "__group_"


@dataclass(frozen=True)
class GroupDefinition:
    """A breakdown: where its column lives, its categories in order, and how to label them."""

    key: str
    unit: str
    categories: tuple[str, ...]
    name: Text
    list_name: str | None = None  # categories labelled from this choice list of the form
    static_labels: Mapping[str, Text] = dataclasses.field(default_factory=dict)
    source: str = ""

    @property
    def column(self) -> str:
        return GROUP_PREFIX + self.key


def _bins(
    values: pd.Series, edges: tuple[float, ...]
) -> tuple[pd.Series, tuple[str, ...], dict[str, Text]]:
    def show(number: float) -> str:
        return str(int(number)) if float(number).is_integer() else str(number)

    names: list[str] = []
    for low, high in zip(edges, (*edges[1:], None), strict=True):
        if high is None:
            names.append(f"{show(low)}+")
        elif float(low).is_integer() and float(high).is_integer():
            names.append(f"{show(low)}-{show(high - 1)}")
        else:
            names.append(f"{show(low)}-<{show(high)}")
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(float)
    index = np.searchsorted(np.asarray(edges), numbers, side="right") - 1
    out = pd.Series(
        [
            names[i] if not np.isnan(v) and i >= 0 else None
            for i, v in zip(index, numbers, strict=True)
        ],
        index=values.index,
        dtype=object,
    )
    labels: dict[str, Text] = {
        n: MappingProxyType({NO_LANGUAGE: n.replace("-", "–")}) for n in names
    }
    return out, tuple(names), labels


def _fail(
    config: SurveyConfig,
    spec: GroupSpec,
    problem: str,
    expected: str | None = None,
    found: object = None,
) -> InputError:
    return InputError(
        config.path,
        problem,
        column=f"groups.{spec.key}",
        expected=expected,
        found=found,
        hint="See docs/formats/survey.md, 'groups'",
    )


def question_not_read(data: SurveyData, question: str, keys: list[str | int]) -> InputError:
    """survey.yaml names a question (at `keys`) that is in no table read: not in the form, or
    in the form but not in the export. The message says which, in the author's files."""
    config, form = data.config, data.form
    exported = [
        m.where for m in data.mismatches if m.kind == "unknown_column" and m.column == question
    ]
    names = [q.name for q in form.questions] + [c.name for c in config.extra_columns]
    what = "group question" if keys[0] == "groups" else "analysed question"
    where = ".".join(str(k) for k in keys)
    if form.question(question) is None:
        problem = f"{what} '{question}' is not a question of {config.form.name}" + (
            f" (the export {exported[0]} has a column of that name, but only the form's "
            "questions and the extra_columns of survey.yaml are read)"
            if exported
            else f", nor an extra column of survey.yaml{did_you_mean(question, names)}"
        )
        hint = (
            f"Declare the column under 'extra_columns' in survey.yaml with its type "
            f"(select_one needs a list_name), or name a question of {config.form.name}"
            if exported
            else f"Fix '{where}' in survey.yaml: write the question's name as "
            f"{config.form.name} has it (the 'name' column of its survey sheet)"
        )
        expected = f"a question of {config.form.name} or an extra column"
    else:
        problem = f"{what} '{question}' of {config.form.name} is not in the export"
        expected = f"a column of {config.export.file.name} (or of a repeat's export)"
        hint = "Export the survey again with every question, or name another question"
    return InputError(
        config.path,
        problem,
        row=line_in(config.path, keys),
        column=where,
        expected=expected,
        found=question,
        hint=hint,
    )


def _present(values: pd.Series, order: tuple[str, ...]) -> tuple[str, ...]:
    seen = set(values.dropna())
    ordered = tuple(c for c in order if c in seen)
    return ordered + tuple(sorted(str(v) for v in seen if v not in order))


def group_name(spec: GroupSpec, group_names: Mapping[str, Text] | None = None) -> Text:
    """survey.yaml's ``label``, else ``group_names[key]``, else :data:`wording.GROUP_NAMES`."""
    return spec.labels or (group_names or {}).get(spec.key) or wording.GROUP_NAMES[spec.key]


def build_groups(
    data: SurveyData, group_names: Mapping[str, Text] | None = None
) -> tuple[SurveyData, tuple[GroupDefinition, ...]]:
    """Add one ``__group_<key>`` column per survey.yaml group; return the new data and groups.

    A group's name is its survey.yaml ``label``, else ``group_names[key]`` (the shared
    taxonomy's labels, when the caller passes them), else :data:`wording.GROUP_NAMES`.
    """
    config, form = data.config, data.form
    tables = {unit: frame.copy() for unit, frame in data.tables.items()}
    groups: list[GroupDefinition] = []
    extra = {c.name: c for c in config.extra_columns}
    for spec in config.groups:
        name = group_name(spec, group_names)
        if spec.washington_group is not None:
            wg = find_washington_group(form, spec.washington_group or None)
            if wg is None:
                raise _fail(
                    config,
                    spec,
                    "the form's Washington Group questions were not found",
                    expected="six select_one questions (seeing ... communicating)",
                )
            unit = data.unit_of(wg.questions["vision"])
            if unit is None:
                raise _fail(
                    config,
                    spec,
                    "the Washington Group questions are not in the export",
                    found=sorted(wg.questions.values()),
                )
            tables[unit][GROUP_PREFIX + spec.key] = disability_status(tables[unit], wg)
            groups.append(
                GroupDefinition(
                    spec.key,
                    unit,
                    (WITH, WITHOUT),
                    name,
                    static_labels={
                        WITH: wording.WITH_DISABILITY,
                        WITHOUT: wording.WITHOUT_DISABILITY,
                    },
                    source="Washington Group Short Set: " + ", ".join(wg.questions.values()),
                )
            )
            continue
        question = spec.question or ""
        unit = data.unit_of(question)
        if unit is None:
            raise question_not_read(data, question, ["groups", spec.key, "question"])
        definition = form.question(question)
        kind = (
            extra[question].type if question in extra else (definition.type if definition else "")
        )
        list_name = (
            extra[question].list_name
            if question in extra
            else (definition.list_name if definition else None)
        )
        values = tables[unit][question]
        if spec.where:
            values, unit = _member_value(tables, data, unit, spec, config)
        if spec.bins:
            if kind not in ("integer", "decimal", "range"):
                raise _fail(config, spec, "bins need a numeric question", found=kind)
            column, categories, labels = _bins(values, spec.bins)
            groups.append(
                GroupDefinition(
                    spec.key, unit, categories, name, static_labels=labels, source=question
                )
            )
        elif kind == "select_one" or kind == "text":
            column = values
            order = form.choice_names(list_name) if list_name else ()
            groups.append(
                GroupDefinition(
                    spec.key,
                    unit,
                    _present(values, order),
                    name,
                    list_name=list_name,
                    source=question,
                )
            )
        else:
            raise _fail(
                config,
                spec,
                f"cannot break down by a '{kind}' question",
                expected="select_one, or integer/decimal with bins",
                found=question,
            )
        tables[unit][GROUP_PREFIX + spec.key] = column
    new = dataclasses.replace(data, tables=MappingProxyType(tables))
    return new, tuple(groups)


def _member_value(
    tables: dict[str, pd.DataFrame],
    data: SurveyData,
    unit: str,
    spec: GroupSpec,
    config: SurveyConfig,
) -> tuple[pd.Series, str]:
    """Value of ``spec.question`` for the first member matching ``spec.where``, per parent row."""
    if unit == MAIN:
        raise _fail(config, spec, "'where' needs a question inside a repeat", found=spec.question)
    members = tables[unit]
    match = pd.Series(True, index=members.index)
    for column, value in spec.where.items():
        if column not in members.columns:
            raise _fail(
                config, spec, f"'where' column '{column}' is not in repeat '{unit}'", found=column
            )
        match &= members[column] == value
    chosen = members.loc[match].drop_duplicates(PARENT, keep="first")
    parent = data.ancestors(unit)[0]
    by_parent = dict(zip(chosen[PARENT], chosen[spec.question or ""], strict=True))
    values = tables[parent][ROW].map(by_parent)
    return values.astype(object).where(values.notna(), None), parent
