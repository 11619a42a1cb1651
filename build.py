#!/usr/bin/env python3
"""Build the coalition's publications: a thin command line over the `lnob` package.

python build.py            # every document, as HTML and PDF, into _site/
python build.py --help     # narrowing, --list, --explain, validate, preview
"""

import sys

from lnob.cli import main

if __name__ == "__main__":
    sys.exit(main())
