"""What a template notebook calls: open the document it is building, and show blocks.

`open_document` turns the notebook's parameters into a typed `Doc` (validated
against the coalition) and finds the project from the working directory, so a
notebook holds no file paths. Run by hand in Jupyter, `show` previews a block
as it will read; run by the build (`preview=False`) it only records the block.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lnob.coalition import Coalition, Country, load_coalition
from lnob.doc.blocks import flatten, mimebundle
from lnob.errors import InputError
from lnob.inputs import declared_inputs, is_content
from lnob.paths import ProjectPaths
from lnob.spec import DocumentSpec


def find_project(start: Path | None = None) -> ProjectPaths:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "coalition.yaml").is_file():
            return ProjectPaths.at(folder)
    raise InputError(
        here,
        "no project found here or above",
        expected="a folder holding data/coalition.yaml",
        hint="Open the notebook from inside the project",
    )


@dataclass(frozen=True)
class Shown:
    """A block as a notebook cell shows it."""

    blocks: tuple[Any, ...]
    doc: Doc

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return mimebundle(
            list(self.blocks),
            self.doc.preview_html(list(self.blocks)) if self.doc.preview else None,
        )


@dataclass
class Doc:
    spec: DocumentSpec
    paths: ProjectPaths
    coalition: Coalition
    preview: bool

    @property
    def country(self) -> Country:
        if self.spec.country is None:
            raise InputError(self.coalition.source, "the synthesis has no single country")
        return self.coalition.country(self.spec.country)

    @property
    def country_dir(self) -> Path:
        return self.paths.country_dir(self.country.code)

    @property
    def language(self) -> str:
        return self.spec.language

    def show(self, *blocks: Any) -> Shown:
        return Shown(tuple(b for block in blocks for b in flatten(block)), self)

    @cached_property
    def _localizer(self) -> Any:
        from lnob.render.context import make_localizer

        return make_localizer(self.paths, self.spec.language, release=False)

    @cached_property
    def _palette(self) -> tuple[str, ...]:
        """The chart colours of data/identity.yaml, as the build draws them."""
        from lnob.identity import load_identity

        return load_identity(self.paths.identity_file).chart_palette

    def preview_html(self, blocks: list[Any]) -> str:
        """Render blocks as the document will show them, with images inline (Jupyter only)."""
        import base64
        import re

        import lnob.render.extensions  # noqa: F401 - renderers of blocks defined elsewhere
        from lnob.render.html import RenderState, render_blocks
        from lnob.render.localize import escape

        with tempfile.TemporaryDirectory() as tmp:
            state = RenderState(
                self._localizer, Path(tmp), self.spec.describe(), palette=self._palette
            )
            parts = render_blocks(blocks, state)
            html = _masthead(state) + "\n".join(
                p.text if p.kind == "html" else f"<pre>{escape(p.text)}</pre>" for p in parts
            )

            def inline(m: re.Match[str]) -> str:
                data = base64.b64encode((Path(tmp) / m.group(1)).read_bytes()).decode()
                return f'src="data:image/png;base64,{data}"'

            html = re.sub(r'src="(figures/[^"]+)"', inline, html)
        return f'<div lang="{self.spec.language}">{html}</div>'


def _masthead(state: Any) -> str:
    """The title, subtitle and summary a Meta block gives the page (the page template shows
    them in the document; a cell shows them here)."""
    meta = state.meta
    if meta is None:
        return ""
    html = state.loc.html
    out = f"<h1>{html(meta.title)}</h1>"
    if meta.subtitle is not None:
        out += f'<p class="subtitle">{html(meta.subtitle)}</p>'
    if meta.summary is not None:
        out += f'<p class="summary">{html(meta.summary)}</p>'
    return f"<header>{out}</header>"


_GUARD: dict[str, Any] = {}


def _guard_reads(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook: reading an undeclared file in the project's content folders is an error."""
    if event != "open" or "paths" not in _GUARD or not isinstance(args[0], (str, os.PathLike)):
        return
    path = Path(os.fsdecode(args[0]))
    if not path.is_absolute():
        path = Path.cwd() / path
    path = Path(os.path.normpath(path))
    paths: ProjectPaths = _GUARD["paths"]
    # Opening a folder reads no data; and `shutil.rmtree` opens folders by names relative
    # to a dir_fd, which the hook cannot see (the preview's temporary 'data/' folder).
    if path in _GUARD["allowed"] or not is_content(path, paths) or path.is_dir():
        return
    raise InputError(
        path,
        f"the {_GUARD['product']} notebook read a file its product does not declare",
        hint="Declare it in lnob.inputs.declared_inputs, so the build "
        "knows to rebuild when it changes",
    )


def _install_guard(spec: DocumentSpec, paths: ProjectPaths) -> None:
    allowed = {Path(os.path.normpath(p)) for p in declared_inputs(spec, paths)}
    allowed |= {paths.coalition_file, paths.languages_file, paths.identity_file}
    _GUARD.update(paths=paths, allowed=allowed, product=spec.product)
    if not _GUARD.get("installed"):
        sys.addaudithook(_guard_reads)
        _GUARD["installed"] = True


def release_guard() -> None:
    """Stop checking reads (the notebook has finished; the hook itself cannot be removed)."""
    for key in ("paths", "allowed", "product"):
        _GUARD.pop(key, None)
    _HANDED.clear()


# The document the build is about to run a notebook for in this process, with the coalition
# it has already read and checked: `open_document` takes it instead of reading coalition.yaml
# again per document. A notebook run by hand (or in a kernel of its own) reads the file.
_HANDED: dict[str, Any] = {}


def hand_over(spec: DocumentSpec, paths: ProjectPaths, coalition: Coalition) -> None:
    """Give the next `open_document` of this process the build's own spec and coalition."""
    _HANDED.update(spec=spec, paths=paths, coalition=coalition)


def _key(spec: DocumentSpec) -> tuple[object, ...]:
    return (spec.product, spec.country, spec.slug, spec.year, spec.language)


def open_document(
    product: str,
    *,
    language: str,
    document: str,
    year: int,
    country: str | None = None,
    preview: bool = True,
) -> Doc:
    """The document a notebook builds, checked against data/coalition.yaml (the build hands
    over the spec it has already checked: `hand_over`)."""
    paths = find_project()
    wanted = (product, country, document, year, language)
    handed = _HANDED.get("spec")
    if handed is not None and _key(handed) == wanted and _HANDED["paths"].root == paths.root:
        _install_guard(handed, paths)
        return Doc(handed, paths, _HANDED["coalition"], preview)
    coalition = load_coalition(paths.coalition_file)
    for spec in coalition.documents():
        if _key(spec) == wanted:
            _install_guard(spec, paths)
            return Doc(spec, paths, coalition, preview)
    raise InputError(
        paths.coalition_file,
        f"no {product} document '{document}' for "
        f"{country or 'the coalition'} in {year} in language '{language}'",
        expected="a document listed in data/coalition.yaml",
        found=f"country={country!r}, document={document!r}, year={year!r}, language={language!r}",
        hint="Fix the notebook's parameters or add the document to coalition.yaml",
    )
