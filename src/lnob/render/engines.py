"""Markdown to an HTML fragment: the `quarto` CLI where installed, Pandoc otherwise.

Both engines get the same Markdown, the same reader options and the same template
(`templates/fragment.html`, which emits only the body), so both give the same
document; the page around it is the project's own (`page.py`). Neither touches
the network: the input holds no remote resources and Pandoc is never asked to
embed any.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lnob.errors import BuildError, InputError
from lnob.paths import TEMPLATES_DIR
from lnob.yamlio import load_yaml, safe_load_text

FRAGMENT_TEMPLATE = TEMPLATES_DIR / "fragment.html"


@dataclass(frozen=True)
class RenderOptions:
    """The `format.html` options of `_quarto.yml`, shared by both engines."""

    reader: str
    template: Path
    wrap: str
    quarto_yaml: str  # the project file's text, given to Quarto as it is

    @classmethod
    def from_project(cls, root: Path) -> RenderOptions:
        path = root / "_quarto.yml"
        data = load_yaml(path)
        try:
            html = data["format"]["html"]
            template = root / html["template"]
            if not template.is_file():  # a project without the package source beside it
                template = TEMPLATES_DIR / Path(html["template"]).name
            return cls(
                reader=html["from"],
                template=template,
                wrap=html.get("wrap", "none"),
                quarto_yaml=path.read_text("utf-8"),
            )
        except (KeyError, TypeError) as exc:
            raise InputError(
                path, f"missing setting {exc}", expected="format.html.from and format.html.template"
            ) from None


class Renderer(ABC):
    """What a render engine promises: Markdown in, an HTML body fragment out."""

    name: str

    @abstractmethod
    def version(self) -> str:
        """The engine's version, part of the render cache key."""

    @abstractmethod
    def to_html(self, markdown: str, lang: str) -> str:
        """Convert `markdown` to an HTML fragment (no <html>, <head> or <body>).

        `lang` is not given to the engine: its own interface strings (Pandoc's and Quarto's
        translations, missing for several of our languages) are never used; every word
        around the body comes from the project's catalogues through the page template.
        """

    options: RenderOptions

    def fingerprint(self) -> str:
        """Engine version and the render options: part of the render key."""
        import hashlib

        opts = hashlib.sha256(self.options.quarto_yaml.encode()).hexdigest()[:16]
        return f"{self.version()} (_quarto.yml {opts})"


class PandocRenderer(Renderer):
    name = "pandoc"

    def __init__(self, options: RenderOptions) -> None:
        self.options = options

    @cache  # noqa: B019 - one engine object per process
    def version(self) -> str:
        import pypandoc

        return f"pandoc {pypandoc.get_pandoc_version()}"

    def to_html(self, markdown: str, lang: str) -> str:
        import pypandoc

        try:
            return pypandoc.convert_text(
                markdown,
                "html5",
                format=self.options.reader,
                extra_args=[
                    "--template",
                    str(self.options.template),
                    f"--wrap={self.options.wrap}",
                    "--metadata=pagetitle:fragment",
                ],
            )
        except RuntimeError as exc:
            raise BuildError(f"pandoc could not convert the document: {exc}") from exc


class QuartoRenderer(Renderer):
    name = "quarto"

    def __init__(self, executable: str, options: RenderOptions) -> None:
        self.executable = executable
        self.options = options

    @cache  # noqa: B019
    def version(self) -> str:
        out = subprocess.run(
            [self.executable, "--version"], capture_output=True, text=True, check=True
        )
        return f"quarto {out.stdout.strip()}"

    def to_html(self, markdown: str, lang: str) -> str:
        with tempfile.TemporaryDirectory(prefix="lnob-quarto-") as tmp:
            work = Path(tmp)
            # The project's own _quarto.yml, with the template beside it and no output-dir.
            template = self.options.template
            shutil.copy(template, work / template.name)
            config = load_yaml_text(self.options.quarto_yaml)
            config["project"] = {"type": "default"}
            config["format"]["html"]["template"] = template.name
            (work / "_quarto.yml").write_text(dump_yaml(config), encoding="utf-8")
            (work / "document.md").write_text(
                f"---\npagetitle: fragment\n---\n\n{markdown}", encoding="utf-8"
            )
            proc = subprocess.run(
                [
                    self.executable,
                    "render",
                    "document.md",
                    "--to",
                    "html",
                    "--output",
                    "document.html",
                    "--quiet",
                ],
                cwd=work,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                raise BuildError(
                    f"quarto render failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}"
                )
            return (work / "document.html").read_text(encoding="utf-8")


ENGINES = ("auto", "quarto", "pandoc")


def load_yaml_text(text: str) -> dict:
    return safe_load_text(text, Path("_quarto.yml"))  # type: ignore[no-any-return]


def dump_yaml(data: dict) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=True)


def get_renderer(name: str, root: Path) -> Renderer:
    """The engine by name; 'auto' is Quarto when `quarto` is on PATH, Pandoc otherwise."""
    if name not in ENGINES:
        raise BuildError(f"No render engine named '{name}'; expected one of {', '.join(ENGINES)}")
    quarto = shutil.which("quarto")
    if name == "quarto" or (name == "auto" and quarto):
        if not quarto:
            raise BuildError(
                "The quarto engine was asked for but `quarto` is not on PATH. "
                "Install Quarto (https://quarto.org) or use --engine pandoc"
            )
        return QuartoRenderer(quarto, RenderOptions.from_project(root))
    return PandocRenderer(RenderOptions.from_project(root))
