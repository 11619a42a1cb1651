"""A Babel extractor for the code cells of Jupyter notebooks.

Registered in `locale/babel.cfg` (`[extractors] ipynb = lnob.i18n.notebooks:extract_notebook`),
so `python -m lnob.i18n extract` and `pybabel extract -F locale/babel.cfg` both read it.
Code cells are joined in order and read by Babel's Python extractor; IPython magics
(`%...`, `!...`) are blanked and cell magics (`%%bash` ...) skipped. Markdown cells are
authored prose, not catalogue strings. Line numbers count lines of the joined code.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python


def extract_notebook(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[Any]:
    """Babel extraction method: yield `(lineno, funcname, message, comments)` per string."""
    try:
        notebook = json.loads(fileobj.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        name = getattr(fileobj, "name", "notebook")
        raise ValueError(f"{name}: not a readable .ipynb file ({exc})") from None
    code = "\n".join(_code_cells(notebook))
    python_options: Any = {**options, "encoding": "utf-8"}
    yield from extract_python(
        io.BytesIO(code.encode("utf-8")), keywords, comment_tags, python_options
    )


def _code_cells(notebook: dict[str, Any]) -> list[str]:
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        if text.lstrip().startswith("%%"):
            continue
        lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in text.splitlines()]
        cells.append("\n".join(lines))
    return cells
