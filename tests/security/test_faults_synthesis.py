"""One bad document never fails another: the synthesis builds from what it can read and
says, in the document and to the builder, what it left out."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.paths import ProjectPaths

pytestmark = pytest.mark.slow

SYNTHESIS = ("global-synthesis-2026-en", "global-synthesis-2026-fr")
KEN_BRIEF = "ken-brief-health-access-2026-en"


def pdf_text(paths: ProjectPaths, doc_id: str) -> str:
    entry = next(
        e
        for e in json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))[
            "documents"
        ]
        if e["id"] == doc_id
    )
    return subprocess.run(
        ["pdftotext", "-layout", str(paths.site / entry["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_broken_kenyan_brief_fails_only_itself(demo: ProjectPaths) -> None:
    brief = demo.briefs / "KEN" / "health-access" / "en.md"
    brief.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    report = build(demo, BuildOptions(jobs=1), Selection(ids=(*SYNTHESIS, KEN_BRIEF)))

    status = {r.doc_id: r for r in report.results}
    assert status[KEN_BRIEF].status == "failed" and "en.md" in status[KEN_BRIEF].error
    for doc_id in SYNTHESIS:
        assert status[doc_id].status == "built", status[doc_id].error
        assert any(
            "left out" in w and "briefs/KEN/health-access/en.md" in w
            for w in status[doc_id].warnings
        ), status[doc_id].warnings
    english = " ".join(pdf_text(demo, SYNTHESIS[0]).split())
    assert "Left out of this report" in english and "Kenya: a policy brief" in english
    french = " ".join(pdf_text(demo, SYNTHESIS[1]).split())
    assert "Kenya" in french and "Left out" not in french  # said in French
    html = (demo.site / "global" / "global-synthesis-2026" / "en" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "ken/ken-brief-health-access-2026/" not in html  # no link to the brief not read
    assert "ken/ken-brief-civic-participation-2026/" in html  # the other brief is linked


def test_a_kenyan_file_linked_from_outside_leaves_kenya_out(
    demo: ProjectPaths, tmp_path: Path
) -> None:
    secret = tmp_path / "outside.csv"
    secret.write_text("LNOB-SECRET-c0ffee,1\n", encoding="utf-8")
    sources = demo.country_dir("KEN") / "stocktake" / "sources.csv"
    sources.unlink()
    sources.symlink_to(secret)
    report = build(demo, BuildOptions(jobs=1), Selection(ids=(SYNTHESIS[0], KEN_BRIEF)))

    status = {r.doc_id: r for r in report.results}
    assert "symbolic link" in status[KEN_BRIEF].error
    assert "data/countries/KEN/stocktake/sources.csv" in status[KEN_BRIEF].error
    synthesis = status[SYNTHESIS[0]]
    assert synthesis.status == "built", synthesis.error
    text = " ".join(pdf_text(demo, SYNTHESIS[0]).split())
    assert "Kenya: the stocktake of national data" in text
    assert "Kenya: a citizen-led survey" in text
    for folder in (demo.site, demo.cache):
        for f in folder.rglob("*"):
            if f.is_file() and not f.is_symlink():
                assert b"LNOB-SECRET" not in f.read_bytes(), f
