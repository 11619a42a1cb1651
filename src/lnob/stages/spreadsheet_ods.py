"""The spreadsheet as OpenDocument (`.ods`): the XLSX's sheets (`lnob.stages.spreadsheet`),
written as ODF 1.3 XML by this module with the standard library alone.

The same `Book` as the XLSX: each sheet's title in A1 (bold), its lines, then its table,
which is a named database range with filter buttons (what an Excel table is in
LibreOffice). A text cell is a string cell and a number a float cell; no cell has a
formula and none spans more than one column or row. Spaces that ODF would fold away
(leading, trailing, or more than one) are written as `text:s`, so a heading keeps the
characters it has in the XLSX; a line break starts a paragraph of the cell, and a tab is
`text:tab` (which LibreOffice and pandas read as nothing: a tab in a cell is lost there).
Arabic and Urdu sheets run right to left (the table style's writing mode, as LibreOffice
writes it), and the document's title and language are in `meta.xml`.

The package is what ODF 1.3 asks for and no more: `mimetype` first and uncompressed, then
`META-INF/manifest.xml` listing every other member with its media type, `content.xml`
(automatic styles for the tables, the title cell and the column widths, then one
`table:table` per sheet and the database ranges), a `styles.xml` with no styles, and
`meta.xml`. The XML is built as text: every text and attribute value goes through `_text`
or `_attr` (escaped, `&`, `<`, `>` and in attributes `"` and whitespace as references), a
character XML cannot hold (a C0 control other than tab, line feed and carriage return) is an
error as it is in openpyxl, and a cell's value is never read as anything but its type says.

The same inputs give the same bytes: `meta.xml` is dated by the build date (creation and
modification) and reads no clock, its generator is the project's name (a fixed string: the
writer is part of the package, whose source is in every key), every attribute is written in
one order, and every zip member is dated 1980-01-01 with the same permissions.

odfpy wrote this file before: some 90 ms of CPU a research report (120 on the largest), in
its element tree and its writer's style pass; this writes the same sheets, cells and styles
in under 10. pandas still reads `.ods` with odfpy, so the tests read the files back through
it: a test dependency, no longer the build's.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from lnob.atomic import write_bytes
from lnob.doc.text import _
from lnob.stages import spreadsheet  # its names are looked up when a workbook is written:
from lnob.stages.formats import FormatJob, Made, OutputFormat, register  # formats imports both

if TYPE_CHECKING:
    from lnob.stages.spreadsheet import Book, Cell, Grid

MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
LABEL = _("Download the tables (spreadsheet, ODS)")
CREATOR = "lnob"
GENERATOR = "lnob"  # meta:generator: the project, with no version (the bytes would follow it)
VERSION = "1.3"  # the ODF version of every member (office:version, manifest:version)
_FOLDED = re.compile(r"^ | $|  |[\t\n]")  # what ODF's white-space rule would change
_SPACE_RUN = re.compile(r"( +)")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = {"\r": "&#13;"}  # besides &, < and >: a carriage return a parser would make \n
_ATTR = {"\r": "&#13;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}  # kept, not normalized

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_ZIP_MODE = 0o644 << 16  # rw-r--r--, as a Unix zip records it


def _checked(value: str) -> str:
    if _NOT_XML.search(value):
        raise ValueError(f"a character XML cannot hold, in a spreadsheet cell: {value!r}")
    return value


def _text(value: str) -> str:
    """`value` as XML character data. (`escape` is a few `str.replace`s: twenty times as
    fast on Devanagari as `str.translate`.)"""
    return escape(_checked(value), _TEXT)


def _attr(value: str) -> str:
    """`value` as an XML attribute value, its quotes included."""
    return '"' + escape(_checked(value), _ATTR) + '"'


def _root(name: str, prefixes: tuple[str, ...], version: str = "office:version") -> str:
    """The XML declaration and the start tag of a member's root element: its namespaces in
    the order given, then the ODF version."""
    declared = "".join(f' xmlns:{p}="{_NS[p]}"' for p in prefixes)
    return f'{_DECLARATION}<{name}{declared} {version}="{VERSION}">'


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


def _spaced(text: str) -> str:
    """The content of a paragraph holding `text`, every space kept: a space ODF would fold
    is `text:s`, a tab `text:tab`."""
    out = []
    parts = _SPACE_RUN.split(text)
    for k, part in enumerate(parts):
        if k % 2 == 0:  # text between space runs; a tab is its own element
            out.append("<text:tab/>".join(_text(piece) for piece in part.split("\t")))
            continue
        before, after = parts[k - 1], parts[k + 1]
        if before and after and before[-1] != "\t" and after[0] != "\t":
            out.append(" ")  # one space between words is kept as it is
            part = part[1:]
        if len(part) == 1:
            out.append("<text:s/>")
        elif part:
            out.append(f'<text:s text:c="{len(part)}"/>')
    return "".join(out)


def _cell(value: Cell, style: str = "") -> str:
    """A string cell, a float cell, or an empty one; never a formula."""
    if value is None or value == "":
        return f"<table:table-cell{style}/>"
    if isinstance(value, int | float):
        number = str(value)
        return (
            f'<table:table-cell{style} office:value-type="float" office:value="{number}">'
            f"<text:p>{number}</text:p></table:table-cell>"
        )
    paragraphs = "".join(  # a line break is a paragraph of the cell
        f"<text:p>{_spaced(line) if _FOLDED.search(line) else _text(line)}</text:p>"
        for line in value.split("\n")
    )
    return f'<table:table-cell{style} office:value-type="string">{paragraphs}</table:table-cell>'


def _row(values: tuple[Cell, ...] | list[Cell], style: str = "") -> str:
    return "<table:table-row>" + "".join(_cell(v, style) for v in values) + "</table:table-row>"


def _style(name: str, family: str, properties: str) -> str:
    return f'<style:style style:name="{name}" style:family="{family}">{properties}</style:style>'


_TITLE_STYLE = _style(  # A1: bold, 14 pt, in every script
    "title",
    "table-cell",
    '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"'
    ' style:font-weight-complex="bold" fo:font-size="14pt" style:font-size-asian="14pt"'
    ' style:font-size-complex="14pt"/>',
)


def content_xml(book: Book) -> str:
    """The document's `content.xml`: its styles, its sheets and their database ranges."""
    mode = "rl-tb" if book.rtl else "lr-tb"
    sheet_style = f'<style:table-properties table:display="true" style:writing-mode="{mode}"/>'
    styles = [_style("ta1", "table", sheet_style), _TITLE_STYLE]
    title = ' table:style-name="title"'
    columns: dict[float, str] = {}  # a style for each width, in characters as the XLSX's
    tables, ranges = [], []
    for sheet in book.sheets:
        parts = [f'<table:table table:name={_attr(sheet.name)} table:style-name="ta1">']
        for width in sheet.widths:
            if width not in columns:
                columns[width] = f"co{len(columns) + 1}"
                cm = (7 * width + 5) / 96 * 2.54  # as Excel draws a width of that many digits
                properties = f'<style:table-column-properties style:column-width="{cm:.3f}cm"/>'
                styles.append(_style(columns[width], "table-column", properties))
            parts.append(f'<table:table-column table:style-name="{columns[width]}"/>')
        if not sheet.widths:  # a table has at least one column
            parts.append("<table:table-column/>")
        for i, line in enumerate(sheet.lines):
            parts.append(_row([line], title if i == 0 else ""))
        if sheet.grid is not None:
            parts.append(_row(sheet.grid.header))
            parts.extend(_row(values) for values in sheet.grid.rows)
            address = _address(sheet.name, len(sheet.lines) + 1, sheet.grid)
            ranges.append(
                f"<table:database-range table:name={_attr(sheet.grid.name)}"
                f" table:target-range-address={_attr(address)}"
                ' table:display-filter-buttons="true"/>'
            )
        if not sheet.lines and sheet.grid is None:  # and at least one row
            parts.append("<table:table-row><table:table-cell/></table:table-row>")
        parts.append("</table:table>")
        tables.append("".join(parts))
    database = f"<table:database-ranges>{''.join(ranges)}</table:database-ranges>" if ranges else ""
    return (
        _root("office:document-content", ("office", "style", "text", "table", "fo"))
        + f"<office:automatic-styles>{''.join(styles)}</office:automatic-styles>"
        + f"<office:body><office:spreadsheet>{''.join(tables)}{database}</office:spreadsheet>"
        + "</office:body></office:document-content>"
    )


def meta_xml(book: Book) -> str:
    """The document's `meta.xml`: its title and language, dated by the build date."""
    when = book.date.isoformat()
    return (
        _root("office:document-meta", ("office", "meta", "dc"))
        + "<office:meta>"
        + f"<meta:generator>{GENERATOR}</meta:generator>"
        + f"<dc:title>{_text(book.title)}</dc:title>"
        + f"<dc:language>{_text(book.lang)}</dc:language>"
        + f"<meta:initial-creator>{CREATOR}</meta:initial-creator>"
        + f"<dc:creator>{CREATOR}</dc:creator>"
        + f"<meta:creation-date>{when}</meta:creation-date>"
        + f"<dc:date>{when}</dc:date>"
        + "</office:meta></office:document-meta>"
    )


STYLES_XML = _root("office:document-styles", ("office",)) + (
    "<office:styles/></office:document-styles>"
)
_MEMBERS = ("content.xml", "styles.xml", "meta.xml")  # after mimetype and the manifest
MANIFEST_XML = (
    _root("manifest:manifest", ("manifest",), version="manifest:version")
    + f'<manifest:file-entry manifest:full-path="/" manifest:version="{VERSION}"'
    + f' manifest:media-type="{MEDIA_TYPE}"/>'
    + "".join(
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
        for name in _MEMBERS
    )
    + "</manifest:manifest>"
)


def ods_bytes(book: Book) -> bytes:
    """The workbook as an `.ods`."""
    members = (
        ("mimetype", MEDIA_TYPE),
        ("META-INF/manifest.xml", MANIFEST_XML),
        ("content.xml", content_xml(book)),
        ("styles.xml", STYLES_XML),
        ("meta.xml", meta_xml(book)),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=spreadsheet.ZIP_DATE)
            info.create_system, info.external_attr = 3, _ZIP_MODE  # whatever the platform
            # ODF's rule: `mimetype` first, stored, so that its bytes name the type at offset 38
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


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
    )
)
