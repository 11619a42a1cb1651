"""Turn text columns of an export into typed answers, checked against the form.

select_one values must be choice names (choice labels in any language are mapped to names and
reported); select_multiple answers are read from space-separated values or rebuilt from split
``question/option`` 0/1 columns; numbers are parsed, declared missing codes removed, simple
numeric constraints checked, and undeclared values that look like missing-value codes (99, 999,
-1, 8888 ... at an end of the range, far from the rest, or outside the form's constraint)
reported as ``undeclared_code`` (an error when the column is analysed: :mod:`lnob.survey.codes`).
Every problem becomes a :class:`~lnob.survey.mismatches.Mismatch`; nothing passes silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnob.survey.columns import ColumnRef
from lnob.survey.config import ExtraColumn
from lnob.survey.constraints import UnsupportedConstraint, numeric_constraint
from lnob.survey.mismatches import Mismatch, examples_of
from lnob.survey.nonanswers import non_answers
from lnob.survey.xlsform import FormDefinition

NUMERIC_TYPES = frozenset({"integer", "decimal", "range"})
_SELECTED = frozenset({"1", "1.0", "true", "yes"})
_LOOKS_LIKE_SENTINEL = re.compile(r"^-?(\d)\1{2,}(\.0+)?$")  # 111, 999, 9999, -999
#: Numbers questionnaires use for "don't know", "refused", "not applicable".
_CODE_LIKE = re.compile(r"^(?:([789])\1+|1{3,}|9+[78]|-\d+)$")  # 99 888 9999 111 98 -1 -99


@dataclass(frozen=True)
class FieldSpec:
    """How to read one column: the form question or a survey.yaml extra column."""

    name: str
    type: str
    list_name: str | None
    constraint: str | None


def field_specs(form: FormDefinition, extra: tuple[ExtraColumn, ...]) -> dict[str, FieldSpec]:
    specs = {q.name: FieldSpec(q.name, q.type, q.list_name, q.constraint) for q in form.fields}
    for column in extra:
        specs[column.name] = FieldSpec(column.name, column.type, column.list_name, None)
    return specs


def _label_lookup(form: FormDefinition, list_name: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in form.choices.get(list_name, ()):
        for text in choice.labels.values():
            lookup.setdefault(text.strip().casefold(), choice.name)
    return lookup


def _select_one(
    values: pd.Series, spec: FieldSpec, form: FormDefinition, where: str, out: list[Mismatch]
) -> pd.Series:
    names = set(form.choice_names(spec.list_name or ""))
    answered = values != ""
    if not names:
        return values.where(answered, None)
    outside = answered & ~values.isin(names)
    if outside.any():
        lookup = _label_lookup(form, spec.list_name or "")
        mapped = values[outside].str.strip().str.casefold().map(lookup)
        if mapped.notna().any():
            out.append(
                Mismatch(
                    "labels_as_values",
                    where,
                    spec.name,
                    int(mapped.notna().sum()),
                    examples_of(values[outside][mapped.notna()]),
                )
            )
            values = values.copy()
            values[mapped[mapped.notna()].index] = mapped[mapped.notna()]
            outside = answered & ~values.isin(names)
        if outside.any():
            out.append(
                Mismatch(
                    "value_not_in_choices",
                    where,
                    spec.name,
                    int(outside.sum()),
                    examples_of(values[outside]),
                    f"list '{spec.list_name}'",
                )
            )
    # "don't know", "refused" ...: not stated (never a group, a bar or a level)
    stated = ~values.isin(non_answers(form, spec.list_name))
    return values.where(answered & ~outside & stated, None)


def _from_split(
    options: Mapping[str, pd.Series],
    names: tuple[str, ...],
    spec: FieldSpec,
    where: str,
    out: list[Mismatch],
    absent_options: dict[str, tuple[str, ...]],
) -> tuple[pd.Series, pd.Series]:
    """Answers rebuilt from split 0/1 columns, and which rows answered (0/1 cells) without a
    visible choice: with options that have no column, those may have chosen only them."""
    absent = tuple(n for n in names if n not in options)
    if absent:  # nobody's choice of these can be seen: never a 0% with a base
        absent_options[spec.name] = absent
        out.append(
            Mismatch(
                "missing_option",
                where,
                spec.name,
                len(absent),
                absent,
                "options with no split column in the export: " + ", ".join(absent),
            )
        )
    index = next(iter(options.values())).index
    answered = pd.Series(False, index=index)
    chosen: list[list[str]] = [[] for _ in range(len(index))]
    for option, column in options.items():
        lowered = column.str.strip().str.lower()
        answered |= lowered != ""
        for position in np.flatnonzero(lowered.isin(_SELECTED).to_numpy()):
            chosen[position].append(option)
    values = pd.Series([" ".join(c) for c in chosen], index=index).where(answered, "")
    unseen = answered & (values == "") if absent else pd.Series(False, index=index)
    return values, unseen


def _select_multiple(
    values: pd.Series | None,
    options: Mapping[str, pd.Series],
    spec: FieldSpec,
    form: FormDefinition,
    where: str,
    out: list[Mismatch],
    absent_options: dict[str, tuple[str, ...]],
) -> pd.Series:
    names = form.choice_names(spec.list_name or "")
    unseen = None
    if values is None or (values == "").all():
        if not options:
            return pd.Series(None, index=values.index if values is not None else None, dtype=object)
        values, unseen = _from_split(options, names, spec, where, out, absent_options)
    answered = values != ""
    tokens = values[answered].str.split()
    unknown = [t for row in tokens for t in row if names and t not in names]
    if unknown:
        out.append(
            Mismatch(
                "value_not_in_choices",
                where,
                spec.name,
                len(unknown),
                examples_of(unknown),
                f"list '{spec.list_name}'; option dropped",
            )
        )
        allowed = set(names)
        values = values.copy()
        values[answered] = tokens.map(lambda row: " ".join(t for t in row if t in allowed))
    skip = non_answers(form, spec.list_name)
    if skip:  # a respondent who only said "don't know" did not answer
        values = values.copy()
        values[answered] = (
            values[answered].str.split().map(lambda row: " ".join(t for t in row if t not in skip))
        )
        answered = values != ""
    typed = values.where(answered, None)
    if unseen is not None and unseen.any():
        typed[unseen] = ""  # answered, with no option the export has a column for
    return typed


def code_like(numbers: pd.Series, constraint: str | None) -> pd.Series:
    """Which values look like an undeclared missing-value code.

    A value is suspect when it is written like a code (99, 999, 9999, 88, 8888, 111, 98, -1, -99)
    and either breaks the form's numeric constraint, or lies beyond every other answer at the
    top or bottom of the range and far from them (at least twice the largest other answer, or
    negative when every other answer is not).
    """
    present = numbers.dropna()
    suspect = pd.Series(False, index=numbers.index)
    if present.empty:
        return suspect
    texts = present.map(_number_text).astype(str)
    candidate = texts.str.match(_CODE_LIKE).astype(bool)
    if not candidate.any():
        return suspect
    rest = present[~candidate]
    check = None
    if constraint:
        try:
            check = numeric_constraint(constraint)
        except UnsupportedConstraint:
            check = None
    for value in sorted(set(present[candidate])):
        outside = check is not None and not bool(check(np.array([value]))[0])
        if rest.empty:
            far = False
        elif value > 0:
            far = value > rest.max() and value >= 2 * max(rest.max(), 1)
        else:
            far = value < rest.min() and rest.min() >= 0
        if outside or far:
            suspect |= numbers == value
    return suspect


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _numeric(
    values: pd.Series,
    spec: FieldSpec,
    missing_codes: tuple[str, ...],
    where: str,
    out: list[Mismatch],
    keep: bool = False,
) -> pd.Series:
    answered = values.str.strip() != ""
    numbers = pd.to_numeric(values.where(answered, None), errors="coerce").astype(float)
    raw_numbers = numbers
    not_number = answered & numbers.isna()
    if not_number.any():
        out.append(
            Mismatch(
                "not_a_number",
                where,
                spec.name,
                int(not_number.sum()),
                examples_of(values[not_number]),
            )
        )
    codes = {float(c) for c in missing_codes if _is_number(c)}
    sentinel = numbers.isin(codes)
    suspect = pd.Series(False, index=numbers.index)
    if not keep:
        suspect = code_like(numbers.mask(sentinel), spec.constraint)
    if sentinel.any():
        out.append(
            Mismatch(
                "sentinel_code",
                where,
                spec.name,
                int(sentinel.sum()),
                examples_of(values[sentinel]),
            )
        )
        numbers = numbers.mask(sentinel)
    if spec.constraint:
        try:
            check = numeric_constraint(spec.constraint)
        except UnsupportedConstraint:
            check = None
        if check is not None:
            present = numbers.notna()
            ok = pd.Series(True, index=numbers.index)
            ok[present] = check(numbers[present].to_numpy())
            broken = present & ~ok
            if broken.any():
                out.append(
                    Mismatch(
                        "constraint_violation",
                        where,
                        spec.name,
                        int(broken.sum()),
                        examples_of(values[broken]),
                        f"constraint {spec.constraint}",
                    )
                )
                numbers = numbers.mask(broken)
    if suspect.any():
        out.append(
            Mismatch(
                "undeclared_code",
                where,
                spec.name,
                int(suspect.sum()),
                tuple(_number_text(v) for v in sorted(set(raw_numbers[suspect]))),
                "declare them under missing_codes in survey.yaml, or say keep",
            )
        )
    looks = numbers.notna() & ~suspect & values.str.strip().str.match(_LOOKS_LIKE_SENTINEL)
    if looks.any() and not keep:
        out.append(
            Mismatch(
                "possible_sentinel",
                where,
                spec.name,
                int(looks.sum()),
                examples_of(values[looks]),
                "declare it under missing_codes in survey.yaml if it means missing",
            )
        )
    return numbers


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def typed_table(
    frame: pd.DataFrame,
    refs: Mapping[str, ColumnRef],
    specs: Mapping[str, FieldSpec],
    form: FormDefinition,
    missing_codes: Mapping[str, tuple[str, ...]],
    where: str,
    keep: tuple[str, ...],
    real_values: frozenset[str] = frozenset(),
    absent_options: dict[str, tuple[str, ...]] | None = None,
) -> tuple[pd.DataFrame, list[Mismatch]]:
    """Typed answers of one table; ``keep`` columns (links, design) pass through unchanged.

    ``absent_options`` receives, per select_multiple read from split 0/1 columns, the options
    of its list that have no column in the export (their answers cannot be seen).
    """
    absent = {} if absent_options is None else absent_options
    out: list[Mismatch] = []
    columns: dict[str, pd.Series] = {c: frame[c] for c in keep if c in frame.columns}
    options: dict[str, dict[str, pd.Series]] = {}
    plain: dict[str, pd.Series] = {}
    for header, ref in refs.items():
        if ref.kind == "option" and ref.question and ref.option is not None:
            options.setdefault(ref.question, {})[ref.option] = frame[header]
        elif ref.kind == "field" and ref.question:
            plain.setdefault(ref.question, frame[header])
        else:
            non_blank = int((frame[header] != "").sum())
            out.append(
                Mismatch(
                    "unknown_column",
                    where,
                    header,
                    non_blank,
                    (),
                    "values not shown: the column may hold personal data",
                )
            )
    unchecked: list[str] = []
    for name in [*plain, *(q for q in options if q not in plain)]:
        spec = specs[name]
        values = plain.get(name)
        if spec.type == "select_one":
            columns[name] = _select_one(
                values if values is not None else pd.Series("", index=frame.index),
                spec,
                form,
                where,
                out,
            )
        elif spec.type == "select_multiple":
            columns[name] = _select_multiple(
                values, options.get(name, {}), spec, form, where, out, absent
            )
        elif spec.type in NUMERIC_TYPES and values is not None:
            codes = (*missing_codes.get(name, ()), *missing_codes.get("*", ()))
            columns[name] = _numeric(values, spec, codes, where, out, name in real_values)
        elif values is not None:
            columns[name] = values.where(values != "", None)
        if spec.constraint and spec.type not in NUMERIC_TYPES:
            unchecked.append(name)
        elif spec.constraint:
            try:
                numeric_constraint(spec.constraint)
            except UnsupportedConstraint:
                unchecked.append(name)
    if unchecked:
        out.append(
            Mismatch(
                "constraint_not_checked",
                where,
                None,
                len(unchecked),
                tuple(unchecked),
                "questions whose constraints were not checked",
            )
        )
    return pd.DataFrame(columns, index=frame.index), out
