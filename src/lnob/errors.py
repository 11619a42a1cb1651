"""Domain errors. Bottom layer: imports nothing of the project.

Every error a user can cause names where the problem is (file, sheet, row,
column), what was expected, what was found, and what to do next. Only the
command line turns these into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class LnobError(Exception):
    """Base class of every error the project raises on purpose."""


@dataclass(eq=False)
class InputError(LnobError):
    """Bad input: a file, a cell or a value that is not what the schema says.

    ``row`` is the 1-based line (CSV, counting the header as line 1) or sheet
    row as a spreadsheet program shows it.
    """

    path: str | Path
    problem: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    expected: str | None = None
    found: object = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @property
    def where(self) -> str:
        parts = [str(self.path)]
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        msg = f"{self.where}: {self.problem}"
        if self.expected is not None:
            msg += f"; expected {self.expected}"
        if self.found is not None:
            msg += f", found {self.found!r}"
        if self.hint:
            msg += f". {self.hint}"
        return msg


class BuildError(LnobError):
    """A stage could not produce its output (tool failure, missing glyph, page budget)."""
