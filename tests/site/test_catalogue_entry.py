"""One typed record for a catalogue entry: what publish writes is what the site reads."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from lnob.errors import InputError
from lnob.site.model import CatalogueEntry, Download, load_catalogue
from lnob.stages.formats import PDF, OutputFormat, register
from tests.site.site_helpers import entry


def read(tmp_path: Path, doc: dict[str, Any]) -> CatalogueEntry:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps({"documents": [doc]}), encoding="utf-8")
    return load_catalogue(path).documents[0]


def test_an_entry_reads_back_as_it_was_written(tmp_path: Path) -> None:
    doc = read(tmp_path, entry("BGD", "brief", "b", 2026, "bn", "2026-07-01"))
    extra = Download("xlsx", f"{doc.folder}/x.xlsx", 9, "a" * 64, "application/vnd.x")
    doc = replace(doc, outputs=(*doc.outputs, extra), inputs={"xlsx_key": "k"})
    assert read(tmp_path, doc.to_json()) == doc
    assert (doc.pdf, doc.pdf_size, doc.output("xlsx")) == (doc.outputs[0].path, 123_456, extra)


def test_an_older_entry_without_outputs_has_its_pdf(tmp_path: Path) -> None:
    raw = entry("BGD", "brief", "b", 2026, "en", "2026-07-01")
    del raw["outputs"]
    doc = read(tmp_path, raw)
    assert doc.outputs == (
        Download("pdf", raw["pdf"], raw["pdf_size"], raw["pdf_sha256"], "application/pdf"),
    )


@pytest.mark.parametrize(
    ("outputs", "problem"),
    [
        ({}, "field 'outputs' is not a list"),
        ([{"format": "pdf"}], "an output needs the fields"),
        ([], "not the PDF its fields name"),
    ],
)
def test_bad_outputs_are_named(tmp_path: Path, outputs: Any, problem: str) -> None:
    raw = entry("BGD", "brief", "b", 2026, "en", "2026-07-01")
    raw["outputs"] = outputs
    with pytest.raises(InputError, match=problem) as err:
        read(tmp_path, raw)
    assert err.value.column is not None and err.value.column.startswith("documents[0].outputs")


def test_a_format_may_not_take_a_stage_or_another_formats_name_or_file() -> None:
    with pytest.raises(ValueError, match="stage of every document"):
        register(replace(PDF, name="render", suffix=".html"))
    with pytest.raises(ValueError, match="registered twice"):
        register(replace(PDF, suffix=".pdf2"))
    with pytest.raises(ValueError, match="writes '.pdf'"):
        register(OutputFormat("pdf2", "render", ".pdf", "application/pdf", PDF.label, PDF.make))
