"""The spreadsheet formats: every chart's and table's figures in one accessible workbook.

Laid out the way the UK Government Analysis Function asks for published spreadsheets: a
cover sheet (the document's title, what the workbook holds, the demo notice), a contents
sheet, a notes sheet when a figure is withheld, then one table per sheet, each with its
title in cell A1, a line saying what the sheet holds, its source, and the figures under one
header row; no merged cells, no blank rows inside a table. A figure withheld by disclosure
control is `[c]` with the note that says why, never a blank. Every word is in the
document's language (gettext); the figures are the CSV downloads' own
(`lnob.render.tabledata`, kept by the render stage), numbers as numbers. A text cell is
always written as text, never as a formula, whatever it starts with (the CSV rule of
`lnob.render.csvcells`, by the cell's type). Dated by the build date, so the same inputs
give the same bytes.

What the workbook holds is worked out once (`workbook`: a `Book` of `Sheet`s) and written
by each format from it: `.xlsx` here, with openpyxl (already the project's XLSX reader) as
an Excel table per sheet; OpenDocument `.ods` in `lnob.stages.spreadsheet_ods`, as ODF XML
written with the standard library.
`gptables`, made for this layout, cannot be installed beside pyxform (gptables 2 needs
xlrd>=2.0.2, pyxform 4.5 pins xlrd==2.0.1; gptables 1.2 fails on pandas 3).
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
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

Cell = str | int | float | None  # text is always text; None (or "") is an empty cell


@dataclass(frozen=True)
class Grid:
    """A sheet's table: one header row, then its rows, from column A."""

    name: str  # the table's own name ("contents", "notes", "table_1"): an Excel table's
    header: tuple[str, ...]  # unique and not empty, as an Excel table needs
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Sheet:
    name: str
    lines: tuple[str, ...]  # column A from row 1: the title (bold), what it holds, notes
    grid: Grid | None  # under the lines (the cover has none)
    widths: tuple[float, ...]  # of its columns from A, in characters


@dataclass(frozen=True)
class Book:
    """What a document's workbook holds, whichever format writes it."""

    title: str
    lang: str
    rtl: bool  # Arabic and Urdu read from the right
    date: datetime  # the build date: the file's own
    sheets: tuple[Sheet, ...]

    @property
    def tables(self) -> int:
        """How many of its sheets are the document's charts and tables."""
        return sum(s.grid is not None and s.grid.name.startswith("table_") for s in self.sheets)


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique (case-blind)."""
    base = " ".join(name.translate(BAD_SHEET_CHARS).split())[:31] or "Sheet"
    out, n = base, 2
    while out.casefold() in taken:
        suffix = f" ({n})"
        out, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(out.casefold())
    return out


def _unique(header: tuple[str, ...]) -> tuple[str, ...]:
    """Column headings an Excel table accepts: unique and not empty."""
    seen: set[str] = set()
    out = []
    for i, h in enumerate(header):
        name = h.strip() or f"{i + 1}"
        while name.casefold() in seen:
            name += " "
        seen.add(name.casefold())
        out.append(name)
    return tuple(out)


def _cells(data: DataTable) -> tuple[tuple[tuple[Cell, ...], ...], bool]:
    """The rows with numbers as numbers and withheld cells marked; whether any is withheld."""
    out, withheld = [], False
    for row in data.rows:
        cells: list[Cell] = []
        for value, numeric in zip(row, data.numeric, strict=True):
            if value is None:
                cells.append(WITHHELD)
                withheld = True
            elif numeric and value != "":
                number = float(value)
                cells.append(int(number) if number.is_integer() and "." not in value else number)
            else:
                cells.append(value)
        out.append(tuple(cells))
    return tuple(out), withheld


def _sheet(name: str, lines: list[str], grid: Grid) -> Sheet:
    """A sheet of lines over a table, its columns as wide as their longest text (10 to 60)."""
    widths = tuple(
        float(min(max(max([len(h), *(len(str(r[j] or "")) for r in grid.rows)]) + 2, 10), 60))
        for j, h in enumerate(grid.header)
    )
    return Sheet(name, tuple(lines), grid, widths)


def workbook(title: str, data: list[DataTable], loc: Localizer, demo: bool, date: str) -> Book:
    """What the workbook of a document's data tables holds, in the document's language."""
    plain = loc.plain
    taken: set[str] = set()
    cover_name = _sheet_name(plain(COVER), taken)
    contents_name = _sheet_name(plain(CONTENTS), taken)
    notes_name = _sheet_name(plain(NOTES), taken)
    about = [title, plain(ABOUT.format(contents=contents_name))] + ([plain(DEMO)] if demo else [])
    sheets = [Sheet(cover_name, tuple(about), None, (100.0,))]

    named = []
    for t in data:
        label = FIGURE_N if t.kind == "figure" else TABLE_N
        named.append((_sheet_name(plain(label.format(n=Num(t.number, "integer"))), taken), t))
    cells = [_cells(t) for _name, t in named]
    any_withheld = any(w for _rows, w in cells)

    listed = [(name, t.title) for name, t in named]
    if any_withheld:
        listed.insert(0, (notes_name, plain(NOTES)))
    head = (plain(SHEET_NAME), plain(TABLE_TITLE))
    lines = [plain(CONTENTS), plain(ONE_TABLE)]
    sheets.append(_sheet(contents_name, lines, Grid("contents", head, tuple(listed))))
    if any_withheld:
        note = plain(WITHHELD_NOTE.format(symbol=WITHHELD))
        head = (plain(NOTE_NUMBER), plain(NOTE_TEXT))
        lines = [plain(NOTES), plain(ONE_TABLE)]
        sheets.append(_sheet(notes_name, lines, Grid("notes", head, ((1, note),))))

    for n, ((name, t), (rows, withheld)) in enumerate(zip(named, cells, strict=True), start=1):
        lines = [t.title, plain(ONE_TABLE)]
        if withheld:
            lines.append(plain(WITHHELD_CELLS.format(symbol=WITHHELD, notes=notes_name)))
        if t.note:  # who was asked (skip logic), as under the chart or table in the document
            lines.append(t.note)
        if t.source:
            lines.append(t.source)
        sheets.append(_sheet(name, lines, Grid(f"table_{n}", _unique(t.header), rows)))
    when = datetime.fromisoformat(date)
    return Book(title, loc.lang, loc.direction == "rtl", when, tuple(sheets))


def read_book(job: FormatJob) -> Book:
    """The workbook of the document a format's job is for, from the render stage's record."""
    from lnob.render.context import make_localizer

    rendered = json.loads((job.source.parent / "render.json").read_text(encoding="utf-8"))
    data = [DataTable.from_json(t) for t in rendered.get("data", [])]
    loc = make_localizer(job.paths, job.spec.language, release=False)
    demo = bool(rendered.get("demo"))
    return workbook(rendered["title"], data, loc, demo, job.build_date)


def fixed_dates(data: bytes, stored: str | None = None) -> bytes:
    """The same archive with every member dated 1980-01-01 (the zip's own clock); the member
    named `stored` first and uncompressed (ODF's rule for its `mimetype`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename != stored):
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            plain = info.filename == stored
            fixed.compress_type = zipfile.ZIP_STORED if plain else zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# The XLSX -----------------------------------------------------------------------------------


def _text_cell(ws: Any, row: int, column: int, value: str) -> None:
    """A text cell, typed as text: openpyxl would take '=…' for a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    cell.data_type = "s"


def _table(ws: Any, first_row: int, grid: Grid) -> None:
    """The header and rows from `first_row`, as one Excel table (filterable, read as one)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    for j, h in enumerate(grid.header, start=1):
        _text_cell(ws, first_row, j, h)
    for i, row in enumerate(grid.rows, start=first_row + 1):
        for j, value in enumerate(row, start=1):
            if isinstance(value, str):
                _text_cell(ws, i, j, value)
            elif value is not None:
                ws.cell(row=i, column=j, value=value)
    last = f"{get_column_letter(len(grid.header))}{first_row + max(len(grid.rows), 1)}"
    table = Table(displayName=grid.name, ref=f"A{first_row}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)


def xlsx_bytes(book: Book) -> bytes:
    """The workbook as an `.xlsx`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    for i, sheet in enumerate(book.sheets):
        ws = wb.active if i == 0 else wb.create_sheet(sheet.name)
        ws.title = sheet.name
        for row, line in enumerate(sheet.lines, start=1):
            _text_cell(ws, row, 1, line)
        ws["A1"].font = Font(bold=True, size=14)
        if sheet.grid is not None:
            _table(ws, len(sheet.lines) + 1, sheet.grid)
        for j, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.sheet_view.rightToLeft = book.rtl
    wb.properties.title = book.title
    wb.properties.language = book.lang
    wb.properties.creator = wb.properties.lastModifiedBy = "lnob"
    wb.properties.created = wb.properties.modified = book.date
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return fixed_dates(buffer.getvalue())


def workbook_bytes(
    title: str, data: list[DataTable], loc: Localizer, demo: bool, date: str
) -> bytes:
    """The `.xlsx` workbook of a document's data tables, as bytes."""
    return xlsx_bytes(workbook(title, data, loc, demo, date))


def _make(job: FormatJob) -> Made:
    book = read_book(job)
    write_bytes(job.out, xlsx_bytes(book))
    return Made(facts={"tables": book.tables})


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
