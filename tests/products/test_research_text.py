"""A research report's authored text (reports/research/<ISO3>/<slug>/<lang>.md): the story
the authors write over the data's numbers, and generated sentences only as a draft that a
release build refuses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.coalition import load_coalition
from lnob.doc import blocks as b
from lnob.doc.figure_slots import SLOT
from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.products import research as rs
from tests.conftest import copy_demo
from tests.products.test_research_report import open_doc

TEXT = ("reports", "research", "KEN", "health-access")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    return copy_demo(tmp_path_factory.mktemp("research-text") / "demo")


def test_the_authored_text_is_the_reports_story(project: ProjectPaths) -> None:
    report = rs.load_report(open_doc(project, "KEN", "sw", "health-access"))
    meta = rs.masthead(report)
    assert meta.title.startswith("Huduma za afya hazifikiwi")
    assert meta.short_title == "Huduma za afya nchini Kenya"  # the running head
    summary = b.flatten(rs.summary(report))
    assert not any(isinstance(x, b.Draft) for x in summary)
    headings = [x.text for x in summary if isinstance(x, b.Heading)]
    assert headings[1:] == ["Muktadha", "Mjadala"]
    discussion = [x for x in summary if isinstance(x, b.Markdown) and "{{" not in x.text]
    slots = [len(SLOT.findall(x.text)) for x in discussion]
    assert slots == [0, 8] and len(discussion[1].figures) == 8  # the figures the text cites
    closing = b.flatten(rs.closing(report))
    voices = next(x for x in closing if isinstance(x, b.Callout) and x.kind == "note")
    consent = voices.body[-1]
    assert "idhini ya mdomo" in dict(consent.params)["consent"]  # how consent was given
    assert any(isinstance(x, b.Callout) and x.kind == "recommendation" for x in closing)


@contextmanager
def without_text(project: ProjectPaths, country: str, slug: str) -> Iterator[None]:
    """Every demo research report has its authored text: take one folder aside to make a
    draft, and put it back."""
    folder = project.root / "reports" / "research" / country / slug
    aside = folder.with_name(f"{slug}.aside")
    folder.rename(aside)
    try:
        yield
    finally:
        aside.rename(folder)


def test_every_demo_research_report_has_authored_text(project: ProjectPaths) -> None:
    specs = [
        s for s in load_coalition(project.coalition_file).documents() if s.product == "research"
    ]
    assert len(specs) == 12
    for spec in specs:
        report = rs.load_report(open_doc(project, spec.country, spec.language, spec.slug))
        path = f"reports/research/{spec.country}/{spec.slug}/{spec.language}.md"
        assert report.text is not None, path
        summary = b.flatten(rs.summary(report))
        assert not any(isinstance(x, b.Draft) for x in summary), path
        figures = [f for x in summary if isinstance(x, b.Markdown) for f in x.figures]
        assert figures, f"{path}: its discussion cites no figure of the survey"


def test_without_authored_text_the_key_findings_are_a_draft(project: ProjectPaths) -> None:
    with without_text(project, "KEN", "civic-participation"):
        report = rs.load_report(open_doc(project, "KEN", "en", "civic-participation"))
    assert report.text is None
    draft = [x for x in b.flatten(rs.summary(report)) if isinstance(x, b.Draft)]
    assert [d.source for d in draft] == [
        "reports/research/KEN/civic-participation/en.md (generated key findings: no authored text)"
    ]
    assert rs.closing(report) == []


def test_a_figure_reference_in_the_front_matter_is_refused(project: ProjectPaths) -> None:
    path = project.root.joinpath(*TEXT, "en.md")
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(
            original.replace(
                "  - Cost is the barrier",
                "  - Cost ({{ figure health_barriers.cost }}) is the barrier",
            ),
            encoding="utf-8",
        )
        with pytest.raises(InputError, match="a figure reference in the front matter") as exc:
            rs.load_report(open_doc(project, "KEN", "en", "health-access"))
        assert exc.value.row == 8
    finally:
        path.write_text(original, encoding="utf-8")


def test_a_release_build_refuses_generated_key_findings(project: ProjectPaths) -> None:
    draft = "ken-research-civic-participation-2026-en"
    with without_text(project, "KEN", "civic-participation"):
        report = build(project, BuildOptions(jobs=1, release=True), Selection(ids=(draft,)))
    (failed,) = report.failed
    assert failed.doc_id == draft
    assert "release build refused: generated draft text" in failed.error
    assert "reports/research/KEN/civic-participation/en.md" in failed.error
    assert not list(project.site.rglob(f"{draft}.pdf"))
