"""Where each kind of file lives. Bottom layer: imports nothing of the project.

One `ProjectPaths` value is made from the project root and passed explicitly to
whatever needs a path; nothing here reads globals or the working directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectPaths:
    root: Path
    site: Path
    cache: Path

    @classmethod
    def at(
        cls, root: Path | str, site: Path | str | None = None, cache: Path | str | None = None
    ) -> ProjectPaths:
        root = Path(root).resolve()
        return cls(
            root=root,
            site=Path(site).resolve() if site else root / "_site",
            cache=Path(cache).resolve() if cache else root / ".lnob-cache",
        )

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def coalition_file(self) -> Path:
        return self.data / "coalition.yaml"

    @property
    def languages_file(self) -> Path:
        return self.data / "languages.yaml"

    @property
    def identity_file(self) -> Path:
        return self.data / "identity.yaml"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def briefs(self) -> Path:
        return self.root / "briefs"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def locale(self) -> Path:
        return self.root / "locale"

    def country_dir(self, country: str) -> Path:
        return self.data / "countries" / country


PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
SCHEMAS_DIR = PACKAGE_DIR / "schemas"
