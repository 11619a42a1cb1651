"""When the survey was carried out, from its own interview times.

The fieldwork period a report prints (and the year of "the survey was carried out in YEAR",
of its Open SDG and SDMX figures) is the first and the last interview day of the export: the
form's ``start``, ``end`` and ``today`` fields (their names are read from the form's types)
and the platform's submission time (``_submission_time`` of KoboToolbox, ``SubmissionDate`` of
ODK Central) when the form records none of these. A day is the date as the device wrote it
(``2024-07-11T15:11:00+0200`` is 11 July): interviews are dated where they took place.

``dates`` in survey.yaml is optional: without interview times in the export it is the only
source; with them it is checked, and an interview outside the declared period stops the
analysis with an error naming survey.yaml, the key, the declared and the found dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lnob.errors import InputError
from lnob.survey.config import SurveyConfig, line_of_key
from lnob.survey.submissions import ROW, RawTable
from lnob.survey.xlsform import FormDefinition

#: Form types whose answer is a time of the interview, in the order a start day is looked for.
START_TYPES = ("start", "today", "end")
END_TYPES = ("end", "today", "start")
#: Columns the collection platforms add with the time a submission arrived.
SUBMISSION_COLUMNS = ("_submission_time", "SubmissionDate")
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)")


@dataclass(frozen=True)
class Fieldwork:
    start: str  # ISO date of the first interview
    end: str  # ISO date of the last one
    source: str  # where they come from: "export.csv (start, end)" or "survey.yaml"


def _days(table: RawTable, column: str) -> pd.Series:
    """The interview day of each row (None where empty); InputError for a value that is not
    an ISO 8601 date or time."""
    values = table.frame[column].fillna("").astype(str).str.strip()
    days = values.str.extract(_ISO_DAY, expand=False)
    bad = values.ne("") & days.isna()
    if bad.any():
        index = bad[bad].index[0]
        row = table.frame.at[index, ROW] if ROW in table.frame.columns else index
        raise InputError(
            table.source,
            f"an interview time in column '{column}' is not a date",
            sheet=table.sheet,
            row=int(row) + 2,
            column=column,
            expected="an ISO 8601 date or time, as KoboToolbox and ODK write them "
            "(2024-07-11T15:11:00.000+02:00)",
            found=values[index],
            hint="Download the export again as CSV or XLSX without reformatting its dates",
        )
    return days.where(days.notna(), None)


def _first(table: RawTable, columns: list[str]) -> pd.Series:
    found = pd.Series([None] * len(table.frame), index=table.frame.index, dtype=object)
    for column in columns:
        found = found.where(found.notna(), _days(table, column))
    return found


def time_columns(form: FormDefinition, table: RawTable) -> tuple[list[str], list[str]]:
    """The export's columns that date each interview: (for its first day, for its last day)."""
    present = set(table.frame.columns)
    by_type = {
        t: [q.name for q in form.fields if q.type == t and q.name in present] for t in END_TYPES
    }
    starts = [n for t in START_TYPES for n in by_type[t]]
    ends = [n for t in END_TYPES for n in by_type[t]]
    if not starts:
        starts = ends = [c for c in SUBMISSION_COLUMNS if c in present]
    return starts, ends


def fieldwork(config: SurveyConfig, form: FormDefinition, main: RawTable) -> Fieldwork:
    """The fieldwork period: the export's first and last interview day, checked against
    survey.yaml's ``dates`` when it declares them; else the declared dates."""
    starts, ends = time_columns(form, main)
    first = _first(main, starts).dropna() if starts else pd.Series([], dtype=object)
    last = _first(main, ends).dropna() if ends else pd.Series([], dtype=object)
    declared = config.dates
    if first.empty or last.empty:
        if declared is None:
            raise InputError(
                config.path,
                "no fieldwork dates: the export has no interview times and survey.yaml "
                "declares none",
                column="dates",
                expected="start, end or today fields in the form (or the platform's "
                "_submission_time), or dates: {start: ..., end: ...} in survey.yaml",
                found=f"columns of {main.where}: none of {', '.join(SUBMISSION_COLUMNS)} "
                "and no field of type start, end or today",
                hint="Add 'dates' to survey.yaml (docs/formats/survey.md)",
            )
        return Fieldwork(declared[0], declared[1], config.path.name)
    found = (str(first.min()), str(last.max()))
    where = f"{main.where} ({', '.join(dict.fromkeys([*starts, *ends]))})"
    if declared is not None:
        for key, ok in (("start", found[0] >= declared[0]), ("end", found[1] <= declared[1])):
            if not ok:
                raise InputError(
                    config.path,
                    f"the fieldwork dates of survey.yaml disagree with the interview times "
                    f"of the export: interviews from {found[0]} to {found[1]}",
                    row=line_of_key(config, ["dates", key]),
                    column=f"dates.{key}",
                    expected=f"a period holding every interview of {where}: declared "
                    f"{declared[0]} to {declared[1]}",
                    found=f"{found[0]} to {found[1]}",
                    hint="Correct 'dates' in survey.yaml, or remove it: the report takes the "
                    "fieldwork period from the export",
                )
    return Fieldwork(found[0], found[1], where)
