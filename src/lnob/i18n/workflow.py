"""The catalogue workflow with Babel: extract, update, init, compile.

- extract: strings marked with `_`, `N_`, `gettext`, `ngettext`, `pgettext` in the
  files `locale/babel.cfg` maps (the package's Python and the notebooks' code cells)
  -> `locale/messages.pot`.
- update: merge the template into every `.po` file; translations are kept, changed
  strings are matched to their old translation and marked fuzzy, removed ones become
  obsolete (`#~`) so their translation is not lost.
- init: a new `.po` file for a language that has none.
- compile: checked `.po` files -> `.mo` files in a directory the caller gives.

Files are rewritten only when their content changes (the creation date aside), and
written aside then renamed into place. Location comments carry file names but not line
numbers, so editing code does not churn the catalogues.
"""

from __future__ import annotations

import ast
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from lnob.atomic import write_bytes
from lnob.errors import InputError
from lnob.i18n.catalogue import DOMAIN, po_path
from lnob.i18n.completeness import TEMPLATE_NAME
from lnob.i18n.languages import Language
from lnob.i18n.pofiles import read_checked_po, read_template

MAPPING_NAME = "babel.cfg"
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAG = "Translators:"
TEMPLATE_HEADER = (
    "# Template of the fixed strings of the LNOB publishing system.\n"
    "# Written by `python -m lnob.i18n extract`: do not edit by hand.\n"
    "# Translators edit locale/<lang>/LC_MESSAGES/messages.po\n"
    "# (see docs/formats/i18n.md).\n#"
)
_SIMPLE_MARKERS = {"_", "N_", "gettext"}
_SKIPPED_DIRS = {"node_modules", "_site", "_build", "__pycache__"}
_VOLATILE_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*"$', re.M)


@dataclass(frozen=True)
class FileResult:
    """What a workflow step did to one file (and anything the user should look at)."""

    path: Path
    changed: bool
    messages: int
    warnings: tuple[str, ...] = ()


def extract(root: Path, locale_dir: Path) -> FileResult:
    """Write `locale_dir/messages.pot` from the files `locale_dir/babel.cfg` maps under `root`."""
    mapping = locale_dir / MAPPING_NAME
    try:
        with mapping.open(encoding="utf-8") as fh:
            method_map, options_map = parse_mapping_cfg(fh, str(mapping))
    except FileNotFoundError:
        raise InputError(
            mapping,
            "the extraction mapping does not exist",
            hint="It says which files hold translatable strings",
        ) from None
    catalog = Catalog(
        project="lnob",
        version=_package_version(),
        charset="utf-8",
        fuzzy=False,
        copyright_holder="Leave No One Behind coalition",
        header_comment=TEMPLATE_HEADER,
    )
    python_files: list[str] = []
    results = extract_from_dir(
        root,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
        directory_filter=_wanted_dir,
        callback=lambda name, method, _options: (
            python_files.append(name) if method == "python" else None
        ),
    )
    for filename, lineno, message, comments, context in results:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    target = locale_dir / TEMPLATE_NAME
    warnings = unextracted_markers(root, python_files, catalog)
    return FileResult(
        target, _write_if_changed(target, _po_bytes(catalog)), _count(catalog), warnings
    )


def unextracted_markers(root: Path, files: Iterable[str], catalog: Catalog) -> tuple[str, ...]:
    """`_("...")` calls the extractor did not see: on Python 3.11 Babel cannot look inside
    f-strings, so a string marked there never reaches the translators."""
    warnings = []
    for name in files:
        try:
            tree = ast.parse((root / name).read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in _SIMPLE_MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value not in catalog
            ):
                warnings.append(
                    f"{name}:{node.lineno}: {node.args[0].value!r} is marked but was not "
                    f"extracted (inside an f-string?); assign it to a variable outside it"
                )
    return tuple(warnings)


def update(locale_dir: Path, languages: Iterable[Language]) -> list[FileResult]:
    """Merge the template into the `.po` file of each language that has one."""
    template = read_template(locale_dir / TEMPLATE_NAME)
    results = []
    for lang in languages:
        path = po_path(locale_dir, lang.code)
        if lang.is_source or not path.exists():
            continue
        catalog = read_checked_po(path, lang.code)
        _drop_previous_ids(catalog)
        catalog.update(
            template,
            no_fuzzy_matching=False,
            update_header_comment=False,
            keep_user_comments=True,
            update_creation_date=True,
        )
        changed = _write_if_changed(path, _po_bytes(catalog))
        results.append(FileResult(path, changed, _count(catalog)))
    return results


def init(locale_dir: Path, language: Language) -> FileResult:
    """Create the `.po` file of `language` from the template; refuse to overwrite one."""
    path = po_path(locale_dir, language.code)
    if language.is_source:
        raise InputError(
            path,
            "English is the source language and has no .po file",
            hint="Msgids are the English text",
        )
    if path.exists():
        raise InputError(
            path,
            "the .po file exists already",
            hint="Use `python -m lnob.i18n update` to bring it up to date",
        )
    catalog = read_template(locale_dir / TEMPLATE_NAME)
    catalog.locale = Locale.parse(language.code)
    catalog.language_team = f"{language.name} <LL@li.org>"
    catalog.revision_date = datetime.now(UTC)
    catalog.fuzzy = False
    catalog.header_comment = (
        f"# {language.name} ({language.code}) translations of the Leave No One Behind "
        f"publishing system.\n# Edit with a PO editor; see docs/formats/i18n.md.\n#"
    )
    _write_if_changed(path, _po_bytes(catalog))
    return FileResult(path, True, _count(catalog))


def compile_catalogues(
    locale_dir: Path, out_dir: Path, languages: Iterable[Language]
) -> list[FileResult]:
    """Check and compile each language's `.po` file to `out_dir/<lang>/LC_MESSAGES/messages.mo`.

    Fuzzy entries are left out, as gettext does. Languages without a `.po` file are skipped.
    """
    results = []
    for lang in languages:
        source = po_path(locale_dir, lang.code)
        if lang.is_source or not source.exists():
            continue
        catalog = read_checked_po(source, lang.code)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        target = out_dir / lang.code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        results.append(
            FileResult(target, _write_if_changed(target, buffer.getvalue()), _count(catalog))
        )
    return results


def _drop_previous_ids(catalog: Catalog) -> None:
    """Drop `#| msgid "..."` lines (a PO editor or msgmerge may write them): Babel reads them
    as user comments and would write them back as `# | ...` after every update."""
    for message in catalog:
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]


def _po_bytes(catalog: Catalog) -> bytes:
    # No `#| msgid` lines: Babel 2.18 wraps long previous msgids into broken comments.
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, include_lineno=False)
    return buffer.getvalue()


def _write_if_changed(path: Path, content: bytes) -> bool:
    """Write `content` aside and rename it into place, unless only volatile headers differ."""
    if path.exists():
        old = path.read_bytes()
        if old == content or (path.suffix in (".po", ".pot") and _stable(old) == _stable(content)):
            return False
    write_bytes(path, content)
    return True


def _stable(content: bytes) -> str:
    return _VOLATILE_HEADER.sub("", content.decode("utf-8"))


def _count(catalog: Catalog) -> int:
    return sum(1 for m in catalog if m.id)


def _wanted_dir(path: str) -> bool:
    name = os.path.basename(path)
    return not name.startswith((".", "_")) and name not in _SKIPPED_DIRS


def _package_version() -> str:
    try:
        return version("lnob")
    except PackageNotFoundError:
        return "0"
