"""Fixtures of the i18n tests: the project's own languages file."""

from __future__ import annotations

import pytest
from i18n_helpers import PROJECT

from lnob.i18n import Languages, load_languages


@pytest.fixture(scope="session")
def languages() -> Languages:
    return load_languages(PROJECT / "data" / "languages.yaml")
