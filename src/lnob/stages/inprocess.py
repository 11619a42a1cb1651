"""A Papermill engine that runs a notebook's cells in this process, without a kernel.

Starting a Jupyter kernel costs about a second per document, and each kernel then
imports pandas, matplotlib and the package again. A build worker runs many
documents; this engine gives each one a fresh IPython namespace in the worker
itself, so imports and fonts are loaded once per worker. Papermill still injects
the parameters and writes the executed notebook; cells run with IPython's own
`run_cell`, so magics and `display()` behave as in Jupyter. Errors are recorded as
error outputs, which Papermill turns into a `PapermillExecutionError` as usual.
"""

from __future__ import annotations

import os
import traceback
from typing import Any

import nbformat
from papermill.engines import Engine, papermill_engines

last_error: BaseException | None = None  # what the last failed cell raised, as raised
NAME = "lnob-inprocess"
_shell: Any = None


def _get_shell() -> Any:
    global _shell
    if _shell is None:
        import types

        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        # Its own module for the notebook's globals: by default IPython installs one as
        # sys.modules['__main__'], without __spec__, which breaks multiprocessing's spawn.
        # cache_size=0: no Out[] history (results are taken from run_cell directly), so
        # reset() skips the output-cache flush and the full gc.collect() it ends with
        # (0.1-0.4 s per notebook in a worker holding pandas and matplotlib).
        # No history database: a build has no use for it, and it would outlive the cache
        # folder it was opened in (IPYTHONDIR is the build's, `lnob.build.environment`).
        config = Config()
        config.HistoryManager.enabled = False
        _shell = InteractiveShell.instance(
            config=config,
            colors="nocolor",
            cache_size=0,
            user_module=types.ModuleType("lnob_notebook"),
        )
    return _shell


class InProcessEngine(Engine):
    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
        from IPython.utils.capture import capture_output

        shell = _get_shell()  # its namespace was emptied when the previous notebook ended
        previous = os.getcwd()
        if kwargs.get("cwd"):
            os.chdir(kwargs["cwd"])
        try:
            for index, cell in enumerate(nb_man.nb.cells):
                if cell.cell_type != "code":
                    continue
                nb_man.cell_start(cell, index)
                with capture_output(display=True) as captured:
                    result = shell.run_cell(cell.source, store_history=False, silent=False)
                outputs = []
                if captured.stdout:
                    outputs.append(
                        nbformat.v4.new_output("stream", name="stdout", text=captured.stdout)
                    )
                for out in captured.outputs:
                    outputs.append(
                        nbformat.v4.new_output(
                            "display_data", data=out.data, metadata=out.metadata or {}
                        )
                    )
                error = result.error_before_exec or result.error_in_exec
                if error is None and result.result is not None:
                    data, metadata = shell.display_formatter.format(result.result)
                    outputs.append(
                        nbformat.v4.new_output(
                            "execute_result", data=data, metadata=metadata, execution_count=None
                        )
                    )
                if error is not None:
                    outputs.append(
                        nbformat.v4.new_output(
                            "error",
                            ename=type(error).__name__,
                            evalue=str(error),
                            traceback=traceback.format_exception(error),
                        )
                    )
                cell.outputs = outputs
                if error is not None:
                    global last_error
                    last_error = error
                    nb_man.cell_exception(cell, index, exception=error)
                    break
                nb_man.cell_complete(cell, index)
        finally:
            os.chdir(previous)
            # One reset per notebook, after it: the next one starts from an empty namespace.
            shell.reset(new_session=False, aggressive=False)
        return nb_man.nb


papermill_engines.register(NAME, InProcessEngine)
