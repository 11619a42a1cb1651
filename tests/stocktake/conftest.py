"""Shared fixtures of the stocktake tests: the project's taxonomy and indicator list, real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.stocktake import (
    IndicatorList,
    Taxonomy,
    load_project_indicators,
    load_taxonomy,
    read_official_csv,
)

from .stocktake_support import OFFICIAL_CSV, PROJECT, REALDATA


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy(PROJECT / "data" / "taxonomy.yaml")


@pytest.fixture(scope="session")
def indicators() -> IndicatorList:
    """The project's own list (data/sdg/indicators.csv) with every title translation."""
    return load_project_indicators(PROJECT / "data" / "sdg")


@pytest.fixture(scope="session")
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real data folder {REALDATA} is absent (it lives outside the project)")
    return REALDATA.resolve()


@pytest.fixture(scope="session")
def official(realdata: Path) -> IndicatorList:
    return read_official_csv(realdata / OFFICIAL_CSV)
