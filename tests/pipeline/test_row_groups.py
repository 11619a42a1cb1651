"""Tables with row groups (a group's name once, above its rows, instead of "Group: Category" on
every row), as readers get them: the HTML (one <tbody> per group under a header across the
table), the data download (every row still names its group), the block's JSON form in the
executed notebook, and the tagged PDF (each figure of a group has the group among its headers;
a group and a caption are never left at the foot of a page)."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from lnob.doc import blocks as b
from lnob.doc.text import _, pct
from lnob.render.html import RenderState, render_blocks
from tests.pdf_structure import elements, kids
from tests.pipeline.test_identity import localizer, page_pdf

NS = "{http://www.w3.org/1999/xhtml}"
COLUMNS = (
    b.Column("category", "Category"),
    b.Column("share", "Share", "percent"),
    b.Column("base", "Respondents", "integer"),
)
TABLE = b.Table(
    "Share insured",
    COLUMNS,
    rows=(
        ("Total", pct(0.4), 120),
        ("Urban", pct(0.5), 60),
        ("Rural", b.Suppressed(), 8),
        ("Female", pct(0.45), 61),
        ("Male", pct(0.35), 59),
    ),
    row_groups=(b.RowGroup(1, "Location"), b.RowGroup(3, "Sex")),
)


def _render(table: b.Table, tmp_path: Path, lang: str = "en") -> str:
    return render_blocks([table], RenderState(localizer(lang), tmp_path, "test"))[0].text


def _text(element) -> str:
    return "".join(element.itertext()).strip()


def test_each_group_is_a_tbody_under_a_header_across_the_table(tmp_path: Path) -> None:
    table = tinyhtml5.parse(_render(TABLE, tmp_path)).find(f".//{NS}table")
    assert "grouped" in table.get("class").split()
    bodies = table.findall(f"{NS}tbody")
    assert len(bodies) == 3  # the total, then one per group
    assert bodies[0].get("class") is None
    assert [_text(th) for th in bodies[0].iter(f"{NS}th")] == ["Total"]
    for body, label, rows in zip(
        bodies[1:], ["Location", "Sex"], [["Urban", "Rural"], ["Female", "Male"]], strict=True
    ):
        head, *body_rows = body.findall(f"{NS}tr")
        (th,) = head.findall(f"{NS}th")
        assert (th.get("scope"), th.get("colspan"), _text(th)) == ("rowgroup", "3", label)
        assert not head.findall(f"{NS}td")
        assert [_text(r.find(f"{NS}th")) for r in body_rows] == rows  # the category alone
        assert all(r.find(f"{NS}th").get("scope") == "row" for r in body_rows)


def test_a_table_without_groups_keeps_one_plain_tbody(tmp_path: Path) -> None:
    plain = b.Table("Plain", COLUMNS, rows=TABLE.rows)
    html = _render(plain, tmp_path)
    assert html.count("<tbody>") == 1 and "rowgroup" not in html and "grouped" not in html


def test_the_data_download_names_each_rows_group(tmp_path: Path) -> None:
    _render(TABLE, tmp_path)
    rows = list(csv.reader((tmp_path / "data" / "table-1.csv").open(encoding="utf-8")))
    assert rows[0] == ["Group", "Category", "Share", "Respondents", "Status"]
    assert [r[:2] for r in rows[1:]] == [
        ["", "Total"],
        ["Location", "Urban"],
        ["Location", "Rural"],
        ["Sex", "Female"],
        ["Sex", "Male"],
    ]
    assert rows[3][2:] == ["", "8", "Suppressed: too few respondents"]
    named = b.Table(
        "Named", COLUMNS, TABLE.rows, row_groups=TABLE.row_groups, group_column="Population group"
    )
    _render(named, tmp_path / "named")
    header = next(csv.reader((tmp_path / "named/data/table-1.csv").open(encoding="utf-8")))
    assert header[:2] == ["Population group", "Category"]


def test_the_groups_name_in_the_documents_language(tmp_path: Path) -> None:
    """The data download is in the document's language too: the column 'Group' in Bengali."""
    _render(TABLE, tmp_path, "bn")
    header = next(csv.reader((tmp_path / "data" / "table-1.csv").open(encoding="utf-8")))
    assert header[0] == localizer("bn").plain(_("Group")) != "Group"


def test_row_groups_survive_the_executed_notebook() -> None:
    assert b.from_json(b.to_json(TABLE)) == TABLE
    assert b.blocks_from_bundle(b.mimebundle(TABLE)) == [TABLE]
    old = {k: v for k, v in b.to_json(TABLE).items() if k not in ("row_groups", "group_column")}
    assert b.from_json(old).row_groups == ()  # a notebook executed before row groups


@pytest.mark.parametrize("starts", [(2, 1), (1, 1), (5,), (-1,)])
def test_row_groups_must_start_at_rows_in_order(starts: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="row groups must start at increasing rows"):
        b.Table("Bad", COLUMNS, TABLE.rows, row_groups=tuple(b.RowGroup(s, "G") for s in starts))


def _pdf(lang: str, tmp_path: Path, body: str) -> Path:
    return page_pdf(lang, tmp_path / lang, body)


@pytest.mark.parametrize("lang", ["en", "bn", "ar"])
def test_every_figure_of_a_group_has_the_group_among_its_headers(lang: str, tmp_path: Path) -> None:
    """PDF/UA tags: Table > THead, TBody per group; the group's header spans the table and is
    the first header of each cell of the group (a screen reader says "Location, Urban, Share:
    50%"), while the total's cells have none of the groups' headers."""
    body = render_blocks([TABLE], RenderState(localizer(lang), tmp_path, "t"))[0].text
    reader = PdfReader(_pdf(lang, tmp_path, body))
    root = reader.trailer["/Root"]
    assert (
        root["/MarkInfo"]["/Marked"]
        and b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
    )
    (table,) = elements(root["/StructTreeRoot"], "/Table")
    parts = [k["/S"] for k in kids(table)]
    assert parts == ["/Caption", "/THead", "/TBody", "/TBody", "/TBody"]
    total, *groups = [k for k in kids(table) if k["/S"] == "/TBody"]
    group_ids = []
    for group in groups:
        head, *rows = kids(group)
        (th,) = kids(head)
        assert th["/S"] == "/TH" and th["/A"]["/ColSpan"] == len(COLUMNS)
        group_ids.append(th["/ID"])
        assert len(rows) == 2
        for row in rows:
            row_header, *cells = kids(row)
            assert list(row_header["/A"]["/Headers"]) == [th["/ID"]]
            for cell in cells:
                headers = list(cell["/A"]["/Headers"])
                assert cell["/S"] == "/TD" and headers[:2] == [th["/ID"], row_header["/ID"]]
    for cell in kids(kids(total)[0])[1:]:
        assert not set(cell["/A"]["/Headers"]) & set(group_ids)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_header_cell_has_its_scope_and_every_data_cell_its_headers(
    lang: str, tmp_path: Path
) -> None:
    """The scope of each TH is the HTML's (WeasyPrint writes none); each TD's Headers name
    header cells of its table, its row's first."""
    body = render_blocks([TABLE], RenderState(localizer(lang), tmp_path, "t"))[0].text
    html = tinyhtml5.parse(f"<table>{body}</table>" if "<table" not in body else body)
    scopes = [th.get("scope") for th in html.iter(f"{NS}th")]
    root = PdfReader(_pdf(lang, tmp_path, body)).trailer["/Root"]["/StructTreeRoot"]
    (table,) = elements(root, "/Table")
    headers = elements(table, "/TH")
    expected = {"col": "/Column", "row": "/Row", "rowgroup": "/Row"}
    assert [th["/A"]["/Scope"] for th in headers] == [expected[s] for s in scopes]
    assert set(scopes) == set(expected)
    ids = {th["/ID"] for th in headers}
    for row in elements(table, "/TR"):
        cells = kids(row)
        for cell in cells:
            if cell["/S"] == "/TD":
                assert cell["/A"]["/Headers"] and set(cell["/A"]["/Headers"]) <= ids
                assert cells[0]["/ID"] in cell["/A"]["/Headers"]


def _long_table(spacer_mm: int) -> tuple[b.Table, str]:
    """A spacer, and a table of 24 groups of three rows, long enough to cross two pages."""
    rows, groups = [], []
    for k in range(24):
        groups.append(b.RowGroup(len(rows), f"Region {k:02d}"))
        rows += [(f"Place {k:02d}{c}", pct(0.1 + k / 100), 40) for c in "abc"]
    table = b.Table("Long", COLUMNS, tuple(rows), row_groups=tuple(groups))
    return table, f'<div style="height: {spacer_mm}mm"></div>'


@pytest.mark.parametrize("spacer_mm", [0, 30, 60])
def test_a_group_stays_on_one_page(spacer_mm: int, tmp_path: Path) -> None:
    table, spacer = _long_table(spacer_mm)
    body = spacer + render_blocks([table], RenderState(localizer("en"), tmp_path, "t"))[0].text
    path = _pdf("en", tmp_path, body)
    pages = [_page_text(path, i + 1) for i in range(len(PdfReader(path).pages))]
    assert len(pages) >= 2
    for group in table.row_groups:
        (where,) = [i for i, text in enumerate(pages) if group.label in text]
        for c in "abc":
            assert f"Place {group.label[-2:]}{c}" in pages[where], (group.label, spacer_mm)


@pytest.mark.parametrize("spacer_mm", range(232, 252, 3))
def test_a_caption_is_never_alone_at_the_foot_of_a_page(spacer_mm: int, tmp_path: Path) -> None:
    body = (
        f'<div style="height: {spacer_mm}mm"></div>'
        + render_blocks([TABLE], RenderState(localizer("en"), tmp_path, "t"))[0].text
    )
    path = _pdf("en", tmp_path, body)
    caption_page = next(i for i in range(1, 4) if "Share insured" in _page_text(path, i))
    assert "Total" in _page_text(path, caption_page), spacer_mm


def _page_text(path: Path, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
