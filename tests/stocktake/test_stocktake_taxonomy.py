"""The shared taxonomy file: groups, keys, column classification, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.stocktake import Taxonomy, load_taxonomy

from .stocktake_support import PROJECT, write

KEYS = (
    "income",
    "age",
    "sex",
    "disability",
    "ethnicity",
    "origin",
    "religion",
    "location",
    "education",
    "other",
)
LABEL_LANGUAGES = ("en", "fr", "es", "bn", "hi", "ne", "sw", "vi", "ur", "ar")


def test_keys_in_their_fixed_order(taxonomy: Taxonomy) -> None:
    assert taxonomy.keys == KEYS
    assert taxonomy.path == PROJECT / "data" / "taxonomy.yaml"


@pytest.mark.parametrize("key", KEYS)
def test_every_group_is_labelled_in_every_report_language(taxonomy: Taxonomy, key: str) -> None:
    group = taxonomy.group(key)
    assert set(group.labels) == set(LABEL_LANGUAGES)
    assert group.label("xx") == group.labels["en"]


@pytest.mark.parametrize(
    ("column", "role", "key"),
    [
        ("Sex", "group", "sex"),
        ("SEX", "group", "sex"),
        ("Age", "group", "age"),
        ("Disability status", "group", "disability"),
        ("DISABILITY_STATUS", "group", "disability"),
        ("Quantile", "group", "income"),
        ("Income or wealth quantile", "group", "income"),
        ("INCOME_WEALTH_QUANTILE", "group", "income"),
        ("Household income", "group", "income"),
        ("Index of multiple deprivation quintile", "group", "income"),
        ("Location", "group", "location"),
        ("Degree of urbanisation", "group", "location"),
        ("Reference area", "group", "location"),
        ("REF_AREA", "group", "location"),
        ("Urban or rural", "group", "location"),
        ("Region", "group", "location"),
        ("Education level", "group", "education"),
        ("EDUCATION_LEV", "group", "education"),
        ("Ethnicity", "group", "ethnicity"),
        ("Caste/ethnicity", "group", "ethnicity"),
        ("Country of birth", "group", "origin"),
        ("Citizenship", "group", "origin"),
        ("Religion", "group", "religion"),
        ("Marital status", "group", "other"),
        ("  age  group ", "group", "age"),
        ("sex-of-household-head", "group", "sex"),
        ("SERIES", "metadata", None),
        ("UNIT_MEASURE", "metadata", None),
        ("Units", "metadata", None),
        ("Unit multiplier", "metadata", None),
        ("Observation status", "metadata", None),
        ("GeoCode", "metadata", None),
        ("Skill", "unmapped", None),
        ("Country", "unmapped", None),
        ("Type of hate crime", "unmapped", None),
    ],
)
def test_classify_columns_met_in_real_data(
    taxonomy: Taxonomy, column: str, role: str, key: str | None
) -> None:
    assert taxonomy.classify(column) == (role, key)


@pytest.mark.parametrize(
    ("key", "value", "total"),
    [
        ("sex", "", True),
        ("sex", "_T", True),
        ("sex", "bothsex", True),
        ("sex", "Female", False),
        ("location", "allarea", True),
        ("location", "NATIONAL", True),
        ("location", "Rural", False),
        ("disability", "t", True),
        ("disability", "pwd", False),
        ("age", "All ages", True),
    ],
)
def test_total_values(taxonomy: Taxonomy, key: str, value: str, total: bool) -> None:
    assert (value.strip().casefold() in taxonomy.totals_for(key)) is total


def test_require_key(taxonomy: Taxonomy) -> None:
    assert taxonomy.require_key("disability", path="s.csv") == "disability"
    with pytest.raises(InputError) as caught:
        taxonomy.require_key("gender", path="s.csv", row=4, column="indicators")
    assert (caught.value.row, caught.value.column, caught.value.found) == (
        4,
        "indicators",
        "gender",
    )


MINIMAL = """version: 1
total_values: [""]
metadata_columns: [SERIES]
groups:
  - key: sex
    label: {en: Sex}
    columns: [Sex]
"""


def test_extending_needs_no_code(tmp_path: Path) -> None:
    extended = (
        MINIMAL
        + """  - key: caste
    label: {en: Caste, ne: जात}
    columns: [Jat]
    total_values: [Sabai]
"""
    )
    taxonomy = load_taxonomy(write(tmp_path / "taxonomy.yaml", extended))
    assert taxonomy.keys == ("sex", "caste")
    assert taxonomy.classify("JAT") == ("group", "caste")
    assert "sabai" in taxonomy.totals_for("caste")


@pytest.mark.parametrize(
    ("change", "row"),
    [
        (("key: sex", "key: Sex"), 5),  # key pattern
        (("key: sex", "key: any"), 5),  # reserved key
        (("label: {en: Sex}", "label: {fr: Sexe}"), 6),  # English label required
        (("version: 1", "version: 2"), 1),
        (("columns: [Sex]", "columns: [Sex]\n    colour: red"), 8),  # the unknown key itself
    ],
)
def test_schema_errors_name_the_line(tmp_path: Path, change: tuple[str, str], row: int) -> None:
    path = write(tmp_path / "taxonomy.yaml", MINIMAL.replace(*change))
    with pytest.raises(InputError) as caught:
        load_taxonomy(path)
    assert (caught.value.path, caught.value.row) == (path, row)


@pytest.mark.parametrize(
    "extra",
    [
        "  - key: gender\n    label: {en: Gender}\n    columns: [SEX]\n",
        "  - key: sex\n    label: {en: Sex again}\n    columns: []\n",
        "  - key: series\n    label: {en: Series}\n    columns: [Series]\n",
    ],
)
def test_ambiguous_taxonomies_are_refused(tmp_path: Path, extra: str) -> None:
    with pytest.raises(InputError):
        load_taxonomy(write(tmp_path / "taxonomy.yaml", MINIMAL + extra))
