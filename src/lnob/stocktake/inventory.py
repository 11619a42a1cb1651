"""The coalition's own inventory of data sources (`sources.csv`), validated at the edge.

One row per source. Each row is checked against `schemas/inventory.schema.json`; the
`years` cell is read as reference periods and the `indicators` cell
(`4.1.1: sex location income; 3.8.1`) is parsed, its codes checked against the SDG
indicator list and its group keys against the taxonomy. The format is documented in
`docs/formats/stocktake.md`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lnob.errors import InputError
from lnob.stocktake.csvtext import check_widths, read_rows, read_text
from lnob.stocktake.periods import latest_of_periods
from lnob.stocktake.sdglist import IndicatorList
from lnob.stocktake.taxonomy import Taxonomy
from lnob.yamlio import schema, validator

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

PLATFORM_TYPE = "sdg_platform"
CITIZEN_TYPE = "citizen_generated"  # never counted as official data coverage
_SCHEMA_NAME = "inventory"


@dataclass(frozen=True)
class Breakdown:
    """An indicator a source informs, and the groups it can be broken down by."""

    indicator: str
    groups: frozenset[str]


@dataclass(frozen=True)
class Source:
    """One inventory row, typed. `row` is its line in the CSV."""

    id: str
    name: str
    producer: str
    producer_type: str
    type: str
    years: str
    latest_year: int
    geographic_level: str
    access: str
    link: str | None
    breakdowns: tuple[Breakdown, ...]
    notes: str
    row: int


@dataclass(frozen=True)
class Inventory:
    """The sources of one country, in file order."""

    path: Path
    sources: tuple[Source, ...]

    @property
    def platform(self) -> Source | None:
        """The row describing the national SDG platform (type `sdg_platform`), if any."""
        return next((s for s in self.sources if s.type == PLATFORM_TYPE), None)

    def table(self) -> pd.DataFrame:
        """One row per source for display; `indicators` counts the indicators it informs."""
        return pd.DataFrame(
            {
                "id": [s.id for s in self.sources],
                "name": [s.name for s in self.sources],
                "producer": [s.producer for s in self.sources],
                "producer_type": [s.producer_type for s in self.sources],
                "type": [s.type for s in self.sources],
                "years": [s.years for s in self.sources],
                "latest_year": pd.array([s.latest_year for s in self.sources], dtype="Int64"),
                "geographic_level": [s.geographic_level for s in self.sources],
                "access": [s.access for s in self.sources],
                "link": [s.link for s in self.sources],
                "indicators": pd.array([len(s.breakdowns) for s in self.sources], dtype="Int64"),
            }
        )


def read_inventory(path: Path, indicators: IndicatorList, taxonomy: Taxonomy) -> Inventory:
    """Read `sources.csv`; InputError naming file, row and column for any bad cell."""
    checker = validator(schema(_SCHEMA_NAME))
    sources: list[Source] = []
    for row, record in _records(path):
        _check_schema(checker, path, row, record)
        source = _source(path, row, record, indicators, taxonomy)
        if source.id in (s.id for s in sources):
            raise InputError(
                path,
                f"source id '{source.id}' is used twice",
                row=row,
                column="id",
                expected="a unique id",
                found=source.id,
                hint="Give each source its own id",
            )
        if source.type == PLATFORM_TYPE and any(s.type == PLATFORM_TYPE for s in sources):
            raise InputError(
                path,
                "a second sdg_platform row",
                row=row,
                column="type",
                expected="at most one national SDG platform",
                found=source.id,
                hint="Keep one sdg_platform row; give other rows another type",
            )
        sources.append(source)
    return Inventory(path=path, sources=tuple(sources))


def _records(path: Path) -> list[tuple[int, dict[str, str]]]:
    properties = schema(_SCHEMA_NAME)["properties"]
    required = schema(_SCHEMA_NAME)["required"]
    if not path.is_file():
        raise InputError(
            path,
            "file not found",
            expected="sources.csv",
            found="nothing",
            hint="Create the inventory (see docs/formats/stocktake.md)",
        )
    header, rows = read_rows(path, read_text(path))
    for name in header:
        if name not in properties:
            raise InputError(
                path,
                f"unknown column '{name}'",
                row=1,
                column=name,
                expected=f"columns {', '.join(properties)}",
                hint="Fix the spelling or remove the column",
            )
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(
            path,
            "missing column(s)",
            row=1,
            column=missing[0],
            expected=f"columns {', '.join(required)}",
            found=", ".join(header) or "an empty file",
            hint="Add the column (its cells may be empty)",
        )
    check_widths(path, header, rows)
    return [
        (line, {h: c.strip() for h, c in zip(header, cells, strict=True)}) for line, cells in rows
    ]


def _check_schema(
    checker: Draft202012Validator, path: Path, row: int, record: dict[str, str]
) -> None:
    errors = sorted(checker.iter_errors(record), key=lambda e: list(map(str, e.path)))
    if not errors:
        return
    error = errors[0]
    column = str(error.path[0]) if error.path else None
    spec = error.schema
    expected = (
        f"one of {', '.join(spec['enum'])}"
        if error.validator == "enum"
        else "a non-empty value"
        if error.validator == "minLength"
        else spec.get("description", error.message)
    )
    raise InputError(
        path,
        f"bad value in column '{column}'",
        row=row,
        column=column,
        expected=expected,
        found=error.instance,
        hint="See docs/formats/stocktake.md for the inventory format",
    )


def _source(
    path: Path, row: int, record: dict[str, str], indicators: IndicatorList, taxonomy: Taxonomy
) -> Source:
    latest = latest_of_periods(record["years"])
    if latest is None:
        raise InputError(
            path,
            "unreadable reference period",
            row=row,
            column="years",
            expected="years like 2019, 2019-21, 2022/23; several separated by ';'",
            found=record["years"],
            hint="Write each year with four digits",
        )
    breakdowns = _breakdowns(path, row, record["indicators"], indicators, taxonomy)
    if record["type"] == PLATFORM_TYPE and breakdowns:
        raise InputError(
            path,
            "the sdg_platform row lists indicators",
            row=row,
            column="indicators",
            expected="an empty cell",
            found=record["indicators"],
            hint="The platform's indicators and groups are read from opensdg/",
        )
    return Source(
        id=record["id"],
        name=record["name"],
        producer=record["producer"],
        producer_type=record["producer_type"],
        type=record["type"],
        years=record["years"],
        latest_year=latest,
        geographic_level=record["geographic_level"],
        access=record["access"],
        link=record["link"] or None,
        breakdowns=breakdowns,
        notes=record.get("notes", ""),
        row=row,
    )


def _breakdowns(
    path: Path, row: int, cell: str, indicators: IndicatorList, taxonomy: Taxonomy
) -> tuple[Breakdown, ...]:
    """Parse `4.1.1: sex location; 3.8.1` into breakdowns, checking every code and key."""
    result: list[Breakdown] = []
    for part in cell.split(";"):
        if not part.strip():
            continue
        code_text, _, groups_text = part.partition(":")
        code = indicators.require(code_text.strip(), path=path, row=row, column="indicators")
        if code in (b.indicator for b in result):
            raise InputError(
                path,
                f"indicator {code} is listed twice",
                row=row,
                column="indicators",
                expected="each indicator once per source",
                found=cell,
                hint="Merge the group keys into one entry",
            )
        keys = [k for k in re.split(r"[\s,]+", groups_text.strip()) if k]
        groups = frozenset(
            taxonomy.require_key(k, path=path, row=row, column="indicators") for k in keys
        )
        result.append(Breakdown(indicator=code, groups=groups))
    return tuple(result)
