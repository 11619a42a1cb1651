"""Every template notebook runs as it is in the project's Jupyter kernel (`make author`
registers it as "lnob"), and each cell shows its part of the document as HTML in the
document's language, as an author sees it in JupyterLab."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from tests.conftest import ROOT, copy_demo

TEMPLATES = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
KERNEL = "lnob"


@pytest.fixture(scope="module")
def kernel() -> str:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        reason = f"the Jupyter kernel '{KERNEL}' is not registered; `make setup` registers it"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    assert Path(spec.argv[0]).resolve().parent == Path(sys.executable).resolve().parent, (
        f"the kernel '{KERNEL}' runs {spec.argv[0]}, not this environment's Python; "
        "run `make kernel` again"
    )
    return KERNEL


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(tmp_path_factory.mktemp("notebooks") / "demo").root


def _run(path: Path, kernel: str, parameters: str | None = None) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == kernel, "a template notebook names the project kernel"
    if parameters is not None:
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        cell.source = parameters
    NotebookClient(
        nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return nb


def _parameters(nb: nbformat.NotebookNode) -> dict[str, object]:
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    values: dict[str, object] = {}
    exec(cell.source, {}, values)  # the template's own defaults, as the kernel runs them
    return values


@pytest.mark.slow
@pytest.mark.parametrize("name", TEMPLATES)
def test_a_template_notebook_runs_as_it_is_and_shows_each_part(
    name: str, kernel: str, demo_copy: Path
) -> None:
    nb = _run(demo_copy / "notebooks" / name, kernel)
    language = _parameters(nb)["language"]
    shown = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        kinds = [o.output_type for o in cell.outputs]
        assert "error" not in kinds, cell.source
        html = [o.data["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
        assert html, f"{name}: a cell shows no HTML: {cell.source}"
        assert all(h.startswith(f'<div lang="{language}">') for h in html), html[0][:80]
        shown += 1
    assert shown >= 2, f"{name}: only {shown} cell(s) show a part of the document"


@pytest.mark.slow
def test_changing_the_parameters_shows_that_document(kernel: str, demo_copy: Path) -> None:
    nb = _run(
        demo_copy / "notebooks" / "brief.ipynb",
        kernel,
        'country = "KEN"\nlanguage = "sw"\ndocument = "health-access"\nyear = 2026\n'
        "preview = True\n",
    )
    text = (demo_copy / "briefs" / "KEN" / "health-access" / "sw.md").read_text(encoding="utf-8")
    title = yaml.safe_load(text.split("---\n")[1])["title"]
    html = "".join(
        o.data["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/html" in o.get("data", {})
    )
    assert '<div lang="sw">' in html and title in html


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["nbconvert", "--execute", "--to", "notebook", "--output-dir", "{out}"],
        ["execute"],
    ],
    ids=["nbconvert", "execute"],
)
def test_the_jupyter_commands_run_a_template(
    command: list[str], kernel: str, demo_copy: Path, tmp_path: Path
) -> None:
    notebook = demo_copy / "notebooks" / "brief.ipynb"
    before = notebook.read_bytes()
    args = [a.replace("{out}", str(tmp_path)) for a in command]
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", *args, str(notebook)],
        cwd=notebook.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert notebook.read_bytes() == before  # the template itself stays without outputs
    if command[0] == "nbconvert":
        executed = json.loads((tmp_path / "brief.ipynb").read_text(encoding="utf-8"))
        assert any(c.get("outputs") for c in executed["cells"])
