"""Adding a product is what the README says, and nothing more: a descriptor registered in
`lnob.registry`, its template notebook and its texts. A toy product, "lessons" (lessons
learned, a coalition-wide publication with its own notebook), is added to the mini project
that way and built; the page, the site and the catalogue show it by its descriptor."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.doc.text import _
from lnob.paths import ProjectPaths
from lnob.registry import ProductKind, product_kind, register, unregister
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

TOY = ProductKind(
    "lessons",
    "lessons.ipynb",
    "publication",
    kicker=_("Lessons learned"),
    site_name=_("Lessons learned"),
    site_plural=_("Lessons learned, all"),
    authored="reports/{slug}",
    cover=True,
    toc=False,
)
DOC = "global-lessons-first-lessons-2026-en"


@pytest.fixture
def toy_product() -> Iterator[ProductKind]:
    register(TOY)
    try:
        yield TOY
    finally:
        unregister(TOY.name)


def add_toy_files(paths: ProjectPaths) -> None:
    """Its notebook (the authored-publication template, told it is 'lessons'), its text,
    and the coalition's entries: the product published and one document of it."""
    notebook = json.loads((ROOT / "notebooks" / "authored.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"])
            assert 'product: str = "guide"' in source
            cell["source"] = source.replace('"guide"', '"lessons"').replace(
                '"methodology-guide"', '"first-lessons"'
            )
    (paths.notebooks / "lessons.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    text = paths.reports / "first-lessons"
    text.mkdir(parents=True)
    (text / "en.md").write_text(
        "---\ntitle: What the first year taught us\nsummary: Three lessons.\n---\n"
        "## Start with the stocktake\n\nAsk first what the official data already shows.\n",
        encoding="utf-8",
    )
    coalition = paths.coalition_file.read_text(encoding="utf-8")
    coalition = coalition.replace("products:\n", "products:\n  lessons: {}\n", 1)
    coalition += (
        "publications:\n"
        '  - {product: lessons, slug: first-lessons, year: 2026, date: "2026-09-01", '
        "languages: [en]}\n"
    )
    paths.coalition_file.write_text(coalition, encoding="utf-8")


def test_a_toy_product_is_built_from_its_descriptor(
    project: ProjectPaths, toy_product: ProductKind
) -> None:
    add_toy_files(project)
    report = build(project, BuildOptions(jobs=1))
    assert not report.failed, [r.error for r in report.failed]
    assert DOC in [r.doc_id for r in report.results]

    folder = project.site / "global" / "global-lessons-first-lessons-2026" / "en"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "What the first year taught us" in page and "Ask first what the official" in page
    assert "Lessons learned" in page  # the descriptor's kicker
    assert (folder / f"{DOC}.pdf").read_bytes().startswith(b"%PDF-")

    catalogue = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    (entry,) = [d for d in catalogue["documents"] if d["id"] == DOC]
    assert entry["product"] == "lessons" and entry["title"] == "What the first year taught us"

    home = (project.site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Lessons learned" in home  # the site names it by the descriptor's words


def test_without_its_descriptor_the_product_is_refused_by_name(project: ProjectPaths) -> None:
    add_toy_files(project)
    from lnob.coalition import load_coalition
    from lnob.errors import InputError

    with pytest.raises(InputError, match="unknown product 'lessons'.*lnob.registry"):
        load_coalition(project.coalition_file)
    with pytest.raises(InputError, match="No product named 'lessons'"):
        product_kind("lessons")


def test_every_product_of_the_demo_is_registered_once() -> None:
    from lnob.coalition import load_coalition

    coalition = load_coalition(ROOT / "data" / "coalition.yaml")
    for name, product in coalition.products.items():
        kind = product_kind(name)
        assert (product.notebook, product.page_budget, product.cover, product.toc) == (
            kind.notebook,
            kind.page_budget,
            kind.cover,
            kind.toc,
        )
        assert (ROOT / "notebooks" / kind.notebook).is_file()
