"""The spreadsheet as OpenDocument (issue 22): the XLSX's sheets, words and figures, read
back with pandas (odf engine) and odfpy; no merged cell, no formula, text always text,
numbers as float cells, right-to-left sheets for Arabic, the title and language in meta.xml,
the same bytes from the same inputs whatever else the process has written or read."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from odf.namespaces import OFFICENS, STYLENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.teletype import extractText

from lnob.build.plan import build_date
from lnob.build.run import BuildReport, load_project
from lnob.paths import ProjectPaths
from lnob.render.context import make_localizer
from lnob.stages.formats import FormatJob, output_format
from lnob.stages.spreadsheet import WITHHELD, read_book, workbook, xlsx_bytes
from lnob.stages.spreadsheet_ods import MEDIA_TYPE, ods_bytes
from tests.conftest import ROOT
from tests.pipeline.test_spreadsheet import FIGURE, TABLE


def ods(data: list, lang: str = "sw") -> bytes:
    loc = make_localizer(ProjectPaths.at(ROOT), lang, release=False)
    book = workbook("Hati ya majaribio", data, loc, True, "2026-07-01")
    raw = ods_bytes(book)
    assert raw == ods_bytes(book)  # the same bytes
    return raw


def sheets(raw: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(raw), engine="odf", sheet_name=None, header=None)


def cells(raw: bytes, sheet: str) -> list[list[TableCell]]:
    """The cells of one sheet, row by row, as odfpy reads them."""
    doc = load(io.BytesIO(raw))
    (table,) = [
        t for t in doc.spreadsheet.getElementsByType(Table) if t.getAttribute("name") == sheet
    ]
    return [list(row.childNodes) for row in table.getElementsByType(TableRow)]


def spans(raw: bytes) -> list[str]:
    """Every spanning or covered cell in the content: there should be none."""
    content = zipfile.ZipFile(io.BytesIO(raw)).read("content.xml").decode()
    return re.findall(r'number-(?:columns|rows)-spanned="(?!1")\d+"|covered-table-cell', content)


def test_the_sheets_are_the_xlsx_sheets_in_the_documents_language() -> None:
    raw = ods([TABLE, FIGURE])
    book = sheets(raw)
    assert list(book) == ["Jalada", "Yaliyomo", "Maelezo", "Jedwali 1", "Kielelezo 1"]
    assert spans(raw) == []
    cover, contents, notes, table, figure = book.values()
    assert cover.iat[0, 0] == "Hati ya majaribio"  # the title in A1
    assert "data bandia" in cover.iat[2, 0]  # the demo notice, in Swahili
    assert contents.iat[0, 0] == "Yaliyomo"
    assert contents.iloc[3:, :2].values.tolist() == [
        ["Maelezo", "Maelezo"],
        ["Jedwali 1", "Wahojiwa kwa kundi"],
        ["Kielelezo 1", "Kielelezo"],
    ]
    assert notes.iat[3, 0] == 1 and notes.iat[3, 1].startswith(f"{WITHHELD}: imezuiliwa")
    assert table.iat[0, 0] == "Wahojiwa kwa kundi"
    assert WITHHELD in table.iat[2, 0] and "Maelezo" in table.iat[2, 0]
    assert table.iloc[4].tolist() == ["Kundi", "Wahojiwa", "Hali"]
    assert table.iat[5, 1] == 165 and pd.isna(table.iat[5, 2])
    assert table.iat[6, 1] == WITHHELD  # withheld: marked, not blank
    assert figure.iat[0, 0] == "Kielelezo" and figure.iat[3, 1] == pytest.approx(53.74)
    rows = cells(raw, "Jedwali 1")
    assert rows[0][0].getAttribute("stylename") == "title"  # A1 is the bold title
    number, withheld = rows[5][1], rows[6][1]
    assert (number.getAttrNS(OFFICENS, "value-type"), number.getAttrNS(OFFICENS, "value")) == (
        "float",
        "165",
    )
    assert withheld.getAttrNS(OFFICENS, "value-type") == "string"
    assert extractText(withheld) == WITHHELD


def test_the_figures_are_the_xlsxs() -> None:
    """Every sheet as pandas reads it from the ODS is the XLSX's sheet as pandas reads it."""
    loc = make_localizer(ProjectPaths.at(ROOT), "sw", release=False)
    book = workbook("Hati ya majaribio", [TABLE, FIGURE], loc, True, "2026-07-01")
    xlsx = pd.read_excel(
        io.BytesIO(xlsx_bytes(book)), engine="openpyxl", sheet_name=None, header=None
    )
    for (name, got), (xname, want) in zip(
        sheets(ods_bytes(book)).items(), xlsx.items(), strict=True
    ):
        assert name == xname
        pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_a_text_cell_is_never_a_formula_and_keeps_its_spaces() -> None:
    odd = replace(FIGURE, header=("Kundi  a", "Kundi  a"), rows=((" mbele, na  nyuma ", "2"),))
    raw = ods([TABLE, odd])
    content = zipfile.ZipFile(io.BytesIO(raw)).read("content.xml").decode()
    assert "table:formula" not in content
    table = sheets(raw)["Jedwali 1"]
    assert (table.iat[6, 0], table.iat[7, 0]) == ('=HYPERLINK("http://x")', "@SUM(A1)")
    for row in cells(raw, "Jedwali 1")[6:8]:
        assert row[0].getAttrNS(OFFICENS, "value-type") == "string"
    spaced = sheets(raw)["Kielelezo 1"]
    assert spaced.iloc[2].tolist() == ["Kundi  a", "Kundi  a "]  # made unique as in the XLSX
    assert spaced.iat[3, 0] == " mbele, na  nyuma "


def test_the_meta_and_the_zip_are_the_build_dates_and_odfs() -> None:
    raw = ods([FIGURE], lang="en")
    archive = zipfile.ZipFile(io.BytesIO(raw))
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == MEDIA_TYPE.encode()
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    meta = archive.read("meta.xml").decode()
    assert "<dc:title>Hati ya majaribio</dc:title>" in meta
    assert "<dc:language>en</dc:language>" in meta
    dates = re.findall(r"<(meta:creation-date|dc:date)>([^<]*)<", meta)
    assert dates == [
        ("meta:creation-date", "2026-07-01T00:00:00"),
        ("dc:date", "2026-07-01T00:00:00"),
    ]
    assert list(sheets(raw)) == ["Cover", "Contents", "Figure 1"]  # no withheld figure: no notes


def test_what_else_the_process_met_does_not_change_the_bytes() -> None:
    """odfpy declares every namespace it has met in the process: an element of another
    namespace made between two writes changes nothing."""
    from odf.form import Form
    from odf.math import Math

    before = ods([TABLE])
    Form(name="x"), Math()
    sheets(before)
    assert ods([TABLE]) == before


def test_a_right_to_left_language_gets_right_to_left_sheets() -> None:
    for lang, mode in (("ar", "rl-tb"), ("en", "lr-tb")):
        raw = ods([FIGURE], lang=lang)
        doc = load(io.BytesIO(raw))
        styles = {s.getAttribute("name"): s for s in doc.automaticstyles.childNodes}
        tables = doc.spreadsheet.getElementsByType(Table)
        assert len(tables) == 3
        for table in tables:
            (props,) = styles[table.getAttribute("stylename")].childNodes
            assert props.getAttrNS(STYLENS, "writing-mode") == mode, lang
    assert list(sheets(ods([FIGURE], lang="ar")))[0] == "الغلاف"


def test_the_format_is_registered_beside_the_xlsx() -> None:
    fmt = output_format("ods")
    assert fmt is not None and (fmt.suffix, fmt.media_type, fmt.reads) == (
        ".ods",
        MEDIA_TYPE,
        "render",
    )
    assert fmt.tools == ("odfpy",)


@pytest.mark.slow
def test_every_documents_ods_holds_its_xlsxs_sheets(
    survey_documents: tuple[ProjectPaths, BuildReport],
) -> None:
    """Each built document's ODS: listed by the catalogue and its page with size and
    checksum, sheet for sheet the XLSX's as pandas reads them, withheld cells `[c]`, no
    merged cells; written again from the render stage's record, the same bytes."""
    import hashlib

    paths, report = survey_documents
    coalition, _ = load_project(paths)
    specs = {s.id: s for s in coalition.documents()}
    catalogue = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in catalogue["documents"]}
    sums = (paths.site / "SHA256SUMS").read_text(encoding="utf-8")
    withheld_seen = 0
    for result in report.results:
        doc = docs[result.doc_id]
        outputs = {o["format"]: o for o in doc["outputs"]}
        out = outputs["ods"]
        path = paths.site / out["path"]
        raw = path.read_bytes()
        assert out["bytes"] == len(raw) and out["media_type"] == MEDIA_TYPE
        assert out["sha256"] == hashlib.sha256(raw).hexdigest()
        assert f"{out['sha256']}  {out['path']}" in sums
        folder = doc["html"].rsplit("/", 1)[0]
        about = (paths.site / folder / "about.html").read_text(encoding="utf-8")
        assert f'href="{Path(out["path"]).name}" type="{MEDIA_TYPE}"' in about
        assert spans(raw) == [], doc["id"]
        got = sheets(raw)
        want = pd.read_excel(
            paths.site / outputs["xlsx"]["path"], engine="openpyxl", sheet_name=None, header=None
        )
        assert list(got) == list(want), doc["id"]
        for name in want:
            pd.testing.assert_frame_equal(got[name], want[name], check_dtype=False, obj=name)
        withheld_seen += sum((frame == WITHHELD).to_numpy().sum() for frame in got.values())
        spec = specs[result.doc_id]
        render = paths.cache / "docs" / spec.id / "render" / "index.html"
        job = FormatJob(spec, render, path, (), None, False, "A4", None, paths, build_date(spec))
        assert ods_bytes(read_book(job)) == raw, doc["id"]  # another process, the same bytes
    assert withheld_seen > 0  # the demo withholds small groups somewhere
