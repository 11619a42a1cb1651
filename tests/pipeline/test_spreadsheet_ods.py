"""The spreadsheet as OpenDocument (issue 22): the XLSX's sheets, words and figures, read
back with pandas (odf engine, a real reader: odfpy's, a test dependency) and the cells' XML
with ElementTree; no merged cell, no formula, text always text and escaped, numbers as float
cells, right-to-left sheets for Arabic, the title and language in meta.xml, the package ODF's
(mimetype first and stored, a manifest listing every member, office:version), the same bytes
from the same inputs."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest

from lnob.build.plan import build_date
from lnob.build.run import BuildReport, load_project
from lnob.paths import ProjectPaths
from lnob.render.context import make_localizer
from lnob.stages.formats import FormatJob, output_format
from lnob.stages.spreadsheet import WITHHELD, Book, read_book, workbook, xlsx_bytes
from lnob.stages.spreadsheet_ods import MEDIA_TYPE, ods_bytes
from tests.conftest import ROOT
from tests.pipeline.test_spreadsheet import FIGURE, TABLE
from tests.privacy_scan import _odf_text

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def book_of(data: list, lang: str = "sw", title: str = "Hati ya majaribio") -> Book:
    loc = make_localizer(ProjectPaths.at(ROOT), lang, release=False)
    return workbook(title, data, loc, True, "2026-07-01")


def ods(data: list, lang: str = "sw") -> bytes:
    book = book_of(data, lang)
    raw = ods_bytes(book)
    assert raw == ods_bytes(book)  # the same bytes
    return raw


def sheets(raw: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(raw), engine="odf", sheet_name=None, header=None)


def content(raw: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(raw)).read("content.xml"))


def q(name: str) -> str:
    """A prefixed name ("office:value") as ElementTree spells it."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def cells(raw: bytes, sheet: str) -> list[list[ElementTree.Element]]:
    """The cells of one sheet, row by row, as ElementTree reads content.xml."""
    (table,) = [t for t in content(raw).iter(q("table:table")) if t.get(q("table:name")) == sheet]
    return [list(row) for row in table.iter(q("table:table-row"))]


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
    assert rows[0][0].get(q("table:style-name")) == "title"  # A1 is the bold title
    number, withheld = rows[5][1], rows[6][1]
    assert (number.get(q("office:value-type")), number.get(q("office:value"))) == ("float", "165")
    assert withheld.get(q("office:value-type")) == "string"
    assert _odf_text(withheld) == WITHHELD


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
        assert row[0].get(q("office:value-type")) == "string"
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


def test_text_and_names_are_escaped_never_markup() -> None:
    """Markup characters, quotes and a carriage return in cells, a sheet's title and the
    document's title come back as written; a character XML cannot hold is refused."""
    odd = "<b>a & b</b> \"quoted\" 'single' ]]> &amp; x\ry"
    table = replace(TABLE, title=odd, rows=((odd, "1", odd),))
    book = book_of([table], title=f"{odd} title")
    raw = ods_bytes(book)
    for name in ("content.xml", "meta.xml"):
        ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(raw)).read(name))  # well-formed
    assert b"<b>" not in zipfile.ZipFile(io.BytesIO(raw)).read("content.xml")
    got = sheets(raw)["Jedwali 1"]
    assert got.iat[0, 0] == odd and got.iat[4, 0] == odd and got.iat[4, 2] == odd
    assert got.iat[4, 1] == 1
    meta = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(raw)).read("meta.xml"))
    assert meta.findtext(".//{http://purl.org/dc/elements/1.1/}title") == f"{odd} title"
    quoted = replace(book, sheets=(replace(book.sheets[0], name='Bob\'s & "co"'),))
    assert list(sheets(ods_bytes(quoted))) == ['Bob\'s & "co"']
    with pytest.raises(ValueError, match="XML cannot hold"):
        ods_bytes(book_of([replace(TABLE, rows=(("bell\x07", "1", ""),))]))


def test_the_package_is_odfs() -> None:
    """mimetype first, stored, at offset 38 with no extra field; the manifest lists every
    other member with its media type; each XML member has its ODF version."""
    raw = ods([TABLE, FIGURE])
    assert raw[30:38] == b"mimetype" and raw[38 : 38 + len(MEDIA_TYPE)] == MEDIA_TYPE.encode()
    archive = zipfile.ZipFile(io.BytesIO(raw))
    names = archive.namelist()
    assert names == ["mimetype", "META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"]
    first = archive.infolist()[0]
    assert (first.compress_type, first.extra) == (zipfile.ZIP_STORED, b"")
    manifest = ElementTree.fromstring(archive.read("META-INF/manifest.xml"))
    assert manifest.get(q("manifest:version")) == "1.3"
    listed = {e.get(q("manifest:full-path")): e.get(q("manifest:media-type")) for e in manifest}
    assert listed == {
        "/": MEDIA_TYPE,
        "content.xml": "text/xml",
        "styles.xml": "text/xml",
        "meta.xml": "text/xml",
    }
    roots = {n: ElementTree.fromstring(archive.read(n)) for n in names[2:]}
    assert {n: (r.tag, r.get(q("office:version"))) for n, r in roots.items()} == {
        "content.xml": (q("office:document-content"), "1.3"),
        "styles.xml": (q("office:document-styles"), "1.3"),
        "meta.xml": (q("office:document-meta"), "1.3"),
    }
    (ranges,) = roots["content.xml"].iter(q("table:database-ranges"))
    assert [r.get(q("table:target-range-address")) for r in ranges][:1] == [
        "'Yaliyomo'.A3:'Yaliyomo'.B6"
    ]


def test_a_right_to_left_language_gets_right_to_left_sheets() -> None:
    for lang, mode in (("ar", "rl-tb"), ("en", "lr-tb")):
        root = content(ods([FIGURE], lang=lang))
        styles = {s.get(q("style:name")): s for s in root.iter(q("style:style"))}
        tables = list(root.iter(q("table:table")))
        assert len(tables) == 3
        for table in tables:
            (props,) = styles[table.get(q("table:style-name"))]
            assert props.get(q("style:writing-mode")) == mode, lang
    assert list(sheets(ods([FIGURE], lang="ar")))[0] == "الغلاف"


def test_the_format_is_registered_beside_the_xlsx() -> None:
    fmt = output_format("ods")
    assert fmt is not None and (fmt.suffix, fmt.media_type, fmt.reads) == (
        ".ods",
        MEDIA_TYPE,
        "render",
    )
    assert fmt.tools == ()  # the writer is the package's own: its source is in the key


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
