"""Readers for the official UNSD global indicator framework, read exactly as published.

Two layouts: the flat `;`-separated CSV (CRLF, titles with a leading space, a `0` row
for a target without an indicator) and the untouched UNSD xlsx (header on row 3, goal
rows interleaved, code and title in one cell, footnote markers glued to titles such
as `policy2`, footnotes below the table). Both give an `IndicatorList`.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import openpyxl
import pandas as pd

from lnob.errors import InputError, read_input_text
from lnob.stocktake.codes import normalise_indicator
from lnob.stocktake.sdglist import IndicatorList, indicator_list, read_project_indicators

_CSV_COLUMNS = ("IndicatorsNumber", "Indicators")
_NO_INDICATOR = "0"  # the flat CSV's code for a target that has no indicator (11.c)
_CODE_AND_TITLE = re.compile(r"^\s*(\d{1,2}\.[0-9a-zA-Z]{1,2}\.\d{1,2})\s+(.+)$", re.DOTALL)
_STARTS_LIKE_CODE = re.compile(r"^\s*\d{1,2}\.")
_FOOTNOTE = re.compile(r"^\s*(\d{1,2})\s+\S")
_HEADER_SEARCH_ROWS = 10


def read_official_csv(path: Path) -> IndicatorList:
    """The flat official list (`SDG_Target_Indicator_UNSD_2023.csv`)."""
    try:
        text = read_input_text(path, "csv", hint="Use the unmodified official file")
        frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise InputError(
            path,
            f"cannot read the indicator list: {exc}",
            expected="a ';'-separated UTF-8 CSV",
            hint="Use the unmodified official file",
        ) from None
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in _CSV_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            path,
            "missing columns",
            row=1,
            expected=", ".join(_CSV_COLUMNS),
            found=", ".join(frame.columns),
            hint="Use the unmodified official file",
        )
    rows: dict[str, str] = {}
    for index, (code_text, title) in enumerate(
        zip(frame["IndicatorsNumber"], frame["Indicators"], strict=True)
    ):
        code_text = code_text.strip()
        if code_text == _NO_INDICATOR:
            continue
        _add(
            rows,
            path,
            index + 2,
            "IndicatorsNumber",
            code_text,
            _strip_footnote(" ".join(title.split()), None),
            sheet=None,
        )
    return indicator_list(rows.items(), [path])


def read_official_xlsx(path: Path) -> IndicatorList:
    """The untouched UNSD workbook (`Global Indicator Framework ... .xlsx`), first sheet."""
    table, sheet_name = _first_sheet(path)
    header_row, column = _find_indicator_column(path, sheet_name, table)
    footnotes = _footnote_numbers(table[header_row + 1 :])
    rows: dict[str, str] = {}
    for number, cells in enumerate(table[header_row + 1 :], start=header_row + 2):
        cell = cells[column] if column < len(cells) else None
        if cell is None or not _STARTS_LIKE_CODE.match(str(cell)):
            continue  # goal rows, section headings, notes such as 'No suitable replacement ...'
        match = _CODE_AND_TITLE.match(str(cell))
        if not match:
            raise InputError(
                path,
                "indicator cell does not start with a code and a title",
                sheet=sheet_name,
                row=number,
                column="Indicators",
                expected="'4.1.1 Proportion of ...'",
                found=str(cell)[:80],
                hint="Use the unmodified UNSD workbook",
            )
        code_text, title = match.groups()
        _add(
            rows,
            path,
            number,
            "Indicators",
            code_text,
            _strip_footnote(" ".join(title.split()), footnotes),
            sheet=sheet_name,
        )
    return indicator_list(rows.items(), [path])


def load_indicator_list(path: Path) -> IndicatorList:
    """Any supported list: official xlsx, official flat CSV, or the project's `code,title` CSV."""
    if path.suffix.lower() == ".xlsx":
        return read_official_xlsx(path)
    try:
        with path.open(encoding="utf-8-sig") as handle:
            first_line = handle.readline()
    except FileNotFoundError:
        raise InputError(
            path,
            "file not found",
            expected="an indicator list file",
            found="nothing",
            hint="Fix the path to the indicator list",
        ) from None
    if "IndicatorsNumber" in first_line:
        return read_official_csv(path)
    return read_project_indicators(path)


def check_against(project: IndicatorList, official: IndicatorList) -> None:
    """InputError if the project list has a code or English title the official list lacks."""
    path = project.files[0] if project.files else "indicator list"
    for row, (code, title) in enumerate(project.titles.items(), start=2):
        official.require(code, path=path, row=row, column="code")
        if " ".join(title.split()) != official.titles[code]:
            raise InputError(
                path,
                f"title of {code} differs from the official list",
                row=row,
                column="title",
                expected=official.titles[code],
                found=title,
                hint="Copy the official English title",
            )


def _add(
    rows: dict[str, str],
    path: Path,
    row: int,
    column: str,
    code_text: str,
    title: str,
    sheet: str | None,
) -> None:
    code = normalise_indicator(code_text)
    if code is None:
        raise InputError(
            path,
            "not an SDG indicator code",
            row=row,
            column=column,
            sheet=sheet,
            expected="a code such as 4.1.1",
            found=code_text,
            hint="Use the unmodified official file",
        )
    if code in rows:
        raise InputError(
            path,
            f"indicator {code} appears twice",
            row=row,
            column=column,
            sheet=sheet,
            expected="each code once",
            found=code_text,
            hint="Use the unmodified official file",
        )
    rows[code] = title


def _first_sheet(path: Path) -> tuple[list[tuple[object, ...]], str]:
    """All cell values of the first sheet, and its name."""
    with warnings.catch_warnings():
        # openpyxl warns about the workbook's data-validation extension; harmless here.
        warnings.filterwarnings("ignore", message="Unknown extension", module="openpyxl")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (OSError, KeyError, ValueError) as exc:
            raise InputError(
                path,
                f"cannot open the workbook: {exc}",
                expected="an .xlsx file",
                hint="Use the unmodified UNSD workbook",
            ) from None
        try:
            sheet = workbook.worksheets[0]
            return [tuple(row) for row in sheet.iter_rows(values_only=True)], sheet.title
        finally:
            workbook.close()


def _find_indicator_column(
    path: Path, sheet: str, table: list[tuple[object, ...]]
) -> tuple[int, int]:
    for row_index, cells in enumerate(table[:_HEADER_SEARCH_ROWS]):
        for column, cell in enumerate(cells):
            if isinstance(cell, str) and cell.strip() == "Indicators":
                return row_index, column
    raise InputError(
        path,
        "no header row with an 'Indicators' column",
        sheet=sheet,
        expected=f"a cell 'Indicators' in the first {_HEADER_SEARCH_ROWS} rows",
        hint="Use the unmodified UNSD workbook",
    )


def _footnote_numbers(rows: list[tuple[object, ...]]) -> frozenset[str]:
    """Numbers of the footnotes printed under the table ('2 The Gini Coefficient ...')."""
    numbers = set()
    for cells in rows:
        texts = [c for c in cells if isinstance(c, str) and c.strip()]
        if len(texts) == 1:
            match = _FOOTNOTE.match(texts[0])
            if match:
                numbers.add(match.group(1))
    return frozenset(numbers)


def _strip_footnote(title: str, footnotes: frozenset[str] | None) -> str:
    """Drop a footnote marker glued to the last word ('fiscal policy2' -> 'fiscal policy').

    With `footnotes` given (xlsx) only listed markers are dropped; the flat CSV has
    no footnote list, so a single digit glued to a letter is dropped.
    """
    match = re.search(r"(?<=[A-Za-z)])(\d{1,2})$", title)
    if not match:
        return title
    if footnotes is None and len(match.group(1)) > 1:
        return title
    if footnotes is not None and match.group(1) not in footnotes:
        return title
    return title[: match.start()]
