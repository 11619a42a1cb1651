"""The catalogue is checked at the edge: a bad entry fails naming the file, entry and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnob.errors import InputError
from lnob.site import load_catalogue
from tests.site.site_helpers import entry, sample_entries


def write(tmp_path: Path, documents: Any) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(
        json.dumps({"coalition": "C", "demo": False, "documents": documents}), encoding="utf-8"
    )
    return path


def test_loads_typed_documents_newest_first(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, sample_entries()))
    assert [d.date for d in catalogue.documents] == sorted(
        (d.date for d in catalogue.documents), reverse=True
    )
    first = catalogue.documents[0]
    assert (first.id, first.owner, first.folder) == (
        "global-synthesis-2026-en",
        "global",
        "global/global-synthesis-2026/en",
    )
    same_day = [d.id for d in catalogue.documents if d.date == "2026-07-01"]
    assert same_day == ["bgd-brief-women-health-2026-bn", "bgd-brief-women-health-2026-en"]
    assert catalogue.by_group()["bgd-brief-women-health-2026"].keys() == {"en", "bn"}
    assert first.downloads[0].kind == "figure"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("title", None, "field 'title' is missing or of the wrong type"),
        ("year", "2026", "field 'year' is missing or of the wrong type"),
        ("pages", True, "field 'pages' is missing or of the wrong type"),
        ("country", 3, "field 'country' is missing or of the wrong type"),
        ("date", "1 July 2026", "the publication date is not an ISO date"),
        ("downloads", [{"path": "a.csv"}], "a download needs the text fields"),
    ],
)
def test_a_bad_field_is_named(tmp_path: Path, field: str, value: Any, problem: str) -> None:
    docs = sample_entries()
    docs[2][field] = value
    path = write(tmp_path, docs)
    with pytest.raises(InputError) as err:
        load_catalogue(path)
    assert err.value.path == path
    assert problem in err.value.problem
    assert err.value.column is not None and err.value.column.startswith(f"documents[2].{field}")


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    docs = sample_entries()
    del docs[0]["pdf_sha256"]
    with pytest.raises(InputError, match=r"documents\[0\]\.pdf_sha256"):
        load_catalogue(write(tmp_path, docs))


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    docs = sample_entries()
    with pytest.raises(InputError, match="appears twice"):
        load_catalogue(write(tmp_path, [*docs, docs[0]]))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "not valid JSON"),
        ("[]", "no 'documents' list"),
        ('{"documents": {}}', "no 'documents' list"),
    ],
)
def test_a_broken_file_is_named(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as err:
        load_catalogue(path)
    assert "rebuild" in str(err.value)


def test_a_missing_catalogue_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist.*python build.py"):
        load_catalogue(tmp_path / "catalogue.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(sorted(entry("BGD", "brief", "b", 2026, "en", "2026-01-01"))),
    value=json_values,
)
def test_any_value_in_any_field_loads_or_fails_clearly(
    tmp_path: Path, field: str, value: Any
) -> None:
    doc = entry("BGD", "brief", "b", 2026, "en", "2026-01-01")
    doc[field] = value
    try:
        catalogue = load_catalogue(write(tmp_path, [doc]))
    except InputError as exc:
        assert exc.column is not None and exc.column.startswith("documents[0]")
    else:
        assert len(catalogue.documents) == 1
