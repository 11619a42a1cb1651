"""Read one survey folder into typed, de-identified tables: the single door to the raw data.

:func:`read_survey_data` reads survey.yaml, the XLSForm and the export, links repeat rows to
their parents, keeps the survey.yaml subset, drops identifying columns (they never leave this
function), and types and checks every remaining column against the form.
:func:`identifying_values` is its mirror for tests: the raw values of the identifying columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from lnob.errors import InputError
from lnob.survey.answers import check_named_answers
from lnob.survey.codes import check_codes
from lnob.survey.columns import resolve_column
from lnob.survey.config import SurveyConfig, load_survey_config
from lnob.survey.fieldwork import Fieldwork, fieldwork
from lnob.survey.harmonise import field_specs, typed_table
from lnob.survey.mismatches import Mismatch
from lnob.survey.privacy import DroppedColumn, identifying_columns, planted_values, split_columns
from lnob.survey.submissions import MAIN, PARENT, ROW, RawTable, read_export
from lnob.survey.xlsform import (
    FormDefinition,
    check_for_analysis,
    read_xlsform,
    validation_messages,
)

MAIN_ROW = "__main_row"


@dataclass(frozen=True)
class SurveyData:
    """Typed answers per unit (``main`` and each repeat), with no identifying column."""

    config: SurveyConfig
    form: FormDefinition
    tables: Mapping[str, pd.DataFrame]
    parents: Mapping[str, str | None]
    mismatches: tuple[Mismatch, ...]
    dropped: tuple[DroppedColumn, ...]
    files: tuple[Path, ...]
    #: select_multiple question -> options of its list with no split column in the export:
    #: nobody's choice of them can be seen, so they are never estimated (not a 0%).
    absent_options: Mapping[str, tuple[str, ...]]
    fieldwork: Fieldwork  # first and last interview day (lnob.survey.fieldwork)

    def unit_of(self, column: str) -> str | None:
        """The unit (``main`` or a repeat) whose table holds ``column``."""
        for unit, frame in self.tables.items():
            if column in frame.columns:
                return unit
        return None

    def ancestors(self, unit: str) -> list[str]:
        """Parent, grandparent ... up to ``main`` (a repeat whose parent was not exported is
        linked to ``main``, as the reader does)."""
        chain = []
        while unit != MAIN:
            unit = self.parents.get(unit) or MAIN
            if unit not in self.tables:
                unit = MAIN
            chain.append(unit)
        return chain

    def unit_frame(self, unit: str) -> pd.DataFrame:
        """The unit's rows with every ancestor's columns joined on (child columns win).

        ``__main_row`` names the main record (household) each row belongs to.
        """
        frame = self.tables[unit].copy()
        if unit == MAIN:
            frame[MAIN_ROW] = frame[ROW]
            return frame
        link = PARENT
        for parent in self.ancestors(unit):
            upper = self.tables[parent]
            columns = [
                c for c in upper.columns if c not in frame.columns and c not in (ROW, PARENT)
            ]
            part = upper[[ROW, *columns]].rename(columns={ROW: "__link"})
            if parent != MAIN:
                part[f"__up_{parent}"] = upper[PARENT].to_numpy()
            frame = frame.merge(part, left_on=link, right_on="__link", how="left")
            frame = frame.drop(columns="__link")
            if parent == MAIN:
                frame[MAIN_ROW] = frame[link]
            else:
                link = f"__up_{parent}"
        return frame


def _repeat_parents(form: FormDefinition) -> dict[str, str | None]:
    return {name: repeat.parent for name, repeat in form.repeats.items()}


def _apply_subset(
    tables: dict[str, RawTable], config: SurveyConfig, parents: dict[str, str | None]
) -> list[Mismatch]:
    found: list[Mismatch] = []
    main = tables[MAIN]
    keep = pd.Series(True, index=main.frame.index)
    for column, values in config.subset.items():
        if column not in main.frame.columns:
            raise InputError(
                config.path,
                f"subset column '{column}' is not in the export",
                column="subset",
                expected=f"a column of {main.where}",
                found=column,
            )
        keep &= main.frame[column].isin(values)
    if not keep.all():
        found.append(
            Mismatch(
                "outside_subset",
                main.where,
                ",".join(config.subset),
                int((~keep).sum()),
                (),
                "rows outside the subset; not read",
            )
        )
        tables[MAIN] = RawTable(MAIN, main.source, main.sheet, main.frame.loc[keep])
    for unit in parents:  # the form lists parents before their children
        if unit not in tables:
            continue
        parent = (
            tables[parents[unit] or MAIN] if (parents[unit] or MAIN) in tables else tables[MAIN]
        )
        table = tables[unit]
        linked = table.frame[PARENT].isin(parent.frame[ROW])
        if not linked.all() and config.subset:
            found.append(
                Mismatch(
                    "outside_subset",
                    table.where,
                    None,
                    int((~linked).sum()),
                    (),
                    "repeat rows of households outside the subset; not read",
                )
            )
        tables[unit] = RawTable(unit, table.source, table.sheet, table.frame.loc[linked])
    return found


def _load(
    survey_dir: Path,
) -> tuple[SurveyConfig, FormDefinition, dict[str, RawTable], list[Mismatch]]:
    config = load_survey_config(survey_dir)
    form = read_xlsform(config.form, config.form_language)
    check_for_analysis(form, _analysed_names(config))
    check_named_answers(config, form)
    parents = _repeat_parents(form)
    tables, found = read_export(config.export, parents)
    found += _apply_subset(tables, config, parents)
    return config, form, tables, found


def _analysed_names(config: SurveyConfig) -> set[str]:
    """The form names survey.yaml analyses, groups, subsets or weights by."""
    names = {a.question for a in config.analyses} | set(config.design.columns)
    names |= set(config.subset)
    for group in config.groups:
        names |= {group.question} if group.question else set()
        names |= set(group.where) | set((group.washington_group or {}).values())
    return names


def read_survey_data(survey_dir: Path) -> SurveyData:
    """Read, link, subset, de-identify and type one survey folder."""
    config, form, raw, found = _load(Path(survey_dir))
    period = fieldwork(config, form, raw[MAIN])  # before the interview times are dropped
    found += [Mismatch("form_defect", config.form.name, None, 1, (), note) for note in form.notes]
    found += [
        Mismatch("form_defect", config.form.name, None, 1, (), line)
        for message in validation_messages(config.form)
        for line in message.splitlines()
    ]
    specs = field_specs(form, config.extra_columns)
    extra = frozenset(c.name for c in config.extra_columns)
    design = config.design.columns
    tables: dict[str, pd.DataFrame] = {}
    dropped: list[DroppedColumn] = []
    sources: dict[str, tuple[Path, str | None]] = {}
    absent_options: dict[str, tuple[str, ...]] = {}
    for unit, table in raw.items():
        table = _name_design_columns(table, design, form, extra)
        links = tuple(c for c in (ROW, PARENT) if c in table.frame.columns)
        kept = links + tuple(c for c in design if c in table.frame.columns)
        missing = [c for c in design if unit == MAIN and c not in table.frame.columns]
        if missing:
            raise InputError(
                table.source,
                f"design column '{missing[0]}' named in survey.yaml is not in the export",
                sheet=table.sheet,
                row=1,
                column=missing[0],
                expected="a column of the main table",
                found=list(table.frame.columns)[:12],
                hint="Is export.file the export of this survey's form? Download it again, "
                "or fix the design names in survey.yaml",
            )
        frame, gone, refs = split_columns(
            table.frame, table.where, form, config.privacy, extra, keep=kept
        )
        dropped += gone
        typed, problems = typed_table(
            frame,
            refs,
            specs,
            form,
            config.missing_codes,
            table.where,
            kept,
            config.real_values,
            absent_options,
        )
        sources[table.where] = (table.source, table.sheet)
        for column in design:
            if column in typed.columns:
                typed[column] = _design_column(typed[column], column, config, table)
        tables[unit] = typed
        found += problems
    present = set().union(*(set(t.columns) for t in tables.values()))
    present |= {resolve_column(d.column, form, extra).question for d in dropped}
    absent = [
        q.name
        for q in form.fields
        if q.name not in present
        and q.type in ("select_one", "select_multiple", "integer", "decimal")
    ]
    if absent:
        found.append(
            Mismatch(
                "missing_column",
                config.export.file.name,
                None,
                len(absent),
                tuple(absent),
                "questions of the form with no column in the export",
            )
        )
    found = check_codes(config, found, sources)
    return SurveyData(
        config=config,
        form=form,
        tables=MappingProxyType(tables),
        parents=MappingProxyType(_repeat_parents(form)),
        mismatches=tuple(found),
        dropped=tuple(dropped),
        files=config.files(),
        absent_options=MappingProxyType(absent_options),
        fieldwork=period,
    )


def _name_design_columns(
    table: RawTable, design: tuple[str, ...], form: FormDefinition, extra: frozenset[str]
) -> RawTable:
    """Let survey.yaml name a design column by its question (``cluster_id``) even when the
    export writes it under a group path (``interview/cluster_id``)."""
    renames = {}
    for name in design:
        if name in table.frame.columns:
            continue
        for header in table.frame.columns:
            ref = resolve_column(header, form, extra)
            if ref.kind == "field" and ref.question == name:
                renames[header] = name
                break
    if not renames:
        return table
    return RawTable(table.unit, table.source, table.sheet, table.frame.rename(columns=renames))


def _design_column(
    values: pd.Series, column: str, config: SurveyConfig, table: RawTable
) -> pd.Series:
    if column != config.design.weight:
        return values.where(values != "", None)
    weights = pd.to_numeric(values, errors="coerce")
    bad = weights.isna() | (weights <= 0)
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(
            table.source,
            "sampling weight missing, not a number or not positive",
            sheet=table.sheet,
            row=int(table.frame[ROW].iloc[position]) + 2,
            column=column,
            expected="a positive number",
            found=values.iloc[position],
            hint="Every respondent needs a weight; fix the export or the weighting step",
        )
    return weights.astype(float)


def identifying_values(survey_dir: Path, min_length: int = 4) -> frozenset[str]:
    """The identifying values planted in a raw export, read from its identifying columns.

    Values shorter than ``min_length`` characters are left out: they cannot be told apart from
    ordinary numbers in an output. GPS values ``lat lon alt acc`` are also split into parts.
    """
    config, form, raw, _ = _load(Path(survey_dir))
    extra = frozenset(c.name for c in config.extra_columns)
    values: set[str] = set()
    for table in raw.values():
        columns = identifying_columns(table.frame, form, config.privacy, extra)
        values |= planted_values(table.frame, columns, min_length)
    return frozenset(values)
