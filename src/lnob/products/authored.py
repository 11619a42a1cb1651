"""Authored Markdown files: YAML front matter (validated) and a Markdown body.

Authored text is trusted to be prose, not markup: raw HTML and raw-format blocks, unsafe
links and attributes are refused with the line (`lnob.render.markup`, on Pandoc's AST), so
only the package writes HTML into a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lnob.errors import InputError, read_input_text
from lnob.render.markup import check_authored
from lnob.yamlio import check_schema, safe_load_text


@dataclass(frozen=True)
class Authored:
    path: Path
    meta: dict[str, Any]
    body: str
    language: str
    fallback: bool  # True when the file is the English fallback for a missing language
    first_line: int = 1  # the line of the file where `body` starts (for messages)


def read_authored(path: Path, schema_name: str, language: str, fallback: bool = False) -> Authored:
    """The file's front matter (YAML, no aliases, checked against `schema_name`) and its
    Markdown body, refused if Pandoc reads any markup, unsafe link or attribute in it."""
    text = read_input_text(path, "markdown").replace("\r\n", "\n")
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
        front = text[4:end]
        meta = safe_load_text(front, path, first_line=2) or {}
        check_schema(meta, schema_name, path, front, first_line=2, what="front matter ")
        body = text[end + 5 :]
        offset = text[: end + 5].count("\n")
    check_authored(body, path, first_line=offset + 1)
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
