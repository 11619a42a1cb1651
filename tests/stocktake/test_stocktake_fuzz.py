"""Property-based tests of the stocktake's CSV readers (csvtext, opensdg, inventory).

Any text or bytes either load or raise an InputError naming the file, never another exception;
files written by a CSV writer from generated values read back with those values. The example
files of the other tests cover the named defects; these look for the ones nobody listed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lnob.errors import InputError
from lnob.stocktake import IndicatorList, Taxonomy, read_indicator_file, read_inventory
from lnob.stocktake.csvtext import check_widths, read_rows, read_text

from .stocktake_support import write

FUZZ = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

INVENTORY_HEADER = [
    "id",
    "name",
    "producer",
    "producer_type",
    "type",
    "years",
    "geographic_level",
    "access",
    "link",
    "indicators",
    "notes",
]
#: Text made of what CSV files are made of, so that generated files get past the first line.
CSV_ALPHABET = st.sampled_from(
    list(',;\t|"\n\r ')
    + list("Year,Value,Sex,2019,12.5,x,..,é")
    + ["\ufeff", "\x00", "\u2028", "YearValue"]
)
CSV_LIKE = st.lists(CSV_ALPHABET, max_size=60).map("".join)


def _header_and(text_body: st.SearchStrategy[str], header: str) -> st.SearchStrategy[str]:
    return text_body.map(lambda body: header + body)


def _loads_or_names_the_file(read: Callable[[Path], object], path: Path) -> None:
    try:
        read(path)
    except InputError as error:
        assert error.path == path, error
        assert str(path) in str(error)


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=200),
        CSV_LIKE.map(str.encode),
        _header_and(CSV_LIKE, "Year,Sex,Value\n").map(str.encode),
    )
)
@example(raw=b"Year,Value\n2019,\xff\n")
@example(raw=b"Year,Value\n2019,1e400\n")
@example(raw=b"Year,Value\n2019,nan\n")
@example(raw=b"Year,Value\n99999,1\n")
@example(raw=b'Year,Value\n"2019\n2020",1\n')
@example(raw=b"Year,Value\n2019,1\x00\n")
def test_any_indicator_file_loads_or_names_the_file(
    tmp_path: Path, taxonomy: Taxonomy, raw: bytes
) -> None:
    path = tmp_path / "indicator_8-5-2.csv"
    path.write_bytes(raw)
    _loads_or_names_the_file(lambda p: read_indicator_file(p, "8.5.2", taxonomy), path)


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=200),
        CSV_LIKE.map(str.encode),
        _header_and(CSV_LIKE, ",".join(INVENTORY_HEADER) + "\n").map(str.encode),
    )
)
@example(
    raw=(",".join(INVENTORY_HEADER) + '\nx,n,p,ngo,other,2019,national,open,,"4.1.1:",\n').encode()
)
@example(raw=(",".join(INVENTORY_HEADER) + "\nx,n,p,ngo,other,2019,national,open,,;;:,\n").encode())
@example(raw=(",".join(INVENTORY_HEADER) + "\nx,n,p,ngo,other,0000,national,open,,,\n").encode())
def test_any_inventory_loads_or_names_the_file(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy, raw: bytes
) -> None:
    path = tmp_path / "sources.csv"
    path.write_bytes(raw)
    _loads_or_names_the_file(lambda p: read_inventory(p, indicators, taxonomy), path)


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


#: Cell text with what needs quoting: commas, quotes, line breaks, non-Latin scripts.
CELL = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\ufeff",
        include_characters=',"\n',
    ),
    max_size=12,
)


@FUZZ
@given(
    header=st.lists(CELL.map(str.strip).filter(bool), min_size=2, max_size=5, unique=True),
    data=st.data(),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_csv_rows_round_trip(
    tmp_path: Path, header: list[str], data: st.DataObject, bom: bool, crlf: bool
) -> None:
    rows = data.draw(
        st.lists(
            st.lists(CELL, min_size=len(header), max_size=len(header)).filter(
                lambda r: any(c.strip() for c in r)
            ),
            max_size=6,
        )
    )
    text = _csv_text([header, *rows])
    path = write(tmp_path / "rows.csv", text, bom=bom, crlf=crlf)
    read_header, read = read_rows(path, read_text(path))
    check_widths(path, read_header, read)
    # a line break inside a quoted cell, header cells included, is kept as the file writes it
    # (CRLF with the rest)
    newline = "\r\n" if crlf else "\n"
    expected = [[c.replace("\n", newline) for c in r] for r in rows]
    assert read_header == [name.replace("\n", newline) for name in header]
    assert [cells for _, cells in read] == expected
    assert all(line >= 2 for line, _ in read)
    assert [line for line, _ in read] == sorted({line for line, _ in read})


YEAR = st.integers(1990, 2030)
VALUE = st.one_of(
    st.just(""),
    st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    st.integers(-(10**6), 10**6).map(str),
)
SEX = st.sampled_from(["", "Female", "Male"])
AREA = st.sampled_from(["", "Urban", "Rural, remote", 'The "north"'])


@FUZZ
@given(
    rows=st.lists(st.tuples(YEAR, SEX, AREA, VALUE), max_size=15),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_indicator_file_round_trips_its_values(
    tmp_path: Path, taxonomy: Taxonomy, rows: list[tuple[int, str, str, str]], bom: bool, crlf: bool
) -> None:
    text = _csv_text(
        [["Year", "Sex", "Location", "Value"], *[[str(y), s, a, v] for y, s, a, v in rows]]
    )
    path = write(tmp_path / "indicator_5-b-1.csv", text, bom=bom, crlf=crlf)
    data = read_indicator_file(path, "5.b.1", taxonomy)
    with_number = [r for r in rows if r[3]]
    assert (data.rows, data.numbers, data.suppressed) == (
        len(rows),
        len(with_number),
        len(rows) - len(with_number),
    )
    assert data.first_year == min((r[0] for r in with_number), default=None)
    assert data.latest_year == max((r[0] for r in with_number), default=None)
    expected = {}
    for key, index in (("sex", 1), ("location", 2)):
        broken = [r for r in with_number if r[index]]
        if broken:
            expected[key] = (max(r[0] for r in broken), len({r[index] for r in broken}))
    assert {g.group: (g.latest_year, g.categories) for g in data.groups} == expected


SOURCE = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True),
        "name": CELL.filter(lambda c: c.strip()),
        "producer": CELL.filter(lambda c: c.strip()),
        "producer_type": st.sampled_from(
            ["statistics_office", "ministry", "un_agency", "ngo", "academic", "other"]
        ),
        "type": st.sampled_from(
            ["census", "household_survey", "administrative_register", "citizen_generated", "other"]
        ),
        "years": st.lists(YEAR, min_size=1, max_size=3).map(lambda ys: "; ".join(map(str, ys))),
        "geographic_level": st.sampled_from(["national", "region", "district", "local"]),
        "access": st.sampled_from(["open", "on_request", "restricted"]),
        "link": st.sampled_from(["", "https://example.org/a?b=1,2", "http://x.test/"]),
        "indicators": st.dictionaries(
            st.sampled_from(["1.4.1", "3.8.1", "4.1.1", "5.b.1"]),
            st.sets(st.sampled_from(["sex", "age", "location", "disability"]), max_size=3),
            max_size=3,
        ),
        "notes": CELL,
    }
)


@FUZZ
@given(
    sources=st.lists(SOURCE, max_size=6, unique_by=lambda s: s["id"]),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_inventory_round_trips_its_values(
    tmp_path: Path,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    sources: list[dict],
    bom: bool,
    crlf: bool,
) -> None:
    def cell(source: dict, name: str) -> str:
        if name != "indicators":
            return source[name]
        return "; ".join(
            f"{code}: {' '.join(sorted(keys))}" if keys else code
            for code, keys in source[name].items()
        )

    text = _csv_text([INVENTORY_HEADER, *[[cell(s, n) for n in INVENTORY_HEADER] for s in sources]])
    path = write(tmp_path / "sources.csv", text, bom=bom, crlf=crlf)
    inventory = read_inventory(path, indicators, taxonomy)
    newline = "\r\n" if crlf else "\n"
    assert [
        (s.id, s.name, s.producer, s.notes, s.link or "", s.latest_year) for s in inventory.sources
    ] == [
        (
            s["id"],
            s["name"].replace("\n", newline).strip(),
            s["producer"].replace("\n", newline).strip(),
            s["notes"].replace("\n", newline).strip(),
            s["link"],
            max(int(y) for y in s["years"].split(";")),
        )
        for s in sources
    ]
    assert [{b.indicator: set(b.groups) for b in s.breakdowns} for s in inventory.sources] == [
        s["indicators"] for s in sources
    ]
    assert [(s.type, s.access, s.geographic_level, s.producer_type) for s in inventory.sources] == [
        (s["type"], s["access"], s["geographic_level"], s["producer_type"]) for s in sources
    ]


def test_rows_keep_their_line_after_a_cell_over_two_lines(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    """A quoted cell over two lines: the next row's number is its first line in the file."""
    row = ["a", "A", "P", "ngo", "other", "2019", "national", "open", "", "", "two\nlines"]
    text = _csv_text([INVENTORY_HEADER, row, ["b", *row[1:-1], ""]])
    inventory = read_inventory(write(tmp_path / "sources.csv", text), indicators, taxonomy)
    assert [(s.id, s.row) for s in inventory.sources] == [("a", 2), ("b", 4)]


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbf", b"", b"\n\n", b"\r\n"])
def test_nearly_empty_files_name_the_file(
    tmp_path: Path, taxonomy: Taxonomy, indicators: IndicatorList, raw: bytes
) -> None:
    for name, read in (
        ("8-5-2.csv", lambda p: read_indicator_file(p, "8.5.2", taxonomy)),
        ("sources.csv", lambda p: read_inventory(p, indicators, taxonomy)),
    ):
        path = tmp_path / name
        path.write_bytes(raw)
        with pytest.raises(InputError) as caught:
            read(path)
        assert caught.value.path == path
