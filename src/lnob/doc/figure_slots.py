"""Where a figure referenced in authored Markdown goes until the render stage writes it.

`lnob.products.figure_refs` replaces each `{{ figure ... }}` with a slot and keeps the number
in the `Markdown` block; `lnob.render.html` writes the number into its slot in the
document's language. A slot is private-use characters only, which neither Markdown nor the
conversion to a language's own digits touch (its index is written in private-use letters).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_OPEN, _CLOSE, _ZERO = "\ue000", "\ue001", 0xE010
SLOT = re.compile(f"{_OPEN}([\ue010-\ue019]+){_CLOSE}")


def slot(index: int) -> str:
    return _OPEN + "".join(chr(_ZERO + int(d)) for d in str(index)) + _CLOSE


def fill_slots(text: str, value: Callable[[int], str]) -> str:
    """`text` with each slot replaced by `value(index)`."""
    return SLOT.sub(lambda m: value(int("".join(str(ord(c) - _ZERO) for c in m[1]))), text)
