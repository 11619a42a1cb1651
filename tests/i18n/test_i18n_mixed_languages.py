"""Mixed directions and languages, and no English left in a document by accident.

- A name or an untranslated data label inside Arabic or Urdu text is isolated (`<bdi>` with
  its `lang` and direction), and WeasyPrint then keeps "Location (urban/rural and
  sub-national)" in its own order when the line breaks.
- The demo publishes the synthesis in Arabic: built here with --release from a copy of the
  real demo, read back from its HTML and PDF.
- `python -m lnob.i18n report` counts data labels with the catalogue strings.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import weasyprint

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.coalition import load_coalition
from lnob.doc.text import Name, _
from lnob.i18n import Catalogue, Formatter, load_languages
from lnob.i18n.__main__ import main, project_labels
from lnob.i18n.completeness import completeness
from lnob.i18n.labels import Label, missing_labels, taxonomy_labels
from lnob.paths import ProjectPaths
from lnob.products.stocktake import in_english
from lnob.render.localize import Localizer
from lnob.site.reading import undress
from tests.conftest import copy_demo

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = load_languages(ROOT / "data" / "languages.yaml")
LOCATION = "Location (urban/rural and sub-national)"


def localizer(lang: str) -> Localizer:
    language = LANGUAGES[lang]
    return Localizer(language, Catalogue.load(ROOT / "locale", language), Formatter(language))


def test_an_english_label_in_arabic_is_isolated_tagged_and_recorded() -> None:
    loc = localizer("ar")
    html = loc.html(in_english(LOCATION))
    template = loc.catalogue.gettext("{title} (in English)")
    assert not template.missing
    before, after = template.text.split("{title}")
    assert html == f'{before}<bdi lang="en" dir="ltr">{LOCATION}</bdi>{after}'
    assert loc.foreign == {f"en: {LOCATION}"}
    assert loc.plain(in_english(LOCATION)) == template.text.format(title=LOCATION)


def test_names_are_isolated_in_their_own_direction() -> None:
    loc = localizer("ur")
    assert loc.html(Name("SHA-256")) == '<bdi dir="ltr">SHA-256</bdi>'
    assert loc.html(Name("اسلام آباد")) == '<bdi dir="rtl">اسلام آباد</bdi>'
    assert loc.html(Name("<b>&")) == '<bdi dir="ltr">&lt;b&gt;&amp;</bdi>'
    assert not loc.foreign  # a proper name is no untranslated label


def test_a_label_in_the_documents_own_language_is_not_foreign() -> None:
    loc = localizer("en")
    assert loc.html(in_english("Age")) == '<bdi lang="en" dir="ltr">Age</bdi> (in English)'
    assert not loc.foreign


def test_a_missing_nested_message_is_marked_and_its_parameters_escaped() -> None:
    loc = localizer("ar")
    html = loc.html(_("No such message {x}").format(x="<i>"))
    assert html.startswith('<span class="untranslated" lang="en"') and "&lt;i&gt;" in html


def _pdf_lines(html: str, tmp_path: Path) -> list[str]:
    pdf = tmp_path / "t.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("isolated", [False, True])
def test_weasyprint_keeps_an_isolated_english_phrase_in_order_across_lines(
    tmp_path: Path, isolated: bool
) -> None:
    label = f'<bdi lang="en" dir="ltr">{LOCATION}</bdi>' if isolated else LOCATION
    page = (
        '<html lang="ar" dir="rtl"><head><meta charset="utf-8"></head>'
        "<body style=\"width: 5.5cm; font: 20pt 'Noto Sans Arabic', 'Noto Sans'\">"
        f"<p>الفئة: {label} (بالإنجليزية)</p></body></html>"
    )
    english = [line for line in _pdf_lines(page, tmp_path) if re.search("[a-z]", line)]
    text = " ".join(english)
    # In order: "(urban/rural and" then "sub-national)"; without isolation the brackets
    # at the line ends take the paragraph's direction and come out mirrored.
    assert ("(urban/rural" in text and "sub-national)" in text) is isolated, english


def test_the_demo_publishes_the_synthesis_in_a_right_to_left_language() -> None:
    coalition = load_coalition(ROOT / "data" / "coalition.yaml", set(LANGUAGES))
    rtl = [c for c in coalition.synthesis_languages if LANGUAGES[c].is_rtl]
    assert rtl == ["ar"]
    for year in coalition.synthesis_years:
        assert (ROOT / "reports" / "synthesis" / str(year) / "ar.md").is_file()


def test_the_report_counts_data_labels_and_names_the_file(tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.yaml"
    text = (ROOT / "data" / "taxonomy.yaml").read_text(encoding="utf-8")
    taxonomy.write_text(text.replace('ar: "الدين", ', ""), encoding="utf-8")
    labels = taxonomy_labels(taxonomy)
    assert missing_labels(labels, "ar") == (f"{taxonomy.as_posix()}: group religion",)
    assert missing_labels(labels, "bn") == ()
    reports = completeness(ROOT / "locale", [], LANGUAGES, ["ar", "bn"], labels=labels)
    by_lang = {r.lang: r for r in reports}
    assert by_lang["ar"].labels_total == len(labels) and not by_lang["ar"].complete
    assert by_lang["bn"].complete
    assert by_lang["ar"].labels_missing == (f"{taxonomy.as_posix()}: group religion",)
    assert not by_lang["ar"].strings_complete


def test_a_label_is_expected_only_in_its_languages() -> None:
    label = Label(Path("s.yaml"), "title", {"en": "T"}, frozenset({"en", "bn"}))
    assert label.missing_in("bn") and not label.missing_in("ar")


def test_every_label_of_the_demo_has_every_language_it_needs() -> None:
    labels = project_labels(ProjectPaths.at(ROOT), LANGUAGES)
    kinds = {label.key.split()[0] for label in labels}
    assert {"group", "title", "comparison", "Total", "With"} <= kinds
    for lang in LANGUAGES:
        assert missing_labels(labels, lang) == (), lang


def test_report_command_shows_the_label_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "report", "--lang", "ar", "--strict"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert "labels" in header and "labels missing" in header
    assert row.split()[0] == "ar" and row.split()[-1] == "yes"


@pytest.mark.slow
def test_the_arabic_synthesis_builds_for_release_with_no_english_label(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    paths = copy_demo(tmp_path_factory.mktemp("arabic") / "demo")
    doc = "global-synthesis-2026-ar"
    report = build(paths, BuildOptions(jobs=1, release=True), Selection(ids=(doc,)))
    assert not report.failed, [r.error for r in report.failed]
    folder = paths.site / "global" / "global-synthesis-2026" / "ar"
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl"' in html
    # no untranslated string, no English data label in the document (the site's language
    # switcher around it names English in English)
    assert 'lang="en"' not in undress(html)
    assert '<bdi dir="ltr">Save the Children</bdi>' in html  # partners: isolated names
    text = subprocess.run(
        ["pdftotext", str(folder / f"{doc}.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "(in English)" not in text  # links to English-only documents still say so, in Arabic
    assert "Income or wealth" not in text and "Coverage of essential" not in text
    # The same document with one taxonomy group left without its Arabic name: refused.
    taxonomy = paths.data / "taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace('ar: "الدين", ', ""), encoding="utf-8"
    )
    report = build(paths, BuildOptions(jobs=1, release=True), Selection(ids=(doc,)))
    assert [r.doc_id for r in report.failed] == [doc]
    assert "data label(s)" in str(report.failed[0].error)
    assert "en: Religion" in str(report.failed[0].error)


@pytest.mark.parametrize(
    ("lang", "line"), [("ur", "ایس ڈی جی 3.8 کے تحت"), ("ar", "الغاية 3.8 من الأهداف")]
)
def test_the_brief_check_knows_the_word_for_sdg_from_the_catalogue(
    tmp_path: Path, lang: str, line: str
) -> None:
    from lnob.errors import InputError
    from lnob.products.authored import read_authored
    from lnob.products.brief import check_no_figures, reference_words

    path = tmp_path / f"{lang}.md"
    path.write_text(f"---\ntitle: T\nkey_messages: [a]\nrecommendations: [b]\n---\n{line}\n")
    authored = read_authored(path, "brief", lang)
    with pytest.raises(InputError):
        check_no_figures(authored)  # without the catalogue's words: taken for a figure
    check_no_figures(authored, reference_words(ProjectPaths.at(ROOT), lang))
