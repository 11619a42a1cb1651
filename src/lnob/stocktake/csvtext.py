"""Reading a CSV file's text and rows with errors that say where and what to do.

Shared by the Open SDG and inventory readers: a byte-order mark and CRLF line ends are
accepted; bytes that are not UTF-8, a file separated by semicolons or tabs, and a row
with more or fewer cells than the header are InputErrors naming the line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lnob.errors import InputError, check_size

_OTHER_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def read_text(path: Path, save_as: str = "Save it as 'CSV UTF-8'") -> str:
    """The file's text (UTF-8, with or without a byte-order mark)."""
    check_size(path, "csv")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        snippet = raw[line_start : exc.end + 12].decode("utf-8", errors="replace").strip()
        raise InputError(
            path,
            f"not UTF-8 text (byte {raw[exc.start]:#04x} at line {line}, column {column} "
            "cannot be read)",
            row=line,
            expected="UTF-8 text",
            found=snippet[:60],
            hint=f"{save_as} in a spreadsheet program (it was probably saved "
            "as Latin-1 or Windows-1252), then build again",
        ) from None


def read_rows(path: Path, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (names stripped) and each non-blank row with its line number.

    Raises InputError for another separator than commas and for an unnamed column; the
    caller checks its header, then :func:`check_widths`.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    if len(header) == 1:
        for sep, name in _OTHER_SEPARATORS.items():
            if sep in header[0]:
                raise InputError(
                    path,
                    f"cells are separated by {name}, not commas",
                    row=1,
                    expected="cells separated by commas",
                    found=header[0][:80],
                    hint="Save the file as comma-separated CSV (UTF-8), the "
                    "format the data is published in",
                )
    for position, name in enumerate(header, start=1):
        if not name:
            raise InputError(
                path,
                f"column {position} of the header has no name",
                row=1,
                column=f"#{position}",
                expected="a name for every column",
                found=",".join(header)[:120],
                hint="Name the column, or delete it if it is a stray trailing comma",
            )
    rows: list[tuple[int, list[str]]] = []
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if any(cell.strip() for cell in cells):  # skip blank rows left at the end
            rows.append((start, cells))
    return header, rows


def check_widths(path: Path, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
    """InputError for the first row with more or fewer cells than the header."""
    for line, cells in rows:
        if len(cells) != len(header):
            raise InputError(
                path,
                "wrong number of cells",
                row=line,
                column=header[len(cells)] if len(cells) < len(header) else f"#{len(header) + 1}",
                expected=f"{len(header)} cells like the header",
                found=f"{len(cells)} cells",
                hint='Quote cells that contain commas ("1,234"), and give every '
                "row all its cells, empty ones included",
            )
