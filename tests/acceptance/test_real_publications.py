"""Acceptance: real publications built through `build.py` from real files, used unchanged.

Each test sets a project up exactly as docs/formats/ tells an author to (the demo project,
plus the real files copied into a temporary copy of it, never into the repository), runs
`python build.py` as an author would, and compares the published figures, in the PDF's text
layer (pdftotext) and in the downloads, with figures computed here from the raw files with
pandas alone, never through the package. Skipped, saying why, when ../shared/realdata is
absent (CI has it).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.conftest import REALDATA, ROOT, copy_demo
from tests.survey.conftest import NAIROBI_ANALYSES, nairobi_config, nairobi_households_and_members

pytestmark = pytest.mark.realdata


def _real(*parts: str) -> Path:
    path = REALDATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path} (../shared/realdata beside the project)")
    return path


def _build(root: Path, *ids: str) -> None:
    """`python build.py` on the project at `root`, as an author runs it; fails with its output."""
    args = [a for doc in ids for a in ("--document", doc)]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(root), "--jobs", "2", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def _validate(root: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(root), "validate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


def _pdf_text(pdf: Path) -> str:
    """The PDF's text layer as a screen reader or a search engine gets it, one line of words."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _add_document(root: Path, after: str, line: str) -> None:
    coalition = root / "data" / "coalition.yaml"
    text = coalition.read_text(encoding="utf-8")
    assert after in text, f"the demo's coalition.yaml no longer has {after!r}"
    coalition.write_text(text.replace(after, after + line), encoding="utf-8")


# --------------------------------------------------------------------------- Nairobi WASH

NAIROBI_FILES = ("Nairobi_2021.xls", "household_data.csv", "individual_data.csv")
NAIROBI_DOC = "ken-research-nairobi-wash-2026"


@pytest.fixture(scope="module")
def nairobi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with Kenya's real Nairobi WASH survey as a research report in en and sw."""
    real = _real("kenya-nairobi-wash-survey")
    paths = copy_demo(tmp_path_factory.mktemp("nairobi") / "project")
    survey = paths.root / "data" / "countries" / "KEN" / "surveys" / "nairobi-wash-2021"
    survey.mkdir()
    for name in NAIROBI_FILES:
        shutil.copyfile(real / name, survey / name)
    here = Path()  # the files sit beside survey.yaml, named relative to it
    config = nairobi_config(here, **nairobi_households_and_members(here))
    config["title"] = {"en": "Household WASH survey, Nairobi informal settlements"}
    config["analyses"] = list(NAIROBI_ANALYSES)
    (survey / "survey.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _add_document(
        paths.root,
        '      - {product: research, slug: civic-participation, year: 2026, date: "2026-06-30",'
        " survey: ken-civic-participation-2024}\n",
        '      - {product: research, slug: nairobi-wash, year: 2026, date: "2026-06-30",'
        " survey: nairobi-wash-2021}\n",
    )
    assert "0 problem(s)" in _validate(paths.root)
    _build(paths.root, f"{NAIROBI_DOC}-en", f"{NAIROBI_DOC}-sw")
    return paths.root / "_site" / "ken" / NAIROBI_DOC


@pytest.fixture(scope="module")
def nairobi_raw() -> pd.DataFrame:
    """The Nairobi households, read here with pandas only (first column: pandas' old index)."""
    households = pd.read_csv(_real("kenya-nairobi-wash-survey", "household_data.csv"), index_col=0)
    return households[households["City"] == "Nairobi"]


def _csv_with(
    folder: Path,
    first_header: str,
    cell: str,
    column: str | None = None,
    header: tuple[str, ...] | None = None,
) -> list[dict[str, str]]:
    """The rows of the one download in `folder` with `cell` under `first_header` (and a
    column named `column`, or exactly the columns `header`, when given)."""
    found = []
    for path in sorted((folder / "data").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or first_header not in rows[0] or (column and column not in rows[0]):
            continue
        if header and tuple(rows[0]) != header:
            continue
        if any(r[first_header] == cell for r in rows):
            found.append(rows)
    assert len(found) == 1, f"{len(found)} downloads in {folder} have {first_header}={cell!r}"
    return found[0]


def test_nairobi_report_counts_the_households_and_people_of_the_raw_files(
    nairobi_site: Path, nairobi_raw: pd.DataFrame
) -> None:
    members = pd.read_csv(_real("kenya-nairobi-wash-survey", "individual_data.csv"), index_col=0)
    people = int(members["KEY"].isin(set(nairobi_raw["KEY"])).sum())
    for lang in ("en", "sw"):
        text = _pdf_text(nairobi_site / lang / f"{NAIROBI_DOC}-{lang}.pdf")
        assert f"{len(nairobi_raw):,}" in text, lang  # 1,147 households
        assert f"{people:,}" in text, lang  # the roster's people, each counted once
    text = _pdf_text(nairobi_site / "en" / f"{NAIROBI_DOC}-en.pdf")
    assert f"{len(nairobi_raw):,} households took part" in text
    assert f"records {people:,} people" in text


def test_nairobi_drinking_water_shares_match_pandas(
    nairobi_site: Path, nairobi_raw: pd.DataFrame
) -> None:
    answered = nairobi_raw.dropna(subset=["DrinkingWaterGroup"])
    public = (answered["DrinkingWaterGroup"] == "Public").mean()
    female = answered[answered["Sex_HH"] == "F"]
    female_public = (female["DrinkingWaterGroup"] == "Public").mean()
    for lang in ("en", "sw"):
        text = _pdf_text(nairobi_site / lang / f"{NAIROBI_DOC}-{lang}.pdf")
        assert f"{public:.1%}" in text, lang  # 80.2%
        assert f"{female_public:.1%}" in text, lang  # 80.9%
        assert f"{len(answered):,}" in text, lang  # the base: households that answered
    # the downloads carry the same figures, unrounded enough to check
    label = "PUBLIC/COMMERCIAL source located in a public space"
    overall = _csv_with(nairobi_site / "en", "Answer", label)
    row = next(r for r in overall if r["Answer"] == label)
    assert float(row["Per cent (95% CI)"]) == pytest.approx(100 * public, abs=0.005)
    assert int(row["Base"]) == len(answered)
    by_group = _csv_with(nairobi_site / "en", "Category", "Female", column=label)
    row = next(r for r in by_group if r["Category"] == "Female")
    assert float(row[label]) == pytest.approx(female_public, abs=5e-6)
    assert int(row["Base"]) == len(female)
    sdmx = pd.read_csv(nairobi_site / "en" / f"{NAIROBI_DOC}-en.sdmx.csv")
    series = sdmx[(sdmx["SERIES"].str.endswith("_PUBLIC")) & (sdmx["SEX"] == "_T")]
    total = series[series["CUST_BREAKDOWN"] == "_T"].iloc[0]
    assert total["OBS_VALUE"] == pytest.approx(100 * public, abs=5e-4)
    assert total["BASE"] == len(answered)


def test_nairobi_piped_water_is_a_share_of_the_households_asked(
    nairobi_site: Path, nairobi_raw: pd.DataFrame
) -> None:
    """DrinkingWater_Private is relevant only where the source is private: its share is of
    the households asked, and the report says so, never 'of all respondents'."""
    asked = nairobi_raw[nairobi_raw["DrinkingWaterGroup"] == "Private"]
    asked = asked.dropna(subset=["DrinkingWater_Private"])
    share = asked["DrinkingWater_Private"].isin(["Piped_dwel", "Piped_yard"]).mean()
    wrong = asked["DrinkingWater_Private"].isin(["Piped_dwel", "Piped_yard"]).sum() / len(
        nairobi_raw
    )
    text = _pdf_text(nairobi_site / "en" / f"{NAIROBI_DOC}-en.pdf")
    assert f"{share:.1%}" in text
    assert f"{len(asked):,} households asked" in text
    assert f"{wrong:.1%}" not in text  # the share of every household would be far lower


def test_nairobi_form_text_reads_as_a_reader_would(nairobi_site: Path) -> None:
    for lang in ("en", "sw"):
        text = _pdf_text(nairobi_site / lang / f"{NAIROBI_DOC}-{lang}.pdf")
        assert "${" not in text, lang  # the form's ${Name_bio} never reaches a reader
        assert "Name_bio" not in text, lang
    text = _pdf_text(nairobi_site / "en" / f"{NAIROBI_DOC}-en.pdf")
    assert "Has this person had diarrhoea in the last 2 weeks?" in text


def test_nairobi_travel_time_leaves_the_999_code_out(
    nairobi_site: Path, nairobi_raw: pd.DataFrame
) -> None:
    minutes = pd.to_numeric(nairobi_raw["DrinkingWaterDist"], errors="coerce")
    assert (minutes == 999).sum() > 0  # the real file has the code this test is about
    mean = minutes[minutes != 999].dropna().mean()
    assert mean < minutes.dropna().mean() - 2  # averaged in, the codes would add minutes
    for lang in ("en", "sw"):
        text = _pdf_text(nairobi_site / lang / f"{NAIROBI_DOC}-{lang}.pdf")
        assert f"{mean:.1f}" in text, lang


def test_nairobi_report_is_not_called_demo_and_shows_no_identifier(
    nairobi_site: Path, nairobi_raw: pd.DataFrame
) -> None:
    keys = set(nairobi_raw["KEY"].astype(str))
    for lang in ("en", "sw"):
        folder = nairobi_site / lang
        text = _pdf_text(folder / f"{NAIROBI_DOC}-{lang}.pdf")
        assert "demo" not in text.lower(), lang  # a real survey's report is not a demo
        published = [text] + [p.read_text("utf-8") for p in folder.rglob("*.csv")]
        published += [p.read_text("utf-8") for p in folder.rglob("*.html")]
        published += [p.read_text("utf-8") for p in folder.glob("*.sdmx*")]
        for key in list(keys)[:200]:
            assert not any(key in page for page in published), (lang, key)


# --------------------------------------------------------------------------- Nepal Open SDG


@pytest.fixture(scope="module")
def nepal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Nepal's stocktake from its real Open SDG platform folder, in en and ne, with the
    official indicator list read from the UN's own file, named in data/coalition.yaml
    (`sdg_indicator_list`) as docs/formats/coalition.md says."""
    real = _real("nepal-open-sdg", "en", "data")
    official = _real(
        "sdg-indicator-list", "Global Indicator Framework after 2023 refinement.English.xlsx"
    )
    paths = copy_demo(tmp_path_factory.mktemp("nepal") / "project")
    opensdg = paths.root / "data" / "countries" / "NPL" / "stocktake" / "opensdg"
    shutil.rmtree(opensdg)
    shutil.copytree(real, opensdg, copy_function=shutil.copyfile)
    shutil.copyfile(official, paths.root / "data" / "sdg" / official.name)
    coalition = paths.coalition_file.read_text(encoding="utf-8")
    paths.coalition_file.write_text(
        coalition.replace(
            "page_size: A4\n", f'page_size: A4\nsdg_indicator_list: "{official.name}"\n'
        ),
        encoding="utf-8",
    )
    assert "0 problem(s)" in _validate(paths.root)
    _build(paths.root, "npl-stocktake-2026-en", "npl-stocktake-2026-ne")
    return paths.root / "_site" / "npl" / "npl-stocktake-2026"


def _latest_years() -> dict[str, int]:
    """Per indicator file of the real folder: the latest year with a number (pandas only)."""
    latest = {}
    for path in sorted(_real("nepal-open-sdg", "en", "data").glob("*.csv")):
        table = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
        values = pd.to_numeric(table.get("Value"), errors="coerce")
        years = pd.to_numeric(table.loc[values.notna(), "Year"].str[:4], errors="coerce")
        if years.notna().any():
            latest[path.stem.replace("-", ".")] = int(years.max())
    return latest


def test_nepal_stocktake_reads_every_indicator_of_the_real_folder(nepal_site: Path) -> None:
    latest = _latest_years()
    assert len(latest) > 40  # the real folder: 56 files, one of them header-only
    rows = _csv_with(nepal_site / "en", "Indicator code", "1.2.1")
    published = {r["Indicator code"]: r for r in rows if r["Group"] == "Any data"}
    # the demo inventory's other sources (sources.csv, `code: groups; ...`) may be newer
    sources = pd.read_csv(nepal_site.parents[2] / "data/countries/NPL/stocktake/sources.csv")
    elsewhere = {
        part.split(":")[0].strip()
        for cell in sources["indicators"].dropna()
        for part in str(cell).split(";")
    }
    for code, year in latest.items():
        assert code in published, code
        assert published[code]["Status"] == "available", code
        if code in elsewhere:
            assert int(published[code]["Latest year"]) >= year, code
        else:  # the platform folder is the only source: its own latest year
            assert int(published[code]["Latest year"]) == year, code
    assert len(set(latest) - elsewhere) > 30


def test_nepal_stocktake_prints_in_english_and_nepali(nepal_site: Path) -> None:
    latest = _latest_years()
    english = _pdf_text(nepal_site / "en" / "npl-stocktake-2026-en.pdf")
    nepali = _pdf_text(nepal_site / "ne" / "npl-stocktake-2026-ne.pdf")
    for code in latest:
        assert code in english, code
    digits = str.maketrans("0123456789", "०१२३४५६७८९")
    assert "नेपाल" in nepali
    assert any(code.translate(digits) in nepali for code in latest)


# --------------------------------------------------------------------------- UN SDG extract

M49 = {"Bangladesh": 50, "India": 356, "Kenya": 404, "Nepal": 524, "Vietnam": 704}
UN = "un-sdg-ddf"


@pytest.fixture(scope="module")
def synthesis_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2026 synthesis with the real UN extract in place of the demo one, three series."""
    real = _real(UN)
    paths = copy_demo(tmp_path_factory.mktemp("synthesis") / "project")
    shutil.copytree(real, paths.root / "data/global/un-sdg", copy_function=shutil.copyfile)
    config = paths.root / "reports/synthesis/2026/synthesis.yaml"
    raw = yaml.safe_load(config.read_text(encoding="utf-8"))
    raw["official"] = {
        "folder": "data/global/un-sdg",
        "demo": False,
        "series": [
            {
                "series": "se_tot_cplr",
                "fixed": {"education_level": "primar"},
                "breakdowns": ["sex", "location", "quantile"],
            },
            {"series": "sl_tlf_uemdis", "breakdowns": ["disability_status"]},
            {"series": "si_cov_disab", "breakdowns": ["sex"]},
        ],
    }
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert "0 problem(s)" in _validate(paths.root)
    _build(paths.root, "global-synthesis-2026-en")
    return paths.root / "_site" / "global" / "global-synthesis-2026" / "en"


def _datapoints(series: str) -> pd.DataFrame:
    (path,) = _real(UN).glob(f"ddf--datapoints--{series}--by--*.csv")
    return pd.read_csv(path, dtype={"geo_area": str})


def test_synthesis_shows_the_un_totals_of_the_real_extract(synthesis_site: Path) -> None:
    points = _datapoints("se_tot_cplr")
    totals = points[
        (points["education_level"] == "primar")
        & (points["sex"] == "bothsex")
        & (points["location"] == "allarea")
        & (points["quantile"] == "t")  # this extract's total of quantiles is 't', not '_T'
    ]
    rows = _csv_with(synthesis_site, "Country", "Kenya", column="Poorest fifth")
    published = {r["Country"]: r for r in rows}
    text = _pdf_text(synthesis_site / "global-synthesis-2026-en.pdf")
    for country, code in M49.items():
        mine = totals[totals["geo_area"] == str(code)]
        assert not mine.empty, country  # every pilot country has the series in the database
        latest = mine[mine["year"] == mine["year"].max()].iloc[0]
        assert int(published[country]["Year"]) == latest["year"], country
        assert float(published[country]["Total"]) == pytest.approx(latest["se_tot_cplr"] / 100)
        assert f"{latest['se_tot_cplr']:.1f}%" in text, country


def test_synthesis_titles_a_table_from_its_series_not_the_indicator(synthesis_site: Path) -> None:
    concepts = pd.read_csv(_real(UN, "ddf--concepts--continuous.csv")).set_index("concept")
    described = concepts.loc["si_cov_disab", "description"]  # '[ILO] Proportion of ... (%)'
    name = described.split("] ", 1)[-1]
    text = _pdf_text(synthesis_site / "global-synthesis-2026-en.pdf")
    assert f"1.3.1: {name}" in text
    assert "social protection floors" not in text  # indicator 1.3.1's title, not this series
    points = _datapoints("si_cov_disab")
    kenya = points[(points["geo_area"] == "404") & (points["sex"] == "bothsex")]
    latest = kenya[kenya["year"] == kenya["year"].max()].iloc[0]
    header = ("Country", "Year", "Total", "Female", "Male")
    rows = _csv_with(synthesis_site, "Country", "Kenya", header=header)
    kenya_row = next(r for r in rows if r["Country"] == "Kenya")
    assert int(kenya_row["Year"]) == latest["year"]
    assert float(kenya_row["Total"]) == pytest.approx(latest["si_cov_disab"] / 100)


def test_synthesis_says_no_figures_only_where_the_extract_has_none(synthesis_site: Path) -> None:
    points = _datapoints("sl_tlf_uemdis")
    assert not points["geo_area"].isin([str(c) for c in M49.values()]).any()
    text = _pdf_text(synthesis_site / "global-synthesis-2026-en.pdf")
    assert "The database has no figures for Bangladesh, India, Kenya, Nepal and Vietnam." in text
    assert text.count("The database has no figures for") == 1  # the other two series have them


# --------------------------------------------------------------------------- REACH MSNA

REACH = "reach-msna-2024"
REACH_DOC = "ken-research-reach-msna-2026"


@pytest.fixture(scope="module")
def reach_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real REACH MSNA 2024 form with its dummy (synthetic) multi-sheet Kobo export."""
    real = _real(REACH)
    paths = copy_demo(tmp_path_factory.mktemp("reach") / "project")
    survey = paths.root / "data" / "countries" / "KEN" / "surveys" / "reach-msna-2024"
    survey.mkdir()
    for name in ("REACH_2024_MSNA-kobo-tool_draft_v11.xlsx", "dummy_raw_data.xlsx"):
        shutil.copyfile(real / name, survey / name)
    config = {
        "id": "reach-msna-2024",
        "demo": True,  # the export is REACH's dummy data: the report must say so
        "country": "KEN",
        "title": {"en": "Multi-sector needs assessment (REACH tool, dummy export)"},
        "sample": {"description": {"en": "Synthetic households of REACH's dummy export"}},
        "consent": {"en": "Synthetic data: no one was interviewed"},
        "form": "REACH_2024_MSNA-kobo-tool_draft_v11.xlsx",
        "form_language": "en",
        "export": {"file": "dummy_raw_data.xlsx", "sheet": "main"},
        "design": {"weight": "weight", "strata": "stratum", "cluster": "cluster_id"},
        "groups": {"sex": {"question": "ind_gender"}},
        "analyses": [{"question": "wgq_vision", "indicator": "wg_vision"}],
    }
    (survey / "survey.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _add_document(
        paths.root,
        '      - {product: research, slug: civic-participation, year: 2026, date: "2026-06-30",'
        " survey: ken-civic-participation-2024}\n",
        '      - {product: research, slug: reach-msna, year: 2026, date: "2026-06-30",'
        " survey: reach-msna-2024}\n",
    )
    _validate(paths.root)
    _build(paths.root, f"{REACH_DOC}-en")
    return paths.root / "_site" / "ken" / REACH_DOC / "en"


def test_reach_report_weights_the_roster_by_its_households(reach_site: Path) -> None:
    sheets = pd.read_excel(
        _real(REACH, "dummy_raw_data.xlsx"), sheet_name=["main", "roster"], engine="openpyxl"
    )
    main, roster = sheets["main"], sheets["roster"]
    # the dummy export's main sheet numbers its rows in 'index'; the roster points at it
    people = roster.merge(
        main[["index", "weight"]], left_on="_parent_index", right_on="index", how="left"
    )
    assert people["weight"].notna().all()  # every member has its household
    # "don't know" and "prefer not to answer" are not answers of the question, nor categories
    answered = people[~people["wgq_vision"].isin(["dnk", "pnta"])].dropna(subset=["wgq_vision"])
    weights = answered.groupby("wgq_vision")["weight"].sum() / answered["weight"].sum()
    text = _pdf_text(reach_site / f"{REACH_DOC}-en.pdf")
    assert f"{len(main):,} households took part" in text
    assert f"records {len(roster):,} people" in text  # four sheets, each person once
    assert "demo" in text.lower()  # the dummy export is synthetic, and the report says so
    rows: pd.DataFrame | None = None
    for path in sorted((reach_site / "data").glob("*.csv")):
        table = pd.read_csv(path)
        if list(table.columns[:2]) == ["Answer", "Per cent (95% CI)"] and len(table) == len(
            weights
        ):
            rows = table
    assert rows is not None, "no download of the vision question's shares"
    assert sorted(rows["Per cent (95% CI)"].round(1)) == sorted((100 * weights).round(1))
    assert set(rows["Base"]) == {len(answered)}
    for share in weights:
        assert f"{share:.1%}" in text
    assert "Prefer not" not in " ".join(rows["Answer"]) and "know" not in " ".join(rows["Answer"])
