"""Helpers of the i18n tests: project paths and small .po/.pot files written into tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
REALDATA = PROJECT / ".." / "shared" / "realdata"


def write_po(
    locale_dir: Path,
    lang: str,
    body: str,
    plural: str = "nplurals=2; plural=(n != 1);",
) -> Path:
    """A .po file for `lang` with a standard header followed by `body` (dedented)."""
    path = locale_dir / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = textwrap.dedent(f"""\
        msgid ""
        msgstr ""
        "Language: {lang}\\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=utf-8\\n"
        "Content-Transfer-Encoding: 8bit\\n"
        "Plural-Forms: {plural}\\n"

        """)
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


def write_pot(locale_dir: Path, body: str) -> Path:
    path = locale_dir / "messages.pot"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = textwrap.dedent("""\
        msgid ""
        msgstr ""
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=utf-8\\n"

        """)
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path
