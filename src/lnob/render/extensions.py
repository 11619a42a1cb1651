"""Block types defined outside lnob.doc.blocks, and their renderers.

Each module listed here defines its blocks with `lnob.doc.blocks.register_block` and
its HTML with `lnob.render.html.register_handler`. The render stage imports this
module before reading an executed notebook, so every block type is known.
One import per line, so parallel additions do not conflict.
"""

import lnob.render.exports  # noqa: F401 - Open SDG downloads of research reports
import lnob.render.links  # noqa: F401 - links between documents (synthesis)
