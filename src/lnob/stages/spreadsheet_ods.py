"""The spreadsheet as OpenDocument (`.ods`): the XLSX's sheets (`lnob.stages.spreadsheet`),
written with odfpy.

The same `Book` as the XLSX: each sheet's title in A1 (bold), its lines, then its table,
which is a named database range with filter buttons (what an Excel table is in
LibreOffice). A text cell is a string cell and a number a float cell; no cell has a
formula and none spans more than one column or row. Spaces that ODF would fold away
(leading, trailing, or more than one) are written as `text:s`, so a heading keeps the
characters it has in the XLSX; a line break starts a paragraph of the cell, and a tab is
`text:tab` (which LibreOffice and pandas read as nothing: a tab in a cell is lost there).
Arabic and Urdu sheets run right to left (the table style's writing mode), and the
document's title and language are in `meta.xml`.

The same inputs give the same bytes: `meta.xml` is dated by the build date (creation and
modification) and reads no clock, its generator is odfpy's name and version (a part of the
format's key, as its tools are), every zip member is dated 1980-01-01 and `mimetype` comes
first, uncompressed (ODF's rule). odfpy keeps one process-wide table of the namespaces it
has seen and declares all of them at each file's root, in the order it met them; the writer
sets that table to the ones this document uses, sorted, before it writes, so what another
document (or a read ODS file) brought into the process does not change the bytes.
"""

from __future__ import annotations

import io
import re
import threading
from typing import TYPE_CHECKING, Any

from lnob.atomic import write_bytes
from lnob.doc.text import _
from lnob.stages import spreadsheet  # its names are looked up when a workbook is written:
from lnob.stages.formats import FormatJob, Made, OutputFormat, register  # formats imports both

if TYPE_CHECKING:
    from lnob.stages.spreadsheet import Book, Cell, Grid

MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
LABEL = _("Download the tables (spreadsheet, ODS)")
CREATOR = "lnob"
_FOLDED = re.compile(r"^ | $|  |[\t\n]")  # what ODF's white-space rule would change
_SPACE_RUN = re.compile(r"( +)")
_NAMESPACES = threading.Lock()  # odfpy's namespace table is the process's


def _column(n: int) -> str:
    """Column `n` (from 1) by its letters: 1 is A, 27 is AA."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def _address(sheet: str, first_row: int, grid: Grid) -> str:
    """The grid's cells as an ODF range address ('Table 1'.A5:'Table 1'.C8)."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    last = f"{_column(len(grid.header))}{first_row + max(len(grid.rows), 1)}"
    return f"{quoted}.A{first_row}:{quoted}.{last}"


def _add_text(p: Any, text: str) -> None:
    """`text` into paragraph `p`, every space kept: a space ODF would fold is `text:s`."""
    from odf.text import S, Tab

    parts = _SPACE_RUN.split(text)
    for k, part in enumerate(parts):
        if k % 2 == 0:  # text between space runs; a tab is its own element
            for m, piece in enumerate(part.split("\t")):
                if m:
                    p.addElement(Tab())
                if piece:
                    p.addText(piece)
            continue
        before, after = parts[k - 1], parts[k + 1]
        if before and after and before[-1] != "\t" and after[0] != "\t":
            p.addText(" ")  # one space between words is kept as it is
            part = part[1:]
        if part:
            p.addElement(S(c=len(part)))


def _cell(value: Cell, style: str | None = None) -> Any:
    """A string cell, a float cell, or an empty one; never a formula. (Its attributes are
    given by name and namespace: odfpy's keyword form costs twice as much a cell.)"""
    from odf.element import Element
    from odf.namespaces import OFFICENS, TABLENS
    from odf.text import P

    attributes = {(TABLENS, "style-name"): style} if style else {}
    if value is None or value == "":
        return Element(qname=(TABLENS, "table-cell"), qattributes=attributes)
    if isinstance(value, int | float):
        attributes[OFFICENS, "value-type"] = "float"
        attributes[OFFICENS, "value"] = str(value)
        cell = Element(qname=(TABLENS, "table-cell"), qattributes=attributes)
        cell.addElement(P(text=str(value)))
        return cell
    attributes[OFFICENS, "value-type"] = "string"
    cell = Element(qname=(TABLENS, "table-cell"), qattributes=attributes)
    for line in value.split("\n"):  # a line break is a paragraph of the cell
        if _FOLDED.search(line):
            p = P()
            _add_text(p, line)
            cell.addElement(p)
        else:
            cell.addElement(P(text=line))
    return cell


def _row(values: tuple[Cell, ...] | list[Cell], style: str | None = None) -> Any:
    from odf.table import TableRow

    row = TableRow()
    for value in values:
        row.addElement(_cell(value, style))
    return row


def _used_namespaces(node: Any, found: set[str]) -> set[str]:
    """The namespaces of `node`, its attributes and everything under it."""
    if node.nodeType == node.ELEMENT_NODE:
        found.add(node.qname[0])
        found.update(ns for ns, _local in node.attributes)
        for child in node.childNodes:
            _used_namespaces(child, found)
    return found


def _document(book: Book) -> Any:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties, TableProperties, TextProperties
    from odf.table import DatabaseRange, DatabaseRanges, Table, TableColumn

    doc = OpenDocumentSpreadsheet()
    when = book.date.isoformat()
    for element in (
        dc.Title(text=book.title),
        dc.Language(text=book.lang),
        meta.InitialCreator(text=CREATOR),
        dc.Creator(text=CREATOR),
        meta.CreationDate(text=when),
        dc.Date(text=when),
    ):
        doc.meta.addElement(element)
    sheet_style = Style(name="ta1", family="table")
    mode = "rl-tb" if book.rtl else "lr-tb"
    sheet_style.addElement(TableProperties(display="true", writingmode=mode))
    title = Style(name="title", family="table-cell")
    bold = {f"fontweight{s}": "bold" for s in ("", "asian", "complex")}
    big = {f"fontsize{s}": "14pt" for s in ("", "asian", "complex")}
    title.addElement(TextProperties(**bold, **big))
    doc.automaticstyles.addElement(sheet_style)
    doc.automaticstyles.addElement(title)

    columns: dict[float, str] = {}  # a style for each width, in characters as the XLSX's
    ranges = DatabaseRanges()
    for sheet in book.sheets:
        table = Table(name=sheet.name, stylename="ta1")
        for width in sheet.widths:
            if width not in columns:
                columns[width] = f"co{len(columns) + 1}"
                style = Style(name=columns[width], family="table-column")
                cm = (7 * width + 5) / 96 * 2.54  # as Excel draws a width of that many digits
                style.addElement(TableColumnProperties(columnwidth=f"{cm:.3f}cm"))
                doc.automaticstyles.addElement(style)
            table.addElement(TableColumn(stylename=columns[width]))
        for i, line in enumerate(sheet.lines):
            table.addElement(_row([line], "title" if i == 0 else None))
        if sheet.grid is not None:
            table.addElement(_row(sheet.grid.header))
            for values in sheet.grid.rows:
                table.addElement(_row(values))
            address = _address(sheet.name, len(sheet.lines) + 1, sheet.grid)
            ranges.addElement(
                DatabaseRange(
                    name=sheet.grid.name, targetrangeaddress=address, displayfilterbuttons="true"
                )
            )
        doc.spreadsheet.addElement(table)
    doc.spreadsheet.addElement(ranges)
    return doc


def ods_bytes(book: Book) -> bytes:
    """The workbook as an `.ods`."""
    from odf.element import Element

    with _NAMESPACES:
        doc = _document(book)
        declared = Element.namespaces  # odfpy's one table (a class attribute)
        used = _used_namespaces(doc.topnode, set())
        declared.clear()
        for namespace in sorted(used):
            doc.topnode.get_nsprefix(namespace)
        buffer = io.BytesIO()
        doc.write(buffer)
    return spreadsheet.fixed_dates(buffer.getvalue(), stored="mimetype")


def _make(job: FormatJob) -> Made:
    book = spreadsheet.read_book(job)
    write_bytes(job.out, ods_bytes(book))
    return Made(facts={"tables": book.tables})


ODS = register(
    OutputFormat(
        "ods",
        "render",  # as the XLSX: the render key holds the catalogue, languages and date
        ".ods",
        MEDIA_TYPE,
        label=LABEL,
        make=_make,
        tools=("odfpy",),
    )
)
