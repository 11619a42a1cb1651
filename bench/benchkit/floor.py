"""The floor on this machine: what the build cannot go below, measured apart.

Run as `python -m benchkit.floor HTML_FILE FONT...` (a fresh interpreter, so import
costs are cold); prints JSON. Measures: interpreter start-up; importing what a build
worker needs; one Pandoc call on a representative Markdown text; WeasyPrint on a
built document (first call with font loading, then warm), per page, as a build worker runs
it (`lnob.build.interpreter`).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

WORKER_IMPORTS = (
    "import pandas, matplotlib.pyplot, IPython, papermill, weasyprint, babel, "
    "jsonschema, lnob.build.worker, lnob.stages.execute, lnob.stages.render, "
    "lnob.products.brief, lnob.products.stocktake"
)


def _python(code: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - t


def measure(html: Path, fonts: list[str], markdown: str, repeats: int = 3) -> dict[str, float]:
    import pypandoc

    from lnob.build.interpreter import collect_and_freeze, set_up_worker, with_frame_room
    from lnob.stages.pdf import PdfResult, write_pdf

    out: dict[str, float] = {}
    out["python_startup_s"] = min(_python("pass") for _ in range(repeats))
    out["worker_imports_s"] = (
        min(_python(WORKER_IMPORTS) for _ in range(repeats)) - out["python_startup_s"]
    )
    pandoc = pypandoc.get_pandoc_path()
    times = []
    for _ in range(repeats + 2):
        t = time.perf_counter()
        subprocess.run(
            [pandoc, "-f", "markdown", "-t", "html5"],
            input=markdown.encode(),
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - t)
    out["pandoc_call_s"] = statistics.median(times)
    pdf = html.with_name("floor.pdf")

    def print_pdf() -> PdfResult:
        return write_pdf(html, pdf, fonts=fonts, where="floor", draft=True)

    set_up_worker()
    t = time.perf_counter()
    first = with_frame_room(print_pdf)
    out["weasyprint_first_s"] = time.perf_counter() - t
    warm = []
    for _ in range(repeats):
        collect_and_freeze()  # between documents, as a worker does (not timed there either)
        t = time.perf_counter()
        with_frame_room(print_pdf)
        warm.append(time.perf_counter() - t)
    pdf.unlink(missing_ok=True)
    out["weasyprint_pages"] = first.pages
    out["weasyprint_warm_s"] = statistics.median(warm)
    out["weasyprint_per_page_s"] = out["weasyprint_warm_s"] / first.pages
    return out


def main() -> None:
    html, markdown_file, *fonts = sys.argv[1:]
    print(json.dumps(measure(Path(html), fonts, Path(markdown_file).read_text("utf-8"))))


if __name__ == "__main__":
    main()
