"""Read submission exports from KoboToolbox and ODK Central exactly as they come, as text.

Handles CSV with ``;`` or ``,`` (sniffed), with or without a UTF-8 BOM, and XLSX workbooks
whose first sheet (or a named one) holds the main records and whose other sheets hold repeat
groups. Repeat rows are linked to their parents by key: Kobo's ``_index``/``_parent_index``,
ODK Central's ``KEY``/``PARENT_KEY``, or columns named in survey.yaml. Every cell stays text
here (``""`` for blank); types, choices and constraints are checked in :mod:`harmonise`.

The link keys are replaced by internal row numbers (``__row``, ``__parent``) so that instance
ids never need to travel further than this module.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

from lnob.errors import InputError, check_size
from lnob.survey.config import ExportSpec
from lnob.survey.mismatches import Mismatch

ROW = "__row"
PARENT = "__parent"
MAIN = "main"
_KEY_CANDIDATES = ("KEY", "_index", "index")
_PARENT_KEY_CANDIDATES = ("PARENT_KEY", "_parent_index")


@dataclass(frozen=True)
class RawTable:
    """One CSV file or workbook sheet: every cell as text, linked by ``__row``/``__parent``."""

    unit: str  # "main" or the repeat name
    source: Path
    sheet: str | None
    frame: pd.DataFrame

    @property
    def where(self) -> str:
        return f"{self.source.name}" + (f" [{self.sheet}]" if self.sheet else "")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _frame(path: Path, header: list[str], rows: list[list[str]], sheet: str | None) -> pd.DataFrame:
    names = [h.strip() or f"(column {i + 1})" for i, h in enumerate(header)]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(
            path,
            "the export has duplicate column headers",
            sheet=sheet,
            row=1,
            column=duplicates[0],
            expected="each column header once",
            found=duplicates,
            hint="Export again from the server; do not edit headers by hand",
        )
    width = len(names)
    body = [(r + [""] * width)[:width] for r in rows if any(c != "" for c in r)]
    return (
        pd.DataFrame(body, columns=names, dtype=object).astype(str)
        if body
        else pd.DataFrame({n: pd.Series(dtype=str) for n in names})
    )


def _read_csv(path: Path, delimiter: str | None) -> pd.DataFrame:
    check_size(path, "export")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, err.start) + 1
        column = len(raw[start : err.start].decode("utf-8-sig", errors="replace")) + 1
        raise InputError(
            path,
            f"the CSV file is not UTF-8 text (byte {raw[err.start]:#04x} at line {line}, "
            f"column {column})",
            row=line,
            expected="UTF-8",
            found=raw[err.start : err.start + 8],
            hint="Export again as CSV (UTF-8)",
        ) from err
    if not text.strip():
        raise InputError(
            path,
            "the CSV file is empty",
            row=1,
            expected="a header row, then one row per submission",
            found=f"{len(raw)} bytes",
            hint="Download the export again from the server (KoboToolbox: Data > Downloads; "
            "ODK Central: Download)",
        )
    first_line = text.split("\n", 1)[0]
    sep = delimiter or (";" if first_line.count(";") > first_line.count(",") else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = next(reader)
    if len(header) < 2:
        raise InputError(
            path,
            "the CSV header has a single column",
            row=1,
            expected="';' or ',' separators",
            found=first_line[:80],
            hint="Set export.delimiter in survey.yaml",
        )
    rows = []
    for cells in reader:
        if len(cells) != len(header) and any(c.strip() for c in cells):
            extra = len(cells) > len(header)
            raise InputError(
                path,
                f"row has {len(cells)} cells, the header {len(header)}",
                row=reader.line_num,
                column=f"#{len(header) + 1}" if extra else header[len(cells)],
                expected=f"{len(header)} cells, one per column of the header",
                found=sep.join(cells)[:80],
                hint="Export again from the server; if the file was edited by hand, quote "
                "cells that contain the separator",
            )
        rows.append(list(cells))
    return _frame(path, header, rows, None)


def _sheet_rows(path: Path) -> dict[str, list[list[Any]]]:
    """Cell values per sheet: python-calamine when installed (about ten times faster), else
    openpyxl."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - calamine is the project's reader of choice
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            out: dict[str, list[list[Any]]] = {}
            for sheet in book.worksheets:
                sheet.reset_dimensions()
                out[sheet.title] = [list(r) for r in sheet.iter_rows(values_only=True)]
            return out
        finally:
            book.close()
    workbook = CalamineWorkbook.from_path(str(path))
    return {
        name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in workbook.sheet_names
    }


def _read_sheets(path: Path) -> dict[str, pd.DataFrame]:
    check_size(path, "export")
    try:
        raw = _sheet_rows(path)
    except Exception as err:  # the readers raise many kinds for a damaged file
        raise InputError(
            path,
            "the workbook cannot be opened",
            found=str(err),
            hint="Export again as XLSX from the server",
        ) from err
    sheets: dict[str, pd.DataFrame] = {}
    for title, values in raw.items():
        rows = [[_cell_text(v) for v in row] for row in values]
        if rows:
            while rows[0] and rows[0][-1] == "":
                rows[0].pop()
            sheets[title] = _frame(path, rows[0], rows[1:], title)
    return sheets


def read_table(path: Path, sheet: str | None = None, delimiter: str | None = None) -> pd.DataFrame:
    """One table of an export as text; for a workbook, ``sheet`` or the first sheet."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path, delimiter)
    sheets = _read_sheets(path)
    if not sheets:
        raise InputError(path, "the workbook has no sheet with data")
    if sheet is None:
        return next(iter(sheets.values()))
    if sheet not in sheets:
        raise InputError(
            path,
            f"no sheet named '{sheet}'",
            expected=f"one of {list(sheets)}",
            found=sheet,
            hint="Fix export.sheet in survey.yaml",
        )
    return sheets[sheet]


def _key_column(frame: pd.DataFrame, configured: str | None, where: str, path: Path) -> str | None:
    if configured:
        if configured not in frame.columns:
            raise InputError(
                path,
                f"key column '{configured}' named in survey.yaml is not in {where}",
                row=1,
                column=configured,
                expected="a column of the export",
                found=list(frame.columns)[:12],
            )
        return configured
    return next((c for c in _KEY_CANDIDATES if c in frame.columns), None)


def read_export(
    export: ExportSpec, repeat_parents: dict[str, str | None]
) -> tuple[dict[str, RawTable], list[Mismatch]]:
    """Read the main table and every repeat table, and link repeat rows to their parents.

    ``repeat_parents`` maps each repeat of the form to its enclosing repeat (``None`` = main).
    Workbook sheets are matched to repeats by the sheet named in survey.yaml or by name
    (Excel cuts sheet names at 31 characters). Returns the tables and what could not be linked.
    """
    mismatches: list[Mismatch] = []
    tables: dict[str, RawTable] = {}
    workbook = export.file.suffix.lower() != ".csv"
    sheets = _read_sheets(export.file) if workbook else {}
    if workbook:
        main_sheet = export.sheet or next(iter(sheets), None)
        if main_sheet not in sheets:
            raise InputError(
                export.file,
                f"no sheet named '{main_sheet}'",
                expected=f"one of {list(sheets)}",
                found=main_sheet,
                hint="Fix export.sheet in survey.yaml",
            )
        tables[MAIN] = RawTable(MAIN, export.file, main_sheet, sheets[main_sheet])
    else:
        tables[MAIN] = RawTable(
            MAIN, export.file, None, read_table(export.file, None, export.delimiter)
        )
    if tables[MAIN].frame.empty:
        raise InputError(
            export.file,
            "the export has no submissions",
            sheet=tables[MAIN].sheet,
            row=2,
            expected="one row per submission under the header",
            found="only the header row",
            hint="Download the export again once submissions are in; check the server's "
            "date or status filter",
        )
    configured = {r.repeat: r for r in export.repeats}
    for repeat in repeat_parents:
        spec = configured.get(repeat)
        if spec and spec.file != export.file:
            sheet_frame = read_table(spec.file, spec.sheet, export.delimiter)
            tables[repeat] = RawTable(repeat, spec.file, spec.sheet, sheet_frame)
            continue
        wanted = spec.sheet if spec and spec.sheet else repeat[:31]
        if wanted in sheets and wanted != tables[MAIN].sheet:
            tables[repeat] = RawTable(repeat, export.file, wanted, sheets[wanted])
    used = {t.sheet for t in tables.values() if t.source == export.file}
    for name, frame in sheets.items():
        if name not in used and len(frame.columns):
            mismatches.append(
                Mismatch(
                    "unused_sheet",
                    tables[MAIN].where,
                    name,
                    len(frame),
                    (),
                    "sheet does not match any repeat of the form; not read",
                )
            )
    for name in configured:
        if name not in repeat_parents:
            raise InputError(
                export.file,
                f"survey.yaml names repeat '{name}', which the form does not have",
                expected=f"one of {sorted(repeat_parents)}",
                found=name,
            )
    for repeat in repeat_parents:
        if repeat not in tables:
            mismatches.append(
                Mismatch(
                    "missing_repeat",
                    tables[MAIN].where,
                    repeat,
                    0,
                    (),
                    "name its file under export.repeats in survey.yaml",
                )
            )
    _key_column(tables[MAIN].frame, export.key, tables[MAIN].where, export.file)
    _link(tables, repeat_parents, export, mismatches)
    return tables, mismatches


def _link(
    tables: dict[str, RawTable],
    repeat_parents: dict[str, str | None],
    export: ExportSpec,
    mismatches: list[Mismatch],
) -> None:
    configured = {r.repeat: r for r in export.repeats}
    for table in tables.values():
        table.frame[ROW] = range(len(table.frame))
    for unit, table in tables.items():
        if unit == MAIN:
            continue
        parent_unit = repeat_parents.get(unit) or MAIN
        if parent_unit not in tables:
            parent_unit = MAIN
        parent = tables[parent_unit]
        spec = configured.get(unit)
        child_key = (
            spec.parent_key
            if spec and spec.parent_key
            else next((c for c in _PARENT_KEY_CANDIDATES if c in table.frame.columns), None)
        )
        parent_key = _key_column(
            parent.frame, export.key if parent_unit == MAIN else None, parent.where, parent.source
        )
        if child_key is None or child_key not in table.frame.columns or parent_key is None:
            raise InputError(
                table.source,
                f"repeat '{unit}' cannot be linked to its parent rows",
                sheet=table.sheet,
                row=1,
                expected="PARENT_KEY/KEY (ODK Central) or _parent_index/_index (Kobo) columns",
                found=list(table.frame.columns)[:10],
                hint=f"Name the columns in survey.yaml: export.repeats.{unit}.parent_key "
                "and export.key",
            )
        lookup = dict(zip(parent.frame[parent_key], parent.frame[ROW], strict=True))
        if len(lookup) < len(parent.frame):
            mismatches.append(
                Mismatch(
                    "duplicate_key",
                    parent.where,
                    parent_key,
                    len(parent.frame) - len(lookup),
                    (),
                    "rows share a key; repeats link to the last",
                )
            )
        parents = table.frame[child_key].map(lookup)
        orphans = parents.isna()
        if orphans.any():
            mismatches.append(
                Mismatch(
                    "orphan_rows",
                    table.where,
                    child_key,
                    int(orphans.sum()),
                    (),
                    f"repeat rows whose parent is not in {parent.where}; not used",
                )
            )
        frame = table.frame.loc[~orphans].copy()
        frame[PARENT] = parents[~orphans].astype(int)
        tables[unit] = RawTable(unit, table.source, table.sheet, frame.reset_index(drop=True))
