"""Execute stage: run a template notebook with Papermill for one document.

Parameters are checked against what the notebook's `parameters` cell declares:
an unknown name or a value of another type is an error, not a warning. The kept
executed notebook holds only the blocks a reader may see (and errors): any other
output, such as a stray DataFrame, is dropped before it is saved.
"""

from __future__ import annotations

import ast
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from lnob.doc.blocks import MIME
from lnob.errors import BuildError, InputError

TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
}


def declared_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares: name -> {inferred_type_name, default}."""
    import papermill

    if not notebook.is_file():
        raise InputError(
            notebook,
            "the product's template notebook does not exist",
            hint="Create it, or fix 'notebook' for the product in data/coalition.yaml",
        )
    try:
        params = papermill.inspect_notebook(str(notebook))
    except ValueError as exc:  # JSON or nbformat errors
        raise InputError(
            notebook,
            f"not a valid notebook: {exc}",
            hint="Open and save it in Jupyter, or restore it from git",
        ) from None
    if not params:
        raise InputError(
            notebook,
            "the notebook has no cell tagged 'parameters'",
            expected="one code cell tagged 'parameters' declaring the parameters",
            hint="Tag the first code cell 'parameters' in Jupyter (View > Cell Toolbar > Tags)",
        )
    return params


def declared_type(param: dict[str, Any]) -> str:
    """The parameter's annotated type, or else the type of its default literal."""
    name = param.get("inferred_type_name", "None")
    if name in TYPES:
        return name
    try:
        return type(ast.literal_eval(param.get("default", ""))).__name__
    except (ValueError, SyntaxError):
        return "None"


def check_parameters(notebook: Path, values: dict[str, Any]) -> None:
    declared = declared_parameters(notebook)
    for name, value in values.items():
        if name not in declared:
            raise InputError(
                notebook,
                f"unknown parameter '{name}'",
                expected=f"one of {', '.join(sorted(declared))}",
                found=name,
                hint="Declare it in the notebook's parameters cell or stop passing it",
            )
        type_name = declared_type(declared[name])
        expected = TYPES.get(type_name)
        if expected is None:
            raise InputError(
                notebook,
                f"parameter '{name}' has no type the build can check",
                expected="an annotation such as `year: int = 2026`",
                found=declared[name].get("default"),
            )
        if expected is not None and (
            not isinstance(value, expected) or (expected is int and isinstance(value, bool))
        ):
            raise InputError(
                notebook,
                f"parameter '{name}' has the wrong type",
                expected=type_name,
                found=f"{type(value).__name__} {value!r}",
                hint="Pass a value of the declared type",
            )


def _ipc_kernel_manager(socket_dir: str) -> type:
    """A kernel manager on Unix sockets: parallel kernels cannot race for TCP ports
    (papermill #511 'address already in use'), and nothing listens on the network."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(socket_dir, "kernel")

    return IPCKernelManager


EXECUTORS = ("inprocess", "kernel")


def execute(
    notebook: Path, output: Path, parameters: dict[str, Any], cwd: Path, executor: str = "inprocess"
) -> None:
    """Run `notebook` with `parameters` into `output` (written aside, then renamed).

    `executor` 'inprocess' runs the cells in this process (lnob.stages.inprocess); 'kernel'
    starts a Jupyter kernel per document, as Papermill does by default.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if executor not in EXECUTORS:
        raise BuildError(f"No executor named '{executor}'; expected one of {', '.join(EXECUTORS)}")
    check_parameters(notebook, parameters)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    tmp = output.with_name(output.stem + ".part.ipynb")
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        if executor == "inprocess":
            from lnob.stages import inprocess

            papermill.execute_notebook(
                str(notebook),
                str(tmp),
                parameters=parameters,
                kernel_name="python3",
                engine_name=inprocess.NAME,
                progress_bar=False,
                log_output=False,
                cwd=str(cwd),
                request_save_on_cell_execute=False,
            )
        else:
            with tempfile.TemporaryDirectory(prefix="lnob-kernel-") as sockets:
                papermill.execute_notebook(
                    str(notebook),
                    str(tmp),
                    parameters=parameters,
                    kernel_name="python3",
                    progress_bar=False,
                    log_output=False,
                    cwd=str(cwd),
                    request_save_on_cell_execute=False,
                    shutdown_kernel="immediate",
                    kernel_manager_class=_ipc_kernel_manager(sockets),
                )
    except PapermillExecutionError as exc:
        cause = _raised_in_process() if executor == "inprocess" else None
        if tmp.exists():
            _strip_to_blocks(tmp)
            os.replace(tmp, output.with_name("failed.ipynb"))
        raise BuildError(
            f"{notebook.name}: cell {exc.cell_index + 1} raised {exc.ename}: "
            f"{exc.evalue}. Open {output.with_name('failed.ipynb')} or run the "
            f"notebook in Jupyter with these parameters: "
            f"{json.dumps(parameters, ensure_ascii=False)}"
        ) from cause
    finally:
        _release_guard()
    _strip_to_blocks(tmp)
    os.replace(tmp, output)


def _raised_in_process() -> InputError | None:
    """The input error a cell raised in this process (it names the file and line to fix)."""
    from lnob.stages import inprocess

    error, inprocess.last_error = inprocess.last_error, None
    return error if isinstance(error, InputError) else None


def _release_guard() -> None:
    from lnob.notebook import release_guard

    release_guard()


def _strip_to_blocks(path: Path) -> None:
    """Keep only block outputs and errors; drop everything else a cell may have shown."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                kept.append(
                    {
                        "output_type": "error",
                        "ename": out.get("ename"),
                        "evalue": out.get("evalue"),
                        "traceback": out.get("traceback", []),
                    }
                )
            elif MIME in out.get("data", {}):
                kept.append(
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {MIME: out["data"][MIME]},
                    }
                )
        cell["outputs"] = kept
        cell.pop("execution_count", None)
        cell["execution_count"] = None
    for cell in nb.get("cells", []):
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("papermill", None)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def read_blocks(executed: Path) -> list[Any]:
    """The blocks an executed notebook showed, in order (parameter cells have none)."""
    import lnob.render.extensions  # noqa: F401 - registers block types defined elsewhere
    from lnob.doc.blocks import blocks_from_bundle

    nb = json.loads(executed.read_text(encoding="utf-8"))
    blocks: list[Any] = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            if MIME in out.get("data", {}):
                blocks.extend(blocks_from_bundle(out["data"]))
    return blocks
