"""The in-process Papermill engine: each notebook starts from an empty namespace,
also after a notebook that failed, though the worker's interpreter is shared."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from lnob.errors import BuildError
from lnob.stages import execute


def _notebook(path: Path, body: str) -> Path:
    params = nbformat.v4.new_code_cell('name: str = "a"')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, nbformat.v4.new_code_cell(body)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


CHECK = "assert 'leftover' not in globals(), 'a previous notebook left a variable'\nleftover = name"


def test_a_notebook_never_sees_the_previous_ones_variables(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "nb.ipynb", CHECK)
    for i in range(3):
        execute.execute(nb, tmp_path / f"out{i}.ipynb", {"name": f"run{i}"}, tmp_path)
        assert (tmp_path / f"out{i}.ipynb").is_file()


def test_the_namespace_is_emptied_after_a_failing_notebook(tmp_path: Path) -> None:
    failing = _notebook(tmp_path / "fail.ipynb", "leftover = 1\nraise ValueError('boom')")
    with pytest.raises(BuildError, match="ValueError: boom"):
        execute.execute(failing, tmp_path / "work" / "out.ipynb", {}, tmp_path)
    nb = _notebook(tmp_path / "nb.ipynb", CHECK)
    execute.execute(nb, tmp_path / "ok.ipynb", {}, tmp_path)
    assert (tmp_path / "ok.ipynb").is_file()


def test_in_process_and_kernel_give_the_same_blocks(project, tmp_path: Path) -> None:
    """The README's promise: `--executor kernel` (a Jupyter kernel per document, as
    Papermill does by default) and the in-process engine show the same blocks."""
    params = {
        "country": "BGD",
        "language": "bn",
        "document": "women-health",
        "year": 2026,
        "preview": False,
    }
    nb = project.notebooks / "brief.ipynb"
    blocks = {}
    for executor in execute.EXECUTORS:
        out = tmp_path / executor / "executed.ipynb"
        execute.execute(nb, out, params, project.root, executor=executor)
        blocks[executor] = execute.read_blocks(out)
    assert len(blocks["inprocess"]) > 5
    assert blocks["inprocess"] == blocks["kernel"]


def test_the_build_hands_its_spec_to_the_notebook_it_runs(project, monkeypatch) -> None:
    """In-process, a notebook takes the spec and coalition the build has read and checked;
    it does not read coalition.yaml again per document (issue 16). Run by hand, it does."""
    from lnob import notebook
    from lnob.build.plan import BuildOptions
    from lnob.build.run import Selection, build

    reads: list[Path] = []
    real = notebook.load_coalition

    def counted(path: Path, *args: object) -> object:
        reads.append(path)
        return real(path, *args)

    monkeypatch.setattr(notebook, "load_coalition", counted)
    report = build(project, BuildOptions(jobs=1), Selection(countries=("BGD",)))
    built = [r for r in report.results if r.status == "built"]
    assert built and all(r.status != "failed" for r in report.results)
    assert reads == []
    monkeypatch.chdir(project.root)
    try:
        doc = notebook.open_document(
            "brief", country="BGD", language="bn", document="women-health", year=2026
        )
    finally:
        notebook.release_guard()
    assert reads == [project.coalition_file] and doc.spec.language == "bn"
