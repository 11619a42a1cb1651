"""`N_`: mark a string for the catalogue where it is defined, translate it later.

`LABELS = {"sex": N_("Sex")}` puts "Sex" into `locale/messages.pot` (extract) while
the value stays the English msgid; the render stage looks it up in the reader's
catalogue. Bottom layer: imports nothing.
"""

from __future__ import annotations


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention
    """Return `msgid` unchanged; Babel's extractor collects it."""
    return msgid
