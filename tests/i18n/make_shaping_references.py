"""Write the reference renders of tests/i18n/shaping/ (run once, then look at every image).

    .venv/bin/python tests/i18n/make_shaping_references.py

Re-run it only after a deliberate change of fonts or renderer, and look at each PNG
before committing it: Bengali and Devanagari conjuncts formed (ক্ষ, क्ष), vowel signs
in place, Urdu letters joined. The test compares new renders against these images.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shaping import REFERENCES, SAMPLES, chart_image, page_image  # noqa: E402


def main() -> None:
    REFERENCES.mkdir(exist_ok=True)
    for lang, text in SAMPLES.items():
        with tempfile.TemporaryDirectory() as tmp:
            page_image(lang, text, Path(tmp)).save(REFERENCES / f"{lang}-page.png", optimize=True)
            chart_image(lang, text, Path(tmp)).save(REFERENCES / f"{lang}-chart.png", optimize=True)
        print(f"wrote {lang}-page.png and {lang}-chart.png in {REFERENCES}")


if __name__ == "__main__":
    main()
