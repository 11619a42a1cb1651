"""Figures in authored prose by reference (`{{ figure ... }}`): looked up in the survey's
analysis with disclosure control applied, written at render time in the document's language,
and refused, naming the file and the line, when the figure is withheld or does not exist.

The analysis is the real one of Kenya's demo survey; the one share a test checks is
recomputed here from the raw export with pandas."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pypandoc
import pytest

from lnob.doc import blocks as b
from lnob.doc.text import Name, Num
from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.products import figure_refs
from lnob.products.authored import read_authored
from lnob.render.context import make_localizer
from lnob.render.html import RenderState, render_blocks
from lnob.survey import SurveyResult
from lnob.survey.cache import cached_analysis

ROOT = Path(__file__).resolve().parents[2]
SURVEY = ROOT / "data" / "countries" / "KEN" / "surveys" / "ken-health-access-2024"
INSURED_POOREST = "{{ figure health_insurance.yes by=income group=not_enough }}"


@pytest.fixture(scope="module")
def survey() -> SurveyResult:
    return cached_analysis(SURVEY, "en", cache_dir=None)


def insured_poorest_share() -> float:
    """The weighted share of households with health insurance among those without enough
    income for basic needs, from export.csv (weight column `weight`, as survey.yaml says)."""
    d = pd.read_csv(SURVEY / "export.csv")
    poor = d[(d["respondent-income"] == "not_enough") & d["health-health_insurance"].notna()]
    return (poor["weight"] * (poor["health-health_insurance"] == "yes")).sum() / poor[
        "weight"
    ].sum()


def write_text(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "en.md"
    path.write_text(f"---\ntitle: T\n---\n\nFirst paragraph.\n\n{body}\n", encoding="utf-8")
    return path  # the body's second paragraph is line 7


def rendered(block: b.Markdown, lang: str, tmp_path: Path) -> str:
    state = RenderState(make_localizer(ProjectPaths.at(ROOT), lang, release=True), tmp_path, "t")
    markdown = "".join(p.text for p in render_blocks([block], state))
    return pypandoc.convert_text(markdown, "plain", format="markdown", extra_args=["--wrap=none"])


def test_a_reference_is_the_figure_the_data_gives_in_the_documents_format(
    survey: SurveyResult, tmp_path: Path
) -> None:
    path = write_text(tmp_path, f"Only {INSURED_POOREST} of the poorest are insured.")
    text = read_authored(path, "report_text", "en")
    block = figure_refs.with_figures(text.body, survey, path, text.first_line, source="en.md")
    assert "{{" not in block.text and len(block.figures) == 1
    share = round(100 * insured_poorest_share(), 1)
    assert f"Only {share:.1f}% of the poorest" in rendered(block, "en", tmp_path)
    bn = rendered(block, "bn", tmp_path)  # Bengali digits, as the tables write them
    assert f"{share:.1f}%".translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")) in bn
    fr = rendered(block, "fr", tmp_path)
    assert f"{share:.1f}".replace(".", ",") + "\u00a0%" in fr


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("{{ figure health_cover.yes }}", "the survey has no such figure.*received_care"),
        ("{{ figure received_care.yes by=caste group=dalit }}", "by= one of total, location"),
        ("{{ figure received_care.yes by=income group=rich }}", "group= one of not_enough"),
        ("{{ figure health_barriers }}", "6 answers; name the one.*cost, distance"),
        ("{{ figure received_care by=income }}", "needs the group's category"),
        ("{{ figure received_care colour=red }}", "'colour=red' is not one of by=, group="),
    ],
)
def test_a_reference_to_a_missing_figure_names_the_line(
    survey: SurveyResult, tmp_path: Path, reference: str, message: str
) -> None:
    path = write_text(tmp_path, f"A figure: {reference}.")
    text = read_authored(path, "report_text", "en")
    with pytest.raises(InputError, match=message) as exc:
        figure_refs.with_figures(text.body, survey, path, text.first_line)
    assert exc.value.row == 7 and str(path) in str(exc.value)


def test_a_reference_to_a_withheld_figure_is_refused(survey: SurveyResult, tmp_path: Path) -> None:
    """Disclosure control withholds a group with too few respondents; the text cannot show it
    (the analysis is the real one, with that one row withheld)."""
    table = survey.table("health_insurance", "income")
    rows = tuple(
        dataclasses.replace(r, suppressed=True, estimate=None) if r.category == "not_enough" else r
        for r in table.rows
    )
    tables = tuple(
        dataclasses.replace(table, rows=rows) if t is table else t for t in survey.tables
    )
    withheld = dataclasses.replace(survey, tables=tables)
    path = write_text(tmp_path, f"Only {INSURED_POOREST}.")
    text = read_authored(path, "report_text", "en")
    with pytest.raises(InputError, match="withheld by disclosure control") as exc:
        figure_refs.with_figures(text.body, withheld, path, text.first_line)
    assert exc.value.row == 7


def test_the_brief_demo_text_has_its_figures_from_the_data(survey: SurveyResult) -> None:
    """Kenya's health brief cites figures by reference, in both languages, and types none."""
    for lang in ("en", "sw"):
        body = (ROOT / "briefs" / "KEN" / "health-access" / f"{lang}.md").read_text("utf-8")
        refs = figure_refs.references(body)
        assert len(refs) == 3 and any(INSURED_POOREST in m.group(0) for _, m in refs)
        assert not re.search(r"\d+(\.\d+)?\s?%", body)


def _ken_brief_labels(tmp_path: Path, language: str, *, authored: bool) -> list:
    """The headline labels of Kenya's health-access brief, with the demo's authored labels or
    with them taken out of its brief.yaml."""
    import yaml

    from lnob.coalition import load_coalition
    from lnob.notebook import Doc
    from lnob.products import brief
    from tests.conftest import copy_demo

    paths = copy_demo(tmp_path / "demo")
    spec_file = paths.root / "briefs" / "KEN" / "health-access" / "brief.yaml"
    if not authored:
        figures = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        for headline in figures["headlines"]:
            headline.pop("label", None)
        spec_file.write_text(yaml.safe_dump(figures, allow_unicode=True), encoding="utf-8")
    coalition = load_coalition(paths.coalition_file)
    spec = next(
        s
        for s in coalition.documents()
        if (s.product, s.country, s.slug) == ("brief", "KEN", "health-access")
    )
    spec = dataclasses.replace(spec, language=language)
    numbers = brief.load_numbers(Doc(spec, paths, coalition, preview=False))
    return [k.label for k in brief.headline_numbers(numbers).items]


def test_a_brief_headline_says_what_it_counts_in_the_authors_words(tmp_path: Path) -> None:
    """brief.yaml's `label` per language: the reader's words for the number, with the base of
    a question asked of some only; English, marked as such, where a language has none."""
    sw = _ken_brief_labels(tmp_path / "sw", "sw", authored=True)
    assert dict(sw[0].params)["label"] == "ya wanakaya wa vijijini waliohitaji huduma waliipata"
    assert sw[0].msgid == "{label} ({base})"  # asked of those who needed care: says of how many
    assert sw[2] == "ya kaya zisizo na kipato cha kutosha kwa mahitaji ya msingi zina bima ya afya"
    fr = _ken_brief_labels(tmp_path / "fr", "fr", authored=True)
    assert fr[2].msgid == "{title} (in English)"
    assert dict(fr[2].params)["title"] == Name(
        "of households without enough income for basic needs have health insurance", "en"
    )


def test_a_brief_headline_names_the_answer_it_counts(tmp_path: Path) -> None:
    """Without the author's words: "Was this person able to get the health care they needed?
    — “Yes”, Rural", not the question alone: a share says what it counts."""
    labels = _ken_brief_labels(tmp_path, "en", authored=False)
    # a question asked of some respondents only says of how many: "<label> (of the N ... asked)"
    asked = [m for m in labels if getattr(m, "msgid", "") == "{label} ({base})"]
    assert asked and all(dict(m.params)["base"].msgid.endswith(" asked") for m in asked)
    labels = [dict(m.params)["label"] if m in asked else m for m in labels]
    survey_labels = [m for m in labels if getattr(m, "msgid", "").startswith("{question} — “")]
    assert len(survey_labels) == 3
    assert [dict(m.params)["answer"] for m in survey_labels] == ["Yes", "Yes", "Yes"]
    assert dict(survey_labels[0].params)["group"] == "Rural"


def _members_asked() -> int:
    """Roster rows asked `member_received_care` (skip logic: those who needed care) that
    answered it, from the raw roster export."""
    roster = pd.read_csv(SURVEY / "export-hh_roster.csv", dtype=str, keep_default_na=False)
    asked = roster[roster["member_needed_care"] == "yes"]
    return int((asked["member_received_care"] != "").sum())


def test_a_figure_of_a_question_asked_of_some_says_of_how_many(
    survey: SurveyResult, tmp_path: Path
) -> None:
    """`received_care` is asked only of members who needed care: its share is among them, and
    the sentence says so unless the paragraph names the base itself."""
    n = _members_asked()
    path = write_text(tmp_path, "Care: {{ figure received_care.yes }} received it.")
    text = read_authored(path, "report_text", "en")
    block = figure_refs.with_figures(text.body, survey, path, text.first_line)
    out = rendered(block, "en", tmp_path)
    assert re.search(rf"Care: \d+\.\d% \(of the {n} household members asked\) received", out)
    named = write_text(
        tmp_path,
        "Of the {{ figure received_care value=base }} members who needed care,\n"
        "{{ figure received_care.yes }} received it, and\n"
        "{{ figure received_care.yes by=disability group=disability }} of those with a "
        "disability.",
    )
    text = read_authored(named, "report_text", "en")
    block = figure_refs.with_figures(text.body, survey, named, text.first_line)
    out = rendered(block, "en", tmp_path)
    assert f"Of the {n} members who needed care," in out and "asked)" not in out


def test_the_base_of_a_question_with_several_answers_needs_no_answer(
    survey: SurveyResult, tmp_path: Path
) -> None:
    """Every answer of `health_barriers` has the same base: `value=base` names none."""
    path = write_text(tmp_path, "{{ figure health_barriers value=base }} answered.")
    text = read_authored(path, "report_text", "en")
    block = figure_refs.with_figures(text.body, survey, path, text.first_line)
    bases = {r.base for r in survey.table("health_barriers", "total").rows}
    assert len(bases) == 1 and block.figures == (Num(bases.pop(), "integer"),)
