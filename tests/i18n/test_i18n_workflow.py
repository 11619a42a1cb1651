"""The catalogue workflow on a small project in tmp_path: extract, update, init, compile, report."""

from __future__ import annotations

import gettext
import json
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from i18n_helpers import PROJECT

from lnob.i18n import Catalogue, Languages
from lnob.i18n.__main__ import main
from lnob.i18n.notebooks import extract_notebook
from lnob.i18n.workflow import compile_catalogues, extract, init, update

MODULE = """\
from lnob.doc.text import _
from lnob.i18n import N_

LABELS = {"sex": N_("Sex")}


def heading(catalogue, n):
    # Translators: the page header of every report
    title = _("Hello {name}")
    count = catalogue.ngettext("{n} file", "{n} files", n)
    total = catalogue.pgettext("table header", "Total")
    return f"<h1>{_('Inside an f-string')}</h1>", title, count, total
"""


def notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": kind,
                    "metadata": {},
                    "source": src,
                    **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                }
                for kind, src in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    package = tmp_path / "src" / "lnob"
    package.mkdir(parents=True)
    (package / "labels.py").write_text(MODULE, encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "brief.ipynb").write_text(
        notebook(
            ("markdown", '# A heading, _("Not a catalogue string")'),
            (
                "code",
                [
                    "%matplotlib inline\n",
                    "!ls\n",
                    "spec = open_spec(parameters)\n",
                    'show(_("Key messages"))',
                ],
            ),
            ("code", '%%bash\necho _("Not Python")'),
        ),
        encoding="utf-8",
    )
    (tmp_path / "locale").mkdir()
    shutil.copy(PROJECT / "locale" / "babel.cfg", tmp_path / "locale" / "babel.cfg")
    return tmp_path


def messages(path: Path) -> dict[object, object]:
    with path.open("rb") as fh:
        return {(m.id, m.context): m for m in read_po(fh) if m.id}


def test_extract_reads_the_package_and_notebook_code_cells(project: Path) -> None:
    result = extract(project, project / "locale")
    found = messages(project / "locale" / "messages.pot")
    assert set(found) == {
        ("Sex", None),
        ("Hello {name}", None),
        (("{n} file", "{n} files"), None),
        ("Total", "table header"),
        ("Key messages", None),
    }
    assert result.changed and result.messages == 5
    hello = found[("Hello {name}", None)]
    assert hello.auto_comments == ["the page header of every report"]
    assert hello.locations == [("src/lnob/labels.py", None)]  # no line numbers: no churn
    assert found[("Key messages", None)].locations == [("notebooks/brief.ipynb", None)]


def test_extract_warns_about_strings_marked_inside_f_strings(project: Path) -> None:
    result = extract(project, project / "locale")
    assert len(result.warnings) == 1
    assert "src/lnob/labels.py:12: 'Inside an f-string'" in result.warnings[0]


def test_extract_twice_leaves_the_template_untouched(project: Path) -> None:
    extract(project, project / "locale")
    before = (project / "locale" / "messages.pot").read_bytes()
    assert not extract(project, project / "locale").changed
    assert (project / "locale" / "messages.pot").read_bytes() == before


def test_notebook_extractor_skips_magics() -> None:
    import io

    source = notebook(("code", '%time x = _("Magic")\ny = _("Kept")'))
    found = list(extract_notebook(io.BytesIO(source.encode()), {"_": None}, (), {}))
    assert [m[2] for m in found] == ["Kept"]


def test_init_update_compile_round_trip(project: Path, languages: Languages) -> None:
    locale = project / "locale"
    extract(project, locale)
    po = init(locale, languages["fr"]).path
    assert po == locale / "fr" / "LC_MESSAGES" / "messages.po"
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in po.read_text(encoding="utf-8")
    text = po.read_text(encoding="utf-8")
    for msgid, msgstr in (
        ("Hello {name}", "Bonjour {name}"),
        ("Sex", "Sexe"),
        ("Key messages", "Messages clés"),
    ):
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    po.write_text(text, encoding="utf-8")

    # the code changes: one msgid edited, one removed
    module = project / "src" / "lnob" / "labels.py"
    module.write_text(
        module.read_text(encoding="utf-8")
        .replace("Hello {name}", "Hello, {name}")
        .replace('LABELS = {"sex": N_("Sex")}', "LABELS = {}"),
        encoding="utf-8",
    )
    extract(project, locale)
    [result] = update(locale, [languages["en"], languages["fr"], languages["bn"]])
    assert result.path == po and result.changed
    updated = messages(po)
    hello = updated[("Hello, {name}", None)]
    assert hello.fuzzy and hello.string == "Bonjour {name}"  # kept, marked for review
    assert updated[("Key messages", None)].string == "Messages clés"
    assert ("Sex", None) not in updated
    assert '#~ msgid "Sex"\n#~ msgstr "Sexe"' in po.read_text(encoding="utf-8")  # not lost
    assert not update(locale, [languages["fr"]])[0].changed

    catalogue = Catalogue.load(locale, languages["fr"])
    assert catalogue.gettext("Key messages").text == "Messages clés"
    assert catalogue.gettext("Hello, {name}").missing  # fuzzy until reviewed

    out = project / "cache" / "mo"
    [compiled] = compile_catalogues(locale, out, languages.values())
    assert compiled.path == out / "fr" / "LC_MESSAGES" / "messages.mo"
    with compiled.path.open("rb") as fh:
        translations = gettext.GNUTranslations(fh)
    assert translations.gettext("Key messages") == "Messages clés"
    assert translations.gettext("Hello, {name}") == "Hello, {name}"  # fuzzy is left out
    assert not list(locale.rglob("*.mo"))  # nothing compiled into the repository


def test_init_refuses_to_overwrite(project: Path, languages: Languages) -> None:
    from lnob.errors import InputError

    extract(project, project / "locale")
    init(project / "locale", languages["sw"])
    with pytest.raises(InputError, match="exists already"):
        init(project / "locale", languages["sw"])


def cli(project: Path, *args: str) -> int:
    return main(
        ["--root", str(project), "--languages", str(PROJECT / "data" / "languages.yaml"), *args]
    )


def test_cli_workflow_and_strict_report(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(project, "extract") == 0
    assert cli(project, "init", "--lang", "vi") == 0
    capsys.readouterr()
    assert cli(project, "report", "--lang", "en", "--lang", "vi", "--details") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "lang",
        "strings",
        "translated",
        "fuzzy",
        "missing",
        "labels",
        "labels",
        "missing",
        "docs",
        "docs",
        "missing",
        "complete",
    ]  # no data files: only the survey library's own words (14) are data labels
    assert out[1].split() == ["en", "5", "5", "0", "0", "14", "0", "0", "0", "yes"]
    assert out[2].split() == ["vi", "5", "0", "0", "5", "14", "0", "0", "0", "NO"]
    assert "vi  missing: Key messages" in out
    assert cli(project, "report", "--lang", "vi", "--strict") == 1
    assert cli(project, "report", "--lang", "en", "--strict") == 0
    assert cli(project, "update") == 0
    assert cli(project, "compile", "--out", str(project / "mo")) == 0
    assert (project / "mo" / "vi" / "LC_MESSAGES" / "messages.mo").is_file()


def test_cli_turns_input_errors_into_exit_code_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(project, "report") == 2  # no template yet
    assert "messages.pot" in capsys.readouterr().err
    assert cli(project, "report", "--lang", "xx") == 2
    assert "no language 'xx'" in capsys.readouterr().err


def test_cli_report_takes_expected_languages_from_the_coalition(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "data").mkdir()
    shutil.copy(PROJECT / "data" / "coalition.yaml", project / "data" / "coalition.yaml")
    for path in (
        "briefs/BGD/women-health/en.md",
        "briefs/NPL/disability-services/en.md",
        "briefs/NPL/disability-services/ne.md",
    ):
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text("# Brief\n", encoding="utf-8")
    assert cli(project, "extract") == 0
    capsys.readouterr()
    assert cli(project, "report", "--lang", "bn", "--lang", "ne", "--lang", "fr", "--details") == 0
    out = capsys.readouterr().out
    assert "bn  document missing: briefs/BGD/women-health" in out
    assert "ne  document missing" not in out  # the Nepali brief exists
    assert "fr  document missing" not in out  # no French briefs are expected
