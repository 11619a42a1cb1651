"""Reference periods as published (`2019`, `2013/14`, `2000 Q1`, `2007/08 to 2008/09`, `2019-21`).

Bottom layer: imports nothing of the project. The stocktake only needs the
latest calendar year a period reaches, so that is all this module computes.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A four-digit year, optionally followed by `/yy`, `-yy`, `/yyyy` or `-yyyy` (a span).
_PERIOD = re.compile(r"(?<!\d)(\d{4})(?:\s*[/\-\u2013]\s*(\d{4}|\d{2})(?!\d))?")
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
# A two-digit end further than this after the start is a month (2019-03), not a span.
_LONGEST_SHORT_SPAN = 10


@lru_cache(maxsize=4096)
def period_end_year(text: str) -> int | None:
    """The last calendar year a period reaches, or None when the text holds no plausible year.

    `2013/14` -> 2014, `1999/00` -> 2000, `2000 Q1` -> 2000, `2007/08 to 2008/09` -> 2009,
    `2019-2021` -> 2021, `2019-03` (a month) -> 2019.
    """
    matches = list(_PERIOD.finditer(text))
    if not matches:
        return None
    start_text, end_text = matches[-1].groups()
    start = int(start_text)
    end = start
    if end_text and len(end_text) == 4:
        end = int(end_text)
    elif end_text:
        candidate = start - start % 100 + int(end_text)
        if candidate < start:
            candidate += 100
        if candidate - start <= _LONGEST_SHORT_SPAN:
            end = candidate
    if not (EARLIEST_YEAR <= start <= end <= LATEST_YEAR):
        return None
    return end


def latest_of_periods(text: str, separator: str = ";") -> int | None:
    """Latest end year of periods written `2011; 2016; 2022`; None if any is unreadable."""
    years = [period_end_year(part) for part in text.split(separator) if part.strip()]
    if not years or any(year is None for year in years):
        return None
    return max(year for year in years if year is not None)
