"""Each stage on its own: parameters checked, outputs filtered, no network, no missing glyph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lnob.errors import BuildError, InputError
from lnob.stages import execute, pdf

ROOT = Path(__file__).resolve().parents[2]
MINI_NB = ROOT / "tests" / "fixtures" / "mini" / "notebooks" / "brief.ipynb"


def test_declared_parameters_come_from_the_notebook() -> None:
    declared = execute.declared_parameters(MINI_NB)
    assert set(declared) == {"country", "language", "document", "year", "preview"}
    assert execute.declared_type(declared["year"]) == "int"
    assert declared["year"]["inferred_type_name"] == "int"  # annotated in the notebook


@pytest.mark.parametrize(
    "values, problem",
    [
        ({"colour": "red"}, "unknown parameter 'colour'"),
        ({"year": "2026"}, "parameter 'year' has the wrong type"),
        ({"year": True}, "parameter 'year' has the wrong type"),
        ({"country": 7}, "parameter 'country' has the wrong type"),
    ],
)
def test_bad_parameters_are_errors(values: dict, problem: str) -> None:
    with pytest.raises(InputError) as exc:
        execute.check_parameters(MINI_NB, values)
    assert problem in str(exc.value) and "brief.ipynb" in str(exc.value)


def test_good_parameters_pass() -> None:
    execute.check_parameters(
        MINI_NB,
        {"country": "BGD", "language": "bn", "year": 2026, "document": "x", "preview": False},
    )


def test_notebook_without_parameters_cell(tmp_path: Path) -> None:
    nb = json.loads(MINI_NB.read_text())
    for c in nb["cells"]:
        c["metadata"].pop("tags", None)
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(InputError, match="no cell tagged 'parameters'"):
        execute.declared_parameters(path)


def test_cell_error_fails_with_the_cell_and_parameters(project, tmp_path: Path) -> None:
    nb = json.loads((project.notebooks / "brief.ipynb").read_text())
    nb["cells"][-1]["source"] = "1 / 0"
    (project.notebooks / "brief.ipynb").write_text(json.dumps(nb))
    out = tmp_path / "work" / "executed.ipynb"
    with pytest.raises(BuildError) as exc:
        execute.execute(
            project.notebooks / "brief.ipynb",
            out,
            {
                "country": "BGD",
                "language": "en",
                "document": "women-health",
                "year": 2026,
                "preview": False,
            },
            project.root,
        )
    assert "ZeroDivisionError" in str(exc.value) and '"language": "en"' in str(exc.value)
    assert not out.exists() and (out.parent / "failed.ipynb").exists()


def test_reading_an_undeclared_file_is_an_error(project, tmp_path: Path) -> None:
    (project.data / "secret.csv").write_text("a\n1\n")
    nb = json.loads((project.notebooks / "brief.ipynb").read_text())
    nb["cells"][-1]["source"] = "open(doc.paths.data / 'secret.csv').read()"
    (project.notebooks / "brief.ipynb").write_text(json.dumps(nb))
    with pytest.raises(BuildError) as exc:
        execute.execute(
            project.notebooks / "brief.ipynb",
            tmp_path / "e.ipynb",
            {
                "country": "BGD",
                "language": "en",
                "document": "women-health",
                "year": 2026,
                "preview": False,
            },
            project.root,
        )
    assert "secret.csv" in str(exc.value) and "does not declare" in str(exc.value)


def _html(tmp_path: Path, body: str, lang: str = "en") -> Path:
    path = tmp_path / "doc" / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<!DOCTYPE html><html lang="{lang}"><head><title>T</title></head>'
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    return path


def test_pdf_never_fetches_from_the_network(tmp_path: Path) -> None:
    html = _html(tmp_path, '<p>Hello</p><img src="http://127.0.0.1:9/x.png" alt="x">')
    with pytest.raises(BuildError, match="never use the network"):
        pdf.write_pdf(html, tmp_path / "o.pdf", fonts=["Noto Sans"], where="test")
    assert not (tmp_path / "o.pdf").exists()


def test_pdf_never_reads_files_outside_the_document(tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(b"x")
    html = _html(tmp_path, '<p>Hello</p><img src="../outside.png" alt="x">')
    with pytest.raises(BuildError, match="outside the document folder"):
        pdf.write_pdf(html, tmp_path / "o.pdf", fonts=["Noto Sans"], where="test")


def test_missing_glyph_fails_with_the_characters_and_fonts(tmp_path: Path) -> None:
    html = _html(tmp_path, "<p>Hello 𓀀 ঌ</p>")
    with pytest.raises(BuildError) as exc:
        pdf.write_pdf(html, tmp_path / "o.pdf", fonts=["Noto Sans"], where="doc X")
    msg = str(exc.value)
    assert "U+13000" in msg and "U+098C" in msg and "Noto Sans" in msg and "doc X" in msg


def test_page_budget_fails_unless_draft(tmp_path: Path) -> None:
    html = _html(tmp_path, "".join(f'<p style="break-after: page">Page {i}</p>' for i in range(5)))
    with pytest.raises(BuildError, match="5 pages, over the budget of 3") as exc:
        pdf.write_pdf(
            html,
            tmp_path / "o.pdf",
            fonts=["Noto Sans"],
            where="x",
            page_budget=3,
            authored="briefs/KEN/x/en.md",
        )
    assert "context in briefs/KEN/x/en.md" in str(exc.value) and "--draft" in str(exc.value)
    assert isinstance(exc.value, pdf.PageBudgetError)
    assert exc.value.authored == "briefs/KEN/x/en.md"
    assert not (tmp_path / "o.pdf").exists()
    result = pdf.write_pdf(
        html, tmp_path / "o.pdf", fonts=["Noto Sans"], where="x", page_budget=3, draft=True
    )
    assert result.pages == 5 and any("over the budget" in w for w in result.warnings)


def test_two_pdfs_of_the_same_html_are_identical(tmp_path: Path) -> None:
    html = _html(tmp_path, "<h1>Title</h1><p>Same bytes every time.</p>")
    a = pdf.write_pdf(html, tmp_path / "a.pdf", fonts=["Noto Sans"], where="x")
    b = pdf.write_pdf(html, tmp_path / "b.pdf", fonts=["Noto Sans"], where="x")
    assert a.sha256 == b.sha256


def test_the_notebook_previews_as_an_author_runs_it(demo, tmp_path: Path) -> None:
    """preview=True (Jupyter): each cell shows its part as HTML; the preview's own
    temporary files (a 'data/' folder of downloads) are not taken for project data."""
    out = tmp_path / "preview.ipynb"
    execute.execute(
        demo.notebooks / "brief.ipynb",
        out,
        {
            "country": "BGD",
            "language": "bn",
            "document": "women-health",
            "year": 2026,
            "preview": True,
        },
        demo.root,
    )
    cells = [
        c
        for c in json.loads(out.read_text())["cells"]
        if c["cell_type"] == "code"
        and not {"parameters", "injected-parameters"} & set(c["metadata"].get("tags", []))
    ]
    assert len(cells) > 2
    for cell in cells:  # every cell shows its blocks, and none failed
        assert [o["output_type"] for o in cell["outputs"]] == ["display_data"], cell["source"]


def test_the_preview_draws_charts_in_the_configured_palette(demo, monkeypatch) -> None:
    """Jupyter shows a chart in the colours the build will use (data/identity.yaml)."""
    import base64
    import io
    import re

    from PIL import Image

    from lnob import notebook
    from lnob.products import brief

    identity = demo.identity_file
    text = identity.read_text()
    identity.write_text(text.replace('chart_palette: ["#0072B2"', 'chart_palette: ["#AA0055"'))
    monkeypatch.chdir(demo.root)
    try:
        doc = notebook.open_document(
            "brief", country="BGD", language="en", document="women-health", year=2026, preview=True
        )
        html = doc.show(brief.chart(brief.load_numbers(doc)))._repr_mimebundle_()["text/html"]
    finally:
        notebook.release_guard()
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 1
    img = Image.open(io.BytesIO(base64.b64decode(images[0]))).convert("RGB")
    colours = {c for _n, c in img.getcolors(maxcolors=1 << 20)}
    assert (0xAA, 0x00, 0x55) in colours and (0x00, 0x72, 0xB2) not in colours


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_every_template_notebook_runs_as_it_is(demo, tmp_path: Path, name: str) -> None:
    """Issue 2, authoring: opened in Jupyter and run with its own default parameters,
    each template notebook previews a real document, every cell showing its part."""
    out = tmp_path / "as-is.ipynb"
    execute.execute(demo.notebooks / name, out, {}, demo.root)
    cells = [
        c
        for c in json.loads(out.read_text())["cells"]
        if c["cell_type"] == "code"
        and not {"parameters", "injected-parameters"} & set(c["metadata"].get("tags", []))
    ]
    assert cells
    for cell in cells:
        assert [o["output_type"] for o in cell["outputs"]] == ["display_data"], cell["source"]
