"""CSV cells a spreadsheet shows as text, never runs (OWASP's CSV-injection rule).

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is taken for a
formula by Excel, LibreOffice and Google Sheets; such a cell gets a leading `'`, which they
show as text. A number (`-1.5`, `+2`, `1E-3`: what `Decimal` reads, finite) is left as it
is, so numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    if text != text.strip():
        return False
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def safe_cell(value: object) -> str:
    """`value` as a CSV cell that no spreadsheet runs."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """The CSV text of `rows` (header included), every cell made safe."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return buf.getvalue()
