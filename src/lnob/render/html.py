"""Blocks to the parts of a document: HTML for what the package builds, Markdown for authored text.

Every string from data or a catalogue is escaped here, in one place. Figures and
tables are numbered, captioned, given alternative text from their data, and the
figures behind them are written as CSV for download.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lnob.doc import blocks as b
from lnob.doc.figure_slots import fill_slots
from lnob.doc.text import Msg, Num, NumKind, _
from lnob.i18n import require_glyphs
from lnob.render import charts
from lnob.render.csvcells import csv_text
from lnob.render.localize import Localizer, escape
from lnob.render.tabledata import DataTable, Rows


@dataclass
class Part:
    kind: str  # "html" or "markdown"
    text: str


@dataclass
class Download:
    path: str  # relative to the document folder
    title: str
    kind: str  # "figure" or "table"


@dataclass
class RenderState:
    loc: Localizer
    out_dir: Path
    where: str
    meta: b.Meta | None = None
    figures: int = 0
    tables: int = 0
    sections: int = 0
    downloads: list[Download] = field(default_factory=list)
    data: list[DataTable] = field(default_factory=list)  # each download's cells (spreadsheet)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # level, id, html
    drafts: list[str] = field(default_factory=list)  # generated text where authored belongs
    fallbacks: list[str] = field(default_factory=list)  # authored texts shown in English
    palette: tuple[str, ...] = charts.PALETTE  # chart series colours (data/identity.yaml)
    unshown: list[b.Table] = field(default_factory=list)  # data-only tables, written last


def render_blocks(blocks: list[Any], state: RenderState) -> list[Part]:
    parts: list[Part] = []
    for block in blocks:
        handler = _HANDLERS.get(type(block))
        if handler is None:
            raise TypeError(f"{state.where}: no renderer for block {type(block).__name__}")
        part = handler(block, state)
        if part is not None:
            parts.append(part)
    for table in state.unshown:  # numbered after every printed table: no gap in print
        _table_data(table, state)
    state.unshown.clear()
    return parts


def _meta(block: b.Meta, state: RenderState) -> None:
    state.meta = block


def _heading(block: b.Heading, state: RenderState) -> Part:
    state.sections += 1
    anchor = f"sec-{state.sections}"
    level = min(max(block.level, 2), 4)
    text = state.loc.html(block.text)
    state.headings.append((level, anchor, text))
    return Part("html", f'<h{level} id="{anchor}">{text}</h{level}>')


def _paragraph(block: b.Paragraph, state: RenderState) -> Part:
    return Part("html", f"<p>{state.loc.html(block.text)}</p>")


_LIST_MARKER = re.compile(r"^(\s*\d+[.)]\s)", re.M)


def _markdown(block: b.Markdown, state: RenderState) -> Part:
    if block.fallback:
        state.fallbacks.append(block.source or "authored text")
    # Digits in the language's own numerals, but not the markers of a numbered list.
    pieces = _LIST_MARKER.split(block.text)
    text = "".join(
        p if _LIST_MARKER.fullmatch(p) else state.loc.formatter.digits(p) for p in pieces
    )
    # Referenced figures, in the language's format; punctuation escaped, so "5." stays text.
    figures = [_md_literal(state.loc.plain(n)) for n in block.figures]
    return Part("markdown", fill_slots(text, lambda i: figures[i]))


def _md_literal(text: str) -> str:
    return "".join("\\" + c if c in string.punctuation else c for c in text)


def _draft(block: b.Draft, state: RenderState) -> None:
    state.drafts.append(block.source)


def _bullets(block: b.BulletList, state: RenderState) -> Part:
    tag = "ol" if block.ordered else "ul"
    items = "".join(f"<li>{state.loc.html(t)}</li>" for t in block.items)
    return Part("html", f"<{tag}>{items}</{tag}>")


def _value(v: Num | b.Interval, loc: Localizer) -> str:
    return loc.interval(v) if isinstance(v, b.Interval) else loc.num(v)


def _provenance(p: str) -> Msg:
    return {
        "official": _("Official statistics"),
        "community": _("Community-generated data"),
        "mixed": _("Official and community-generated data"),
    }[p]


def _key_numbers(block: b.KeyNumbers, state: RenderState) -> Part:
    loc = state.loc
    items = []
    for k in block.items:
        items.append(
            f'<div class="key-number {k.provenance}"><dt>{escape(_value(k.value, loc))}</dt>'
            f'<dd>{loc.html(k.label)}<span class="provenance">{loc.html(_provenance(k.provenance))}'
            f"{' · ' + loc.html(k.source) if k.source else ''}</span></dd></div>"
        )
    title = f"<h3>{loc.html(block.title)}</h3>" if block.title else ""
    return Part("html", f'<section class="key-numbers">{title}<dl>{"".join(items)}</dl></section>')


def _alt_text(block: b.Chart, cats: list[str], state: RenderState) -> str:
    loc = state.loc
    first = block.series[0]
    pairs = [(c, v) for c, v in zip(cats, first.values, strict=True) if v is not None]
    title = loc.plain(block.title)
    if not pairs:
        return loc.plain(_("Bar chart: {title}. No values can be shown.").format(title=title))
    hi = max(pairs, key=lambda p: p[1])
    lo = min(pairs, key=lambda p: p[1])
    kind: NumKind = "percent" if block.unit == "percent" else "number"
    fmt = lambda v: loc.num(Num(v, kind, block.decimals))  # noqa: E731
    return loc.plain(
        _(
            "Bar chart: {title}. Highest: {high_group}, {high_value}. "
            "Lowest: {low_group}, {low_value}."
        ).format(
            title=title,
            high_group=hi[0],
            high_value=fmt(hi[1]),
            low_group=lo[0],
            low_value=fmt(lo[1]),
        )
    )


def _note(block: b.Chart | b.Table, loc: Localizer) -> str:
    """The block's note as plain text, for its sheet of the spreadsheet."""
    return loc.plain(block.note) if block.note else ""


def _chart(block: b.Chart, state: RenderState) -> Part:
    loc = state.loc
    state.figures += 1
    n = state.figures
    kind: NumKind = "percent" if block.unit == "percent" else "number"
    drawn = [loc.plain(c) for c in block.categories]
    headers = [(g.start, loc.plain(g.label)) for g in block.groups]
    cats = _full_categories(drawn, headers, loc)  # for the data file and the alt text
    series = [(loc.plain(s.name), list(s.values), list(s.low), list(s.high)) for s in block.series]
    withheld = loc.plain(WITHHELD_BAR)  # in the graphic, not an empty row
    labels = [
        [loc.num(Num(v, kind, block.decimals)) if v is not None else withheld for v in s.values]
        for s in block.series
    ]
    axis = (
        loc.plain(block.value_label)
        if block.value_label
        else (loc.plain(_("Per cent")) if kind == "percent" else "")
    )
    families = list(loc.language.fonts)
    require_glyphs(
        "\n".join(cats + [s[0] for s in series] + [axis] + sum(labels, [])),
        families,
        f"{state.where}, figure {n} (chart text)",
    )
    png = f"figures/fig-{n}.png"
    charts.bar_chart_png(
        state.out_dir / png,
        categories=drawn,
        headers=headers,
        series=series,
        value_labels=labels,
        axis_label=axis,
        percent=kind == "percent",
        families=families,
        rtl=loc.direction == "rtl",
        tick_format=lambda v: _tick(v, loc),
        palette=state.palette,
    )
    csv_path = f"data/fig-{n}.csv"
    rows = _write_chart_csv(state.out_dir / csv_path, block, cats, loc)
    title = loc.plain(block.title)
    state.downloads.append(Download(csv_path, title, "figure"))
    state.data.append(
        DataTable.of(
            csv_path, title, "figure", n, rows, _source_text(block.source, loc), _note(block, loc)
        )
    )
    caption = loc.html(_("Figure {n}").format(n=Num(n, "integer")))
    src = _source_line(block.source, block.provenance, loc)
    note = f'<span class="note">{loc.html(block.note)}</span>' if block.note else ""
    return Part(
        "html",
        (
            f'<figure id="fig-{n}" class="chart {block.provenance}">'
            f'<img src="{png}" alt="{escape(_alt_text(block, cats, state))}" />'
            f'<figcaption><span class="label">{caption}</span> {escape(title)}{note}{src}'
            f' <a class="download" href="{csv_path}">{loc.html(DATA_CSV)}</a>'
            f"</figcaption></figure>"
        ),
    )


def _full_categories(drawn: list[str], headers: list[tuple[int, str]], loc: Localizer) -> list[str]:
    """Each category with the name of the group it is drawn under ("Sex: Female"), for
    where it stands alone: a row of the chart's data file, its alternative text."""
    out, group = [], None
    starts = dict(headers)
    for i, category in enumerate(drawn):
        group = starts.get(i, group)
        out.append(
            category
            if group is None
            else loc.plain(GROUP_CATEGORY.format(group=group, category=category))
        )
    return out


GROUP_CATEGORY = _("{group}: {category}")


def _tick(value: float, loc: Localizer) -> str:
    """A value-axis number as the text writes numbers (digits, grouping, decimal sign)."""
    whole = float(value).is_integer()
    return loc.num(Num(value, "integer") if whole else Num(value, "number", 1))


DATA_CSV = _("Data (CSV)")
SOURCE = _("Source: {source}")
SUPPRESSED = _("Suppressed: too few respondents")
# Printed above a table's rows on each page after its first (document.css: the first row
# names it, the page's top corner shows it, the table's foot clears it).
CONTINUED = _("{table} (continued)")


def _first_row(trs: list[str], loc: Localizer, n: int) -> None:
    """Give the table's first row the words a page it continues on prints above it."""
    if trs and trs[0].startswith("<tr"):
        label = _("Table {n}").format(n=Num(n, "integer"))
        words = escape(loc.plain(CONTINUED.format(table=label)))
        trs[0] = f'<tr data-continued="{words}"' + trs[0][3:]


WITHHELD_BAR = _("withheld: too few respondents")


def _source_text(source: Any, loc: Localizer) -> str:
    return loc.plain(SOURCE.format(source=source)) if source else ""


def _source_line(source: Any, provenance: str, loc: Localizer) -> str:
    prov = loc.html(_provenance(provenance))
    src = f" · {loc.html(SOURCE.format(source=source))}" if source else ""
    return f'<span class="source">{prov}{src}</span>'


def _cell(value: Any, col: b.Column, loc: Localizer) -> tuple[str, str]:
    """(html, css class) for one table cell."""
    if value is None:
        return "—", "num empty"
    if isinstance(value, b.Suppressed):
        return (f'<abbr title="{escape(loc.plain(SUPPRESSED))}">*</abbr>', "num suppressed")
    if isinstance(value, b.Marked):
        inner, cls = _cell(value.value, col, loc)
        return f'{inner}<span class="mark">{escape(value.mark)}</span>', cls
    if isinstance(value, b.Interval):
        return escape(loc.interval(value)), "num"
    if isinstance(value, Num):
        return escape(loc.num(value)), "num"
    if col.kind in ("number", "percent", "integer") and isinstance(value, (int, float)):
        kind = "integer" if col.kind == "integer" else col.kind
        return escape(loc.num(Num(value, kind, 0 if kind == "integer" else col.decimals))), "num"
    if col.kind == "symbol":
        return loc.html(value), "symbol"
    return loc.html(value), "text"


def _table_data(block: b.Table, state: RenderState) -> tuple[int, str, str]:
    """Number the table, write its CSV, list it as a download: (number, CSV path, title)."""
    loc = state.loc
    state.tables += 1
    n = state.tables
    csv_path = f"data/table-{n}.csv"
    rows = _write_table_csv(state.out_dir / csv_path, block, loc)
    title = loc.plain(block.caption)
    state.downloads.append(Download(csv_path, title, "table"))
    state.data.append(
        DataTable.of(
            csv_path, title, "table", n, rows, _source_text(block.source, loc), _note(block, loc)
        )
    )
    return n, csv_path, title


def _table(block: b.Table, state: RenderState) -> Part | None:
    loc = state.loc
    if not block.shown:
        state.unshown.append(block)
        return None
    n, csv_path, title = _table_data(block, state)
    head = "".join(
        f'<th scope="col" class="{c.kind}">{loc.html(c.label)}</th>' for c in block.columns
    )
    body: list[str] = []
    for group, rows in row_runs(block):
        trs = []
        if group is not None:
            trs.append(
                f'<tr class="rowgroup"><th scope="rowgroup" colspan="{len(block.columns)}"'
                f">{loc.html(group.label)}</th></tr>"
            )
        for row in rows:
            cells = []
            for i, (value, col) in enumerate(zip(row, block.columns, strict=True)):
                html_, cls = _cell(value, col, loc)
                tag = "th" if i == 0 else "td"
                scope = ' scope="row"' if i == 0 else ""
                cells.append(f'<{tag}{scope} class="{cls}">{html_}</{tag}>')
            trs.append(f"<tr>{''.join(cells)}</tr>")
        if not body:
            _first_row(trs, loc, n)
        group_cls = "" if group is None else ' class="group"'
        body.append(f"<tbody{group_cls}>{''.join(trs)}</tbody>")
    label = loc.html(_("Table {n}").format(n=Num(n, "integer")))
    legend = ""
    if block.legend or any(isinstance(c, b.Suppressed) for r in block.rows for c in r):
        items = [f"<span>{escape(sym)} {loc.html(meaning)}</span>" for sym, meaning in block.legend]
        if any(isinstance(c, b.Suppressed) for r in block.rows for c in r):
            items.append(f"<span>* {loc.html(SUPPRESSED)}</span>")
        legend = f'<p class="legend">{" ".join(items)}</p>'
    note = f'<p class="note">{loc.html(block.note)}</p>' if block.note else ""
    return Part(
        "html",
        (
            f'<div class="table-wrap" id="tbl-{n}">'
            f'<table class="{block.provenance}{" grouped" if block.row_groups else ""}">'
            f'<caption><span class="label">{label}</span> {escape(title)}</caption>'
            f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>"
            f'<div class="table-foot">{legend}{note}'
            f"<p>{_source_line(block.source, block.provenance, loc)}"
            f' <a class="download" href="{csv_path}">{loc.html(DATA_CSV)}</a></p></div></div>'
        ),
    )


def row_runs(block: b.Table) -> list[tuple[b.RowGroup | None, tuple[tuple[Any, ...], ...]]]:
    """The table's rows in runs: those before the first row group (if any), then each group."""
    bounds = [g.start for g in block.row_groups] + [len(block.rows)]
    runs: list[tuple[b.RowGroup | None, tuple[tuple[Any, ...], ...]]] = []
    if bounds[0] > 0 or not block.row_groups:
        runs.append((None, block.rows[: bounds[0]]))
    runs += [
        (g, block.rows[g.start : end]) for g, end in zip(block.row_groups, bounds[1:], strict=True)
    ]
    return runs


def _callout(block: b.Callout, state: RenderState) -> Part:
    loc = state.loc
    body = "".join(f"<p>{loc.html(t)}</p>" for t in block.body)
    return Part(
        "html",
        f'<aside class="callout {block.kind}"><h3>{loc.html(block.title)}</h3>{body}</aside>',
    )


def _blocks(block: b.Blocks, state: RenderState) -> None:
    raise TypeError("Blocks are flattened before rendering")


def _write_chart_csv(path: Path, block: b.Chart, cats: list[str], loc: Localizer) -> Rows:
    header = [
        loc.plain(_("Group")),
        loc.plain(_("Series")),
        loc.plain(_("Value")),
        loc.plain(_("Lower 95% bound")),
        loc.plain(_("Upper 95% bound")),
        loc.plain(_("Unit")),
    ]
    unit = "percent" if block.unit == "percent" else "number"
    rows: list[list[str | None]] = []
    for s in block.series:
        for i, cat in enumerate(cats):
            v = s.values[i]
            lo = s.low[i] if s.low else None
            hi = s.high[i] if s.high else None
            scale = 100.0 if unit == "percent" else 1.0
            figures: list[str | None] = [None, None, None]  # withheld: the chart says so
            if v is not None:
                digits = max(block.decimals, 1) + 1
                figures = ["" if x is None else f"{x * scale:.{digits}f}" for x in (v, lo, hi)]
            rows.append([cat, loc.plain(s.name), *figures, unit])
    return _write_csv(path, header, rows)


def _write_table_csv(path: Path, block: b.Table, loc: Localizer) -> Rows:
    """The table's figures as data. A withheld cell is blank, as a missing one is, so a table
    with withheld cells ends with a `Status` column saying which rows hold one. A table with
    row groups starts with a column naming each row's group (blank before the first group,
    e.g. for a total), so every row reads on its own."""
    header: list[str] = []
    for c in block.columns:
        if c.kind == "interval":
            header += [
                loc.plain(c.label),
                loc.plain(_("Lower 95% bound")),
                loc.plain(_("Upper 95% bound")),
            ]
        else:
            header.append(loc.plain(c.label))
    withheld = [any(isinstance(c, b.Suppressed) for c in row) for row in block.rows]
    if any(withheld):
        header.append(loc.plain(_("Status")))
    groups: list[str] = []  # each row's group, when the table has row groups
    if block.row_groups:
        header.insert(0, loc.plain(block.group_column or _("Group")))
        groups = [loc.plain(g.label) if g else "" for g, run in row_runs(block) for _row in run]
    rows: list[list[str | None]] = []
    for i, (row, row_withheld) in enumerate(zip(block.rows, withheld, strict=True)):
        out: list[str | None] = list(groups[i : i + 1])
        for value, c in zip(row, block.columns, strict=True):
            if c.kind == "interval":
                if isinstance(value, b.Interval):
                    s = 100.0 if value.percent else 1.0
                    out += [
                        f"{x * s:.{value.decimals + 1}f}"
                        for x in (value.estimate, value.low, value.high)
                    ]
                else:  # None: withheld, blank in the CSV
                    out += [None if isinstance(value, b.Suppressed) else ""] * 3
            elif isinstance(value, b.Suppressed):
                out.append(None)
            elif value is None:
                out.append("")
            elif isinstance(value, b.Marked):
                mark = value.value
                out.append("" if mark.value is None else repr(mark.value))
            elif isinstance(value, Num):
                out.append("" if value.value is None else repr(value.value))
            elif isinstance(value, (int, float)):
                out.append(repr(value))
            else:
                out.append(loc.plain(value))
        if any(withheld):
            out.append(loc.plain(SUPPRESSED) if row_withheld else "")
        rows.append(out)
    return _write_csv(path, header, rows)


def _write_csv(path: Path, header: list[str], rows: list[list[str | None]]) -> Rows:
    """Write the CSV (a withheld cell, None, is blank) and give its header and rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(csv_text([header, *rows]), encoding="utf-8")
    return tuple(header), tuple(tuple(r) for r in rows)


_HANDLERS: dict[type, Any] = {
    b.Meta: _meta,
    b.Heading: _heading,
    b.Paragraph: _paragraph,
    b.Markdown: _markdown,
    b.Draft: _draft,
    b.BulletList: _bullets,
    b.KeyNumbers: _key_numbers,
    b.Chart: _chart,
    b.Table: _table,
    b.Callout: _callout,
    b.Blocks: _blocks,
}


# --- Heatmap (appended): the coverage matrix as an accessible table ---------------------
# Each cell carries a symbol AND a colour class, so it reads without colour. The symbols
# are drawn by "Noto Sans", which ends every language's font list (data/languages.yaml);
# tests check them with lnob.i18n.missing_glyphs.
# A dot (available), a cross (not available by this group) and a dash (no data at all), all in
# Noto Sans, which ends every language's fonts. Never U+25CC, the dotted circle: a shaper draws
# it for a broken Bengali or Devanagari cluster, and a reader would take it for a broken letter.
HEATMAP_SYMBOLS: dict[str, str] = {"available": "\u2022", "gap": "\u00d7", "none": "\u2013"}
HEATMAP_MARK = "\u2023"  # marks a highlighted row (e.g. the research focus)
HEATMAP_MEANINGS: dict[str, Msg] = {
    "available": _("Data broken down by this group (latest year shown)"),
    "gap": _("Data on the indicator, but not broken down by this group"),
    "none": _("No data at all on the indicator"),
}
HEATMAP_STATUS: dict[str, Msg] = {
    "available": _("available"),
    "gap": _("not available"),
    "none": _("no data at all"),
}


def _heatmap_cell(cell: b.HeatmapCell, loc: Localizer) -> str:
    """Symbol and year as one run of text ("• 2021"): WeasyPrint lays out, draws and tags each
    run and box of a table cell, and a stocktake has 150-190 cells. The meaning is said in words
    (`hm-status`): hidden on screen but read by screen readers, not printed (the legend says it
    on paper; the PDF stage gives it to each tagged cell, stages/pdf_heatmap.py)."""
    text = HEATMAP_SYMBOLS[cell.state]
    if cell.state == "available" and cell.year is not None:
        text += " " + escape(loc.num(Num(cell.year, "year")))
    status = escape(loc.plain(HEATMAP_STATUS[cell.state]))
    return f'<td class="hm hm-{cell.state}"><span class="hm-status">{status} </span>{text}</td>'


def _heatmap(block: b.Heatmap, state: RenderState) -> Part:
    loc = state.loc
    state.tables += 1
    n = state.tables
    head = "".join(
        f'<th scope="col" class="hm-col"><span>{loc.html(c)}</span></th>' for c in block.columns
    )
    mark_title = escape(loc.plain(block.highlight_label)) if block.highlight_label else ""
    body = []
    for row in block.rows:
        if len(row.cells) != len(block.columns):
            raise ValueError(
                f"{state.where}: heatmap row {row.code} has {len(row.cells)} "
                f"cells for {len(block.columns)} columns"
            )
        mark = (
            f'<abbr class="hm-mark" title="{mark_title}">{HEATMAP_MARK}</abbr> '
            if row.highlight
            else ""
        )
        cells = "".join(_heatmap_cell(c, loc) for c in row.cells)
        body.append(
            f'<tr class="{"highlight" if row.highlight else "plain"}">'
            f'<th scope="row" class="hm-row">{mark}<span class="hm-code">'
            f"{loc.html(row.code)}</span> {loc.html(row.title)}</th>{cells}</tr>"
        )
    csv_path = f"data/table-{n}.csv"
    rows = _write_heatmap_csv(state.out_dir / csv_path, block, loc)
    title = loc.plain(block.caption)
    state.downloads.append(Download(csv_path, title, "table"))
    state.data.append(
        DataTable.of(csv_path, title, "table", n, rows, _source_text(block.source, loc))
    )
    label = loc.html(_("Table {n}").format(n=Num(n, "integer")))
    keys = [
        f'<span class="hm-key"><span class="hm hm-{s}" aria-hidden="true">'
        f"{HEATMAP_SYMBOLS[s]}</span> {loc.html(HEATMAP_MEANINGS[s])}</span>"
        for s in ("available", "gap", "none")
    ]
    if block.highlight_label and any(r.highlight for r in block.rows):
        keys.append(
            f'<span class="hm-key"><span class="hm-mark" aria-hidden="true">'
            f"{HEATMAP_MARK}</span> {loc.html(block.highlight_label)}</span>"
        )
    _first_row(body, loc, n)
    legend = f'<p class="legend heatmap-legend">{" ".join(keys)}</p>'
    note = f'<p class="note">{loc.html(block.note)}</p>' if block.note else ""
    return Part(
        "html",
        (
            f'<div class="table-wrap heatmap-wrap" id="tbl-{n}">'
            f'<table class="heatmap {block.provenance}">'
            f'<caption><span class="label">{label}</span> {escape(title)}</caption>'
            f'<thead><tr><th scope="col" class="hm-corner">{loc.html(block.row_header)}</th>{head}'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f'<div class="table-foot">{legend}{note}<p>'
            f"{_source_line(block.source, block.provenance, loc)}"
            f' <a class="download" href="{csv_path}">{loc.html(DATA_CSV)}</a></p></div></div>'
        ),
    )


def _write_heatmap_csv(path: Path, block: b.Heatmap, loc: Localizer) -> Rows:
    """One row per indicator x column (tidy): code, title, column, status, latest year."""
    header = [
        loc.plain(_("Indicator code")),
        loc.plain(block.row_header),
        loc.plain(_("Group")),
        loc.plain(_("Status")),
        loc.plain(_("Latest year")),
    ]
    rows: list[list[str | None]] = []
    for row in block.rows:
        for column, cell in zip(block.columns, row.cells, strict=True):
            rows.append(
                [
                    row.code,
                    loc.plain(row.title),
                    loc.plain(column),
                    loc.plain(HEATMAP_STATUS[cell.state]),
                    "" if cell.year is None or cell.state != "available" else str(cell.year),
                ]
            )
    return _write_csv(path, header, rows)


_HANDLERS[b.Heatmap] = _heatmap


def register_handler(block_type: type, handler: Any) -> None:
    """Render blocks of a type defined in another module: `handler(block, state) -> Part`."""
    _HANDLERS[block_type] = handler
