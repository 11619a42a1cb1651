"""`_site/SHA256SUMS`: the checksum of every download, in `sha256sum -c` format.

The checksums are the catalogue's (the publish stage hashed the files it placed),
so a reader can check a PDF or CSV with `sha256sum -c SHA256SUMS` run in the
site's folder, and the build's tests check the files against them.
"""

from __future__ import annotations

import re

from lnob.errors import InputError
from lnob.site.model import SiteCatalogue

_HEX64 = re.compile(r"[0-9a-f]{64}")


def downloads(catalogue: SiteCatalogue) -> dict[str, str]:
    """Every downloadable file (PDFs, other output formats, data) of the catalogue:
    path -> SHA-256."""
    files: dict[str, str] = {}
    for doc in catalogue.documents:
        for out in doc.outputs:
            files[out.path] = out.sha256
        for d in doc.downloads:
            files[d.path] = d.sha256
    for path, digest in files.items():
        if not _HEX64.fullmatch(digest):
            raise InputError(
                catalogue.source,
                f"the SHA-256 of '{path}' is not 64 hex digits",
                expected="a lowercase SHA-256 hex digest",
                found=digest,
                hint="Rebuild with `python build.py`",
            )
        if "\n" in path or "\\" in path:
            raise InputError(
                catalogue.source,
                "a download path has a newline or backslash",
                found=path,
                hint="Rename the file",
            )
    return files


def sha256sums(catalogue: SiteCatalogue) -> str:
    """The SHA256SUMS text: '<digest>  <path>' per file, sorted by path."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(downloads(catalogue).items()))
