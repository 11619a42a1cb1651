"""The cells of each chart's and table's data download, kept for formats made after render.

The render stage writes each chart's and table's figures as a CSV (`lnob.render.html`) and
keeps the same header and rows here, in `render.json`, so that a format that lays them out
otherwise (the spreadsheet, `lnob.stages.spreadsheet`) shows exactly the download's figures,
words and order. A withheld cell (disclosure control) is None: blank in the CSV, marked in a
spreadsheet; every other cell is the CSV's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

Rows = tuple[tuple[str, ...], tuple[tuple[str | None, ...], ...]]  # header, rows


def _number(text: str) -> bool:
    try:
        return text == text.strip() and Decimal(text).is_finite()
    except InvalidOperation:
        return False


@dataclass(frozen=True)
class DataTable:
    path: str  # the CSV, relative to the document folder
    title: str
    kind: str  # "figure" or "table"
    number: int  # "Figure 2", "Table 3" in the document
    source: str  # "Source: …", as the document says it; "" when it names none
    header: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    numeric: tuple[bool, ...]  # per column: every figure in it is a number (not the first)
    note: str = ""  # the note under it in the document (who was asked, what a mark means)

    @classmethod
    def of(
        cls,
        path: str,
        title: str,
        kind: str,
        number: int,
        rows: Rows,
        source: str,
        note: str = "",
    ) -> DataTable:
        header, body = rows
        numeric = tuple(
            i > 0
            and any(r[i] for r in body)
            and all(r[i] is None or r[i] == "" or _number(str(r[i])) for r in body)
            for i in range(len(header))
        )
        return cls(path, title, kind, number, source, header, body, numeric, note)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "kind": self.kind,
            "number": self.number,
            "source": self.source,
            "header": list(self.header),
            "rows": [list(r) for r in self.rows],
            "numeric": list(self.numeric),
            "note": self.note,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DataTable:
        return cls(
            raw["path"],
            raw["title"],
            raw["kind"],
            raw["number"],
            raw["source"],
            tuple(raw["header"]),
            tuple(tuple(r) for r in raw["rows"]),
            tuple(raw["numeric"]),
            raw.get("note", ""),
        )
