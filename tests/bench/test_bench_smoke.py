"""Smoke tests of bench/ (issue 9): its pieces work. Timing is never asserted here;
`make bench` measures, on a quiet machine."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lnob.coalition import load_coalition
from lnob.paths import ProjectPaths
from lnob.validate import validate_project

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from benchkit import baseline, scale, scenarios  # noqa: E402
from benchkit.project import BuildRun  # noqa: E402


def test_the_generated_coalition_is_valid_and_has_every_product(tmp_path: Path) -> None:
    info = scale.generate(tmp_path / "gen", 6)
    paths = ProjectPaths.at(tmp_path / "gen")
    problems, _ = validate_project(paths)
    assert problems == []
    coalition = load_coalition(paths.coalition_file)
    countries = {c.code for c in coalition.countries}
    assert len(countries) == 6 and not countries & {"BGD", "IND", "KEN", "NPL", "VNM"}
    specs = coalition.documents()
    per_country = {p for p in info["products"] if p != "synthesis"}
    for code in countries:
        mine = [s for s in specs if s.country == code]
        assert {s.product for s in mine} == per_country
        assert len({s.language for s in mine}) == 3 and len(mine) == 3 * len(per_country)
    # a clone reads its own renamed survey: no document points at a pilot's files
    # (a synthesis draws on every country's: its surveys are each in one of the countries)
    for spec in specs:
        owners = [spec.country] if spec.country else sorted(countries)
        for survey in spec.surveys:
            folders = [paths.country_dir(c) / "surveys" / survey for c in owners]
            assert any((f / "survey.yaml").is_file() for f in folders), (spec.id, survey)


def test_the_naive_baseline_builds_a_document_with_the_cli_tools(project, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    coalition = load_coalition(project.coalition_file)
    spec = next(s for s in coalition.documents() if s.product == "brief" and s.language != "en")
    nb = project.notebooks / coalition.products["brief"].notebook
    seconds = baseline.build_document(project.root, spec, nb, tmp_path / "naive")
    assert set(seconds) == {"papermill", "render", "weasyprint", "total"}
    html = (tmp_path / "naive" / "document.html").read_text(encoding="utf-8")
    assert "open_document" not in html and "lnob block" not in html  # outputs only
    assert f'lang="{spec.language}"' in html and "<table" in html and "data:image/png" in html
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "naive" / "document.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len(text.split()) > 40 and "lnob block" not in text
    script = {"bn": "\u0980", "hi": "\u0900", "ne": "\u0900"}.get(spec.language)
    if script:  # the document's own script, drawn with real glyphs
        assert any(ord(script) <= ord(c) < ord(script) + 0x80 for c in text)


def test_the_checks_name_unexpected_and_missing_rebuilds() -> None:
    ids = [
        "ken-brief-a-2026-en",
        "ken-brief-a-2026-sw",
        "bgd-brief-b-2026-en",
        "global-synthesis-2026-en",
    ]

    def run(built: dict[str, list[str]]) -> BuildRun:
        return BuildRun(
            1.0,
            1.0,
            {
                "documents": [
                    {
                        "id": i,
                        "status": "built" if i in built else "reused",
                        "stages": built.get(i, []),
                        "seconds": {},
                    }
                    for i in ids
                ]
            },
        )

    ok = scenarios.check_country(
        run(
            {
                "ken-brief-a-2026-en": ["execute"],
                "ken-brief-a-2026-sw": ["execute"],
                "global-synthesis-2026-en": ["execute"],
            }
        ),
        ids,
        "KEN",
    )
    assert ok.ok
    bad = scenarios.check_country(
        run({"ken-brief-a-2026-en": ["execute"], "bgd-brief-b-2026-en": ["execute"]}), ids, "KEN"
    )
    assert bad.unexpected == ["bgd-brief-b-2026-en"] and bad.missing == ["ken-brief-a-2026-sw"]
    rerun = scenarios.check_translation(
        run({"ken-brief-a-2026-sw": ["execute", "render"]}), ids, "sw"
    )
    assert not rerun.ok and rerun.executed == ["ken-brief-a-2026-sw"]


def test_fixing_a_translation_changes_the_catalogue(project) -> None:
    from babel.messages.pofile import read_po

    msgid = scenarios.fix_translation(project.root, "bn")
    with (project.locale / "bn" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        assert read_po(fh).get(msgid).string.endswith("(bn)")


def test_the_scale_section_says_pages_per_document_and_weasyprints_bound() -> None:
    from benchkit.report import _scale_section

    runs = [
        {
            "countries": n,
            "documents": 9 * n + 6,
            "pages": 93 * n + 110,
            "seconds": 8.0 * n,
            "docs_per_s": (9 * n + 6) / (8.0 * n),
            "peak_rss_mb": 1000.0,
            "products": ["brief", "research"],
            "stages": {"pdf": 10.0 * n, "execute": n},
            "phases": {"documents": 7.5 * n},
        }
        for n in (10, 30)
    ]
    text = "\n".join(_scale_section(runs, {"weasyprint_per_page_s": 0.1}, {"nproc": "2"}))
    assert "| 30 | 276 | 10.5 | 240.0 s | 1.15 | 0.870 | 1000 MB |" in text
    assert ">= 1.5 documents/s: **no**" in text
    # 2 cores / (0.1 s per page x 10.5 pages per document)
    assert "allows at most 1.90 documents/s on 2 cores" in text
    assert "took 0.103 s per page" in text  # 300 s of PDF over 2,900 pages


def test_the_scale_section_says_what_the_pdf_stage_alone_allows() -> None:
    from benchkit.report import _scale_section

    per = {
        "research pdf": 200.0,
        "stocktake pdf": 80.0,
        "research render": 50.0,
        "synthesis execute": 20.0,
    }
    runs = [
        {
            "countries": 30,
            "documents": 276,
            "pages": 2700,
            "seconds": 240.0,
            "docs_per_s": 1.15,
            "peak_rss_mb": 1500.0,
            "products": ["research"],
            "stages": {"pdf": 280.0, "render": 50.0, "execute": 20.0},
            "phases": {},
            "product_stages": per,
        }
    ]
    text = "\n".join(_scale_section(runs, {"weasyprint_per_page_s": 0.1}, {"nproc": "2"}))
    assert "| research | pdf | 200.0 | 57% |" in text
    assert text.index("| research | pdf |") < text.index("| stocktake | pdf |")
    # 280 s of PDF on 2 workers = 140 s for 276 documents
    assert "took 280 s, 80% of all stage time" in text
    assert "could make at most 1.97 documents/s" in text
