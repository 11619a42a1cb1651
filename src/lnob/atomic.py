"""Write a file aside and rename it into place. Bottom layer: imports nothing of the project.

Whoever reads the target (a browser on `_site/`, another build worker, the next build) sees
the old file or the new one, never half of one. The part file sits beside the target, so the
rename stays on one file system and is atomic; it is named `.<name>.<random>.part`, so two
processes writing the same target never share one and a killed build's leftovers are
recognised by their suffix (`lnob.build.publish.remove_leftovers`); it is removed when the
write fails. `durable=True` also flushes the bytes to the disk before the rename (for what
is published: a power cut then leaves the old file, not an empty one).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PART_SUFFIX = ".part"


@contextlib.contextmanager
def aside(path: Path) -> Iterator[Path]:
    """A fresh part path beside `path`; renamed onto `path` when the block ends without an
    error, removed when it raises. For files a library writes itself (by name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PART_SUFFIX)
    os.close(fd)
    part = Path(name)
    try:
        yield part
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write `data` to `path` through a part file and a rename."""
    with aside(path) as part, open(part, "wb") as fh:
        fh.write(data)
        if durable:
            fh.flush()
            os.fsync(fh.fileno())


def write_text(path: Path, text: str, *, durable: bool = False) -> None:
    """`write_bytes` of the UTF-8 encoding of `text`."""
    write_bytes(path, text.encode("utf-8"), durable=durable)
