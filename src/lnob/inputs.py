"""The inputs each document declares. Below the notebook API and the products.

Declared inputs are the files a document's notebook may read; they are hashed into
the execute key, and reading any other file under the project's content folders
(`data/`, `briefs/`, `reports/`) while the notebook runs is an error, so the key
is always complete.
"""

from __future__ import annotations

import os
from pathlib import Path

from lnob.coalition import load_coalition
from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.spec import PRODUCTS, PUBLICATIONS, DocumentSpec

CONTENT_DIRS = ("data", "briefs", "reports")


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # os.walk follows a linked folder (an extract linked in, not copied, such as data/global/…)
    return sorted(
        Path(top) / name
        for top, _dirs, names in os.walk(folder, followlinks=True)
        for name in names
        if not name.startswith(".")
    )


def _shared(paths: ProjectPaths) -> list[Path]:
    return [p for p in (paths.data / "taxonomy.yaml",) if p.is_file()] + _files(paths.data / "sdg")


def _authored(folder: Path, lang: str) -> list[Path]:
    """Authored Markdown for one language (English when that language has none yet)."""
    files = _files(folder)
    own = [p for p in files if p.suffix == ".md" and p.stem == lang]
    text = own or [p for p in files if p.suffix == ".md" and p.stem == "en"]
    return text + [p for p in files if p.suffix in (".yaml", ".yml")]


def authored_folder(spec: DocumentSpec, paths: ProjectPaths) -> Path | None:
    """The folder of the document's authored text (`<lang>.md` files), if its product has one:
    a brief's `briefs/<ISO3>/<slug>/`, a research report's `reports/research/<ISO3>/<slug>/`,
    a year's `reports/synthesis/<year>/`, a guide's or an
    evaluation's `reports/<slug>/`."""
    if spec.product == "brief" and spec.country is not None:
        return paths.briefs / spec.country / spec.slug
    if spec.product == "research" and spec.country is not None:  # optional (a draft without)
        return paths.reports / "research" / spec.country / spec.slug
    if spec.product == "synthesis":
        return paths.reports / "synthesis" / str(spec.year)
    if spec.product in PUBLICATIONS:
        return paths.reports / spec.slug
    return None


def _synthesis_countries(year: int, paths: ProjectPaths) -> tuple[str, ...]:
    """Countries with any document dated up to `year`: those a year's synthesis reads."""
    coalition = load_coalition(paths.coalition_file)
    return tuple(
        c.code
        for c in coalition.countries
        if any(int(d.publication_date[:4]) <= year for d in c.documents)
    )


def declared_inputs(spec: DocumentSpec, paths: ProjectPaths) -> list[Path]:
    """Every file the document's notebook may read (besides coalition.yaml, hashed apart)."""
    if spec.product not in PRODUCTS:
        raise InputError(
            paths.coalition_file,
            f"No product named '{spec.product}'",
            expected=f"one of {', '.join(PRODUCTS)}",
            found=spec.product,
        )
    files = _shared(paths)
    text = authored_folder(spec, paths)
    if text is not None:
        files += _authored(text, spec.language)
    if spec.product == "synthesis":  # the countries it draws on that year, and global data
        for code in _synthesis_countries(spec.year, paths):
            files += _files(paths.country_dir(code)) + _files(paths.briefs / code)
        files += _files(paths.data / "global")
        return sorted(set(files))
    if spec.product in PUBLICATIONS:  # coalition-wide guide or evaluation: its own text only
        return sorted(set(files))
    assert spec.country is not None
    country = paths.country_dir(spec.country)
    files += _files(country)
    files += _authored(paths.reports / spec.product, spec.language)
    return sorted(set(files))


def is_content(path: Path, paths: ProjectPaths) -> bool:
    return any(path.is_relative_to(paths.root / d) for d in CONTENT_DIRS)
