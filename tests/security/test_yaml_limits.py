"""Small inputs cost little: YAML aliases are capped in every YAML the project reads, an
unknown key is named with the nearest known one, a schema message never prints a whole value,
every reader has a size limit, and a bad byte is named by its line and column."""

from __future__ import annotations

import csv
import io
import shutil
import time
from pathlib import Path

import pytest

from lnob.coalition import load_coalition
from lnob.errors import SIZE_LIMITS, InputError
from lnob.i18n.pofiles import read_template
from lnob.products.authored import read_authored
from lnob.stocktake.csvtext import read_text
from lnob.stocktake.official import read_official_csv
from lnob.survey.config import load_survey_config
from lnob.survey.submissions import read_table
from lnob.survey.xlsform import read_xlsform
from lnob.yamlio import MAX_EXPANDED_VALUES, load_yaml

ROOT = Path(__file__).resolve().parents[2]
REALDATA = ROOT.parent / "shared" / "realdata"
SURVEY = ROOT / "data" / "countries" / "KEN" / "surveys" / "ken-health-access-2024"


def bomb(levels: int, indent: str = "") -> str:
    """A 'billion laughs': each level is nine aliases of the one before (9**levels values)."""
    lines = [f'{indent}lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"{indent}lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _refused_fast(call, path: Path) -> InputError:
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        call()
    assert time.perf_counter() - start < 2, "the cap must not expand the aliases"
    assert str(path) in str(caught.value)
    assert f"more than {MAX_EXPANDED_VALUES:,} values" in caught.value.problem
    assert caught.value.hint
    return caught.value


def test_an_alias_bomb_in_coalition_yaml_is_refused_at_its_line(tmp_path: Path) -> None:
    """4 KB of coalition.yaml once took 35 s and 5.9 GB. Seven levels stand for 4.8 million
    values (kept small so that a regression costs seconds, not the machine)."""
    path = tmp_path / "coalition.yaml"
    text = (ROOT / "data" / "coalition.yaml").read_text(encoding="utf-8")
    path.write_text(bomb(7) + text, encoding="utf-8")
    assert path.stat().st_size < 8_000
    error = _refused_fast(lambda: load_coalition(path), path)
    assert error.row == 2 and "*l0" in error.problem and "column" in error.problem


def test_an_alias_bomb_in_brief_front_matter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_text(
        "---\ntitle: T\nkey_messages: [a]\nrecommendations: [b]\n" + bomb(7) + "---\nText.\n",
        encoding="utf-8",
    )
    error = _refused_fast(lambda: read_authored(path, "brief", "en"), path)
    assert error.row == 6  # the file's line, counted from the top of the file


def test_an_alias_bomb_in_survey_yaml_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "survey"
    shutil.copytree(SURVEY, folder)
    config = folder / "survey.yaml"
    config.write_text(bomb(7) + config.read_text(encoding="utf-8"), encoding="utf-8")
    _refused_fast(lambda: load_survey_config(folder), config)


def test_every_yaml_reader_caps_aliases(tmp_path: Path) -> None:
    """languages, identity, taxonomy, synthesis, focus, SDG translations, _quarto.yml: all
    go through lnob.yamlio; the schema-less reader is checked here on its own."""
    path = tmp_path / "any.yaml"
    path.write_text(bomb(7), encoding="utf-8")
    _refused_fast(lambda: load_yaml(path), path)
    for name in ("languages", "identity", "taxonomy", "synthesis", "coalition"):
        _refused_fast(lambda n=name: load_yaml(path, n), path)


def test_a_few_aliases_are_still_read(tmp_path: Path) -> None:
    """yaml.safe_dump writes an alias for an object used twice: such files stay readable."""
    path = tmp_path / "small.yaml"
    path.write_text(bomb(3), encoding="utf-8")
    data = load_yaml(path)
    assert len(data["lol2"]) == 9 and data["lol2"][0] == data["lol1"]


def test_an_unknown_key_is_named_with_the_nearest_known_one(tmp_path: Path) -> None:
    path = tmp_path / "coalition.yaml"
    text = (ROOT / "data" / "coalition.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("page_size: A4", "page_sise: A4"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_coalition(path)
    assert "unknown key 'page_sise'; did you mean 'page_size'?" in caught.value.problem
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[caught.value.row - 1].startswith("page_sise:")


def test_a_schema_message_never_prints_the_whole_value(tmp_path: Path) -> None:
    path = tmp_path / "coalition.yaml"
    text = (ROOT / "data" / "coalition.yaml").read_text(encoding="utf-8")
    huge = "x" * 200_000
    path.write_text(text.replace("page_size: A4", f"page_size: {huge}"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_coalition(path)
    assert len(str(caught.value)) < 1_000 and "xxx" in str(caught.value)


def _oversize(path: Path, kind: str) -> None:
    """A sparse file one byte over the limit: nothing is written to disk, nothing is read."""
    with path.open("wb") as handle:
        handle.truncate(SIZE_LIMITS[kind] + 1)


@pytest.mark.parametrize(
    ("kind", "name", "read"),
    [
        ("yaml", "coalition.yaml", load_coalition),
        ("markdown", "en.md", lambda p: read_authored(p, "brief", "en")),
        ("catalogue", "messages.pot", read_template),
        ("csv", "inventory.csv", read_text),
        ("export", "export.csv", read_table),
        ("export", "export.xlsx", read_table),
        ("form", "form.xlsx", read_xlsform),
    ],
)
def test_every_reader_has_a_size_limit(tmp_path: Path, kind: str, name: str, read) -> None:
    path = tmp_path / name
    _oversize(path, kind)
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read(path)
    assert time.perf_counter() - start < 1
    assert "too large" in caught.value.problem and f"{SIZE_LIMITS[kind] // 2**20} MB" in str(
        caught.value
    )


def test_the_export_limit_leaves_room_for_a_real_survey_of_200000_rows() -> None:
    """The widest real export here (REACH's MSNA 2024 main sheet, 367 columns), written as
    CSV, times 200,000 rows is below the export limit."""
    source = REALDATA / "reach-msna-2024" / "dummy_raw_data.xlsx"
    if not source.is_file():
        pytest.skip(f"{source} is not here (see ../shared/realdata/SOURCES.md)")
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(source)).get_sheet_by_name("main").to_python()
    buf = io.StringIO()
    csv.writer(buf).writerows(rows[1:])
    per_row = len(buf.getvalue().encode("utf-8")) / (len(rows) - 1)
    assert per_row * 200_000 < SIZE_LIMITS["export"] / 1.5
    demo = (SURVEY / "export.csv").stat().st_size / 360
    assert demo * 200_000 < SIZE_LIMITS["export"] / 1.5


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("coalition.yaml", load_coalition),
        ("en.md", lambda p: read_authored(p, "brief", "en")),
        ("messages.pot", read_template),
        ("inventory.csv", read_text),
        ("export.csv", read_table),
        ("SDG_Target_Indicator_UNSD_2023.csv", read_official_csv),
    ],
)
def test_a_bad_byte_is_named_by_line_and_column(tmp_path: Path, name: str, read) -> None:
    path = tmp_path / name
    path.write_bytes(b"first line\nsecond: caf\xe9 au lait\n")
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.row == 2
    assert "line 2, column 12" in caught.value.problem
    assert "offset" not in str(caught.value)
