"""The bad-input corpus (tests/badinput/files, listed in README.md), one case per file.

For each case the test builds a copy of an already built project with the one bad file in
place, through the command line's own entry point, and asserts: the message names the file,
the row and column (or sheet, cell or line), what was expected, what was found and what to
do; the exit code says failure; every other document is still built; and `_site/` keeps
the last good version of the failed document, byte for byte. `build.py validate` names the
same problem where it can be found without building (everything but PDFs and notebooks).

Speed: one build of four demo documents per module (the coalition cases use it too); each
case copies it (a few MB) and rebuilds only what the bad file touches. `validate` runs on
copies of the inputs alone, with up to four cases at once (one per independent check), so 25
cases take 15 runs. The whole module takes about 30 s on two cores.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.cli import main
from lnob.paths import ProjectPaths
from tests.conftest import copy_demo

FILES = Path(__file__).parent / "files"
KEN = "data/countries/KEN"
OPENSDG = f"{KEN}/stocktake/opensdg/indicator_3-7-1.csv"
SOURCES = f"{KEN}/stocktake/sources.csv"
SURVEY = f"{KEN}/surveys/ken-health-access-2024"
SW_PO = "locale/sw/LC_MESSAGES/messages.po"
DOCS = (
    "ken-stocktake-2025-en",
    "ken-brief-health-access-2026-en",
    "ken-brief-health-access-2026-sw",
    "bgd-brief-women-health-2026-en",
)
KEN_DATA = r"^ken-"
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Case:
    file: str  # under files/
    target: str  # where it goes in the project (replacing what is there)
    where: str  # the location as the message gives it: file, sheet, row, column
    expected: str
    found: str
    hint: str  # part of what the message says to do
    fails: tuple[str, ...]  # documents that must fail
    scope: str = KEN_DATA  # regex every failed document must match: the failure does not spread
    validate: bool = True  # `build.py validate` finds it too
    others: tuple[str, ...] = ("bgd-brief-women-health-2026-en",)  # built beside, must not fail
    look_at: str = ""  # the file the build's "look at:" line names, when the case says

    @property
    def docs(self) -> tuple[str, ...]:
        """The build's selection: what the bad file touches, and documents it must not."""
        return self.fails + self.others

    @property
    def id(self) -> str:
        return self.file.rsplit(".", 1)[0]


STOCKTAKE = ("ken-stocktake-2025-en",)
BRIEFS = ("ken-brief-health-access-2026-en",)
SW = ("ken-brief-health-access-2026-sw",)
BESIDE_SW = ("ken-brief-health-access-2026-en", "bgd-brief-women-health-2026-en")

CASES = [
    # Open SDG indicator files, as the national platform publishes them
    Case(
        "opensdg-semicolon-delimiter.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 1",
        "cells separated by commas",
        "Year;SERIES",
        "comma-separated",
        STOCKTAKE,
    ),
    Case(
        "opensdg-latin1-encoding.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 4",
        "UTF-8 text",
        "2014,Demande satisfaite",
        "Save it as 'CSV UTF-8'",
        STOCKTAKE,
    ),
    Case(
        "opensdg-ragged-row-extra-cell.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 4, column '#9'",
        "8 cells like the header",
        "9 cells",
        "Quote cells that contain commas",
        STOCKTAKE,
    ),
    Case(
        "opensdg-ragged-row-missing-cells.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 4, column 'UNIT_MEASURE'",
        "8 cells like the header",
        "6 cells",
        "give every row all its cells",
        STOCKTAKE,
    ),
    Case(
        "opensdg-missing-value-column.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 1, column 'Value'",
        "Year, any disaggregation columns, Value",
        "Year, SERIES",
        "platform's built data files",
        STOCKTAKE,
    ),
    Case(
        "opensdg-extra-unnamed-column.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 1, column '#9'",
        "a name for every column",
        "UNIT_MEASURE,Value,",
        "Name the column",
        STOCKTAKE,
    ),
    Case(
        "opensdg-thousands-separator.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 4, column 'Value'",
        "a number such as 1234.5",
        "1,234.5",
        "without thousands separators",
        STOCKTAKE,
    ),
    Case(
        "opensdg-text-in-number-column.csv",
        OPENSDG,
        "indicator_3-7-1.csv, row 4, column 'Value'",
        "a number such as 1234.5",
        "about 40",
        "leave the cell empty if the value is suppressed",
        STOCKTAKE,
    ),
    Case(
        "opensdg-unknown-indicator-code.csv",
        f"{KEN}/stocktake/opensdg/indicator_99-9-9.csv",
        "indicator_99-9-9.csv",
        "a code from indicators.csv",
        "99.9.9",
        "official list",
        STOCKTAKE,
    ),
    # the coalition's source inventory
    Case(
        "sources-semicolon-delimiter.csv",
        SOURCES,
        "sources.csv, row 1",
        "cells separated by commas",
        "id;name;producer",
        "comma-separated",
        STOCKTAKE,
    ),
    Case(
        "sources-latin1-encoding.csv",
        SOURCES,
        "sources.csv, row 3",
        "UTF-8 text",
        "kdhs-2022,Kenya",
        "Save it as 'CSV UTF-8'",
        STOCKTAKE,
    ),
    Case(
        "sources-ragged-row.csv",
        SOURCES,
        "sources.csv, row 3, column 'indicators'",
        "11 cells like the header",
        "9 cells",
        "Quote cells that contain commas",
        STOCKTAKE,
    ),
    Case(
        "sources-missing-column.csv",
        SOURCES,
        "sources.csv, row 1, column 'access'",
        "columns id, name",
        "id, name, producer",
        "Add the column",
        STOCKTAKE,
    ),
    Case(
        "sources-extra-column.csv",
        SOURCES,
        "sources.csv, row 1, column 'budget_usd'",
        "columns id, name",
        "",
        "Fix the spelling or remove the column",
        STOCKTAKE,
    ),
    Case(
        "sources-unknown-indicator-code.csv",
        SOURCES,
        "sources.csv, row 3, column 'indicators'",
        "a code from indicators.csv",
        "99.9.9",
        "official list",
        STOCKTAKE,
    ),
    # an XLSForm, its submissions
    Case(
        "form-broken-choice-reference.xlsx",
        f"{SURVEY}/form.xlsx",
        "form.xlsx, sheet 'survey', row 38, column 'type'",
        "a list_name of the choices sheet",
        "water_sources",
        "add the list to the choices sheet",
        BRIEFS,
    ),
    Case(
        "form-duplicate-name.xlsx",
        f"{SURVEY}/form.xlsx",
        "form.xlsx, sheet 'survey', row 39, column 'name'",
        "(row 38 has it)",
        "water_source",
        "Rename one of the two questions",
        BRIEFS,
    ),
    Case(
        "export-of-another-form.csv",
        f"{SURVEY}/export.csv",
        "export.csv, row 1, column 'weight'",
        "a column of the main table",
        "farm_size",
        "Is export.file the export of this survey's form?",
        BRIEFS,
        others=("ken-stocktake-2025-en", "bgd-brief-women-health-2026-en"),
    ),
    Case(
        "export-empty.csv",
        f"{SURVEY}/export.csv",
        "export.csv, row 1",
        "a header row, then one row per submission",
        "0 bytes",
        "Download the export again",
        BRIEFS,
    ),
    Case(
        "export-header-only.csv",
        f"{SURVEY}/export.csv",
        "export.csv, row 2",
        "one row per submission",
        "only the header row",
        "once submissions are in",
        BRIEFS,
    ),
    Case(
        "export-ragged-row.csv",
        f"{SURVEY}/export.csv",
        "export.csv, row 3, column '#36'",
        "35 cells, one per column",
        "2024-03-02T18:00",
        "quote cells that contain the separator",
        BRIEFS,
    ),
    Case(
        "export-latin1-encoding.csv",
        f"{SURVEY}/export.csv",
        "export.csv, row 3",
        "UTF-8",
        "\\xe9",
        "Export again as CSV (UTF-8)",
        BRIEFS,
    ),
    # survey.yaml (issue 17: validate finds what the build would)
    Case(
        "survey-group-question-not-in-form.yaml",
        f"{SURVEY}/survey.yaml",
        "survey.yaml, row 66, column 'groups.income.question'",
        "a question of form.xlsx or an extra column",
        "supervisor_checked",
        "Declare the column under 'extra_columns' in survey.yaml",
        BRIEFS,
    ),
    Case(
        "survey-impossible-date.yaml",
        f"{SURVEY}/survey.yaml",
        "survey.yaml, row 16, column 'dates.start'",
        "a date of the calendar (day 01 to 29 in that month)",
        "2024-02-30",
        "Fix the day",
        BRIEFS,
    ),
    Case(
        "survey-latin1-encoding.yaml",
        f"{SURVEY}/survey.yaml",
        "survey.yaml, row 8",
        "UTF-8 text",
        "(D\ufffdMO)",
        "Save the file as UTF-8",
        BRIEFS,
    ),
    # the brief's figures, the document's survey
    Case(
        "brief-yaml-missing.txt",
        "briefs/KEN/health-access/brief.yaml",
        "briefs/KEN/health-access/brief.yaml: the KEN brief 'health-access' has no brief.yaml",
        "briefs/KEN/health-access/brief.yaml, beside the brief's text",
        "nothing",
        "docs/formats/briefs.md, 'brief.yaml'",
        BRIEFS,
    ),
    Case(
        "brief-yaml-unknown-analysis.yaml",
        "briefs/KEN/health-access/brief.yaml",
        "brief.yaml, row 10, column 'chart.analysis'",
        "an analysis of ken-health-access-2024/survey.yaml (received_care,",
        "recieved_care",
        "did you mean 'received_care'?",
        BRIEFS,
    ),
    Case(
        "coalition-misspelt-survey.yaml",
        "data/coalition.yaml",
        "coalition.yaml, row 105, column 'countries.1.documents.3.survey'",
        "the id of a survey folder of data/countries/KEN/surveys/ "
        "(ken-civic-participation-2024, ken-health-access-2024)",
        "ken-helth-access-2024",
        "did you mean 'ken-health-access-2024'?",
        BRIEFS,
    ),
    # the Open SDG folder's layout
    Case(
        "opensdg-whole-platform-folder.txt",
        f"{KEN}/stocktake/opensdg",
        "stocktake/opensdg: no indicator file in the Open SDG folder",
        "straight in this folder",
        "en/data/ (10 indicator file(s)), ne/data/ (1 indicator file(s))",
        "put the files of en/data/",
        STOCKTAKE,
    ),
    Case(
        "opensdg-empty-folder.txt",
        f"{KEN}/stocktake/opensdg",
        "stocktake/opensdg: no indicator file in the Open SDG folder",
        "one CSV per indicator",
        "an empty folder",
        "Copy the indicator CSVs of the platform's built data",
        STOCKTAKE,
    ),
    # catalogues, authored text, notebooks, fonts
    Case(
        "po-syntax-error.po",
        SW_PO,
        "messages.po, row 12",
        "a keyword line",
        'msgstr "Vyanzo',
        "close every text with",
        SW,
        scope="-sw$",
        others=BESIDE_SW,
    ),
    Case(
        "po-wrong-placeholder.po",
        SW_PO,
        "messages.po, row 11",
        "{first}, {last}",
        "{kwanza}, {last}",
        "Use the msgid's {placeholders} unchanged",
        SW,
        scope="-sw$",
        others=BESIDE_SW,
    ),
    Case(
        "languages-missing-font.yaml",
        "data/languages.yaml",
        "languages.yaml",
        "",
        "Noto Sans Nowhere",
        "Install it",
        SW,
        scope="-sw$",
        others=BESIDE_SW,
    ),
    Case(
        "brief-over-page-budget.md",
        "briefs/KEN/health-access/en.md",
        "KEN brief 'health-access' 2026 [en]",
        "",
        "over the budget of 3 pages",
        "Shorten the key messages, recommendations or context in "
        "briefs/KEN/health-access/en.md, then build again; or build with --draft",
        BRIEFS,
        scope="^ken-brief-health-access-2026-en$",
        validate=False,
        others=("ken-brief-health-access-2026-sw",),
        look_at="briefs/KEN/health-access/en.md",
    ),
    Case(
        "notebook-cell-raises.txt",
        "notebooks/brief.ipynb",
        "brief.ipynb: cell 5",
        "",
        "ZeroDivisionError: division by zero",
        "run the notebook in Jupyter with these parameters",
        ("ken-brief-health-access-2026-en", "bgd-brief-women-health-2026-en"),
        scope="-brief-",
        validate=False,
        others=("ken-stocktake-2025-en",),
    ),
]


def put(case: Case, root: Path) -> None:
    """Place the corpus file in the project (a notebook cell is inserted, a font patched)."""
    source, target = FILES / case.file, root / case.target
    if case.file.startswith("notebook-"):
        nb = json.loads(target.read_text(encoding="utf-8"))
        code = "".join(
            line
            for line in source.read_text().splitlines(keepends=True)
            if not line.startswith("#")
        )
        nb["cells"].insert(
            3,
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "id": "badinput-cell-raises",
                "outputs": [],
                "source": code,
            },
        )
        target.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    elif case.file == "brief-yaml-missing.txt":
        target.unlink()
    elif case.file.startswith("opensdg-") and case.file.endswith("-folder.txt"):
        files = sorted(target.iterdir())
        if "whole-platform" in case.file:  # the platform's layout: <lang>/data/<indicator>.csv
            (target / "en" / "data").mkdir(parents=True)
            (target / "ne" / "data").mkdir(parents=True)
            shutil.copy(files[0], target / "ne" / "data" / files[0].name)
            for f in files:
                f.rename(target / "en" / "data" / f.name)
        else:
            for f in files:
                f.unlink()
    elif case.file.startswith("languages-"):
        import yaml

        text = target.read_text(encoding="utf-8")
        for lang, fields in yaml.safe_load(source.read_text()).items():
            start = text.index(f"\n  {lang}:\n")
            line = re.compile(r"\n    fonts: .*").search(text, start)
            assert line is not None
            text = (
                text[: line.start()]
                + f"\n    fonts: {json.dumps(fields['fonts'])}"
                + text[line.end() :]
            )
        target.write_text(text, encoding="utf-8")
    else:
        shutil.copyfile(source, target)


def site_state(root: Path, doc_id: str) -> dict[str, bytes]:
    """Every published file of one document, and its catalogue entry."""
    catalogue = json.loads((root / "_site" / "catalogue.json").read_text(encoding="utf-8"))
    entry = next(d for d in catalogue["documents"] if d["id"] == doc_id)
    folder = (root / "_site" / entry["html"]).parent
    files = {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
    return files | {"entry": json.dumps(entry, sort_keys=True).encode()}


def failures(err: str) -> dict[str, str]:
    return dict(re.findall(r"^FAILED (\S+): (.*)$", err, flags=re.M))


def assert_message(message: str, case: Case) -> None:
    assert case.where in message, message
    if case.expected:
        assert f"expected {case.expected}" in message or case.expected in message, message
    assert case.found in message, message
    assert case.hint.casefold() in message.casefold(), message


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo narrowed to four documents (two countries, two languages), built once."""
    paths = copy_demo(tmp_path_factory.mktemp("badinput") / "demo")
    narrow_to(paths, ("BGD", "KEN"))
    report = build(paths, BuildOptions(jobs=1), Selection(ids=DOCS))
    assert not report.failed, [r.error for r in report.failed]
    return paths.root


def narrow_to(paths: ProjectPaths, countries: tuple[str, ...]) -> None:
    """Keep only these countries, so `validate` reads two countries' data, not five."""
    import yaml

    coalition = yaml.safe_load(paths.coalition_file.read_text(encoding="utf-8"))
    coalition["countries"] = [c for c in coalition["countries"] if c["code"] in countries]
    paths.coalition_file.write_text(
        yaml.safe_dump(coalition, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for folder in (paths.data / "countries").iterdir():
        if folder.is_dir() and folder.name not in countries:
            shutil.rmtree(folder)


def selection_args(docs: tuple[str, ...]) -> list[str]:
    return [arg for doc in docs for arg in ("--document", doc)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_is_named_and_nothing_else_breaks(
    case: Case, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    before = {doc: site_state(root, doc) for doc in DOCS}
    put(case, root)

    code = main(["--root", str(root), "--jobs", "1", *selection_args(case.docs)])
    out, err = capsys.readouterr()

    assert code == 1, out + err
    failed = failures(err)
    assert set(case.fails) == set(failed), err
    assert all(re.search(case.scope, doc) for doc in failed), failed
    for doc in case.fails:
        assert_message(failed[doc], case)
    if case.look_at:
        assert f"  look at: {case.look_at}\n" in err, err
    # every other document is still built, and the site keeps the failed ones as they were
    kept = set(case.docs) - set(failed)
    assert kept, "a bad input in one document's files must not fail every document"
    catalogue = json.loads((root / "_site" / "catalogue.json").read_text(encoding="utf-8"))
    assert {d["id"] for d in catalogue["documents"]} >= set(DOCS)
    for doc in kept:
        entry = next(d for d in catalogue["documents"] if d["id"] == doc)
        assert (root / "_site" / entry["pdf"]).is_file()
        assert (root / "_site" / entry["html"]).is_file()
    for doc in failed:
        assert site_state(root, doc) == before[doc], f"{doc}: _site changed after a failure"


def copy_inputs(built: Path, root: Path) -> None:
    """What `validate` reads of a project (no site, no cache)."""
    for part in ("data", "locale", "notebooks", "briefs", "reports"):
        if (built / part).is_dir():
            shutil.copytree(built / part, root / part)
    shutil.copy(built / "_quarto.yml", root / "_quarto.yml")


def validate_batches() -> list[tuple[Case, ...]]:
    """The cases `validate` can find, in batches of one file per independent check.

    A check (one country's surveys and briefs' figures, one catalogue, languages.yaml) stops at
    its first problem, and one check's problem never hides another's: so a batch holds at
    most one case per check, and `validate` must list every case of the batch. (A country's
    stocktake files are all read, each broken one named: `test_validate_lists_every_broken_
    stocktake_file`; a batch still takes one stocktake case, as cases replacing the folder
    and cases replacing a file in it cannot be put in together.)
    """
    groups: dict[str, list[Case]] = {}
    for case in CASES:
        if case.validate:
            check = (
                "stocktake"
                if "/stocktake/" in case.target
                # brief.yaml is checked against its survey's files and coalition.yaml's survey
                else "surveys"
                if "/surveys/" in case.target
                or case.target.endswith("brief.yaml")
                or "survey" in case.file
                else case.target
            )
            groups.setdefault(check, []).append(case)
    return [
        tuple(g[i] for g in groups.values() if i < len(g))
        for i in range(max(len(g) for g in groups.values()))
    ]


@pytest.mark.parametrize("batch", validate_batches(), ids=lambda b: "+".join(c.id for c in b))
def test_validate_names_every_bad_input_without_building(
    batch: tuple[Case, ...], built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build.py validate` names each case's problem as the build does, one line each."""
    root = tmp_path / "project"
    copy_inputs(built, root)
    for case in batch:
        put(case, root)
    assert main(["validate", "--root", str(root)]) == 2
    out, err = capsys.readouterr()
    problems = re.findall(r"^error: (.*)$", err, flags=re.M)
    assert f": {len(batch)} problem(s)" in out, err
    for case in batch:
        named = [p for p in problems if case.where in p]
        assert len(named) == 1, (case.id, problems)
        assert_message(named[0], case)


ACCEPTED = [
    ("opensdg-byte-order-mark.csv", OPENSDG),
    ("opensdg-crlf-line-ends.csv", OPENSDG),
    ("sources-byte-order-mark.csv", SOURCES),
    ("sources-crlf-line-ends.csv", SOURCES),
]


@pytest.mark.parametrize(
    ("name", "target"), ACCEPTED, ids=[a[0].rsplit(".", 1)[0] for a in ACCEPTED]
)
def test_byte_order_marks_and_crlf_are_accepted(name: str, target: str, tmp_path: Path) -> None:
    """Read exactly like the same file without a BOM and with LF line ends."""
    from lnob.stocktake import (
        load_project_indicators,
        load_taxonomy,
        read_indicator_file,
        read_inventory,
    )

    root = Path(__file__).resolve().parents[2]
    indicators = load_project_indicators(root / "data" / "sdg")
    taxonomy = load_taxonomy(root / "data" / "taxonomy.yaml")
    raw = (FILES / name).read_bytes()
    plain = raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    assert plain != raw
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    bad, good = tmp_path / "a" / Path(target).name, tmp_path / "b" / Path(target).name
    bad.write_bytes(raw)
    good.write_bytes(plain)
    if target == OPENSDG:
        read = read_indicator_file(bad, "3.7.1", taxonomy)
        expected = read_indicator_file(good, "3.7.1", taxonomy)
        assert (read.rows, read.numbers, read.groups) == (
            expected.rows,
            expected.numbers,
            expected.groups,
        )
        assert read.rows == 4
    else:
        read_inv = read_inventory(bad, indicators, taxonomy)
        assert read_inv.sources == tuple(
            s for s in read_inventory(good, indicators, taxonomy).sources
        )
        assert len(read_inv.sources) == 3


def test_accepted_files_validate_in_a_project(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The BOM and CRLF variants, in place, leave `validate` with nothing new to say."""
    root = tmp_path / "project"
    copy_inputs(built, root)
    main(["validate", "--root", str(root)])
    _, baseline = capsys.readouterr()
    for name, target in ACCEPTED[1::2] + ACCEPTED[0:1]:
        shutil.copyfile(FILES / name, root / target)
    main(["validate", "--root", str(root)])
    _, after = capsys.readouterr()
    assert after == baseline


COALITION = [
    (
        "coalition-unknown-country.yaml",
        "row 10",
        "'BGX'",
        "is not an ISO 3166 alpha-3",
        "three-letter ISO 3166 code",
    ),
    (
        "coalition-unknown-language.yaml",
        "row 11",
        "'bnx'",
        "a code defined in data/languages.yaml",
        "Add the language to data/languages.yaml",
    ),
    (
        "coalition-unknown-product.yaml",
        "row 14",
        "'poster'",
        "expected one of brief",
        "declare the product under 'products'",
    ),
    (
        "coalition-impossible-date.yaml",
        "row 14",
        "'2026-02-30'",
        "a date of the calendar (day 01 to 28 in that month)",
        "'countries.0.documents.0.date' (the date of BGD brief 'women-health') is not a date: "
        "February 2026 has 28 days",
    ),
    (
        "coalition-date-in-bangla-digits.yaml",
        "row 14",
        "'২০২৬-০৭-০১'",
        "a date in the digits 0-9",
        "Write it as 2026-07-01",
    ),
    (
        "coalition-slug-with-line-break.yaml",
        "row 15",
        "'women-health\\n'",
        "lower-case letters, digits and hyphens only",
        "ends with a line break (written as a block, with '|' or '>'?)",
    ),
    (
        "coalition-duplicate-document-id.yaml",
        "row 15",
        "documents[1] and",
        "one entry per product, slug and year",
        "different 'slug' or 'year'",
    ),
]


@pytest.mark.parametrize(
    ("name", "row", "found", "expected", "hint"),
    COALITION,
    ids=[c[0].rsplit(".", 1)[0] for c in COALITION],
)
def test_bad_coalition_stops_the_build_before_anything_changes(
    name: str,
    row: str,
    found: str,
    expected: str,
    hint: str,
    built: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """coalition.yaml is read before any document: exit 2, and `_site/` stays as it was."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    site = {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "_site").rglob("*"))
        if p.is_file()
    }
    shutil.copyfile(FILES / name, root / "data" / "coalition.yaml")
    for command in ([], ["validate"]):
        assert main([*command, "--root", str(root), "--jobs", "1"]) == 2
        _, err = capsys.readouterr()
        assert re.search(rf"coalition\.yaml, {row}[:,]", err) and found in err, err
        assert expected in err and hint in err, err
    assert site == {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "_site").rglob("*"))
        if p.is_file()
    }


def test_the_readme_lists_every_case() -> None:
    readme = (Path(__file__).parent / "README.md").read_text(encoding="utf-8")
    names = {p.name for p in FILES.iterdir()}
    covered = {c.file for c in CASES} | {a[0] for a in ACCEPTED} | {c[0] for c in COALITION}
    assert names == covered, names ^ covered
    assert all(f"`{name}`" in readme for name in names), names


def test_validate_lists_every_broken_stocktake_file(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three broken files of one country's stocktake: `validate` names all three in one run;
    the build refuses the stocktake with the first, saying how many more there are."""
    cases = [
        c
        for c in CASES
        if c.file
        in (
            "sources-ragged-row.csv",
            "opensdg-thousands-separator.csv",
            "opensdg-unknown-indicator-code.csv",
        )
    ]
    root = tmp_path / "project"
    copy_inputs(built, root)
    for case in cases:
        put(case, root)
    assert main(["validate", "--root", str(root)]) == 2
    out, err = capsys.readouterr()
    problems = re.findall(r"^error: (.*)$", err, flags=re.M)
    assert ": 3 problem(s)" in out, err
    for case in cases:
        named = [p for p in problems if case.where in p]
        assert len(named) == 1, (case.id, problems)
        assert_message(named[0], case)

    root = tmp_path / "built"
    shutil.copytree(built, root, symlinks=True)
    for case in cases:
        put(case, root)
    code = main(["--root", str(root), "--jobs", "1", *selection_args(STOCKTAKE)])
    _, err = capsys.readouterr()
    assert code == 1, err
    message = failures(err)["ken-stocktake-2025-en"]
    sources = next(c for c in cases if c.target == SOURCES)
    assert_message(message, sources)  # sources.csv is read before the Open SDG files
    assert "2 more problem(s) in these files: `python build.py validate` lists them all" in message
