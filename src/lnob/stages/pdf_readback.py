"""The read-back check: the PDF's text, read as a reader's tools read it, says what the page shows.

The words a page shows are taken from WeasyPrint's layout (the text of every line it laid out,
each line's inline pieces joined, so a word split over `<b>` and plain text stays one word).
The words the PDF gives back are poppler's `pdftotext` reading of the written file, the text
that copy and paste, search and screen readers on poppler get. A word of the layout comes back
when it is a word of that reading or part of one (pdftotext joins a word hyphenated at a line's
end, and may run two table cells together). Both sides are cut into words the same way and
compared in NFC, without the invisible characters that carry no letter (joiners, soft
hyphens, direction marks).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lnob.errors import BuildError

# Characters a reader's tool may keep or drop without changing a word: joiners, soft hyphen,
# direction marks and embeddings (pdftotext wraps right-to-left lines in U+202B … U+202C).
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)


@dataclass(frozen=True)
class Readback:
    """The distinct words the pages show (in order) and those that did not come back."""

    shown: tuple[str, ...]
    missing: tuple[str, ...]


def words(text: str) -> list[str]:
    """The words of `text`: the longest runs of letters, marks and digits that hold a letter,
    normalised (NFC, no invisible characters). Punctuation, symbols and spaces part words,
    on both sides of the comparison alike (a contents line's leader dots, "well-being"), and
    so does a change of direction inside a word: the Arabic "و" before a Latin name
    ("وActionAid") or a number ("و1.3.1", digits run left to right in any line) is drawn as
    two pieces that run in opposite directions, which pdftotext gives back as two words."""
    found: list[str] = []
    for token in unicodedata.normalize("NFC", text.translate(_INVISIBLE)).split():
        if token.isascii() and token.isalnum():  # letters and digits, left to right
            if not token.isdigit():
                found.append(token)
        else:
            _split(token, found)
    return found


def _split(text: str, found: list[str]) -> None:
    """The words of `text` (as `words` cuts them, character by character) added to `found`."""
    word: list[str] = []
    direction = ""
    for char in text + " ":
        if unicodedata.category(char)[0] in "LMN":
            strong = _STRONG.get(unicodedata.bidirectional(char), "")
            if strong and direction and strong != direction:
                _end(word, found)
            direction = strong or direction
            word.append(char)
            continue
        _end(word, found)
        direction = ""


# The directions of the Unicode bidirectional algorithm (UAX #9) a letter or digit runs in:
# left to right (L, and European and Arabic digits, EN and AN, in any line) or right to left
# (Hebrew R, Arabic AL). Marks (NSM) take the direction of their letter.
_STRONG = {"L": "ltr", "EN": "ltr", "AN": "ltr", "R": "rtl", "AL": "rtl"}


def _end(word: list[str], found: list[str]) -> None:
    if any(unicodedata.category(c)[0] == "L" for c in word):
        found.append("".join(word))
    word.clear()


def _lines(box: Any) -> Iterator[str]:
    """The text of every line laid out under `box`, in document order."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        yield "".join(_line_text(box))
    elif isinstance(box, boxes.TextBox):  # a list marker, outside any line
        if box.style["visibility"] == "visible":
            yield box.text
    elif isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _lines(child)


def _line_text(box: Any) -> Iterator[str]:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        if box.style["visibility"] == "visible":
            yield box.text
    elif isinstance(box, boxes.InlineBlockBox | boxes.InlineFlexBox | boxes.InlineGridBox):
        yield " "  # a box of its own inside the line: its lines are words apart
        for line in _lines(box):
            yield line + " "
    elif isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _line_text(child)


# The lines of each laid-out document, read once: the read-back and the printed-text checks
# (`pdf_printed`) both read them.
_PAGE_LINES: weakref.WeakKeyDictionary[Any, list[list[str]]] = weakref.WeakKeyDictionary()


def page_lines(document: Any) -> list[list[str]]:
    """The text of every line a laid-out WeasyPrint document shows, page by page (margin
    boxes included: running head, folio)."""
    found = _PAGE_LINES.get(document)
    if found is None:
        found = [list(_lines(page._page_box)) for page in document.pages]
        _PAGE_LINES[document] = found
    return found


def shown_words(document: Any) -> list[str]:
    """The distinct words a laid-out WeasyPrint document shows, in the order it shows them."""
    seen: dict[str, None] = {}
    for lines in page_lines(document):
        for line in lines:
            seen.update(dict.fromkeys(words(line)))
    return list(seen)


def pdftotext(pdf: Path, where: str) -> str:
    """The text poppler's `pdftotext` reads from `pdf` (UTF-8)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise BuildError(
            f"{where}: pdftotext is not installed, so the PDF's text cannot be read back. "
            "Install poppler-utils (scripts/system-deps.sh)"
        )
    done = subprocess.run(
        [tool, "-q", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=False
    )
    if done.returncode != 0:
        raise BuildError(
            f"{where}: pdftotext could not read {pdf.name} (exit {done.returncode}): "
            f"{done.stderr.decode(errors='replace').strip()}"
        )
    return done.stdout.decode("utf-8", errors="replace")


def read_back(document: Any, pdf: Path, where: str) -> Readback:
    """Which of the words `document` shows do not come back from the PDF written from it."""
    shown = shown_words(document)
    tokens = words(pdftotext(pdf, where))
    exact = set(tokens)
    joined = "\n".join(tokens)
    missing = tuple(w for w in shown if w not in exact and w not in joined)
    return Readback(tuple(shown), missing)


def describe(result: Readback, where: str, first: int = 8) -> str:
    """The message for a PDF whose words do not all come back, naming the first ones."""
    named = ", ".join(f"'{w}'" for w in result.missing[:first])
    more = f" and {len(result.missing) - first} more" if len(result.missing) > first else ""
    return (
        f"{where}: the PDF's text does not say what its pages show: {len(result.missing)} of "
        f"{len(result.shown)} words do not come back from pdftotext, first {named}{more}"
    )


__all__ = [
    "Readback",
    "describe",
    "page_lines",
    "pdftotext",
    "read_back",
    "shown_words",
    "words",
]
