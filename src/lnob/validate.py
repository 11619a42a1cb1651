"""`python build.py validate`: check every input without building, and list every problem.

Each check is independent: one broken file does not hide the problems of another.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from lnob.errors import InputErrors, LnobError
from lnob.paths import ProjectPaths
from lnob.spec import DocumentSpec

if TYPE_CHECKING:
    from lnob.coalition import Coalition


def validate_project(
    paths: ProjectPaths, warnings: list[str] | None = None
) -> tuple[list[str], int]:
    """Every problem (an input a build would refuse) and the number of checks made.

    ``warnings`` receives what is not an error but a reader of the figures must know (a
    check that returns a list of text returns its warnings): for instance a multiple-choice
    answer the export has no column for, published as "not in the export".
    """
    problems: list[str] = []
    noted = warnings if warnings is not None else []
    checked = 0

    def check(what: Callable[[], object]) -> None:
        nonlocal checked
        checked += 1
        try:
            found = what()
        except InputErrors as many:  # every broken file of one reading, one a line
            for exc in many.errors:
                if str(exc) not in problems:
                    problems.append(str(exc))
            return
        except LnobError as exc:
            if str(exc) not in problems:  # two checks that read one broken file report it once
                problems.append(str(exc))
            return
        if isinstance(found, list):
            noted.extend(str(w) for w in found if str(w) not in noted)

    from lnob.build.run import load_project
    from lnob.inputs import authored_folder
    from lnob.stages.execute import declared_parameters

    try:
        coalition, languages = load_project(paths)
    except LnobError as exc:
        return [str(exc)], 1
    checked += 2
    from lnob.identity import load_identity
    from lnob.inputs import country_files, shared_files

    try:  # a linked file is never read, so no outside file's text reaches a message
        shared_files(paths)
    except LnobError as exc:
        return [str(exc)], checked
    refused = set()
    for country in coalition.countries:
        try:
            country_files(country.code, paths)
        except LnobError as exc:
            problems.append(str(exc))
            refused.add(country.code)
    check(partial(load_identity, paths.identity_file))
    check(partial(_partner_logos_named, paths, coalition))
    for product in coalition.products.values():
        check(partial(declared_parameters, paths.notebooks / product.notebook))
    from lnob.products.checks import read_brief_file

    reads_figures = {
        name: _calls(paths.notebooks / product.notebook, "load_numbers")
        for name, product in coalition.products.items()
    }
    for spec in coalition.documents():
        if spec.country in refused:
            continue
        folder = authored_folder(spec, paths) if spec.product == "brief" else None
        if folder is not None:
            check(partial(_brief, folder, spec.language, paths))
            if reads_figures.get(spec.product):  # the notebook shows brief.yaml's figures
                check(partial(read_brief_file, paths, spec))
        check(partial(_surveys_named, spec, paths))
    for country in (c for c in coalition.countries if c.code not in refused):
        for validator in _country_validators():
            check(partial(validator, paths, country.code))
    from lnob.i18n import Catalogue

    for code in sorted({s.language for s in coalition.documents()}):
        check(partial(Catalogue.load, paths.locale, languages[code]))
        check(partial(_fonts, paths, code, languages[code].fonts))
    return problems, checked


def _partner_logos_named(paths: ProjectPaths, coalition: Coalition) -> list[str]:
    from lnob.identity import load_identity, unknown_partners

    known = set(coalition.members) | {p for c in coalition.countries for p in c.partners}
    return [str(w) for w in unknown_partners(load_identity(paths.identity_file), known)]


def _calls(notebook: Path, name: str) -> bool:
    """Whether a code cell of the template notebook calls `name` (it may not exist: its own
    check names that)."""
    import json

    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return any(
        f"{name}(" in "".join(c.get("source", ""))
        for c in cells
        if isinstance(c, dict) and c.get("cell_type") == "code"
    )


def _fonts(paths: ProjectPaths, code: str, families: tuple[str, ...]) -> None:
    """Every font family a language names must be installed (fontconfig finds it)."""
    from lnob.errors import InputError
    from lnob.i18n.fonts import FontNotFoundError, font_file
    from lnob.yamlio import line_in

    for k, family in enumerate(families):
        try:
            font_file(family)
        except FontNotFoundError:
            raise InputError(
                paths.languages_file,
                f"font family '{family}' of language '{code}' is not installed",
                row=line_in(paths.languages_file, ["languages", code, "fonts", k]),
                column="fonts",
                expected="a font family fontconfig finds (`fc-list : family` lists them)",
                found=family,
                hint="Install it (Debian: scripts/system-deps.sh installs the "
                "Noto fonts) or fix the name in data/languages.yaml",
            ) from None


def _brief(folder: Path, lang: str, paths: ProjectPaths) -> None:
    from lnob.products.authored import find_authored, read_authored
    from lnob.products.brief import check_no_figures, reference_words

    path, fallback = find_authored(folder, lang)
    check_no_figures(read_authored(path, "brief", lang, fallback), reference_words(paths, lang))


def _country_validators() -> list[Callable[[ProjectPaths, str], object]]:
    """Validators the analysis packages provide for a country's inputs."""
    from lnob.products import validators

    return validators()


def _surveys_named(spec: DocumentSpec, paths: ProjectPaths) -> None:
    """The surveys a document names exist (their folders are not warnings to print)."""
    from lnob.products.checks import check_document_surveys

    check_document_surveys(spec, paths)
