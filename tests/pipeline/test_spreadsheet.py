"""The spreadsheet of a document's tables (issue 22): the Analysis Function's layout, the
download's own figures, withheld figures marked and explained, words in the document's
language, no cell that runs as a formula, the same bytes from the same inputs."""

from __future__ import annotations

import csv as csvlib
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lnob.build.run import BuildReport
from lnob.paths import ProjectPaths
from lnob.render.context import make_localizer
from lnob.render.tabledata import DataTable
from lnob.stages.spreadsheet import WITHHELD, workbook_bytes
from tests.conftest import ROOT

TABLE = DataTable(
    "data/table-1.csv",
    "Wahojiwa kwa kundi",
    "table",
    1,
    "Chanzo: utafiti (ONYESHO)",
    ("Kundi", "Wahojiwa", "Hali"),
    (("Mjini", "165", ""), ('=HYPERLINK("http://x")', None, "Imezuiliwa"), ("@SUM(A1)", "12", "")),
    (False, True, False),
)
FIGURE = DataTable(
    "data/fig-1.csv",
    "Kielelezo",
    "figure",
    1,
    "",
    ("Kundi", "Thamani"),
    (("Jumla", "53.74"),),
    (False, True),
)


def workbook(data: list[DataTable], lang: str = "sw") -> openpyxl.Workbook:
    loc = make_localizer(ProjectPaths.at(ROOT), lang, release=False)
    raw = workbook_bytes("Hati ya majaribio", data, loc, True, "2026-07-01")
    assert raw == workbook_bytes("Hati ya majaribio", data, loc, True, "2026-07-01")  # same bytes
    return openpyxl.load_workbook(io.BytesIO(raw))


def test_the_layout_is_the_analysis_functions_in_the_documents_language() -> None:
    wb = workbook([TABLE, FIGURE])
    assert wb.sheetnames == ["Jalada", "Yaliyomo", "Maelezo", "Jedwali 1", "Kielelezo 1"]
    assert all(not ws.merged_cells.ranges for ws in wb.worksheets)
    cover, contents, notes, table, figure = wb.worksheets
    assert cover["A1"].value == "Hati ya majaribio"
    assert "data bandia" in cover["A3"].value  # the demo notice, in Swahili
    assert contents["A1"].value == "Yaliyomo" and list(contents.tables) == ["contents"]
    assert [r for r in contents.iter_rows(min_row=4, values_only=True)] == [
        ("Maelezo", "Maelezo"),
        ("Jedwali 1", "Wahojiwa kwa kundi"),
        ("Kielelezo 1", "Kielelezo"),
    ]
    assert notes["A4"].value == 1 and notes["B4"].value.startswith(f"{WITHHELD}: imezuiliwa")
    assert table["A1"].value == "Wahojiwa kwa kundi"
    assert table["A2"].value == "Karatasi hii ina jedwali moja."
    assert WITHHELD in table["A3"].value and "Maelezo" in table["A3"].value
    assert table["A4"].value == "Chanzo: utafiti (ONYESHO)"
    assert table.tables["table_1"].ref == "A5:C8"  # one header row, no blank row
    rows = list(table.iter_rows(min_row=5, values_only=True))
    assert rows[0] == ("Kundi", "Wahojiwa", "Hali")
    assert rows[1] == ("Mjini", 165, None)  # numbers as numbers
    assert rows[2][1] == WITHHELD  # withheld: marked, not blank
    assert figure["A1"].value == "Kielelezo" and figure["C4"].value is None
    assert figure["B4"].value == pytest.approx(53.74)


def test_a_text_cell_never_runs_as_a_formula() -> None:
    table = workbook([TABLE]).worksheets[-1]
    for cell in (table["A7"], table["A8"]):
        assert cell.data_type == "s", cell.value
    assert (table["A7"].value, table["A8"].value) == ('=HYPERLINK("http://x")', "@SUM(A1)")


def test_without_a_withheld_figure_there_is_no_notes_sheet() -> None:
    wb = workbook([FIGURE], lang="en")
    assert wb.sheetnames == ["Cover", "Contents", "Figure 1"]
    assert "Contents sheet lists" in wb["Cover"]["A2"].value
    assert not any(ws.sheet_view.rightToLeft for ws in wb.worksheets)


def test_a_right_to_left_language_gets_right_to_left_sheets() -> None:
    wb = workbook([FIGURE], lang="ar")
    assert wb.sheetnames[0] == "الغلاف"
    assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)


@pytest.mark.slow
def test_every_documents_spreadsheet_holds_its_downloads(
    survey_documents: tuple[ProjectPaths, BuildReport],
) -> None:
    """Each built document's workbook: its sheets are its data downloads, in order, each the
    CSV's figures (read here with pandas), withheld cells marked where the CSV is blank and
    says so, and the catalogue and page list it."""
    paths, report = survey_documents
    catalogue = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in catalogue["documents"]}
    withheld_seen = 0
    for result in report.results:
        doc = docs[result.doc_id]
        out = {o["format"]: o for o in doc["outputs"]}["xlsx"]
        path = paths.site / out["path"]
        assert out["bytes"] == path.stat().st_size
        folder = doc["html"].rsplit("/", 1)[0]
        about = (paths.site / folder / "about.html").read_text(encoding="utf-8")
        assert f'href="{Path(out["path"]).name}" type="{out["media_type"]}"' in about
        wb = openpyxl.load_workbook(path)
        assert all(not ws.merged_cells.ranges for ws in wb.worksheets), doc["id"]
        data = [d for d in doc["downloads"] if d["kind"] in ("figure", "table")]
        sheets = wb.worksheets[-len(data) :] if data else []
        for download, ws in zip(data, sheets, strict=True):
            assert ws["A1"].value == download["title"]
            csv = pd.read_csv(paths.site / download["path"], dtype=str, keep_default_na=False)
            (table,) = ws.tables.values()
            top = int(table.ref.split(":")[0][1:])
            rows = list(ws.iter_rows(min_row=top, values_only=True))
            with (paths.site / download["path"]).open(encoding="utf-8", newline="") as fh:
                header = next(iter(csvlib.reader(fh)))
            assert [h.rstrip() for h in rows[0]] == [h.strip() or h for h in header]
            assert len(rows) - 1 == len(csv)
            for sheet_row, (_i, csv_row) in zip(rows[1:], csv.iterrows(), strict=True):
                for cell, text in zip(sheet_row, csv_row, strict=True):
                    if cell == WITHHELD:
                        assert text == ""
                        withheld_seen += 1
                    elif text == "":
                        assert cell is None or cell == ""
                    elif isinstance(cell, (int, float)):
                        assert cell == pytest.approx(float(text))
                    else:  # the CSV's guard mark (a leading ') is the cell's type here
                        guarded = text.startswith("'") and text[1:2] in "=+-@\t\r"
                        assert cell == (text[1:] if guarded else text)
        has_withheld = any(
            c == WITHHELD for ws in sheets for r in ws.iter_rows(values_only=True) for c in r
        )
        assert (len(wb.worksheets) == 3 + len(data)) == has_withheld, doc["id"]
    assert withheld_seen > 0  # the demo withholds small groups somewhere


def test_a_sheet_carries_the_note_of_its_chart_or_table(tmp_path: Path) -> None:
    """The note under a chart (who was asked a skip-logic question) is on its sheet too, and
    reaches the spreadsheet from the render stage's record of the chart."""
    from lnob.doc import blocks as b
    from lnob.doc.text import Num, _
    from lnob.render.html import RenderState, render_blocks

    note = _("Only some respondents were asked this question: figures are {base}.").format(
        base=_("of the {n} households asked").format(n=Num(226, "integer"))
    )
    chart = b.Chart(
        _("Figure"), ("Total",), (b.Series("Share", (0.5,), (0.4,), (0.6,)),), note=note
    )
    loc = make_localizer(ProjectPaths.at(ROOT), "en", release=False)
    state = RenderState(loc, tmp_path, "test")
    render_blocks([chart], state)
    (data,) = state.data
    assert data.note == (
        "Only some respondents were asked this question: figures are of the 226 households asked."
    )
    assert DataTable.from_json(data.to_json()) == data
    sheet = workbook([data], lang="en")["Figure 1"]
    assert "of the 226 households asked" in sheet["A3"].value
