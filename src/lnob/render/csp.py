"""A Content-Security-Policy for every HTML page, as a `<meta>` at the top of its head.

Nothing loads from anywhere but the site itself. Scripts: only the site's own files
(`script-src 'self'`, with `'wasm-unsafe-eval'` for Pagefind's WebAssembly search where a
page runs a script); no inline script at all. Styles: the site's stylesheet and each inline
`<style>` element by the SHA-256 of its text (a document's page holds its CSS inline, for
WeasyPrint); no `style` attribute. The page is read with Python's HTML parser to find the
inline styles and where the head begins, never with a regular expression.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from html.parser import HTMLParser

CSP_NAME = "Content-Security-Policy"


class _Page(HTMLParser):
    """The inline `<style>` texts and the offset just after `<meta charset>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.styles: list[str] = []
        self.scripts: list[str] = []  # inline scripts (refused)
        self.script_files = 0  # <script src>: the site's own
        self.after_charset: tuple[int, int] | None = None
        self.has_policy = False
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "meta" and "charset" in names and self.after_charset is None:
            line, col = self.getpos()
            self.after_charset = (line, col + len(self.get_starttag_text() or ""))
        if tag == "meta" and (names.get("http-equiv") or "").lower() == CSP_NAME.lower():
            self.has_policy = True
        if tag == "style":
            self._open = self.styles
            self.styles.append("")
        elif tag == "script" and names.get("src"):
            self.script_files += 1
        elif tag == "script":
            self._open = self.scripts
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._open = None


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def policy(styles: list[str], script: bool) -> str:
    """The policy for a page with these inline styles; `script`: it runs the site's script."""
    style_src = " ".join(["'self'", *dict.fromkeys(_sha256(s) for s in styles)])
    script_src = "'self' 'wasm-unsafe-eval'" if script else "'none'"
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_src}",
            f"style-src {style_src}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'" if script else "connect-src 'none'",
            "worker-src 'self'" if script else "worker-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def with_csp(html: str) -> str:
    """`html` with its Content-Security-Policy `<meta>` right after `<meta charset>`; scripts
    are allowed (the site's own files) only on a page that loads one."""
    page = _Page()
    page.feed(html)
    page.close()
    if page.scripts:
        raise ValueError("a page with an inline script: the site's scripts are files")
    if page.has_policy:
        return html
    if page.after_charset is None:
        raise ValueError("a page without <meta charset>: the policy goes right after it")
    line, col = page.after_charset
    at = 0
    for _ in range(line - 1):  # the parser counts lines by "\n"
        at = html.index("\n", at) + 1
    at += col
    content = escape(policy(page.styles, page.script_files > 0), quote=False).replace('"', "&quot;")
    meta = f'\n<meta http-equiv="{CSP_NAME}" content="{content}">'
    return html[:at] + meta + html[at:]
