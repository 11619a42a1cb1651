"""Paths and small helpers shared by the stocktake tests (imported by name, not a fixture)."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdata"
OFFICIAL_CSV = "sdg-indicator-list/SDG_Target_Indicator_UNSD_2023.csv"
OFFICIAL_XLSX = "sdg-indicator-list/Global Indicator Framework after 2023 refinement.English.xlsx"
COUNTRIES = ("BGD", "IND", "KEN", "NPL", "VNM")


def write(path: Path, text: str, *, bom: bool = False, crlf: bool = False) -> Path:
    """Write `text` as UTF-8, optionally with a byte-order mark and CRLF line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path
