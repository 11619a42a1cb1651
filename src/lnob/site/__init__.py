"""The reader's site around the documents: built from `_site/catalogue.json`."""

from __future__ import annotations

import json

import jinja2

from lnob.build.publish import atomic_write
from lnob.coalition import Coalition
from lnob.paths import TEMPLATES_DIR, ProjectPaths


def write_site(paths: ProjectPaths, coalition: Coalition) -> None:
    """Write the home page listing every document in the catalogue."""
    catalogue = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    html = env.get_template("site_index.html.j2").render(
        coalition=coalition.name, demo=coalition.demo, documents=catalogue["documents"])
    atomic_write(paths.site / "index.html", html.encode("utf-8"))
