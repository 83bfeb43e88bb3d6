"""What a search result is: one record per report title, heading, paragraph, sub-paragraph and footnote,
and where each report's records sit in the index's record ids.

Record ids are given report by report, reports sorted by body then year, so a body filter is one range
of ids and a year filter a few. Each report's ids start on a multiple of DOCS_PER_SHARD: a record shard
then holds one report's records, and an edit that changes a report's record count moves no other
report's ids unless the count crosses a multiple of DOCS_PER_SHARD, so the other reports' postings and
record shards stay as they were (see index.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sitegen.anchors import citation_text
from sitegen.corrigenda import note_labels
from sitegen.families import SUPERSEDED_BY, family_fact
from sitegen.model import Heading, Paragraph, Report
from sitegen.symbols import NOTE_MARK_RE, issuing_body
from sitegen.views import report_view

DOCS_PER_SHARD = 32
"""Records per record shard (d<n>.bin); every report's first record id is a multiple of it."""

_FNREF_RE = NOTE_MARK_RE
_YEAR_RE = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Record:
    kind: str
    """"r" report title, "h" heading, "p" paragraph, "i" sub-paragraph, "f" footnote."""
    url: str
    cite: str
    crumb: str
    text: str
    title: str
    superseded_by: str = ""
    """The symbol of the revision that supersedes the record's report ("" when none does)."""

    def row(self) -> list[str]:
        """The record as a record shard stores it (and the browser reads it); the revision that
        supersedes the report comes sixth, only when there is one (most rows stay as they were)."""
        row = [self.kind, self.url, self.cite, self.crumb, self.text]
        return [*row, self.superseded_by] if self.superseded_by else row


def report_body(symbol: str | None) -> str:
    """The issuing body, for the search filter ("other" for a report without a symbol)."""
    return issuing_body(symbol) or "other"


def report_year(report: Report) -> str:
    if report.date and report.date[:4].isdigit():
        return report.date[:4]
    m = _YEAR_RE.search(report.symbol or "")
    return m.group(1) if m else ""


def strip_fnrefs(text: str) -> str:
    return _FNREF_RE.sub("", text)


def _heading_text(h: Heading) -> str:
    return f"{h.label} {h.text}".strip()


def _crumb(headings: tuple[Heading, ...]) -> str:
    """Where a record stands: "I. Introduction › A. Mandate"."""
    return " › ".join(_heading_text(h) for h in headings)


def report_records(report: Report, url: str) -> list[Record]:
    """Every searchable record of one report, in reading order, footnotes last."""
    name = report.symbol or report.title
    title = report.title
    newer = family_fact(report, SUPERSEDED_BY)
    out = [Record("r", url, name, "", title, title)]
    sections = {section.heading.id: section for section in report.sections()}
    crumb = ""
    cited_in: dict[str, str] = {}
    for block in report.blocks:
        if isinstance(block, Heading):
            parents = sections[block.id].parents
            text = _heading_text(block)
            out.append(Record("h", f"{url}#{block.id}", name, _crumb(parents), text, title))
            crumb = _crumb((*parents, block))
            continue
        assert isinstance(block, Paragraph)
        cite = citation_text(name, block)
        for fn in _FNREF_RE.findall(block.text):
            cited_in.setdefault(fn, block.id)
        out.append(Record("p", f"{url}#{block.id}", cite, crumb, strip_fnrefs(block.text), title))
        for item in block.items:
            for fn in _FNREF_RE.findall(item.text):
                cited_in.setdefault(fn, item.id)
            item_cite = f"{cite} {item.label}" if block.number else f"{name} {item.label}"
            out.append(Record("i", f"{url}#{item.id}", item_cite, crumb, strip_fnrefs(item.text), title))
    printed = note_labels(
        [fn.number for fn in report.footnotes]
    )  # a note a corrigendum added: "5", not "5_corr1"
    for fn in report.footnotes:
        target = cited_in.get(fn.number, fn.id)
        label = printed.get(fn.number, fn.number)
        out.append(Record("f", f"{url}#{target}", f"{name}, note {label}", "", strip_fnrefs(fn.text), title))
    return [replace(r, superseded_by=newer) for r in out] if newer else out


@report_view("search-records")
def record_count(report: Report) -> int:
    """len(report_records(report, ...)) without making them: ids are laid out before any report is read."""
    items = sum(len(b.items) for b in report.blocks if isinstance(b, Paragraph))
    return 1 + len(report.blocks) + items + len(report.footnotes)


def ordered_reports(reports: Sequence[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (report_body(r.symbol), report_year(r), r.symbol or "", r.slug))


def id_span(count: int) -> int:
    """The ids a report of `count` records takes: whole record shards."""
    per = DOCS_PER_SHARD
    return -(-count // per) * per


@dataclass(frozen=True, slots=True)
class Placed:
    """A report and its ids: records `base .. base + count - 1`, and `span` ids reserved."""

    report: Report
    base: int
    count: int

    @property
    def span(self) -> int:
        return id_span(self.count)


def place_reports(reports: Sequence[Report]) -> list[Placed]:
    out: list[Placed] = []
    base = 0
    for report in ordered_reports(reports):
        placed = Placed(report, base, record_count(report))
        out.append(placed)
        base += placed.span
    return out


def ranges(ids: list[tuple[int, int]]) -> list[list[int]]:
    """Sorted [start, end) id ranges, adjacent ones joined."""
    out: list[list[int]] = []
    for start, end in ids:
        if out and out[-1][1] == start:
            out[-1][1] = end
        else:
            out.append([start, end])
    return out


def facets(placed: Sequence[Placed]) -> dict[str, dict[str, list[list[int]]]]:
    """Body and year -> the id ranges of their reports (a report's unused ids included, so ranges join)."""
    spans: dict[str, dict[str, list[tuple[int, int]]]] = {"body": {}, "year": {}}
    for p in placed:
        span = (p.base, p.base + p.span)
        spans["body"].setdefault(report_body(p.report.symbol), []).append(span)
        spans["year"].setdefault(report_year(p.report) or "unknown", []).append(span)
    return {name: {k: ranges(v) for k, v in sorted(vals.items())} for name, vals in spans.items()}
