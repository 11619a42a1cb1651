"""No identifying value reaches any output of the demo build (issue 10).

Every demo document that reads a survey (research reports, briefs, the synthesis; found from
data/coalition.yaml) is built in every language, and every file of the site (HTML, PDF, CSV,
YAML, JSON, the XLSX and ODS spreadsheets, the Atom feed, the Pagefind search index,
SHA256SUMS) and of the build cache (the executed notebooks, rendered HTML, build states) is
scanned for every identifying value planted in every demo export: names, phone numbers, GPS
readings, device, instance and enumerator ids. How files are read is in
tests/privacy_scan.py. A second test shows the scan finds a value planted in each kind of
output.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from lnob.build.run import BuildReport, load_project
from lnob.paths import ProjectPaths
from lnob.survey import identifying_values
from tests.conftest import reads_a_survey
from tests.privacy_scan import leaks, pdf_text

pytestmark = pytest.mark.slow


def planted_values(paths: ProjectPaths) -> frozenset[str]:
    """The identifying values of every demo survey (all of them, not only those documents
    name)."""
    folders = sorted(p.parent for p in (paths.data / "countries").glob("*/surveys/*/survey.yaml"))
    coalition, _ = load_project(paths)
    named = {s for spec in coalition.documents() for s in spec.surveys}
    assert named and named <= {f.name for f in folders}, named
    return frozenset().union(*(identifying_values(folder) for folder in folders))


def test_no_identifying_value_reaches_any_output_of_the_demo_build(
    survey_documents: tuple[ProjectPaths, BuildReport],
) -> None:
    paths, report = survey_documents
    coalition, _ = load_project(paths)
    specs = [spec for spec in coalition.documents() if reads_a_survey(spec)]
    assert {r.doc_id for r in report.results} == {spec.id for spec in specs}
    assert {s.product for s in specs} == {"research", "brief", "synthesis"}
    languages = {(c.code, lang) for c in coalition.countries for lang in c.languages}
    assert {(s.country, s.language) for s in specs if s.country} == languages
    planted = planted_values(paths)
    assert len(planted) > 15000

    found, scanned = leaks(planted, paths.site, paths.cache, relative_to=paths.root)

    names = {p.relative_to(paths.root).as_posix() for p in scanned}
    for spec in specs:  # every document's PDF, page and executed notebook was read
        folder = f"_site/{spec.site_dir}"
        assert f"{folder}/index.html" in names, spec.id
        assert any(n.startswith(folder) and n.endswith(".pdf") for n in names), spec.id
        assert f".lnob-cache/docs/{spec.id}/executed.ipynb" in names, spec.id
        if spec.product == "research":  # its SDMX files: data, SDMX-CSV and structure
            for suffix in (".sdmx.xml", ".sdmx.csv", ".sdmx-structure.xml"):
                assert f"{folder}/{spec.id}{suffix}" in names, (spec.id, suffix)
    cached = [n for n in names if n.startswith(".lnob-cache/surveys/") and n.endswith(".pickle")]
    assert len(cached) == len({s for spec in specs for s in spec.surveys})  # survey estimates
    kinds = {p.suffix for p in scanned}
    assert {
        ".html",
        ".pdf",
        ".csv",
        ".yml",
        ".json",
        ".ipynb",
        ".xml",
        ".pf_fragment",
        ".pf_index",
        ".pf_meta",
        ".xlsx",
        ".ods",
    } <= kinds, kinds
    assert "_site/SHA256SUMS" in names and "_site/feed.xml" in names
    assert found == []


def test_the_scan_finds_a_value_planted_in_each_kind_of_output(
    survey_documents: tuple[ProjectPaths, BuildReport], tmp_path: Path
) -> None:
    """Copies of built outputs, each with one planted value, are all reported; the
    untouched originals are not."""
    import openpyxl
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P, S
    from weasyprint import HTML

    paths, _report = survey_documents
    planted = sorted(planted_values(paths))
    name, phone, gps, uuid, device = (
        next(v for v in planted if v.replace(" ", "").isalpha() and " " in v),
        next(v for v in planted if v.startswith("+")),
        next(v for v in planted if v.count(" ") == 3),
        next(v for v in planted if v.startswith("uuid:")),
        next(v for v in planted if v.startswith("collect:")),
    )
    site, out = paths.site, tmp_path / "copy"
    out.mkdir()
    html_file = next(site.rglob("index.html"))
    text = html_file.read_text(encoding="utf-8")
    (out / "page.html").write_text(  # a name, escaped as HTML would write it
        text.replace("</body>", f"<p>{name.replace(' ', '&#32;')}</p></body>"), "utf-8"
    )
    fragment = next(site.rglob("*.pf_fragment"))
    body = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
    data = json.loads(body)
    data["content"] += f" {phone}"
    (out / "x.pf_fragment").write_bytes(
        gzip.compress(b"pagefind_dcd" + json.dumps(data).encode())
    )  # ASCII-escaped JSON in gzip
    notebook = next(paths.cache.rglob("executed.ipynb"))
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["cells"][-1]["source"] = f"# {uuid}"
    (out / "executed.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    csv_file = next(site.rglob("*.csv"))
    shutil.copy(csv_file, out / "table.csv")
    with (out / "table.csv").open("a", encoding="utf-8") as fh:
        fh.write(f'"{device}",1\n')
    workbook = next(site.rglob("*.xlsx"))
    wb = openpyxl.load_workbook(workbook)
    wb.worksheets[-1].append([f"{name} (enumerator)"])
    wb.save(out / "tables.xlsx")  # zipped: only the cells show it
    assert name.encode() not in (out / "tables.xlsx").read_bytes()
    sheet = next(site.rglob("*.ods"))
    doc = load(sheet)
    row = TableRow()
    cell = TableCell(valuetype="string")
    paragraph = P(text=name.split(" ", 1)[0])
    paragraph.addElement(S())  # the space as ODF writes a kept one
    paragraph.addText(name.split(" ", 1)[1])
    cell.addElement(paragraph)
    row.addElement(cell)
    doc.spreadsheet.getElementsByType(Table)[-1].addElement(row)
    doc.save(str(out / "tables.ods"))  # zipped, and a space element: only the cells show it
    assert name.encode() not in (out / "tables.ods").read_bytes()
    HTML(string=f"<p>Enumerator at {gps.split()[0]}<br>{gps.split()[1]}</p>").write_pdf(
        out / "doc.pdf"
    )  # compressed streams: only the PDF's text shows it
    assert gps.split()[0].encode() not in (out / "doc.pdf").read_bytes()
    assert gps.split()[0] in pdf_text(out / "doc.pdf")

    originals = [html_file, fragment, notebook, csv_file, workbook, sheet]
    for original in originals:
        shutil.copy(original, out.parent / f"original{original.suffix}")
    assert leaks(planted, out.parent, relative_to=out.parent)[0] == sorted(
        [
            (name, "copy/page.html"),
            (phone, "copy/x.pf_fragment"),
            (uuid, "copy/executed.ipynb"),
            (device, "copy/table.csv"),
            (name, "copy/tables.xlsx"),
            (name, "copy/tables.ods"),
            (gps.split()[0], "copy/doc.pdf"),
            (gps.split()[1], "copy/doc.pdf"),
        ]
    )
