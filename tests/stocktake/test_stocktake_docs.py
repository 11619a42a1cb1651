"""The format documentation and the demo data are checked too."""

from __future__ import annotations

import re

import pytest

import lnob.stocktake
from lnob.stocktake import Taxonomy
from lnob.stocktake.codes import code_from_file_name
from lnob.stocktake.opensdg import indicator_files
from lnob.yamlio import schema

from .stocktake_support import COUNTRIES, PROJECT

DOC = (PROJECT / "docs" / "formats" / "stocktake.md").read_text(encoding="utf-8")


def _inventory_terms() -> list[str]:
    properties = schema("inventory")["properties"]
    terms = list(properties)
    for spec in properties.values():
        terms += spec.get("enum", [])
    return terms


@pytest.mark.parametrize("term", _inventory_terms())
def test_every_inventory_column_and_value_is_documented(term: str) -> None:
    assert f"`{term}`" in DOC


def test_every_group_key_is_documented(taxonomy: Taxonomy) -> None:
    assert all(f"`{key}`" in DOC for key in taxonomy.keys)


@pytest.mark.parametrize(
    "name",
    [
        "analyse_country",
        "declared_inputs",
        "load_taxonomy",
        "load_project_indicators",
        "read_official_csv",
        "read_official_xlsx",
        "load_indicator_list",
        "coverage_matrix",
    ],
)
def test_entry_points_are_documented_and_exported(name: str) -> None:
    assert name in DOC and name in lnob.stocktake.__all__


def test_countries_readme_says_demo() -> None:
    text = (PROJECT / "data" / "countries" / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in text.lower() and "demo" in text.lower()


@pytest.mark.parametrize("country", COUNTRIES)
def test_demo_folder_has_every_quirk(country: str) -> None:
    folder = PROJECT / "data" / "countries" / country / "stocktake"
    assert "DEMO DATA" in (folder / "README.md").read_text(encoding="utf-8")
    files = [path for _, path in indicator_files(folder / "opensdg")[0]]
    assert 8 <= len(files) <= 15
    assert all(code_from_file_name(path.name) for path in files)
    raw = {path.name: path.read_bytes() for path in files}
    assert any(data.strip() == b"Year,Value" for data in raw.values())
    assert any(re.search(rb"^\d{4}/\d{2},", data, re.M) for data in raw.values())
    assert any(re.search(rb",$", data, re.M) for data in raw.values())  # suppressed value
    assert any(data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data for data in raw.values())
