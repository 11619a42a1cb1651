"""The spreadsheet format: every chart's and table's figures in one accessible `.xlsx`.

Laid out the way the UK Government Analysis Function asks for published spreadsheets: a
cover sheet (the document's title, what the workbook holds, the demo notice), a contents
sheet, a notes sheet when a figure is withheld, then one table per sheet, each with its
title in cell A1, a line saying what the sheet holds, its source, and the figures as an
Excel table under one header row; no merged cells, no blank rows inside a table. A figure
withheld by disclosure control is `[c]` with the note that says why, never a blank. Every
word is in the document's language (gettext); the figures are the CSV downloads' own
(`lnob.render.tabledata`, kept by the render stage), numbers as numbers. A text cell is
always written as text, never as a formula, whatever it starts with (the CSV rule of
`lnob.render.csvcells`, by the cell's type). Dated by the build date, so the same inputs
give the same bytes.

openpyxl (already the project's XLSX reader) writes it: `gptables`, made for this layout,
cannot be installed beside pyxform (gptables 2 needs xlrd>=2.0.2, pyxform 4.5 pins
xlrd==2.0.1; gptables 1.2 fails on pandas 3).
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from typing import Any

from lnob.atomic import write_bytes
from lnob.doc.text import Num, _
from lnob.render.localize import Localizer
from lnob.render.tabledata import DataTable
from lnob.stages.formats import FormatJob, Made, OutputFormat, register

WITHHELD = "[c]"  # the Analysis Function's symbol for a confidential (withheld) figure
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})

LABEL = _("Download the tables (spreadsheet, XLSX)")
COVER = _("Cover")
CONTENTS = _("Contents")
NOTES = _("Notes")
SHEET_NAME = _("Sheet name")
TABLE_TITLE = _("Table title")
NOTE_NUMBER = _("Note number")
NOTE_TEXT = _("Note text")
ONE_TABLE = _("This worksheet contains one table.")
WITHHELD_CELLS = _("Cells marked {symbol} are withheld: see note 1 on the {notes} sheet.")
WITHHELD_NOTE = _(
    "{symbol}: withheld to protect the respondents, because too few people in the group "
    "answered to publish the figure safely."
)
ABOUT = _(
    "The figures of every chart and table of the document, one table per sheet, as in its "
    "data downloads. The {contents} sheet lists the tables."
)
DEMO = _("Demonstration document: built from synthetic demo data, not real survey results.")
FIGURE_N = _("Figure {n}")
TABLE_N = _("Table {n}")


def _text_cell(ws: Any, row: int, column: int, value: str) -> None:
    """A text cell, typed as text: openpyxl would take '=…' for a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    cell.data_type = "s"


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique (case-blind)."""
    base = " ".join(name.translate(BAD_SHEET_CHARS).split())[:31] or "Sheet"
    out, n = base, 2
    while out.casefold() in taken:
        suffix = f" ({n})"
        out, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(out.casefold())
    return out


def _unique(header: tuple[str, ...]) -> list[str]:
    """Column headings an Excel table accepts: unique and not empty."""
    seen: set[str] = set()
    out = []
    for i, h in enumerate(header):
        name = h.strip() or f"{i + 1}"
        while name.casefold() in seen:
            name += " "
        seen.add(name.casefold())
        out.append(name)
    return out


def _table(ws: Any, first_row: int, header: list[str], rows: list[list[Any]], name: str) -> None:
    """The header and rows from `first_row`, as one Excel table (filterable, read as one)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    for j, h in enumerate(header, start=1):
        _text_cell(ws, first_row, j, h)
    for i, row in enumerate(rows, start=first_row + 1):
        for j, value in enumerate(row, start=1):
            if isinstance(value, str):
                _text_cell(ws, i, j, value)
            elif value is not None:
                ws.cell(row=i, column=j, value=value)
    last = f"{get_column_letter(len(header))}{first_row + max(len(rows), 1)}"
    table = Table(displayName=name, ref=f"A{first_row}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)
    for j, h in enumerate(header, start=1):
        width = max([len(h), *(len(str(r[j - 1] or "")) for r in rows)]) + 2
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, 10), 60)


def _cells(data: DataTable) -> tuple[list[list[Any]], bool]:
    """The rows with numbers as numbers and withheld cells marked; whether any is withheld."""
    out, withheld = [], False
    for row in data.rows:
        cells: list[Any] = []
        for value, numeric in zip(row, data.numeric, strict=True):
            if value is None:
                cells.append(WITHHELD)
                withheld = True
            elif numeric and value != "":
                number = float(value)
                cells.append(int(number) if number.is_integer() and "." not in value else number)
            else:
                cells.append(value)
        out.append(cells)
    return out, withheld


def workbook_bytes(
    title: str, data: list[DataTable], loc: Localizer, demo: bool, date: str
) -> bytes:
    """The workbook of a document's data tables, as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    plain = loc.plain
    wb = Workbook()
    taken: set[str] = set()
    cover = wb.active
    cover.title = _sheet_name(plain(COVER), taken)
    contents_name = _sheet_name(plain(CONTENTS), taken)
    notes_name = _sheet_name(plain(NOTES), taken)
    lines = [title, plain(ABOUT.format(contents=contents_name))] + ([plain(DEMO)] if demo else [])
    for i, line in enumerate(lines, start=1):
        _text_cell(cover, i, 1, line)
    cover["A1"].font = Font(bold=True, size=14)
    cover.column_dimensions["A"].width = 100

    sheets = []
    for t in data:
        label = FIGURE_N if t.kind == "figure" else TABLE_N
        sheets.append((_sheet_name(plain(label.format(n=Num(t.number, "integer"))), taken), t))
    cells = {name: _cells(t) for name, t in sheets}
    any_withheld = any(w for _rows, w in cells.values())

    contents = wb.create_sheet(contents_name)
    _text_cell(contents, 1, 1, plain(CONTENTS))
    contents["A1"].font = Font(bold=True, size=14)
    _text_cell(contents, 2, 1, plain(ONE_TABLE))
    listed: list[list[Any]] = [[name, t.title] for name, t in sheets]
    if any_withheld:
        listed.insert(0, [notes_name, plain(NOTES)])
    _table(contents, 3, [plain(SHEET_NAME), plain(TABLE_TITLE)], listed, "contents")
    if any_withheld:
        notes = wb.create_sheet(notes_name)
        _text_cell(notes, 1, 1, plain(NOTES))
        notes["A1"].font = Font(bold=True, size=14)
        _text_cell(notes, 2, 1, plain(ONE_TABLE))
        note = plain(WITHHELD_NOTE.format(symbol=WITHHELD))
        _table(notes, 3, [plain(NOTE_NUMBER), plain(NOTE_TEXT)], [[1, note]], "notes")

    for n, (name, t) in enumerate(sheets, start=1):
        ws = wb.create_sheet(name)
        rows, withheld = cells[name]
        lines = [t.title, plain(ONE_TABLE)]
        if withheld:
            lines.append(plain(WITHHELD_CELLS.format(symbol=WITHHELD, notes=notes_name)))
        if t.note:  # who was asked (skip logic), as under the chart or table in the document
            lines.append(t.note)
        if t.source:
            lines.append(t.source)
        for i, line in enumerate(lines, start=1):
            _text_cell(ws, i, 1, line)
        ws["A1"].font = Font(bold=True, size=14)
        _table(ws, len(lines) + 1, _unique(t.header), rows, f"table_{n}")

    for ws in wb.worksheets:  # Arabic and Urdu read from the right
        ws.sheet_view.rightToLeft = loc.direction == "rtl"
    when = datetime.fromisoformat(date)
    wb.properties.title = title
    wb.properties.language = loc.lang
    wb.properties.creator = wb.properties.lastModifiedBy = "lnob"
    wb.properties.created = wb.properties.modified = when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return _fixed_dates(buffer.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01 (the zip's own clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _make(job: FormatJob) -> Made:
    from lnob.render.context import make_localizer

    rendered = json.loads((job.source.parent / "render.json").read_text(encoding="utf-8"))
    data = [DataTable.from_json(t) for t in rendered.get("data", [])]
    loc = make_localizer(job.paths, job.spec.language, release=False)
    demo = bool(rendered.get("demo"))
    write_bytes(job.out, workbook_bytes(rendered["title"], data, loc, demo, job.build_date))
    return Made(facts={"tables": len(data)})


XLSX = register(
    OutputFormat(
        "xlsx",
        "render",  # the render key holds the catalogue, languages and the build date
        ".xlsx",
        MEDIA_TYPE,
        label=LABEL,
        make=_make,
        tools=("openpyxl",),
    )
)
