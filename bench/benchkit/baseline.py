"""The naive baseline: each document built the obvious way, by three command-line
tools run one after the other, as an author would script it without this package.

1. `papermill` CLI, a real Jupyter kernel per document, parameters given with -p/-y
   (`preview: true`, so each cell shows its part as HTML in the document's language,
   charts inline: what the author sees in Jupyter);
2. the renderer's CLI: `quarto render` when Quarto is installed, otherwise the `pandoc`
   binary of pypandoc-binary reading the executed notebook (`-f ipynb`), with a Lua
   filter that keeps only the cells' outputs (no code, no author notes) and the
   project's own stylesheet and fonts;
3. `weasyprint` CLI, print media, PDF/UA-1 as the project writes.

Same notebooks, data, catalogues and stylesheet as the build; the page has no cover
or colophon (the build's has both, so the baseline does a little less work).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent

OUTPUTS_ONLY_LUA = """
-- Keep only the HTML the notebook's code cells showed: no code, no Markdown notes,
-- no plain-text or JSON forms of the same outputs.
function Pandoc(doc)
  local kept = {}
  for _, block in ipairs(doc.blocks) do
    if block.t == "Div" and block.classes:includes("code") then
      for _, part in ipairs(block.content) do
        if part.t == "Div" and part.classes:includes("output") then
          for _, x in ipairs(part.content) do
            if x.t == "RawBlock" and x.format == "html" then table.insert(kept, x) end
          end
        end
      end
    end
  end
  return pandoc.Pandoc(kept, doc.meta)
end
"""


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def papermill_args(parameters: dict[str, Any]) -> list[str]:
    """Strings with -p, everything else with -y (YAML), so types arrive as declared."""
    args: list[str] = []
    for name, value in parameters.items():
        if isinstance(value, str):
            args += ["-p", name, value]
        else:
            args += ["-y", f"{name}: {json.dumps(value)}"]
    return args


def _style(root: Path, language: str) -> str:
    from lnob.i18n import load_languages
    from lnob.render.page import stylesheet

    fonts = (
        ", ".join(
            f'"{f}"' for f in load_languages(root / "data" / "languages.yaml")[language].fonts
        )
        + ", sans-serif"
    )
    return (
        f"<style>\n{stylesheet()}\nbody {{ font-family: {fonts}; }}\n"
        f"@media print {{ @page {{ size: A4; font-family: {fonts}; }} }}\n</style>\n"
    )


def _run(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return time.perf_counter() - t


def build_document(root: Path, spec: Any, notebook: Path, work: Path) -> dict[str, float]:
    """Build one document the naive way into `work`; seconds per tool (and `total`)."""
    work.mkdir(parents=True, exist_ok=True)
    executed, html, pdf = work / "executed.ipynb", work / "document.html", work / "document.pdf"
    from lnob.registry import parameters

    params = {**parameters(spec), "preview": True}
    seconds = {
        "papermill": _run(
            [
                str(BIN / "papermill"),
                str(notebook),
                str(executed),
                "-k",
                "python3",
                "--cwd",
                str(root),
                "--no-progress-bar",
                *papermill_args(params),
            ],
            root,
        )
    }
    (work / "outputs-only.lua").write_text(OUTPUTS_ONLY_LUA, encoding="utf-8")
    (work / "style.html").write_text(_style(root, spec.language), encoding="utf-8")
    quarto = shutil.which("quarto")
    cmd = [quarto, "pandoc", str(executed)] if quarto else [pandoc_path(), str(executed)]
    cmd += [
        "-f",
        "ipynb",
        "-t",
        "html5",
        "--standalone",
        "--lua-filter",
        str(work / "outputs-only.lua"),
        "-H",
        str(work / "style.html"),
        f"--metadata=pagetitle:{spec.id}",
        f"--metadata=lang:{spec.language}",
        "-o",
        str(html),
    ]
    seconds["render"] = _run(cmd, root)
    seconds["weasyprint"] = _run(
        [
            str(BIN / "weasyprint"),
            "-m",
            "print",
            "--pdf-variant",
            "pdf/ua-1",
            "-q",
            str(html),
            str(pdf),
        ],
        work,
    )
    seconds["total"] = sum(seconds.values())
    return seconds


def sample(specs: list[Any], per_product: int = 2) -> list[Any]:
    """Documents to time: per product, English and the first other language (so both a
    Latin and, where there is one, a non-Latin script), up to `per_product`."""
    chosen: list[Any] = []
    for product in dict.fromkeys(s.product for s in specs):
        docs = [s for s in specs if s.product == product]
        picks = [next(s for s in docs if s.language == docs[0].language)]
        others = [s for s in docs if s.language != picks[0].language]
        picks += [o for o in others if o.language not in ("en", "fr", "es")][:1] or others[:1]
        chosen += picks[:per_product]
    return chosen
