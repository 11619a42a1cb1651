"""A national Open SDG data folder, read unchanged: which indicators have data, by which groups.

One CSV per indicator (`indicator_4-1-2.csv` or `4-1-2.csv`) with `Year`, any number of
disaggregation columns and `Value`; a blank disaggregation cell is the total. Which
groups an indicator is really broken down by is inferred from the data: a column counts
only where it holds a non-total value on a row with a number. Handles byte-order marks,
CRLF, text periods (`2013/14`, `2000 Q1`), suppressed rows with an empty `Value`, and
header-only files (reported as 'no data').
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lnob.errors import InputError
from lnob.stocktake.codes import code_from_file_name, code_sort_key
from lnob.stocktake.csvtext import check_widths, read_rows, read_text
from lnob.stocktake.periods import period_end_year
from lnob.stocktake.sdglist import IndicatorList
from lnob.stocktake.taxonomy import Taxonomy

REQUIRED_COLUMNS = ("Year", "Value")
# `Value` cells that mean 'suppressed or not available' rather than a number.
SUPPRESSED_VALUES = frozenset({"", "..", ":", "x"})
_THOUSANDS = re.compile(r"^-?\d{1,3}([,.\s'\u00a0]\d{3})+([.,]\d+)?$")


@dataclass(frozen=True)
class GroupEvidence:
    """An indicator is broken down by `group` through `columns`, up to `latest_year`.

    `categories` counts the distinct non-total values with numbers: 1 means every row
    is about one category (e.g. only women aged 15-49), which the data calls a breakdown
    but a reader may see as the indicator's population.
    """

    group: str
    columns: tuple[str, ...]
    latest_year: int
    categories: int


@dataclass(frozen=True)
class IndicatorData:
    """What one indicator file holds."""

    code: str
    path: Path
    rows: int
    numbers: int
    suppressed: int
    first_year: int | None
    latest_year: int | None
    groups: tuple[GroupEvidence, ...]
    total_only_columns: tuple[str, ...]
    unmapped_columns: tuple[str, ...]

    @property
    def has_data(self) -> bool:
        """False for a header-only file or one whose every value is suppressed."""
        return self.numbers > 0

    def group(self, key: str) -> GroupEvidence | None:
        return next((g for g in self.groups if g.group == key), None)


@dataclass(frozen=True)
class OpenSdgFolder:
    """Every indicator file of a folder, in code order, and the files that were not read."""

    path: Path
    indicators: tuple[IndicatorData, ...]
    skipped_files: tuple[Path, ...]

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(indicator.path for indicator in self.indicators)

    @property
    def no_data(self) -> tuple[str, ...]:
        """Indicators published without a single number."""
        return tuple(i.code for i in self.indicators if not i.has_data)

    @property
    def unmapped_columns(self) -> Mapping[str, tuple[str, ...]]:
        """Columns the taxonomy does not know, with the indicators they occur in."""
        found: dict[str, list[str]] = {}
        for indicator in self.indicators:
            for column in indicator.unmapped_columns:
                found.setdefault(column, []).append(indicator.code)
        return {column: tuple(codes) for column, codes in sorted(found.items())}


def indicator_files(folder: Path) -> tuple[list[tuple[str, Path]], list[Path]]:
    """(code, path) of each indicator file in code order, and the other files of the folder."""
    found: dict[str, Path] = {}
    skipped: list[Path] = []
    for path in sorted(folder.iterdir()):
        code = code_from_file_name(path.name) if path.is_file() else None
        if code is None:
            skipped.append(path)
            continue
        if code in found:
            raise InputError(
                path,
                f"a second file for indicator {code}",
                expected="one file per indicator",
                found=found[code].name,
                hint="Keep either indicator_<code>.csv or <code>.csv",
            )
        found[code] = path
    ordered = sorted(found.items(), key=lambda item: code_sort_key(item[0]))
    return ordered, skipped


def read_opensdg_folder(
    folder: Path,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    problems: list[InputError] | None = None,
) -> OpenSdgFolder:
    """Read every indicator file; InputError for an unknown code or an unreadable cell, or for
    a folder without indicator files. With `problems`, a file's InputError is added to it and
    the other files are still read (the result then leaves that file out)."""
    if not folder.is_dir():
        raise InputError(
            folder,
            "Open SDG data folder not found",
            expected="a folder",
            found="nothing",
            hint="Point to the platform's data/ folder of indicator CSVs",
        )
    files, skipped = indicator_files(folder)
    if not files:
        raise _no_indicator_files(folder, skipped)
    data = []
    for code, path in files:
        try:
            indicators.require(code, path=path)
            data.append(read_indicator_file(path, code, taxonomy))
        except InputError as exc:
            if problems is None:
                raise
            problems.append(exc)
    return OpenSdgFolder(path=folder, indicators=tuple(data), skipped_files=tuple(skipped))


def _platform_data_folders(folder: Path, depth: int = 3) -> list[tuple[Path, int]]:
    """Subfolders (down to `depth` levels) holding indicator files, with how many each holds:
    a whole platform's folder has them in `<lang>/data/` (the built site) or `data/`."""
    found = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        count = sum(1 for f in sub.iterdir() if f.is_file() and code_from_file_name(f.name))
        if count:
            found.append((sub, count))
        elif depth > 1:
            found += _platform_data_folders(sub, depth - 1)
    return found


def _no_indicator_files(folder: Path, skipped: list[Path]) -> InputError:
    """An Open SDG folder without indicator files: given one level too high, or empty."""
    expected = "one CSV per indicator (indicator_4-1-2.csv or 4-1-2.csv) straight in this folder"
    lower = _platform_data_folders(folder)
    if lower:
        best = max(lower, key=lambda item: item[1])[0]  # the English build, usually the fullest
        where = best.relative_to(folder).as_posix()
        return InputError(
            folder,
            "no indicator file in the Open SDG folder: it holds the whole platform, whose "
            "indicator files are in a subfolder",
            expected=expected,
            found=", ".join(
                f"{p.relative_to(folder).as_posix()}/ ({n} indicator file(s))" for p, n in lower
            ),
            hint=f"Give the subfolder that holds the indicator files: put the files of "
            f"{where}/ (the built data in your reports' language) in {folder.name}/ itself, "
            "and nothing else",
        )
    return InputError(
        folder,
        "no indicator file in the Open SDG folder",
        expected=expected,
        found=", ".join(p.name for p in skipped) if skipped else "an empty folder",
        hint="Copy the indicator CSVs of the platform's built data (its en/data/ folder) "
        f"into {folder.name}/, or remove {folder.name}/ if the country has no Open SDG "
        "platform (and then its platform row in sources.csv)",
    )


def read_indicator_file(path: Path, code: str, taxonomy: Taxonomy) -> IndicatorData:
    """One indicator CSV: rows, numbers, years, and the groups its columns really break down."""
    frame = _read_csv(path)
    value_text = frame["Value"].str.strip()
    suppressed = value_text.isin(SUPPRESSED_VALUES)
    numbers = pd.to_numeric(value_text.where(~suppressed), errors="coerce")
    bad = numbers.isna() & ~suppressed
    if bad.any():
        first = int(bad.to_numpy().nonzero()[0][0])
        found = value_text.iloc[first]
        raise InputError(
            path,
            "value is not a number",
            row=int(frame.index[first]),
            column="Value",
            expected="a number such as 1234.5, or an empty cell for a suppressed value",
            found=found,
            hint="Write numbers without thousands separators (1234.5, not 1,234.5)"
            if _THOUSANDS.match(found)
            else "Write the number, or leave the cell empty if the value is suppressed",
        )
    has_number = numbers.notna()
    years = _years(path, frame["Year"])
    groups: dict[str, GroupEvidence] = {}
    total_only: list[str] = []
    unmapped: list[str] = []
    for column in frame.columns:
        if column in REQUIRED_COLUMNS:
            continue
        role, key = taxonomy.classify(column)
        cells = frame[column].str.strip()
        if role == "unmapped" and (cells != "").any():
            unmapped.append(column)
        if role != "group" or key is None:
            continue
        broken_down = has_number & ~cells.str.casefold().isin(taxonomy.totals_for(key))
        if not broken_down.any():
            total_only.append(column)
            continue
        latest = int(years[broken_down].max())
        categories = int(cells[broken_down].nunique())
        known = groups.get(key)
        if known:
            latest = max(latest, known.latest_year)
            categories += known.categories
        columns = (*known.columns, column) if known else (column,)
        groups[key] = GroupEvidence(
            group=key, columns=columns, latest_year=latest, categories=categories
        )
    with_numbers = years[has_number]
    return IndicatorData(
        code=code,
        path=path,
        rows=len(frame),
        numbers=int(has_number.sum()),
        suppressed=int(suppressed.sum()),
        first_year=int(with_numbers.min()) if len(with_numbers) else None,
        latest_year=int(with_numbers.max()) if len(with_numbers) else None,
        groups=tuple(groups[k] for k in taxonomy.keys if k in groups),
        total_only_columns=tuple(total_only),
        unmapped_columns=tuple(unmapped),
    )


def _read_csv(path: Path) -> pd.DataFrame:
    """The file as text cells, indexed by line number (the header is line 1)."""
    header, rows = read_rows(path, read_text(path))
    if not header:
        raise InputError(
            path,
            "empty file",
            expected="a header row with Year and Value",
            hint="An indicator without data keeps the header `Year,Value`",
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(
            path,
            "missing column(s)",
            row=1,
            column=missing[0],
            expected="Year, any disaggregation columns, Value",
            found=", ".join(header),
            hint="Use the platform's built data files unchanged",
        )
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise InputError(
            path,
            "a column name appears twice",
            row=1,
            column=duplicated[0],
            expected="unique column names",
            found=", ".join(header),
            hint="Give each disaggregation column its own name",
        )
    check_widths(path, header, rows)
    return pd.DataFrame(
        [cells for _, cells in rows],
        columns=header,
        dtype=str,
        index=pd.Index([line for line, _ in rows], dtype="int64"),
    )


def _years(path: Path, column: pd.Series) -> pd.Series:
    """The end year of each row's period, or an InputError naming the first unreadable one."""
    text = column.str.strip()
    ends = {period: period_end_year(period) for period in text.unique()}
    if None not in ends.values():
        return text.map(ends).astype("int64")
    for line, period in text.items():
        if ends[period] is None:
            raise InputError(
                path,
                "unreadable year",
                row=int(line),
                column="Year",
                expected="a period such as 2019, 2019/20, 2000 Q1",
                found=period,
                hint="Write the period with four-digit years",
            )
    return text.map(ends).astype("int64")
