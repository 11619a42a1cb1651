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


class InputErrors(InputError):
    """Several independent problems of one set of files (a country's stocktake files), found
    in one reading. It reads as the first one, saying how many more there are; ``errors``
    holds each, and ``python build.py validate`` lists them one a line."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = tuple(errors)
        first, more = errors[0], len(errors) - 1
        hint = f"{first.hint}. " if first.hint else ""
        hint += f"{more} more problem(s) in these files: `python build.py validate` lists them all"
        super().__init__(
            first.path,
            first.problem,
            first.row,
            first.column,
            first.sheet,
            first.expected,
            first.found,
            hint,
        )


def raise_all(errors: list[InputError]) -> None:
    """Raise the problems found, if any: the one alone, or all as `InputErrors`."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)


class BuildError(LnobError):
    """A stage could not produce its output (tool failure, missing glyph, page budget)."""


# How large each kind of input may be. Real inputs are far below these (a 200,000-row survey
# export is about 150 MB; a coalition.yaml a few KB); a larger file is refused before it is read.
MB = 1024 * 1024
SIZE_LIMITS: dict[str, int] = {
    "yaml": 4 * MB,  # coalition, languages, identity, taxonomy, survey.yaml, front matter
    "markdown": 2 * MB,  # an authored brief or report text
    "catalogue": 16 * MB,  # a gettext .po file
    "csv": 256 * MB,  # a stocktake file or a dataset
    "export": 1024 * MB,  # a survey export (CSV)
    "form": 64 * MB,  # an XLSForm (.xlsx)
}


def check_size(path: Path, kind: str) -> None:
    """Refuse a file larger than the limit for its `kind` (see `SIZE_LIMITS`)."""
    limit = SIZE_LIMITS[kind]
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader that opens it names the problem
    if size > limit:
        raise InputError(
            path,
            f"the file is too large to read as {kind} ({size / MB:.1f} MB)",
            expected=f"at most {limit // MB} MB",
            hint="Check that it is the right file; split it or remove what is not needed",
        )


def decode_utf8(raw: bytes, path: Path | str, hint: str = "Save the file as UTF-8") -> str:
    """`raw` as text (a byte-order mark dropped); a byte that is not UTF-8 is named by its
    line and column (counted in characters, as an editor shows them), never by an offset."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line_end = raw.find(b"\n", exc.start) % (len(raw) + 1)  # the line's end, or the file's
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        raise InputError(
            path,
            f"not UTF-8 text: byte {raw[exc.start]:#04x} at line {line}, column {column}",
            row=line,
            expected="UTF-8 text",
            found=raw[line_start : min(line_end, exc.end + 12)]
            .decode("utf-8", errors="replace")
            .strip()[:60],
            hint=hint,
        ) from None


def read_input_text(path: Path, kind: str, hint: str = "Save the file as UTF-8") -> str:
    """The UTF-8 text of an input file, within the size limit of its kind."""
    check_size(path, kind)
    return decode_utf8(path.read_bytes(), path, hint)
