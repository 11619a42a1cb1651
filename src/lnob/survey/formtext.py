"""Form text as a reader may see it: no `${field}` references, no enumerator instructions.

An XLSForm label is written for the enumerator's screen. It can hold ODK references to other
answers ("Does ${name} have a disability?"), instructions to the enumerator ("[OBSERVE] ...",
"ENUMERATOR: read the options", "(READ OUT)"), and a form may have no label at all for the
reader's language. Every label a report prints goes through :func:`reader_label`:

- the label is parsed into lines, bracketed parts, references and text (the reference syntax
  is ODK's own: ``${name}``);
- a reference to a text answer (a person's name, directly or through a ``calculate`` that
  copies it) becomes the neutral words "this person" in the label's language; any other
  reference (an age, a position, a choice) is removed and leaves "…";
- a bracketed part in capitals ("[OBSERVE]", "(READ OUT)") and a line that starts with an
  instruction ("ENUMERATOR: ...", "NOTE: ...") are dropped; a bracketed part that holds a
  reference ("[Individual #${pos}, age ${age}]") becomes the neutral words or "…";
- a label left empty counts as missing: the next language is tried, the form's default
  language first; never the column name (the caller decides what a label-less name shows).

Hints and ``note`` rows are never labels (:mod:`lnob.survey.xlsform` does not read hints, and
notes store no data, so no analysis shows them).

The neutral words are gettext messages (``locale/``): :func:`catalogue_words` looks them up in
the language of the label they go into. Without a catalogue only English gets words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lnob.doc.text import _
from lnob.paths import confined
from lnob.survey.languages import LocalText, primary_subtag

if TYPE_CHECKING:
    from lnob.survey.xlsform import Question

#: ODK's reference to another field's answer.
REFERENCE = re.compile(r"\$\{\s*([^{}\s]+)\s*\}")
#: The neutral words put where a label names a person.
THIS_PERSON = _("this person").msgid
#: What is left where a reference to a value (an age, a choice) was.
REMOVED = "…"
#: (msgid, language of the label) -> the words in that language, None when not translated.
Words = Callable[[str, str], "str | None"]

_INSTRUCTION_WORDS = (
    "enumerator",
    "interviewer",
    "enquêteur",
    "enqueteur",
    "enquêteuse",
    "encuestador",
    "encuestadora",
    "entrevistador",
    "mhojaji",
    "note",
    "instruction",
    "instructions",
    "observe",
    "observation",
    "probe",
    "read",
    "show",
    "ask",
    "supervisor",
)
_BRACKETS = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
_LEADING_WORD = re.compile(r"^\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*:")
_FIELD_COPY = re.compile(r"^\s*(?:indexed-repeat\s*\(\s*)?\$\{\s*([^{}\s]+)\s*\}")


#: Every message this module puts into form text: their translations are part of the execute
#: stage's key (lnob.build.plan), as labels get them when the notebook runs.
FORM_WORDS = (THIS_PERSON,)


def english_words(msgid: str, lang: str) -> str | None:
    """The words in English only: for callers without a catalogue (other languages: removed)."""
    return msgid if primary_subtag(lang) == "en" else None


def catalogue_words(locale_dir: Path) -> Words:
    """Words from the project's catalogues, ``locale/<lang>/LC_MESSAGES/messages.po``."""

    def words(msgid: str, lang: str) -> str | None:
        code = primary_subtag(lang)
        if code == "en":
            return msgid
        path = confined(locale_dir / code / "LC_MESSAGES" / "messages.po", locale_dir.parent)
        if not path.is_file():
            return None
        return _translations(path, code, _stamp(path)).get(msgid)

    return words


def form_words(locale_dir: Path, lang: str) -> dict[str, str]:
    """msgid -> translation of :data:`FORM_WORDS` in ``lang``, for the build's keys: only the
    document's own catalogue is read, so a broken catalogue stops its own language only."""
    code = primary_subtag(lang)
    path = locale_dir / code / "LC_MESSAGES" / "messages.po"
    if code == "en" or not path.is_file():
        return {}
    found = _translations(path, code, _stamp(path))
    return {m: found[m] for m in FORM_WORDS if m in found}


def _stamp(path: Path) -> tuple[int, int]:
    """When and how large the file is: a changed catalogue is read again."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@cache
def _translations(path: Path, code: str, _stamp: tuple[int, int]) -> Mapping[str, str]:
    from lnob.i18n.pofiles import read_checked_po

    catalog = read_checked_po(path, code)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string
        if not m.fuzzy
    }


def _is_capitals(text: str) -> bool:
    """Text with cased letters, none of them lower case: "OBSERVE", "READ OUT"."""
    letters = [c for c in text if c.isalpha() and (c.isupper() or c.islower())]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _is_instruction_line(line: str) -> bool:
    match = _LEADING_WORD.match(line)
    if not match:
        return False
    # only a word that addresses the enumerator: "PIPED: into dwelling" is a choice's label
    word = match.group(1)
    return word.split()[0].lower() in _INSTRUCTION_WORDS


def referenced_kind(name: str, questions: Mapping[str, Question]) -> str:
    """``person`` when ``${name}`` shows a text answer (a name), else ``value``.

    A ``calculate`` that copies another field (``${x}`` or ``indexed-repeat(${x}, ...)``) is
    followed to the field it copies.
    """
    seen: set[str] = set()
    while name not in seen:
        seen.add(name)
        question = questions.get(name)
        if question is None:
            return "value"
        if question.type == "text":
            return "person"
        copied = _FIELD_COPY.match(question.calculation or "") if question.calculation else None
        if question.type != "calculate" or copied is None:
            return "value"
        name = copied.group(1)
    return "value"


def _resolve(text: str, lang: str, questions: Mapping[str, Question], words: Words) -> str:
    def neutral(match: re.Match[str]) -> str:
        if referenced_kind(match.group(1), questions) == "person":
            return words(THIS_PERSON, lang) or REMOVED
        return REMOVED

    return REFERENCE.sub(neutral, text)


def _bracket(part: str, lang: str, questions: Mapping[str, Question], words: Words) -> str:
    """A bracketed part: kept, dropped (an instruction) or replaced (it describes someone)."""
    inner = part[1:-1]
    refs = REFERENCE.findall(inner)
    if refs:
        if any(referenced_kind(r, questions) == "person" for r in refs):
            return words(THIS_PERSON, lang) or REMOVED
        return REMOVED
    return "" if _is_capitals(inner) else part


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" +,", ",", text)  # not before ? ! ; : (French typography has a space)
    text = re.sub(r"(…\s*)+…", "…", text)
    text = re.sub(r"^[\s\-–—:,;]+|[\s\-–—:,;]+$", "", text)
    return text.strip()


def reader_text(
    text: str, lang: str, questions: Mapping[str, Question], words: Words = english_words
) -> str:
    """``text`` (one label in language ``lang``) as a reader may see it; "" when nothing is left."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if _is_instruction_line(line) or not any(c.isalnum() for c in REFERENCE.sub("", line)):
            continue  # an instruction, or only references: nothing of the form's own words
        line = _BRACKETS.sub(lambda m: _bracket(m.group(0), lang, questions, words), line)
        line = _tidy(_resolve(line, lang, questions, words))
        if line and line != REMOVED:
            lines.append(line)
    return _tidy(" ".join(lines))


def reader_label(
    labels: Mapping[str, str],
    lang: str,
    defaults: Iterable[str],
    questions: Mapping[str, Question],
    words: Words = english_words,
) -> LocalText | None:
    """The label in ``lang`` as a reader may see it; else the first of ``defaults`` (then any
    language of the form) that has one, flagged as a fallback; None when no label is left."""
    wanted = primary_subtag(lang)
    order = [k for k in labels if primary_subtag(k) in (wanted, "zxx")]
    order += [k for k in [*defaults, *labels] if k in labels and k not in order]
    for key in dict.fromkeys(order):
        text = reader_text(labels[key], key, questions, words)
        if text:
            return LocalText(text, key, fallback=primary_subtag(key) not in (wanted, "zxx"))
    return None
