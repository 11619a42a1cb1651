"""How complete each language is: catalogue strings and authored documents.

Data labels (group names, indicator and survey titles: `lnob.i18n.labels`) count as
strings: a label without a text in the language is missing like an untranslated msgid.

Strings are counted against the template `locale/messages.pot` (what the code asks
for), so a `.po` file that has not been updated yet shows the new strings as
missing. A string is translated when its entry exists, is not fuzzy and every plural
form has text; fuzzy when flagged fuzzy; missing otherwise. English, the source
language, is always complete in strings.

A release build calls `LanguageReport.require_complete(document)` before publishing
and is refused, with the list of what is missing, when the language is incomplete.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from lnob.errors import BuildError
from lnob.i18n.authored import AuthoredScan, scan_authored
from lnob.i18n.catalogue import po_path
from lnob.i18n.labels import Label, missing_labels
from lnob.i18n.languages import Language
from lnob.i18n.pofiles import read_checked_po, read_template

TEMPLATE_NAME = "messages.pot"


@dataclass(frozen=True)
class LanguageReport:
    """Completeness of one language."""

    lang: str
    po_file: Path | None  # None for English or when the language has no .po file yet
    strings_total: int
    strings_translated: int
    fuzzy: tuple[str, ...]  # msgids ("context|msgid" when there is a context)
    missing: tuple[str, ...]
    documents_present: tuple[str, ...]
    documents_missing: tuple[str, ...]
    labels_total: int = 0  # data labels the language must have (`lnob.i18n.labels`)
    labels_missing: tuple[str, ...] = ()  # "file: key"

    @property
    def strings_complete(self) -> bool:
        return not self.fuzzy and not self.missing and not self.labels_missing

    @property
    def complete(self) -> bool:
        return self.strings_complete and not self.documents_missing

    def require_complete(self, document: str | None = None) -> None:
        """Refuse a release: `IncompleteLanguageError` if a string is fuzzy or missing, or
        if the authored document `document` (all expected documents when None) has no
        version in this language."""
        docs = (
            self.documents_missing
            if document is None
            else tuple(d for d in self.documents_missing if d == document)
        )
        if self.strings_complete and not docs:
            return
        raise IncompleteLanguageError(self, docs)


class IncompleteLanguageError(BuildError):
    """A release build of a language that is not completely translated."""

    def __init__(self, report: LanguageReport, documents: tuple[str, ...]) -> None:
        self.report, self.documents = report, documents
        parts = []
        if report.missing:
            parts.append(
                f"{len(report.missing)} string(s) not translated: {_shortlist(report.missing)}"
            )
        if report.labels_missing:
            parts.append(
                f"{len(report.labels_missing)} data label(s) without a '{report.lang}' "
                f"text: {_shortlist(report.labels_missing)}"
            )
        if report.fuzzy:
            parts.append(
                f"{len(report.fuzzy)} fuzzy string(s) to review: {_shortlist(report.fuzzy)}"
            )
        if documents:
            parts.append(
                f"{len(documents)} authored document(s) without a '{report.lang}' "
                f"version: {', '.join(documents)}"
            )
        where = report.po_file or f"language '{report.lang}'"
        super().__init__(
            f"{where}: a release build does not publish an incomplete language. "
            + "; ".join(parts)
            + f". See `python -m lnob.i18n report --lang {report.lang} --details`"
        )


def completeness(
    locale_dir: Path,
    authored_roots: Iterable[Path],
    languages: Mapping[str, Language],
    only: Iterable[str] | None = None,
    expected: Mapping[str, Iterable[str]] | None = None,
    labels: Iterable[Label] = (),
) -> list[LanguageReport]:
    """One `LanguageReport` per language of `languages` (or of the codes in `only`), in order.

    `languages` is every language the project knows (`load_languages`), so authored files
    in any of them are recognised. `expected` maps a document name
    (`briefs/BGD/women-health`) to the languages it must exist in (the country's, from
    `data/coalition.yaml`); a document it does not list is expected in every language.
    `labels` are the project's data labels (`lnob.i18n.labels.label_sets`), counted per
    language with the strings.
    """
    template = read_template(locale_dir / TEMPLATE_NAME)
    scan = scan_authored(authored_roots, languages)
    wanted = {name: set(codes) for name, codes in (expected or {}).items()}
    codes = list(languages) if only is None else list(only)
    labels = tuple(labels)
    return [
        _with_labels(_report(locale_dir, template, scan, wanted, languages[code]), labels)
        for code in codes
    ]


def _with_labels(report: LanguageReport, labels: tuple[Label, ...]) -> LanguageReport:
    return replace(
        report,
        labels_total=sum(1 for label in labels if label.wanted_in(report.lang)),
        labels_missing=missing_labels(labels, report.lang),
    )


def _report(
    locale_dir: Path,
    template: Catalog,
    scan: AuthoredScan,
    expected: Mapping[str, set[str]],
    lang: Language,
) -> LanguageReport:
    wanted = [m for m in template if m.id]
    path = None if lang.is_source else po_path(locale_dir, lang.code)
    catalog = read_checked_po(path, lang.code) if path is not None and path.exists() else None
    fuzzy: list[str] = []
    missing: list[str] = []
    for message in wanted:
        state = "translated" if lang.is_source else _state(catalog, message)
        if state == "fuzzy":
            fuzzy.append(message_key(message))
        elif state == "missing":
            missing.append(message_key(message))
    documents = [d for d in scan.documents if lang.code in expected.get(d.name, {lang.code})]
    return LanguageReport(
        lang=lang.code,
        po_file=path if catalog is not None else None,
        strings_total=len(wanted),
        strings_translated=len(wanted) - len(fuzzy) - len(missing),
        fuzzy=tuple(fuzzy),
        missing=tuple(missing),
        documents_present=tuple(d.name for d in documents if lang.code in d.versions),
        documents_missing=tuple(d.name for d in documents if lang.code not in d.versions),
    )


def _state(catalog: Catalog | None, wanted: Message) -> str:
    entry = catalog.get(wanted.id, context=wanted.context) if catalog is not None else None
    if entry is None:
        return "missing"
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    if entry.fuzzy and any(forms):
        return "fuzzy"
    if entry.fuzzy or not all(forms) or (wanted.pluralizable != entry.pluralizable):
        return "missing"
    return "translated"


def message_key(message: Message) -> str:
    """How reports name a message: its (singular) msgid, prefixed by 'context|' if any."""
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}|{msgid}" if message.context else str(msgid)


def _shortlist(keys: tuple[str, ...], limit: int = 10) -> str:
    shown = ", ".join(repr(k) for k in keys[:limit])
    return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")
