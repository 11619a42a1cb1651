"""Write data/sdg/indicators.csv, the project's own copy of the official SDG indicator list.

Usage: python data/make_indicator_list.py OFFICIAL.xlsx [OUT.csv]

OFFICIAL.xlsx is the UN Statistics Division's global indicator framework as downloaded
("Global Indicator Framework after 2023 refinement.English.xlsx", unchanged: header on row
3, goal rows between indicators, code and title in one cell, footnote markers). It is read
by the build's own reader (lnob.stocktake.official) and written as `code,title`, in the
framework's order, one row per indicator code, so a real Open SDG platform folder is accepted
as it is. The translated titles in data/sdg/titles.<lang>.csv are the project's own and cover
fewer indicators; an indicator without one shows its English title, flagged as a fallback.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from lnob.stocktake.official import read_official_xlsx

OUT = Path(__file__).resolve().parent / "sdg" / "indicators.csv"


def indicator_csv(official: Path) -> str:
    """The `code,title` text of every indicator of the official list, in its order."""
    listed = read_official_xlsx(official)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "title"])
    for code in listed.codes:
        writer.writerow([code, listed.titles[code]])
    return buffer.getvalue()


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    out = Path(argv[2]) if len(argv) == 3 else OUT
    out.write_text(indicator_csv(Path(argv[1])), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv)
