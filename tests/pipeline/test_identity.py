"""The coalition's identity as configuration (data/identity.yaml): colours, chart palette, logo;
and names whose digits stay as they are written (SHA-256) in a native-digit language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.doc import blocks as b
from lnob.doc.blocks import Chart, Meta, Series
from lnob.doc.text import Msg, Name, _, text_from_json, text_to_json
from lnob.errors import InputError
from lnob.i18n import Catalogue, Formatter, load_languages
from lnob.identity import load_identity
from lnob.render.html import RenderState, render_blocks
from lnob.render.localize import Localizer
from lnob.render.page import BuildInfo, render_page
from lnob.stages import pdf

ROOT = Path(__file__).resolve().parents[2]
# The colours the pages and charts had before they became configuration.
BEFORE = {
    "ink": "#1a1a1a",
    "muted": "#555555",
    "heading": "#0b3d5c",
    "link": "#005a8c",
    "accent": "#0072b2",
    "accent-2": "#e69f00",
    "community": "#009e73",
    "rule": "#d0d7de",
    "tint": "#f3f7fa",
    "paper": "#ffffff",
}
OKABE_ITO = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")


@pytest.fixture
def identity_copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "data" / "identity.yaml", tmp_path / "identity.yaml")
    shutil.copytree(ROOT / "data" / "identity", tmp_path / "identity")
    return tmp_path / "identity.yaml"


def localizer(lang: str) -> Localizer:
    language = load_languages(ROOT / "data" / "languages.yaml")[lang]
    return Localizer(language, Catalogue.load(ROOT / "locale", language), Formatter(language))


def page(
    lang: str | Localizer,
    tmp_path: Path,
    identity_file: Path = ROOT / "data" / "identity.yaml",
    body: str = "<p>Body</p>",
    cover: bool = False,
    partners: tuple[str, ...] = (),
) -> str:
    """A real page (template, stylesheet, identity) around `body`, as the render stage makes it."""
    loc = localizer(lang) if isinstance(lang, str) else lang
    state = RenderState(loc, tmp_path, "doc")
    render_blocks([Meta(title="T")], state)
    build = BuildInfo("lnob x", "a" * 64, "b" * 64, "2026-01-01", "{}", "pandoc")
    return render_page(
        body=body,
        state=state,
        loc=loc,
        doc_id="d",
        product="brief",
        kicker="K",
        byline="B",
        date_iso="2026-01-01",
        date_text="1",
        demo=True,
        author="Leave No One Behind",
        cover=cover,
        toc=False,
        build=build,
        identity=load_identity(identity_file),
        partners=partners,
    )


def page_pdf(lang: str, folder: Path, body: str) -> Path:
    """`body` in a real page (`page`), with its logo, made a tagged PDF by the PDF stage."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(page(lang, folder, body=body), encoding="utf-8")
    shutil.copy(ROOT / "data" / "identity" / "lnob-wordmark.svg", folder / "logo.svg")
    pdf.write_pdf(
        folder / "index.html",
        folder / "doc.pdf",
        fonts=list(localizer(lang).language.fonts),
        where=f"test {lang}",
    )
    return folder / "doc.pdf"


def test_the_default_identity_keeps_the_colours_and_okabe_ito_palette() -> None:
    identity = load_identity(ROOT / "data" / "identity.yaml")
    assert dict(identity.colours) == BEFORE
    assert identity.chart_palette == OKABE_ITO
    assert identity.logo.is_file() and identity.logo.read_text().startswith("<svg")
    css = identity.css()
    assert "--accent: #0072b2;" in css and "--chart-1: #0072b2;" in css


def test_a_colour_that_is_not_a_colour_names_file_key_and_line(identity_copy: Path) -> None:
    text = identity_copy.read_text()
    identity_copy.write_text(text.replace('accent: "#0072B2"', 'accent: "bleu"'))
    with pytest.raises(InputError) as exc:
        load_identity(identity_copy)
    msg = str(exc.value)
    line = next(i for i, s in enumerate(identity_copy.read_text().splitlines(), 1) if "bleu" in s)
    assert str(identity_copy) in msg and "'colours.accent' is not a colour" in msg
    assert f"row {line}" in msg and "'bleu'" in msg

    identity_copy.write_text(text.replace('"#CC79A7"', '"#12345"'))
    with pytest.raises(InputError, match=r"'chart_palette\.3' is not a colour.*'#12345'"):
        load_identity(identity_copy)


def test_a_missing_logo_or_colour_is_named(identity_copy: Path) -> None:
    text = identity_copy.read_text()
    identity_copy.write_text(text.replace("identity/lnob-wordmark.svg", "identity/gone.svg"))
    with pytest.raises(InputError) as exc:
        load_identity(identity_copy)
    assert (
        str(identity_copy) in str(exc.value)
        and "'logo' names a file that does not exist" in str(exc.value)
        and "gone.svg" in str(exc.value)
    )
    identity_copy.write_text(text.replace('  tint: "#f3f7fa"', ""))
    with pytest.raises(InputError, match="'colours' does not match the schema: 'tint'"):
        load_identity(identity_copy)


def test_the_page_takes_its_colours_and_logo_from_the_identity(
    identity_copy: Path, tmp_path: Path
) -> None:
    identity_copy.write_text(identity_copy.read_text().replace('"#0072B2"', '"#AA0055"', 1))
    html = page("bn", tmp_path, identity_copy)
    assert "--accent: #aa0055;" in html and "--accent: #0072b2" not in html
    # the mark, with the coalition's name beside it as text in the page's language
    assert (
        '<span class="logo wordmark"><img class="logo-mark" src="logo.svg" '
        'alt="Leave No One Behind-এর লোগো"><span class="logo-words">Leave No One Behind</span>'
    ) in html
    default = page("en", tmp_path)
    assert "--accent: #0072b2;" in default and 'alt="Logo of Leave No One Behind"' in default


def test_a_cover_shows_the_identitys_image_and_the_logos_of_partners_that_have_one(
    identity_copy: Path, tmp_path: Path
) -> None:
    """cover_image and partner_logos are optional; the logos show when every partner of the
    document has one (the byline names them all), and a brief (no cover) shows neither."""
    partners = ("BRAC", "ActionAid Bangladesh")
    html = page("bn", tmp_path, identity_copy, cover=True, partners=partners)
    assert '<div class="cover-image"></div>' in html
    assert 'header.cover .cover-image { background-image: url("cover.svg"); }' in html
    assert '<p class="partners-title">অংশীদার</p>' in html
    assert (
        '<ul><li><img src="partner-1.svg" alt="BRAC"></li>'
        '<li><img src="partner-2.svg" alt="ActionAid Bangladesh"></li></ul>'
    ) in html
    # one partner without a logo: no row of logos that leaves it out
    some = page("bn", tmp_path, identity_copy, cover=True, partners=("BRAC", "Another"))
    assert "partners-title" not in some.split("</style>")[1]
    brief = page("bn", tmp_path, identity_copy, cover=False, partners=partners)
    body = brief.split("</style>")[1]  # the stylesheet names both classes
    assert "cover-image" not in body and "partners-title" not in body
    text = identity_copy.read_text()
    plain = text[: text.index("\ncover_image:") + 1]  # the identity without either key
    identity_copy.write_text(plain)
    assert load_identity(identity_copy).partner_logos == ()
    bare = page("bn", tmp_path, identity_copy, cover=True, partners=partners)
    body = bare.split("</style>")[1]
    assert "cover-image" not in body and "partners-title" not in body
    identity_copy.write_text(plain + "partner_logos:\n  BRAC: identity/partners/gone.svg\n")
    with pytest.raises(InputError) as exc:
        load_identity(identity_copy)
    msg = str(exc.value)
    assert "'partner_logos.BRAC' names a file that does not exist" in msg and "gone.svg" in msg
    assert f"row {len(plain.splitlines()) + 2}" in msg


def test_without_a_mark_the_page_shows_the_whole_logo(identity_copy: Path, tmp_path: Path) -> None:
    text = identity_copy.read_text()
    identity_copy.write_text("\n".join(x for x in text.split("\n") if "logo_mark:" not in x))
    assert load_identity(identity_copy).document_logo.name == "lnob-wordmark.svg"
    html = page("bn", tmp_path, identity_copy)
    assert '<img class="logo" src="logo.svg" alt="Leave No One Behind-এর লোগো">' in html
    assert '<span class="logo-words">' not in html


def test_a_documents_logo_says_the_coalitions_name_in_its_language(tmp_path: Path) -> None:
    """The mark's words are text in the document's language and font: pdftotext reads the
    Bangla name back from a built brief (an image's wordmark would be English in every one)."""
    from lnob.coalition import load_coalition
    from tests.conftest import copy_demo

    paths = copy_demo(tmp_path / "demo")
    coalition = load_coalition(paths.coalition_file)
    ids = ("bgd-brief-women-health-2026-bn",)
    report = build(paths, BuildOptions(jobs=1), Selection(ids=ids))
    assert not report.failed, [r.error for r in report.failed]
    pdf = paths.site / "bgd" / "bgd-brief-women-health-2026" / "bn"
    text = subprocess.run(
        ["pdftotext", str(next(pdf.glob("*.pdf"))), "-"], capture_output=True, text=True
    ).stdout
    name = localizer("bn").plain(Msg(coalition.name))
    assert name == "কাউকে পেছনে ফেলে নয়" and all(w in text for w in name.split())


def test_charts_draw_with_the_configured_palette(tmp_path: Path) -> None:
    loc = localizer("en")
    chart = Chart(
        title=_("Share"),
        categories=("A", "B"),
        series=(Series(_("Women"), (0.4, 0.3)), Series(_("Men"), (0.2, 0.5))),
    )
    render_blocks([chart], RenderState(loc, tmp_path / "a", "doc", palette=("#aa0055", "#11aa22")))
    render_blocks([chart], RenderState(loc, tmp_path / "b", "doc"))

    def colours(folder: str) -> set[tuple[int, int, int]]:
        img = Image.open(tmp_path / folder / "figures" / "fig-1.png").convert("RGB")
        return {c for _n, c in img.getcolors(maxcolors=1 << 20)}

    configured, default = colours("a"), colours("b")
    assert (0xAA, 0x00, 0x55) in configured and (0x11, 0xAA, 0x22) in configured
    assert (0x00, 0x72, 0xB2) not in configured and (0x00, 0x72, 0xB2) in default


def test_names_keep_their_digits_in_a_native_digit_language(tmp_path: Path) -> None:
    bn = localizer("bn")
    assert bn.plain(_("Inputs ({algorithm})").format(algorithm=Name("SHA-256"))) == "ইনপুট (SHA-256)"
    # a number in the same message still gets Bengali digits; a plain string (data label) too
    assert bn.plain(Msg("{name} {n}").format(name=Name("PDF/UA-1"), n=12)) == "PDF/UA-1 ১২"
    assert bn.plain("SDG 5") == "SDG ৫"
    # names survive the executed notebook's JSON
    msg = _("Logo of {name}").format(name=Name("ISO 3166"))
    assert text_from_json(text_to_json(msg)) == msg
    html = page("bn", tmp_path)
    assert "ইনপুট (SHA-256)" in html and "২৫৬" not in html


def test_hyphenation_follows_the_language_setting(tmp_path: Path) -> None:
    assert '<html lang="en" dir="ltr" class="hyphenate">' in page("en", tmp_path)
    assert '<html lang="bn" dir="ltr" class="no-hyphenate">' in page("bn", tmp_path)


def test_validate_and_build_name_a_broken_identity(tmp_path: Path) -> None:
    from lnob.build.plan import BuildOptions
    from lnob.build.run import build
    from lnob.validate import validate_project
    from tests.conftest import make_project

    paths = make_project(tmp_path / "p")
    assert validate_project(paths)[0] == []
    (paths.data / "identity" / "lnob-wordmark.svg").unlink()
    problems, _checked = validate_project(paths)
    assert len(problems) == 1 and "identity.yaml" in problems[0] and "'logo'" in problems[0]
    with pytest.raises(InputError, match="lnob-wordmark.svg"):
        build(paths, BuildOptions(jobs=1))


def test_validate_names_a_partner_logo_of_a_partner_coalition_yaml_does_not_name(
    tmp_path: Path,
) -> None:
    from lnob.validate import validate_project
    from tests.conftest import copy_demo

    """A warning, not an error: one identity may serve several coalitions' countries."""
    paths = copy_demo(tmp_path / "p")
    text = paths.identity_file.read_text(encoding="utf-8")
    assert "\n  BRAC: identity/" in text
    paths.identity_file.write_text(text.replace("\n  BRAC: identity/", "\n  BRACK: identity/"))
    warnings: list[str] = []
    problems, _checked = validate_project(paths, warnings)
    line = text[: text.index("\n  BRAC: identity/")].count("\n") + 2
    assert problems == [] and len(warnings) == 1, warnings
    assert "'partner_logos' names a partner that coalition.yaml does not: 'BRACK'" in warnings[0]
    assert f"row {line}" in warnings[0] and "Did you mean 'BRAC'?" in warnings[0]


def test_the_imprint_settings_default_to_cc_by_and_are_configurable(identity_copy: Path) -> None:
    """publication: the site's base address, the licence (CC BY 4.0 when not given), the
    copyright holder and an ISBN or DOI per document group."""
    text = identity_copy.read_text()
    default = load_identity(identity_copy)
    assert (default.licence, default.licence_url) == (
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    )
    assert default.permanent_address("ken/ken-brief-x-2026/sw") == (
        "https://leavenoonebehind.example.org/ken/ken-brief-x-2026/sw/"
    )
    start = text.index("\npublication:") + 1
    identity_copy.write_text(
        text[:start]
        + "publication:\n"
        + '  site_url: "https://lnob.example.net/"\n'
        + '  licence: "CC BY-SA 4.0"\n'
        + '  licence_url: "https://creativecommons.org/licenses/by-sa/4.0/"\n'
        + '  copyright: "The LNOB secretariat"\n'
        + '  identifiers: {ken-brief-x-2026: "DOI 10.5555/lnob.1"}\n'
    )
    custom = load_identity(identity_copy)
    assert custom.licence == "CC BY-SA 4.0" and custom.copyright_holder == "The LNOB secretariat"
    assert custom.permanent_address("ken/a") == "https://lnob.example.net/ken/a/"  # one slash
    assert custom.identifier("ken-brief-x-2026") == "DOI 10.5555/lnob.1"
    assert custom.identifier("ken-brief-y-2026") == ""
    html = page("en", identity_copy.parent, identity_file=identity_copy)
    assert "CC BY-SA 4.0" in html and "© 2026" in html and "The LNOB secretariat" in html
    identity_copy.write_text(text[:start] + "publication:\n  site_url: http://lnob.example.net\n")
    with pytest.raises(InputError) as exc:
        load_identity(identity_copy)
    msg = str(exc.value)
    assert str(identity_copy) in msg and "'publication.site_url' is not an https address" in msg
    assert "http://lnob.example.net" in msg


def test_the_imprint_of_a_right_to_left_page_isolates_its_addresses(tmp_path: Path) -> None:
    """In Urdu the address keeps its own order (a <bdi> of left-to-right text), and no
    build internal (hash, parameters, renderer) is printed: the colophon is screen-only."""
    html = page("ur", tmp_path)
    imprint = html[
        html.index('<section class="imprint"') : html.index(
            "</section>", html.index('<section class="imprint"')
        )
    ]
    assert '<bdi dir="ltr">https://creativecommons.org/licenses/by/4.0/</bdi>' in imprint
    assert "a" * 64 not in imprint


def test_the_suppression_mark_is_a_plain_symbol(tmp_path: Path) -> None:
    """A withheld cell prints "*" without the dotted underline WeasyPrint gives an <abbr>
    with a title: read from the laid-out page, with the real template and stylesheet."""
    from weasyprint import HTML

    loc = localizer("en")
    state = RenderState(loc, tmp_path, "doc")
    table = render_blocks(
        [
            b.Table(
                caption="T",
                columns=(b.Column("g", "Group"), b.Column("v", "Share", "percent")),
                rows=(("Dalit", b.Suppressed()), ("Other", 0.5)),
            )
        ],
        state,
    )[0].text
    document = HTML(string=page(loc, tmp_path, body=table), base_url=str(tmp_path)).render()

    def boxes(box):
        yield box
        for child in getattr(box, "children", None) or ():
            yield from boxes(child)

    marks = [
        x
        for p in document.pages
        for x in boxes(p._page_box)
        if getattr(x, "element_tag", None) == "abbr"
    ]
    assert marks and all(
        not m.style["text_decoration_line"] or m.style["text_decoration_line"] == "none"
        for m in marks
    )
