"""Where the tools a build runs keep their settings: in the build cache, never the home folder.

IPython (the in-process executor's shell: profile, history), Jupyter (kernel connection
files, with `--executor kernel`), matplotlib (its font list) and fontconfig would each
write under `~` by default. A build points them at `.lnob-cache/tools/` for its own
duration, workers included (they inherit the environment), and gives the caller's
environment back afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lnob.paths import ProjectPaths

TOOL_DIRS = {
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
    "JUPYTER_CONFIG_DIR": "jupyter/config",
    "JUPYTER_DATA_DIR": "jupyter/data",
    "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
    "XDG_CACHE_HOME": "cache",
    "XDG_CONFIG_HOME": "config",
}


def tool_dirs(paths: ProjectPaths) -> dict[str, Path]:
    return {name: paths.cache / "tools" / sub for name, sub in TOOL_DIRS.items()}


@contextmanager
def tools_in_cache(paths: ProjectPaths) -> Iterator[dict[str, Path]]:
    """Set the tools' settings folders to the cache while the block runs."""
    dirs = tool_dirs(paths)
    saved = {name: os.environ.get(name) for name in dirs}
    for name, folder in dirs.items():
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)
    try:
        yield dirs
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
