#!/usr/bin/env python3
"""Build the coalition's publications: a thin command line over the `lnob` package.

python build.py            # every document, as HTML and PDF, into _site/
python build.py --help     # narrowing, --list, --explain, validate, preview
"""

import sys
from pathlib import Path

from lnob.cli import main

if __name__ == "__main__":
    # The project is the checkout this file is in, whatever folder it is run from.
    sys.exit(main(project=Path(__file__).resolve().parent))
