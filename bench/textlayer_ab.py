#!/usr/bin/env python3
"""What the PDF text layer costs: the PDF stage of built documents, in one process, drawn
WeasyPrint's way (A), with the ActualText spans (B), and with the spans and the read-back
check (C, what the build does), alternating, medians of --runs; CPU seconds per page (this
process's and pdftotext's: a machine shared with other work makes wall time too noisy).

    python bench/textlayer_ab.py .lnob-cache/docs/bgd-research-health-access-2026-bn ...

Each argument is a document's build folder (its render/index.html, as the build leaves it).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lnob.i18n import load_languages
from lnob.stages import pdf, pdf_readback, pdf_text

ROOT = Path(__file__).resolve().parents[1]


def _variant(name: str, own: object, wrapped: object) -> None:
    from weasyprint.draw import text

    text.draw_first_line = own if name == "A" else wrapped
    pdf_text.install = (lambda: False) if name == "A" else (lambda: True)
    pdf_readback.read_back = READ_BACK if name == "C" else _unchecked


READ_BACK = pdf_readback.read_back


def _unchecked(document: object, path: Path, where: str) -> pdf_readback.Readback:
    return pdf_readback.Readback((), ())


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (pdftotext)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from weasyprint.draw import text

    pdf_text.install()
    wrapped = text.draw_first_line
    own = wrapped.__wrapped__
    languages = load_languages(ROOT / "data" / "languages.yaml")
    out = Path(tempfile.mkdtemp(prefix="textlayer-ab-"))
    print(f"{'document':45} pages   A s/page  B-A s/page  C-A s/page")
    for doc in args.docs:
        html = doc / "render" / "index.html"
        fonts = list(languages[doc.name.rsplit("-", 1)[1]].fonts)
        times: dict[str, list[float]] = {"A": [], "B": [], "C": []}
        pages = 0
        for run in range(args.runs + 1):  # the first run warms fonts and caches up
            for name in "ABC":
                _variant(name, own, wrapped)
                start = _cpu()
                result = pdf.write_pdf(html, out / f"{name}.pdf", fonts=fonts, where=doc.name)
                if run:
                    times[name].append(_cpu() - start)
                pages = result.pages
        a, b, c = (statistics.median(times[n]) / pages for n in "ABC")
        print(f"{doc.name:45} {pages:5} {a:10.4f} {b - a:+11.4f} {c - a:+11.4f}")
    _variant("C", own, wrapped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
