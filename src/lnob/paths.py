"""Where each kind of file lives. Bottom layer: imports nothing of the project.

One `ProjectPaths` value is made from the project root and passed explicitly to
whatever needs a path; nothing here reads globals or the working directory.

`confined` is the one check that a file the build reads is the project's own: no symbolic
link on the way to it, no `..` that climbs out of its folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lnob.errors import InputError


class OutsideProjectError(InputError):
    """A file the build would read is a link, or lies outside the project's folder."""


def confined(path: Path | str, root: Path, what: str = "file") -> Path:
    """`path` (relative to `root`, or absolute) made absolute, when it is inside `root` and
    neither it nor any folder between `root` and it is a symbolic link; otherwise an
    `OutsideProjectError` that names the path as written (never what it points to, so no
    outside file's text can reach a message).

    Only the path is looked at, never the content, so copying a file into the project is
    always the remedy."""
    root = Path(os.path.abspath(root))
    given = Path(path)
    full = Path(os.path.normpath(given if given.is_absolute() else root / given))
    if not full.is_relative_to(root):
        raise OutsideProjectError(
            str(path),
            f"the {what} is outside the project folder {root}",
            expected="a path inside the project, without '..' climbing out of it",
            hint="Copy the file into the project and name it there",
        )
    current = root
    for part in full.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            raise OutsideProjectError(
                str(current.relative_to(root)),
                f"the {what} is a symbolic link (the build reads only the project's own files)",
                expected="a regular file or folder inside the project",
                hint="Copy the file into the project instead of linking it",
            )
    return full


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
