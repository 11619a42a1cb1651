"""Heatmap cells as readers get them, now that a cell is one run of text ("• 2019") instead of a
symbol and a year in two boxes: the HTML says each cell's meaning in words for screen readers,
the printed page shows the symbol and the year (the legend says the words), and the tagged PDF
gives each cell its meaning in words too, in the document's language."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from lnob.doc import blocks as b
from lnob.doc.text import Num, pct
from lnob.render.html import HEATMAP_STATUS, HEATMAP_SYMBOLS, RenderState, render_blocks
from lnob.stages.pdf_heatmap import cell_description
from tests.pdf_structure import elements
from tests.pipeline.test_identity import localizer, page_pdf
from tests.products.test_stocktake_report import HEATMAP

NS = "{http://www.w3.org/1999/xhtml}"
DOT, GAP, NONE = (HEATMAP_SYMBOLS[s] for s in ("available", "gap", "none"))
PLAIN = b.Table(
    "Plain",
    (b.Column("place", "Place"), b.Column("share", "Share", "percent")),
    rows=(("Urban", pct(0.5)), ("Rural", pct(0.25))),
)


def _html(lang: str, tmp_path: Path, blocks: list) -> str:
    state = RenderState(localizer(lang), tmp_path, "t")
    return "\n".join(part.text for part in render_blocks(blocks, state))


def _status(lang: str, state: str) -> str:
    return localizer(lang).plain(HEATMAP_STATUS[state])


def _expected(lang: str) -> list[tuple[str, str]]:
    """(words, printed text) of HEATMAP's six cells, row by row."""
    year = localizer(lang).num(Num(2019, "year"))
    return (
        [(_status(lang, "available"), f"{DOT} {year}")] * 2
        + [(_status(lang, "gap"), GAP)]
        + [(_status(lang, "none"), NONE)] * 3
    )


def _described(lang: str) -> list[str]:
    """The meaning in words of HEATMAP's six cells, as a screen reader should say them."""
    year = localizer(lang).num(Num(2019, "year"))
    return (
        [f"{_status(lang, 'available')} {year}"] * 2
        + [_status(lang, "gap")]
        + [_status(lang, "none")] * 3
    )


@pytest.mark.parametrize("lang", ["en", "ne"])
def test_each_cell_says_its_meaning_in_words_then_symbol_and_year(
    lang: str, tmp_path: Path
) -> None:
    table = tinyhtml5.parse(_html(lang, tmp_path, [HEATMAP])).find(f".//{NS}table")
    cells = list(table.iter(f"{NS}td"))
    found = []
    for td in cells:
        (status,) = list(td)  # one element: the words; the symbol and year are one text run
        assert status.tag == f"{NS}span" and status.get("class") == "hm-status"
        found.append((status.text.strip(), status.tail))
    assert found == _expected(lang)
    assert [cell_description(td) for td in cells] == _described(lang)
    assert table.find(f".//{NS}td//{NS}abbr") is None
    if lang != "en":
        assert found[0][0] != "available"  # said in the document's language


def test_a_cell_of_another_table_has_no_description(tmp_path: Path) -> None:
    table = tinyhtml5.parse(_html("en", tmp_path, [PLAIN])).find(f".//{NS}table")
    assert [cell_description(td) for td in table.iter(f"{NS}td")] == [None, None]


def _pdf(lang: str, tmp_path: Path) -> Path:
    folder = tmp_path / lang
    folder.mkdir(parents=True, exist_ok=True)
    return page_pdf(lang, folder, _html(lang, folder, [HEATMAP, PLAIN]))


@pytest.mark.parametrize("lang", ["en", "ne"])
def test_the_pdf_prints_symbol_and_year_and_tags_each_cell_with_its_meaning(
    lang: str, tmp_path: Path
) -> None:
    path = _pdf(lang, tmp_path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    year = localizer(lang).num(Num(2019, "year"))
    assert text.count(f"{DOT} {year}") == 2 and GAP in text and NONE in text
    assert _status(lang, "gap") not in text  # the words are not printed: the legend says them
    heatmap, plain = elements(PdfReader(path).trailer["/Root"]["/StructTreeRoot"], "/Table")
    cells = elements(heatmap, "/TD")
    assert [str(td["/Alt"]) for td in cells] == _described(lang)
    assert all(len(td["/A"]["/Headers"]) == 2 for td in cells)  # its row's and its column's
    assert not any("/Alt" in td for td in elements(plain, "/TD"))


def test_the_tagged_heatmap_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    first = hashlib.sha256(_pdf("en", tmp_path / "a").read_bytes()).hexdigest()
    assert hashlib.sha256(_pdf("en", tmp_path / "b").read_bytes()).hexdigest() == first


def _objects(node, seen: set[int], out: list) -> list:
    """Every dictionary reachable from `node` (indirect objects once each)."""
    if hasattr(node, "idnum"):
        if node.idnum in seen:
            return out
        seen.add(node.idnum)
        node = node.get_object()
    if isinstance(node, dict):
        out.append(node)
        for key, value in node.items():
            if key != "/Parent":
                _objects(value, seen, out)
    elif isinstance(node, list):
        for value in node:
            _objects(value, seen, out)
    return out


def test_the_hatching_of_no_data_cells_is_one_tile_not_a_shading_per_cell(tmp_path: Path) -> None:
    """The three cells with no data at all (and the legend's key) are hatched from a small tile
    that WeasyPrint draws once and repeats; a CSS gradient made a shading in every cell, about
    4 ms of the PDF stage each."""
    objects = _objects(PdfReader(_pdf("en", tmp_path)).trailer["/Root"], set(), [])
    assert not [o for o in objects if "/ShadingType" in o]
    assert [o for o in objects if o.get("/PatternType") == 1]  # the hatching is drawn
