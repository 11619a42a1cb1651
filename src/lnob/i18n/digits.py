"""Native digits: the project's own small step, since Babel writes only ASCII digits.

Babel's `numbering_system` argument switches the decimal and group separators of a
numbering system but still writes 0-9 (python-babel/babel#731). This module maps
ASCII digits to the digits of a CLDR numbering system and back. Bottom layer: imports
nothing of the project.
"""

from __future__ import annotations

import unicodedata

# CLDR numbering system id -> its digit zero; the nine digits that follow are
# consecutive code points in each of these scripts.
_ZERO: dict[str, str] = {
    "latn": "0",
    "beng": "\u09e6",  # ০ Bengali
    "deva": "\u0966",  # ० Devanagari
    "arab": "\u0660",  # ٠ Arabic-Indic
    "arabext": "\u06f0",  # ۰ Extended Arabic-Indic (Urdu, Persian)
}


def digit_table(numbering_system: str) -> dict[int, str]:
    """A `str.translate` table from ASCII 0-9 to the digits of `numbering_system`."""
    try:
        zero = ord(_ZERO[numbering_system])
    except KeyError:
        known = ", ".join(sorted(_ZERO))
        raise ValueError(
            f"no digits known for numbering system '{numbering_system}' (known: {known})"
        ) from None
    return {ord("0") + i: chr(zero + i) for i in range(10)}


def to_native_digits(text: str, numbering_system: str) -> str:
    """`text` with every ASCII digit replaced by the digit of `numbering_system`."""
    if numbering_system == "latn":
        return text
    return text.translate(digit_table(numbering_system))


def to_ascii_digits(text: str) -> str:
    """`text` with every decimal digit of any script replaced by its ASCII digit."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)
