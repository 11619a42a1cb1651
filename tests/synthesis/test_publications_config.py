"""Coalition-wide publications (`publications:` in coalition.yaml): guides and evaluations are
documents of their own, with no country, and each kind of mistake is named where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.coalition import load_coalition
from lnob.errors import InputError
from lnob.i18n import load_languages
from lnob.inputs import declared_inputs
from lnob.paths import ProjectPaths
from tests.conftest import ROOT

BASE = """name: T
products:
  brief: {notebook: brief.ipynb}
  guide: {notebook: authored.ipynb}
synthesis: {languages: [en], years: [2026]}
publications:
  - {product: guide, slug: methodology-guide, year: 2026, date: "2026-04-15", languages: [en, fr]}
countries:
  - code: BGD
    languages: [en, bn]
    documents:
      - {product: brief, slug: a, year: 2026}
"""


def load(tmp_path: Path, text: str):
    path = tmp_path / "coalition.yaml"
    path.write_text(text, encoding="utf-8")
    return load_coalition(path, set(load_languages(ROOT / "data" / "languages.yaml")))


def test_publications_are_documents_without_a_country(tmp_path: Path) -> None:
    docs = [d for d in load(tmp_path, BASE).documents() if d.product == "guide"]
    assert [d.id for d in docs] == [
        "global-guide-methodology-guide-2026-en",
        "global-guide-methodology-guide-2026-fr",
    ]
    assert docs[0].country is None and docs[0].publication_date == "2026-04-15"
    assert docs[0].site_dir == "global/global-guide-methodology-guide-2026/en"
    assert docs[0].parameters() == {
        "language": "en",
        "document": "methodology-guide",
        "year": 2026,
        "product": "guide",
    }


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("product: guide, slug", "product: evaluation, slug"), "unknown product 'evaluation'"),
        (("slug: methodology-guide", "slug: brief"), "is the name of a product"),
        (
            ("slug: a, year", "slug: a, year: 2026}\n      - {product: guide, slug: g, year"),
            "unknown product 'guide'",
        ),
        (("[en, fr]", "[en, zz]"), "unknown language 'zz'"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        load(tmp_path, BASE.replace(*change))


def test_a_guide_declares_only_its_own_text() -> None:
    paths = ProjectPaths.at(ROOT)
    spec = next(
        d
        for d in load_coalition(paths.coalition_file).documents()
        if d.product == "guide" and d.language == "fr"
    )
    files = {p.relative_to(ROOT).as_posix() for p in declared_inputs(spec, paths)}
    assert "reports/methodology-guide/fr.md" in files
    assert not any(f.startswith(("data/countries", "briefs/", "reports/synthesis")) for f in files)
