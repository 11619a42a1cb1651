"""The coalition's visual identity (`data/identity.yaml`): page colours, chart palette, logo,
and what every publication says of itself (licence, copyright, the site's permanent address,
ISBN or DOI per document).

Validated at the edge: a colour that is not `#RRGGBB`/`#RGB`, or a logo file that is not
there, is an `InputError` naming the file, the key and its line. Typefaces are not here:
they follow the script, so they are set per language in `data/languages.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lnob.errors import InputError
from lnob.paths import OutsideProjectError, confined
from lnob.yamlio import line_in, load_yaml

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
DEFAULT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class Identity:
    colours: tuple[tuple[str, str], ...]  # (name, #hex) in file order; CSS --name
    chart_palette: tuple[str, ...]
    logo: Path  # absolute
    source: Path
    site_url: str = ""  # the published site's base address, "https://..." without a final /
    licence: str = DEFAULT_LICENCE[0]
    licence_url: str = DEFAULT_LICENCE[1]
    copyright_holder: str = ""  # "" = the coalition's name
    identifiers: tuple[tuple[str, str], ...] = ()  # (document group, "ISBN ..." or "DOI ...")
    # The logo's mark without words: documents then set the coalition's name beside it as
    # text, in their own language and font (a wordmark drawn in an image has one language).
    logo_mark: Path | None = None
    # The cover: an optional image (decorative, under the title block) and the partners'
    # logos by the name coalition.yaml gives them; a partner without one is named in the byline.
    cover_image: Path | None = None
    partner_logos: tuple[tuple[str, Path], ...] = ()

    def permanent_address(self, site_dir: str) -> str:
        """A document's web address: the site's base address and its folder."""
        return f"{self.site_url}/{site_dir}/" if self.site_url else ""

    def identifier(self, group: str) -> str:
        return dict(self.identifiers).get(group, "")

    def css(self) -> str:
        """The colours as CSS custom properties (document.css uses only these names)."""
        props = [f"--{name}: {value};" for name, value in self.colours]
        props += [f"--chart-{i}: {value};" for i, value in enumerate(self.chart_palette, 1)]
        return ":root { " + " ".join(props) + " }\n"

    def files(self) -> list[Path]:
        """Every file the identity is made of (for the build's stage keys)."""
        extra = [p for p in (self.logo_mark, self.cover_image) if p]
        return [self.source, self.logo, *extra, *(path for _, path in self.partner_logos)]

    def partner_logo(self, partner: str) -> Path | None:
        return dict(self.partner_logos).get(partner)

    @property
    def cover_image_name(self) -> str:
        """The cover image's file name in a document's folder ("" without one)."""
        return "cover" + self.cover_image.suffix.lower() if self.cover_image else ""

    @property
    def document_logo(self) -> Path:
        """The image a document shows: the mark (its words set as text), or the whole logo."""
        return self.logo_mark or self.logo

    @property
    def logo_name(self) -> str:
        """The logo's file name in a document's folder."""
        return "logo" + self.document_logo.suffix.lower()


def _colour(path: Path, keys: list[str | int], value: str) -> str:
    if not _HEX.fullmatch(value.strip()):
        dotted = ".".join(str(k) for k in keys)
        raise InputError(
            path,
            f"'{dotted}' is not a colour",
            row=line_in(path, keys),
            expected='a hex colour such as "#0072B2" or "#07b"',
            found=value,
            hint="Write the colour as # and six (or three) hex digits, in quotes",
        )
    return value.strip().lower()


def _logo_file(path: Path, value: str, key: str, keys: list[str | int] | None = None) -> Path:
    """An image file (a logo) named in the identity file: inside its folder, SVG or PNG,
    present. `keys` is its place in the file, for the line (default `[key]`)."""
    keys = keys or [key]
    try:  # inside the identity file's folder (data/), and no link on the way
        logo = confined(value, path.parent, "logo")
    except OutsideProjectError as exc:
        raise InputError(
            path,
            f"'{key}' {exc.problem}",
            row=line_in(path, keys),
            expected=f"a file inside {path.parent}, not a link",
            found=value,
            hint="Copy the logo into that folder and name it there",
        ) from None
    if logo.suffix.lower() not in LOGO_TYPES:
        raise InputError(
            path,
            f"'{key}' is not an SVG or PNG file",
            row=line_in(path, keys),
            expected="a file name ending in .svg or .png",
            found=value,
            hint="Export the logo as SVG (best) or PNG",
        )
    if not logo.is_file():
        raise InputError(
            path,
            f"'{key}' names a file that does not exist: {logo}",
            row=line_in(path, keys),
            found=value,
            hint=f"Put the logo file there (paths are relative to {path.parent}), or fix '{key}'",
        )
    return logo


def load_identity(path: Path) -> Identity:
    """Read and check the identity file; the logo must exist beside it."""
    raw = load_yaml(path, "identity")
    colours = tuple(
        (name, _colour(path, ["colours", name], value)) for name, value in raw["colours"].items()
    )
    palette = tuple(
        _colour(path, ["chart_palette", i], value) for i, value in enumerate(raw["chart_palette"])
    )
    if len(set(palette)) != len(palette):
        raise InputError(
            path,
            "'chart_palette' lists a colour twice",
            row=line_in(path, ["chart_palette"]),
            found=list(palette),
            hint="Give every chart series its own colour",
        )
    logo = _logo_file(path, raw["logo"], "logo")
    mark = _logo_file(path, raw["logo_mark"], "logo_mark") if raw.get("logo_mark") else None
    cover = raw.get("cover_image")
    image = _logo_file(path, cover, "cover_image") if cover else None
    partners = tuple(
        (str(name), _logo_file(path, str(file), f"partner_logos.{name}", ["partner_logos", name]))
        for name, file in (raw.get("partner_logos") or {}).items()
    )
    pub = raw.get("publication") or {}
    site_url = str(pub.get("site_url", "")).rstrip("/")
    if site_url and not site_url.startswith("https://"):
        raise InputError(
            path,
            "'publication.site_url' is not an https address",
            row=line_in(path, ["publication", "site_url"]),
            expected="the published site's address, such as https://lnob.example.org",
            found=site_url,
            hint="Write the full address, starting with https://",
        )
    return Identity(
        colours,
        palette,
        logo,
        path,
        site_url=site_url,
        licence=str(pub.get("licence", DEFAULT_LICENCE[0])),
        licence_url=str(pub.get("licence_url", DEFAULT_LICENCE[1])),
        copyright_holder=str(pub.get("copyright", "")),
        identifiers=tuple((str(k), str(v)) for k, v in (pub.get("identifiers") or {}).items()),
        logo_mark=mark,
        cover_image=image,
        partner_logos=partners,
    )


def unknown_partners(identity: Identity, known: set[str]) -> list[InputError]:
    """The names under `partner_logos` that no partner or member of coalition.yaml has
    (`known`), as warnings: a misspelt name leaves its partner's covers without the logo.
    (A logo for a partner of no country is not an error: one identity may serve a coalition
    whose countries change.)"""
    import difflib

    found = []
    for name, _path in identity.partner_logos:
        if name not in known:
            near = difflib.get_close_matches(name, sorted(known), n=1)
            found.append(
                InputError(
                    identity.source,
                    f"'partner_logos' names a partner that coalition.yaml does not: '{name}'",
                    row=line_in(identity.source, ["partner_logos", name]),
                    expected="a name from a country's 'partners' or the coalition's 'members'",
                    found=name,
                    hint=(f"Did you mean '{near[0]}'? " if near else "")
                    + "Write the name as coalition.yaml writes it, or remove the logo",
                )
            )
    return found
