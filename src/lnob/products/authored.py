"""Authored Markdown files: YAML front matter (validated) and a Markdown body.

Authored text is trusted to be prose, not markup: raw HTML and raw-format blocks
are refused with the line, so only the package writes HTML into a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from lnob.errors import InputError
from lnob.yamlio import schema

_RAW = re.compile(r"(\{=[a-z0-9]+\}|<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?>)")


@dataclass(frozen=True)
class Authored:
    path: Path
    meta: dict[str, Any]
    body: str
    language: str
    fallback: bool  # True when the file is the English fallback for a missing language
    first_line: int = 1  # the line of the file where `body` starts (for messages)


def read_authored(path: Path, schema_name: str, language: str, fallback: bool = False) -> Authored:
    try:
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise InputError(
            path, "not UTF-8 text", expected="UTF-8", hint="Save it as UTF-8"
        ) from None
    meta: dict[str, Any] = {}
    body = text
    offset = 0
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end < 0:
            raise InputError(
                path,
                "front matter is not closed",
                row=1,
                expected="a line '---' after the YAML front matter",
            )
        try:
            meta = yaml.safe_load(text[4:end]) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError(
                path, f"front matter is not valid YAML: {exc}", row=mark.line + 2 if mark else None
            ) from None
        body = text[end + 5 :]
        offset = text[: end + 5].count("\n")
        errors = list(jsonschema.Draft202012Validator(schema(schema_name)).iter_errors(meta))
        if errors:
            e = errors[0]
            key = ".".join(map(str, e.absolute_path)) or "(front matter)"
            raise InputError(
                path,
                f"front matter '{key}': {e.message}",
                expected=f"see src/lnob/schemas/{schema_name}.schema.json",
            )
    for i, line in enumerate(body.split("\n"), start=offset + 1):
        m = _RAW.search(line)
        if m:
            raise InputError(
                path,
                "raw HTML or a raw block is not allowed in authored text",
                row=i,
                found=m.group(0),
                hint="Write it as Markdown; charts and tables come from the data",
            )
    first_line = offset + 1 + body[: len(body) - len(body.lstrip())].count("\n")
    return Authored(path, meta, body.strip() + "\n", language, fallback, first_line)


def find_authored(folder: Path, language: str) -> tuple[Path, bool]:
    """`<folder>/<lang>.md`, or the English file flagged as a fallback."""
    own = folder / f"{language}.md"
    if own.is_file():
        return own, False
    english = folder / "en.md"
    if english.is_file():
        return english, language != "en"
    raise InputError(
        folder,
        f"no authored text for language '{language}'",
        expected=f"{own.name} (or en.md as a fallback)",
        hint="Write the file; see docs/formats/briefs.md",
    )
