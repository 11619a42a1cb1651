"""The build cache: each stage becomes dirty when something it depends on changes, and
only then; a crash mid-build leaves nothing half-written and the next build resumes."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions, Planner, read_state, stages
from lnob.build.run import build, load_project
from lnob.paths import ProjectPaths
from lnob.render.engines import get_renderer

DOC = "bgd-brief-women-health-2026-bn"


def planner(paths: ProjectPaths, **options) -> Planner:
    coalition, languages = load_project(paths)
    opts = BuildOptions(jobs=1, **options)
    return Planner(
        paths, coalition, opts, get_renderer("pandoc", paths.root).fingerprint(), languages
    )


def dirty_stages(paths: ProjectPaths, p: Planner | None = None) -> dict[str, list[str]]:
    p = p or planner(paths)
    coalition, _ = load_project(paths)
    spec = next(s for s in coalition.documents() if s.id == DOC)
    return {k: v for k, v in p.task(spec).dirty.items() if v}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import make_project

    paths = make_project(tmp_path_factory.mktemp("cache") / "project")
    report = build(paths, BuildOptions(jobs=2))
    assert not report.failed, [r.error for r in report.failed]
    return paths.root


@pytest.fixture
def paths(built: Path, tmp_path: Path) -> ProjectPaths:
    """A copy of the built project (sources, cache and site) to change freely."""
    shutil.copytree(built, tmp_path / "p", symlinks=True)
    return ProjectPaths.at(tmp_path / "p")


def test_nothing_changed_nothing_dirty(paths: ProjectPaths) -> None:
    assert dirty_stages(paths) == {}


def test_noop_build_reuses_every_document(paths: ProjectPaths) -> None:
    report = build(paths, BuildOptions(jobs=2))
    assert {r.status for r in report.results} == {"reused"}


def _edit_code_cell(nb_path: Path) -> None:
    nb = json.loads(nb_path.read_text())
    cell = next(
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])
    )
    cell["source"] = "".join(cell["source"]) + "\n# an author's change"
    nb_path.write_text(json.dumps(nb))


@pytest.mark.parametrize(
    "change, stage, reason",
    [
        (lambda p: _edit_code_cell(p.notebooks / "brief.ipynb"), "execute", "notebook changed"),
        (
            lambda p: (p.country_dir("BGD") / "figures.csv").write_text(
                "group,share,low,high\nWomen,0.5,0.4,0.6\n"
            ),
            "execute",
            "data/countries/BGD/figures.csv changed",
        ),
        (
            lambda p: (p.country_dir("BGD") / "new.csv").write_text("a\n1\n"),
            "execute",
            "data/countries/BGD/new.csv added",
        ),
        (
            lambda p: (p.briefs / "BGD" / "women-health" / "bn.md").write_text(
                (p.briefs / "BGD" / "women-health" / "bn.md").read_text() + "\nআরও।\n"
            ),
            "execute",
            "briefs/BGD/women-health/bn.md changed",
        ),
        (
            lambda p: p.coalition_file.write_text(
                p.coalition_file.read_text().replace("Partner B", "Partner C")
            ),
            "execute",
            "coalition changed",
        ),
        (
            lambda p: (p.locale / "bn" / "LC_MESSAGES" / "messages.po").write_text(
                (p.locale / "bn" / "LC_MESSAGES" / "messages.po").read_text() + "\n"
            ),
            "render",
            "catalogue changed",
        ),
        (
            lambda p: p.languages_file.write_text(p.languages_file.read_text() + "\n# note\n"),
            "render",
            "languages changed",
        ),
        (
            lambda p: (p.root / "_quarto.yml").write_text(
                (p.root / "_quarto.yml").read_text() + "\n# note\n"
            ),
            "render",
            "engine changed",
        ),
        (
            lambda p: p.identity_file.write_text(
                p.identity_file.read_text().replace('accent: "#0072B2"', 'accent: "#AA0055"')
            ),
            "render",
            "identity changed",
        ),
        (
            lambda p: (p.data / "identity" / "lnob-wordmark.svg").write_text(
                (p.data / "identity" / "lnob-wordmark.svg")
                .read_text()
                .replace("#009E73", "#AA0055")
            ),
            "render",
            "identity changed",
        ),
    ],
)
def test_becomes_dirty_when(paths: ProjectPaths, change, stage: str, reason: str) -> None:
    change(paths)
    dirty = dirty_stages(paths)
    assert reason in dirty[stage]
    earlier = ("execute", "render", "pdf")[: ("execute", "render", "pdf").index(stage)]
    assert not any(s in dirty for s in earlier), dirty


def test_english_edit_does_not_touch_a_translated_brief(paths: ProjectPaths) -> None:
    en = paths.briefs / "BGD" / "women-health" / "en.md"
    en.write_text(en.read_text() + "\nMore.\n")
    assert dirty_stages(paths) == {}


def test_markdown_cell_edit_is_not_a_change(paths: ProjectPaths) -> None:
    nb_path = paths.notebooks / "brief.ipynb"
    nb = json.loads(nb_path.read_text())
    nb["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": "Author note"})
    nb_path.write_text(json.dumps(nb))
    assert dirty_stages(paths) == {}


@pytest.mark.parametrize(
    "part, stage",
    [("package", "execute"), ("tools", "execute"), ("engine", "render"), ("fonts", "render")],
)
def test_build_wide_parts_are_in_the_key(paths: ProjectPaths, part: str, stage: str) -> None:
    """Package code (templates and styles live in it), tool versions, engine, fonts."""
    p = planner(paths)
    if part == "package":
        p.package = "0" * 64
    elif part == "tools":
        p.tools = {**p.tools, "execute": "changed"}
    elif part == "engine":
        p.engine_version = "quarto 9.9"
        # the engine enters the key through the planner's fingerprint
        p2 = Planner(paths, p.coalition, p.options, "quarto 9.9", p.languages)
        assert "engine changed" in dirty_stages(paths, p2)["render"]
        return
    elif part == "fonts":
        p._fonts = lambda lang: "other fonts"  # type: ignore[method-assign]
    assert f"{part} changed" in dirty_stages(paths, p)[stage]


def test_options_that_change_output_are_in_the_key(paths: ProjectPaths) -> None:
    assert "release changed" in dirty_stages(paths, planner(paths, release=True))["render"]
    assert "draft changed" in dirty_stages(paths, planner(paths, draft=True))["pdf"]
    assert dirty_stages(paths, planner(paths, force=True))["execute"] == ["--force"]


def test_missing_output_is_rebuilt(paths: ProjectPaths) -> None:
    (paths.cache / "docs" / DOC / "document.pdf").unlink()
    assert dirty_stages(paths) == {"pdf": ["output missing"]}


def test_recovers_after_a_half_written_output(paths: ProjectPaths) -> None:
    """A crash during the pdf stage: .part files lie around, the state says render is done."""
    work = paths.cache / "docs" / DOC
    state = read_state(work)
    state.pop("pdf")
    (work / "state.json").write_text(json.dumps(state))
    (work / "document.pdf.part").write_bytes(b"%PDF-1.7 half")
    (work / "render.part").mkdir()
    site_doc = next(paths.site.rglob(f"{DOC}.pdf"))
    (site_doc.parent / f".{site_doc.name}.part").write_bytes(b"%PDF half")
    before = site_doc.read_bytes()

    report = build(paths, BuildOptions(jobs=1))

    result = next(r for r in report.results if r.doc_id == DOC)
    assert result.status == "built" and result.stages == ["pdf"]  # execute and render reused
    assert site_doc.read_bytes() == before  # same inputs, byte-identical PDF
    # nothing half-written is left where readers look
    leftovers = [p for p in paths.site.rglob("*.part")]
    assert leftovers == [p for p in leftovers if p.name.startswith(".")]  # only our stale one
    assert all(p == site_doc.parent / f".{site_doc.name}.part" for p in leftovers)


def test_failed_document_keeps_last_good_version(paths: ProjectPaths) -> None:
    site_pdf = next(paths.site.rglob(f"{DOC}.pdf"))
    before = site_pdf.read_bytes()
    bn = paths.briefs / "BGD" / "women-health" / "bn.md"
    bn.write_text("---\ntitle: [broken\n---\n")  # YAML error: the notebook cell raises

    report = build(paths, BuildOptions(jobs=1))

    failed = {r.doc_id: r for r in report.failed}
    assert DOC in failed and "bn.md" in failed[DOC].error
    assert "bgd-brief-women-health-2026-en" not in failed
    assert site_pdf.read_bytes() == before
    catalogue = json.loads((paths.site / "catalogue.json").read_text())
    assert DOC in {d["id"] for d in catalogue["documents"]}


def test_a_failed_document_is_not_listed_in_a_site_without_its_files(
    paths: ProjectPaths, tmp_path: Path
) -> None:
    """A build into a new --site folder (sharing the cache) has no last good version of a
    document that fails: the catalogue must not list files that are not there."""
    (paths.briefs / "BGD" / "women-health" / "bn.md").write_text("---\ntitle: [broken\n---\n")
    other = ProjectPaths.at(paths.root, site=tmp_path / "other-site", cache=paths.cache)

    report = build(other, BuildOptions(jobs=1))

    assert DOC in {r.doc_id for r in report.failed}
    ids = {d["id"] for d in json.loads((other.site / "catalogue.json").read_text())["documents"]}
    assert DOC not in ids and "bgd-brief-women-health-2026-en" in ids
    from lnob.site import check_links

    assert not check_links(other.site)


def test_state_records_each_stage(built: Path) -> None:
    state = read_state(ProjectPaths.at(built).cache / "docs" / DOC)
    assert set(stages()) >= set(state) >= {"execute", "render", "pdf", "xlsx"}
    assert "sdmx" not in state  # a brief: SDMX is made for research reports only
    assert state["pdf"]["pages"] >= 1 and len(state["pdf"]["sha256"]) == 64


def test_option_replace_keeps_other_fields() -> None:
    assert replace(BuildOptions(jobs=3), force=True).jobs == 3
