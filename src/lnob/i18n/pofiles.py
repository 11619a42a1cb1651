"""Read a translator's `.po` file strictly: syntax, language and placeholders.

Babel's reader is lenient (an unterminated quote or a missing `"` is read without a
word), so every line is checked first. Then, for each translated (not fuzzy) entry,
Babel's own checkers run (plural count, `%`-format) and the project's placeholder
rule: a msgstr keeps exactly the `{name}` placeholders of its msgid. Fuzzy entries are
not checked: they are not used, and after `update` they may legitimately hold an old
translation of a changed msgid. Every problem becomes an `InputError` naming the file,
the line and the msgid.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message, TranslationError
from babel.messages.pofile import PoFileError, read_po

from lnob.errors import InputError, read_input_text

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{_QUOTED}")
_STRING_LINE = re.compile(_QUOTED)
_SYNTAX_EXPECTED = 'a keyword line (msgid "...", msgstr "...") or a text in straight double quotes'
_SYNTAX_HINT = (
    'Write a double quote inside a text as \\", close every text with ", and check '
    "the file in a PO editor (Poedit, Lokalize), which shows the error too"
)


@dataclass(frozen=True)
class PoProblem:
    """One problem found in a `.po` file."""

    line: int
    problem: str
    msgid: str | None = None
    expected: str | None = None
    found: str | None = None


def read_checked_po(path: Path, lang: str) -> Catalog:
    """The catalogue in `path` for language `lang`; `InputError` on the first problem found."""
    return _read(path, lang)


def read_template(path: Path) -> Catalog:
    """The template `messages.pot` (syntax checked; it has no translations to check)."""
    if not path.exists():
        raise InputError(
            path,
            "the message template does not exist",
            hint="Run `python -m lnob.i18n extract` first",
        )
    return _read(path, None)


def _read(path: Path, lang: str | None) -> Catalog:
    try:
        text = read_input_text(path, "catalogue")
    except FileNotFoundError:
        raise InputError(
            path, "file not found", hint="Create it with `python -m lnob.i18n init`"
        ) from None
    problems = syntax_problems(text)
    if not problems:
        try:
            catalog = read_po(text.splitlines(), locale=lang, abort_invalid=True)
        except PoFileError as exc:
            reason = str(exc.args[0]).rsplit(" on ", 1)[0]
            problems = [PoProblem(exc.lineno + 1, f"not a valid PO entry: {reason}")]
        else:
            if lang is not None:
                problems = _language_problems(catalog, lang) + translation_problems(catalog)
    if problems:
        _raise(path, sorted(problems, key=lambda p: p.line))
    return catalog


def syntax_problems(text: str) -> list[PoProblem]:
    """Lines that are neither comments, keyword lines nor quoted continuation strings."""
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
        elif line.startswith("#") or not line:
            continue
        if not (_KEYWORD_LINE.fullmatch(line) or _STRING_LINE.fullmatch(line)):
            problems.append(
                PoProblem(number, "broken PO syntax", expected=_SYNTAX_EXPECTED, found=raw.strip())
            )
    return problems


def placeholders(text: str) -> set[str] | None:
    """The `{name}` placeholder names of `text`, or None when it is not a format string."""
    try:
        return {
            re.split(r"[.\[]", field)[0]
            for _, field, _, _ in string.Formatter().parse(text)
            if field is not None
        }
    except ValueError:
        return None


def translation_problems(catalog: Catalog) -> list[PoProblem]:
    """Placeholder and Babel checker problems of the translated, non-fuzzy entries."""
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy or not _has_translation(message):
            continue
        problems += _placeholder_problems(message)
    for message, errors in catalog.check():
        if message.fuzzy:
            continue
        problems += [
            PoProblem(message.lineno or 0, str(err), _display_id(message))
            for err in errors
            if isinstance(err, TranslationError)
        ]
    return problems


def _placeholder_problems(message: Message) -> list[PoProblem]:
    msgid = _display_id(message)
    if isinstance(message.id, (tuple, list)):
        singular, plural = (placeholders(str(i)) for i in message.id)
        if singular is None or plural is None:
            return []
        allowed, required_last = singular | plural, plural
        forms = [str(f) for f in message.string or ()]
    else:
        source = placeholders(str(message.id))
        if source is None:
            return []
        allowed = required_last = source
        forms = [str(message.string or "")]
    problems = []
    for index, form in enumerate(forms):
        if not form:
            continue
        found = placeholders(form)
        last = index == len(forms) - 1
        wanted = required_last if last else set()
        if found is None or not (wanted <= found <= allowed):
            which = f"msgstr[{index}]" if isinstance(message.id, tuple) else "msgstr"
            problems.append(
                PoProblem(
                    message.lineno or 0,
                    f"{which} does not keep the placeholders of the msgid",
                    msgid,
                    expected=_braces(allowed) or "no placeholders",
                    found=form if found is None else (_braces(found) or "no placeholders"),
                )
            )
    return problems


def _language_problems(catalog: Catalog, lang: str) -> list[PoProblem]:
    header_lang = catalog.mime_headers and dict(catalog.mime_headers).get("Language")
    if header_lang and header_lang.split("_")[0].split("-")[0] != lang:
        return [
            PoProblem(
                1,
                "the header names another language",
                expected=f"Language: {lang}",
                found=f"Language: {header_lang}",
            )
        ]
    return []


def _has_translation(message: Message) -> bool:
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return any(forms)


def _display_id(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}|{msgid}" if message.context else str(msgid)


def _braces(names: set[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names))


def _raise(path: Path, problems: list[PoProblem]) -> None:
    first = problems[0]
    problem = first.problem + (f" (msgid {first.msgid!r})" if first.msgid is not None else "")
    others = "; ".join(f"line {p.line}: {p.problem}" for p in problems[1:4])
    more = f" {len(problems) - 1} more problem(s) in this file: {others}" if others else ""
    if "placeholder" in first.problem:
        hint = "Use the msgid's {placeholders} unchanged and translate only the words around them"
    elif "syntax" in first.problem:
        hint = _SYNTAX_HINT
    else:
        hint = "Fix the line, then run `python -m lnob.i18n report`"
    raise InputError(
        path,
        problem,
        row=first.line,
        expected=first.expected,
        found=first.found,
        hint=hint + "." + more,
    )
