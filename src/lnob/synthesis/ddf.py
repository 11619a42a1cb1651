"""Read an extract of the UN Global SDG Indicators Database in Gapminder's DDF-CSV layout.

The layout (open-numbers/ddf--unstats--sdg_indicators) is a folder of CSV files:

- `ddf--concepts--continuous.csv`: one row per series (`concept`, `description`, `goal`,
  `target`, `indicator`, `name`), e.g. `se_tot_cplr` -> indicator 4.1.2;
- `ddf--entities--<dimension>.csv`: the codes of one dimension and their `name`
  (`sex`: bothsex/female/male; `geo_area`: M49 numeric codes with English country names);
- `ddf--datapoints--<series>--by--<dim>--...--year.csv`: coded values, one column per
  dimension and one for the series.

`read_ddf_folder` indexes a folder; `DdfFolder.series` reads one series, checks every code
against its entity file and every value and year, and returns the datapoints joined to the
entity names. Nothing is guessed: a code missing from its entity file, a value that is not
a number or a file whose header disagrees with its name is an `InputError` naming the file,
the line and the column. Entity names are the database's own (often upper-case codes such
as `FEMALE`); words for readers are the products' business.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from lnob.errors import InputError, read_input_text

CONCEPTS_FILE = "ddf--concepts--continuous.csv"
ENTITY_FILE = "ddf--entities--{dimension}.csv"
DATAPOINTS = re.compile(
    r"^ddf--datapoints--(?P<series>[a-z0-9_]+)--by--(?P<dims>[a-z0-9_-]+)"
    r"\.csv$"
)
TIME = "year"
GEO = "geo_area"
CONCEPT_COLUMNS = ("concept", "description", "goal", "target", "indicator", "name")
ROW = "row"  # 1-based line of a datapoint in its file (the header is line 1)
VALUE = "value"


@dataclass(frozen=True)
class Concept:
    """A series of the database: its code, what it measures and the SDG indicator(s) it serves."""

    code: str
    name: str
    description: str
    goals: tuple[str, ...]
    indicators: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class DdfSeries:
    """The datapoints of one series, joined to the names of their codes.

    `frame` has one column per dimension (codes, text), `<dimension>_name` for each coded
    dimension, `year` (int), `value` (float) and `row` (the line in `path`).
    """

    concept: Concept
    dimensions: tuple[str, ...]  # coded dimensions, in file order (without year)
    frame: pd.DataFrame
    path: Path


@dataclass(frozen=True, eq=False)
class DdfFolder:
    """An indexed DDF folder: its series concepts and which file holds each series."""

    path: Path
    concepts: Mapping[str, Concept]
    datapoint_files: Mapping[str, tuple[Path, tuple[str, ...]]]  # series -> (file, dims)
    _entities: dict[str, Mapping[str, str]] = field(default_factory=dict, repr=False)

    def has_series(self, code: str) -> bool:
        return code in self.datapoint_files

    def entities(self, dimension: str) -> Mapping[str, str]:
        """Code -> name for one dimension, from `ddf--entities--<dimension>.csv`."""
        if dimension not in self._entities:
            self._entities[dimension] = _read_entities(
                self.path / ENTITY_FILE.format(dimension=dimension), dimension
            )
        return self._entities[dimension]

    def series(self, code: str) -> DdfSeries:
        """Every datapoint of one series, checked and joined to entity names."""
        if code not in self.datapoint_files:
            known = ", ".join(sorted(self.datapoint_files)) or "none"
            raise InputError(
                self.path,
                f"no datapoints file for series '{code}'",
                expected=f"a file ddf--datapoints--{code}--by--...csv (series here: {known})",
                found="nothing",
                hint="Add the series' file to the extract, or name another series",
            )
        if code not in self.concepts:
            raise InputError(
                self.path / CONCEPTS_FILE,
                f"series '{code}' is not described",
                column="concept",
                expected=f"a row for '{code}'",
                found="nothing",
                hint="Copy the series' row of the concepts file with the extract",
            )
        path, dims = self.datapoint_files[code]
        return _read_datapoints(self, path, self.concepts[code], dims)


def read_ddf_folder(path: Path) -> DdfFolder:
    """Index a DDF folder: concepts and datapoint files (read on demand)."""
    if not path.is_dir():
        raise InputError(
            path,
            "no DDF folder here",
            expected="a folder of ddf--*.csv files",
            found="nothing",
            hint="Put the extract there or fix the folder name",
        )
    concepts = _read_concepts(path / CONCEPTS_FILE)
    files: dict[str, tuple[Path, tuple[str, ...]]] = {}
    for file in sorted(path.glob("ddf--datapoints--*.csv")):
        m = DATAPOINTS.match(file.name)
        if m is None:
            raise InputError(
                file,
                "the file name does not follow the DDF layout",
                expected="ddf--datapoints--<series>--by--<dim>--...--year.csv",
                found=file.name,
                hint="Rename the file as the extract names it",
            )
        dims = tuple(m.group("dims").split("--"))
        if TIME not in dims or GEO not in dims:
            raise InputError(
                file,
                "the datapoints are not by geo_area and year",
                expected="'--geo_area--' and '--year' in the name",
                found=file.name,
            )
        files[m.group("series")] = (file, tuple(d for d in dims if d != TIME))
    return DdfFolder(path, concepts, MappingProxyType(files))


def _read_csv(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(
            path,
            "file not found",
            expected=path.name,
            found="nothing",
            hint="Copy it with the rest of the extract",
        )
    try:
        text = read_input_text(path, "csv")
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(
            path,
            f"not a readable CSV file: {exc}",
            expected="comma-separated values with a header line",
        ) from None


def _require_columns(path: Path, frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            path,
            f"column '{missing[0]}' is missing",
            row=1,
            column=missing[0],
            expected=", ".join(columns),
            found=", ".join(frame.columns),
        )


def _split(text: str) -> tuple[str, ...]:
    """'10, 16' -> ('10', '16'): a series may serve several goals or indicators."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _read_concepts(path: Path) -> Mapping[str, Concept]:
    frame = _read_csv(path)
    _require_columns(path, frame, CONCEPT_COLUMNS)
    concepts = {}
    for record in frame.itertuples(index=False):
        concepts[record.concept] = Concept(
            record.concept,
            record.name,
            record.description,
            _split(record.goal),
            _split(record.indicator),
        )
    return MappingProxyType(concepts)


def _read_entities(path: Path, dimension: str) -> Mapping[str, str]:
    frame = _read_csv(path)
    _require_columns(path, frame, (dimension, "name"))
    duplicated = frame[dimension].duplicated()
    if duplicated.any():
        line = int(duplicated.to_numpy().nonzero()[0][0]) + 2
        raise InputError(
            path,
            "a code is listed twice",
            row=line,
            column=dimension,
            found=frame[dimension].iloc[line - 2],
            hint="Keep one row per code",
        )
    return MappingProxyType(dict(zip(frame[dimension], frame["name"], strict=True)))


def _first_bad(mask: pd.Series) -> int:
    """The file line (header = 1) of the first True in `mask`."""
    return int(mask.to_numpy().nonzero()[0][0]) + 2


def _read_datapoints(
    folder: DdfFolder, path: Path, concept: Concept, dims: tuple[str, ...]
) -> DdfSeries:
    frame = _read_csv(path)
    expected = (*dims, TIME, concept.code)
    if tuple(sorted(frame.columns)) != tuple(sorted(expected)):
        raise InputError(
            path,
            "the header does not match the file name",
            row=1,
            expected=", ".join(expected),
            found=", ".join(frame.columns),
            hint="The name says which dimensions the file has; fix one of them",
        )
    frame = frame.rename(columns={concept.code: VALUE})
    frame[ROW] = range(2, len(frame) + 2)
    values = pd.to_numeric(frame[VALUE].str.strip(), errors="coerce")
    bad = values.isna()
    if bad.any():
        line = _first_bad(bad)
        raise InputError(
            path,
            "a value is not a number",
            row=line,
            column=concept.code,
            expected="a number such as 83.2",
            found=frame[VALUE].iloc[line - 2],
            hint="Fix the value, or drop the row if there is no observation",
        )
    frame[VALUE] = values.astype(float)
    years = pd.to_numeric(frame[TIME], errors="coerce")
    bad = years.isna() | (years != years.round())
    if bad.any():
        line = _first_bad(bad)
        raise InputError(
            path,
            "a year is not a whole number",
            row=line,
            column=TIME,
            expected="a year such as 2016",
            found=frame[TIME].iloc[line - 2],
        )
    frame[TIME] = years.astype(int)
    for dim in dims:
        names = folder.entities(dim)
        unknown = ~frame[dim].isin(list(names))
        if unknown.any():
            line = _first_bad(unknown)
            raise InputError(
                path,
                f"code not in {ENTITY_FILE.format(dimension=dim)}",
                row=line,
                column=dim,
                expected=f"a code listed in {ENTITY_FILE.format(dimension=dim)}",
                found=frame[dim].iloc[line - 2],
                hint="Copy the entity files with the datapoints they decode",
            )
        frame[f"{dim}_name"] = frame[dim].map(names)
    return DdfSeries(concept, dims, frame.reset_index(drop=True), path)
