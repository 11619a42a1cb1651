"""Command line of the catalogue workflow: `python -m lnob.i18n COMMAND` from the project root.

    extract   collect marked strings into locale/messages.pot
    update    merge messages.pot into every locale/<lang>/LC_MESSAGES/messages.po
    init      create the .po file of a language that has none
    compile   check the .po files and write .mo files into --out DIR
    report    completeness per language (catalogue strings, data labels and authored
              documents);
              --strict exits with 1 when a language is incomplete

Library errors become a message on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lnob.errors import LnobError
from lnob.i18n import labels
from lnob.i18n.authored import AuthoredScan, scan_authored
from lnob.i18n.catalogue import po_path
from lnob.i18n.completeness import LanguageReport, completeness
from lnob.i18n.labels import Label
from lnob.i18n.languages import Language, Languages, load_languages
from lnob.i18n.workflow import compile_catalogues, extract, init, update
from lnob.paths import ProjectPaths


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = ProjectPaths.at(args.root)
    locale_dir = Path(args.locale_dir) if args.locale_dir else paths.locale
    try:
        languages = load_languages(Path(args.languages) if args.languages else paths.languages_file)
        selected = _select(languages, getattr(args, "lang", None))
        if args.command == "extract":
            result = extract(paths.root, locale_dir)
            print(
                f"{result.path}: {result.messages} messages"
                f"{'' if result.changed else ' (unchanged)'}"
            )
            for warning in result.warnings:
                print(f"warning: {warning}", file=sys.stderr)
        elif args.command == "update":
            for result in update(locale_dir, selected):
                print(
                    f"{result.path}: {result.messages} messages"
                    f"{'' if result.changed else ' (unchanged)'}"
                )
        elif args.command == "init":
            if not args.lang:  # every language that has no .po file yet
                selected = [
                    lang
                    for lang in selected
                    if not lang.is_source and not po_path(locale_dir, lang.code).exists()
                ]
            for lang in selected:
                print(f"{init(locale_dir, lang).path}: created")
        elif args.command == "compile":
            for result in compile_catalogues(locale_dir, Path(args.out), selected):
                print(f"{result.path}: {result.messages} messages")
        else:
            roots = (
                [Path(r) for r in args.authored] if args.authored else [paths.reports, paths.briefs]
            )
            scan = scan_authored(roots, languages)
            reports = completeness(
                locale_dir,
                roots,
                languages,
                [lang.code for lang in selected],
                expected_languages(paths, languages, scan),
                project_labels(paths, languages),
            )
            print(format_report(reports, details=args.details))
            for path in scan.unrecognised:
                print(
                    f"warning: {path}: not <document folder>/<lang>.md with a known language",
                    file=sys.stderr,
                )
            if args.strict and not all(r.complete for r in reports):
                return 1
    except LnobError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def format_report(reports: Sequence[LanguageReport], details: bool = False) -> str:
    """The completeness table (and, with `details`, what is missing per language)."""
    header = (
        "lang",
        "strings",
        "translated",
        "fuzzy",
        "missing",
        "labels",
        "labels missing",
        "docs",
        "docs missing",
        "complete",
    )
    rows = [header] + [
        (
            r.lang,
            str(r.strings_total),
            str(r.strings_translated),
            str(len(r.fuzzy)),
            str(len(r.missing)),
            str(r.labels_total),
            str(len(r.labels_missing)),
            str(len(r.documents_present) + len(r.documents_missing)),
            str(len(r.documents_missing)),
            "yes" if r.complete else "NO",
        )
        for r in reports
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    if details:
        for r in reports:
            for label, keys in (
                ("fuzzy", r.fuzzy),
                ("missing", r.missing),
                ("label missing", r.labels_missing),
                ("document missing", r.documents_missing),
            ):
                lines += [f"{r.lang}  {label}: {key}" for key in keys]
    return "\n".join(lines)


def expected_languages(
    paths: ProjectPaths, languages: Languages, scan: AuthoredScan
) -> dict[str, tuple[str, ...]]:
    """The languages each authored document must exist in, from `data/coalition.yaml`:
    `<root>/<ISO3>/...` and `reports/research/<ISO3>/...` take the country's languages,
    other folders the synthesis's."""
    if not paths.coalition_file.exists():
        return {}
    from lnob.coalition import load_coalition  # upper layer: only the command line needs it

    coalition = load_coalition(paths.coalition_file, set(languages))
    by_country = {country.code: country.languages for country in coalition.countries}
    by_slug: dict[str, tuple[str, ...]] = {}  # guides and evaluations: their own languages
    for publication in coalition.publications:
        by_slug[publication.slug or ""] = (
            *by_slug.get(publication.slug or "", ()),
            publication.language,
        )
    expected = {}
    for document in scan.documents:
        parts = document.name.split("/")
        # briefs/<ISO3>/<slug>, reports/research/<ISO3>/<slug>: the country's languages
        owner = next((p for p in parts[1:-1] if p.upper() in by_country), "")
        if len(parts) == 2 and parts[1] in by_slug:
            expected[document.name] = by_slug[parts[1]]
            continue
        expected[document.name] = by_country.get(owner.upper(), coalition.synthesis_languages)
    return expected


def project_labels(paths: ProjectPaths, languages: Languages) -> list[Label]:
    """Every data label a reader sees, with the languages it must be in (`lnob.i18n.labels`):
    taxonomy groups, SDG indicator titles and the survey library's words in every language;
    survey titles in their country's and the synthesis' languages; the synthesis' comparison
    labels in the synthesis' languages."""
    from lnob.i18n import wording

    words = {"Total": wording.TOTAL, "With disability": wording.WITH_DISABILITY}
    words["Without disability"] = wording.WITHOUT_DISABILITY
    words["Not stated"] = wording.NOT_STATED
    words.update({f"group {key}": texts for key, texts in wording.GROUP_NAMES.items()})
    by_country: dict[str, tuple[str, ...]] = {}
    synthesis: tuple[str, ...] = tuple(languages)
    if paths.coalition_file.exists():
        from lnob.coalition import load_coalition

        coalition = load_coalition(paths.coalition_file, set(languages))
        by_country = {country.code: country.languages for country in coalition.countries}
        synthesis = coalition.synthesis_languages
    return [
        *labels.taxonomy_labels(paths.data / "taxonomy.yaml"),
        *labels.indicator_title_labels(paths.data / "sdg"),
        *labels.wording_labels(Path(wording.__file__), words),
        *labels.survey_title_labels(paths.data / "countries", by_country, synthesis),
        *labels.synthesis_labels(paths.reports, synthesis),
    ]


def _select(languages: Languages, codes: list[str] | None) -> list[Language]:
    return [languages[c] for c in codes] if codes else list(languages.values())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lnob.i18n",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", default=".", help="project root (default: current folder)")
    parser.add_argument("--locale-dir", help="catalogue folder (default: ROOT/locale)")
    parser.add_argument("--languages", help="languages file (default: ROOT/data/languages.yaml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="collect marked strings into locale/messages.pot")
    for name, text in (
        ("update", "merge messages.pot into the .po files"),
        ("init", "create .po files for languages that have none"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--lang", action="append", help="language code (repeatable)")
    cmd = sub.add_parser("compile", help="check .po files and write .mo files into --out")
    cmd.add_argument("--out", required=True, help="folder for <lang>/LC_MESSAGES/messages.mo")
    cmd.add_argument("--lang", action="append", help="language code (repeatable)")
    cmd = sub.add_parser("report", help="completeness per language")
    cmd.add_argument("--lang", action="append", help="language code (repeatable)")
    cmd.add_argument(
        "--authored",
        action="append",
        help="folder of authored Markdown (repeatable; default: reports, briefs)",
    )
    cmd.add_argument("--details", action="store_true", help="list what is fuzzy or missing")
    cmd.add_argument("--strict", action="store_true", help="exit 1 if a language is incomplete")
    return parser


if __name__ == "__main__":
    sys.exit(main())
