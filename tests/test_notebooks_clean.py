"""Committed notebooks carry code, not outputs: a notebook with outputs or execution counts
is refused here (`make author` installs nbstripout, which strips them on `git add`, and
makes `git diff` of a notebook show its code; see README, Authoring)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _committed_notebooks() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git clone: every notebook
        return sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("tests/**/*.ipynb"))
    return [ROOT / p for p in listed]


def dirty_cells(path: Path) -> list[str]:
    """What a notebook should not carry: each code cell's outputs or execution count."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            found.append(f"cell {i} has {len(cell.outputs)} output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"cell {i} has execution count {cell.execution_count}")
    return found


NOTEBOOKS = _committed_notebooks()


def test_the_template_notebooks_are_committed() -> None:
    assert {p.name for p in NOTEBOOKS} >= {"brief.ipynb", "research.ipynb", "synthesis.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_committed_notebook_has_no_outputs(path: Path) -> None:
    found = dirty_cells(path)
    assert not found, (
        f"{path.relative_to(ROOT)}: {'; '.join(found)}. Strip it with "
        f"`.venv/bin/python -m nbstripout {path.relative_to(ROOT)}` (after `make author` "
        "git does it on every commit)"
    )


def test_the_check_refuses_an_executed_notebook(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"})]
    nb.cells.append(cell)
    path = tmp_path / "executed.ipynb"
    nbformat.write(nb, path)
    assert dirty_cells(path) == ["cell 1 has 1 output(s)", "cell 1 has execution count 1"]


def test_git_strips_and_diffs_notebooks_as_code() -> None:
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").split("\n")
    assert "*.ipynb filter=nbstripout" in attributes and "*.ipynb diff=ipynb" in attributes
