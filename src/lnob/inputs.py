"""The inputs each document declares. Below the notebook API and the products.

Declared inputs are the files a document's notebook may read; they are hashed into
the execute key, and reading any other file under the project's content folders
(`data/`, `briefs/`, `reports/`) while the notebook runs is an error, so the key
is always complete. Every declared file is the project's own: a symbolic link, or a
folder linked in, is refused naming it (`lnob.paths.confined`), before anything reads it.
"""

from __future__ import annotations

import os
from pathlib import Path

from lnob.coalition import load_coalition
from lnob.paths import OutsideProjectError, ProjectPaths, confined
from lnob.registry import product_kind
from lnob.spec import DocumentSpec

CONTENT_DIRS = ("data", "briefs", "reports")


def _files(folder: Path, root: Path) -> list[Path]:
    """The files under `folder`, none of them a link or under a linked folder."""
    confined(folder, root, "folder")
    if not folder.is_dir():
        return []
    found = []
    for top, dirs, names in os.walk(folder):  # never follows a link: each one is refused
        for name in [*dirs, *names]:
            if not name.startswith("."):
                confined(Path(top) / name, root, "declared input")
        found += [Path(top) / n for n in names if not n.startswith(".")]
    return sorted(found)


def _shared(paths: ProjectPaths) -> list[Path]:
    taxonomy = paths.data / "taxonomy.yaml"
    confined(taxonomy, paths.root, "declared input")
    return [taxonomy] * taxonomy.is_file() + _files(paths.data / "sdg", paths.root)


def _authored(folder: Path, lang: str, root: Path) -> list[Path]:
    """Authored Markdown for one language (English when that language has none yet)."""
    files = _files(folder, root)
    own = [p for p in files if p.suffix == ".md" and p.stem == lang]
    text = own or [p for p in files if p.suffix == ".md" and p.stem == "en"]
    return text + [p for p in files if p.suffix in (".yaml", ".yml")]


def country_files(code: str, paths: ProjectPaths) -> list[Path]:
    """A country's data and brief files; `OutsideProjectError` if any is a link."""
    return _files(paths.country_dir(code), paths.root) + _files(paths.briefs / code, paths.root)


def shared_files(paths: ProjectPaths) -> list[Path]:
    """The files every document may read (taxonomy, SDG lists, global data), checked alike."""
    return _shared(paths) + _files(paths.data / "global", paths.root)


def authored_folder(spec: DocumentSpec, paths: ProjectPaths) -> Path | None:
    """The folder of the document's authored text (`<lang>.md` files), if its product has one
    (its descriptor's `authored`): a brief's `briefs/<ISO3>/<slug>/`, a research report's
    `reports/research/<ISO3>/<slug>/` (optional: a draft may have none), a year's
    `reports/synthesis/<year>/`, a guide's or an evaluation's `reports/<slug>/`."""
    folder = product_kind(spec.product).authored_folder(spec.country, spec.slug, spec.year)
    return None if folder is None else paths.root / folder


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
    scope = product_kind(spec.product, paths.coalition_file).scope
    files = _shared(paths)
    text = authored_folder(spec, paths)
    if text is not None:
        files += _authored(text, spec.language, paths.root)
    if scope == "synthesis":  # the countries it draws on that year, and global data
        for code in _synthesis_countries(spec.year, paths):
            try:  # a country with a linked file is left out of the synthesis, not fatal to it
                files += country_files(code, paths)
            except OutsideProjectError:
                continue
        files += _files(paths.data / "global", paths.root)
        return sorted(set(files))
    if scope == "publication":  # coalition-wide guide or evaluation: its own text only
        return sorted(set(files))
    assert spec.country is not None
    country = paths.country_dir(spec.country)
    files += _files(country, paths.root)
    files += _authored(paths.reports / spec.product, spec.language, paths.root)
    return sorted(set(files))


def is_content(path: Path, paths: ProjectPaths) -> bool:
    return any(path.is_relative_to(paths.root / d) for d in CONTENT_DIRS)
