"""What a page shows of editor-made connections (sitegen.connections): under each connected paragraph
or item, the type's label in the page's language and a link that lands on the other end; the words a
connection hangs on marked in the source paragraph; and the whole graph as /connections.json."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.anchors import citation_text
from sitegen.connections import (
    DEFAULT_TYPES,
    Connection,
    ConnectionType,
    End,
    connections_by_anchor,
    connections_graph,
)
from sitegen.corrigenda import note_labels
from sitegen.model import Report
from sitegen.render.segments import Segment
from sitegen.resolve import SiteIndex, undocs_url
from sitegen.symbols import paragraph_citation
from sitegen.write import Output


@dataclass(frozen=True, slots=True)
class ConnectionView:
    label: str
    """The type as seen from this end, in the page's language ("follows up", "followed up in")."""
    other: str
    """The other end as a citer writes it ("A/68/283, para. 77")."""
    href: str
    note: str = ""
    external: bool = False


@dataclass(slots=True)
class SiteConnections:
    """Every accepted connection of the site, by the slug and anchor of each of its ends."""

    index: SiteIndex
    connections: list[Connection] = field(default_factory=list)
    types: Mapping[str, ConnectionType] = field(default_factory=lambda: dict(DEFAULT_TYPES))
    _by_anchor: dict[str, dict[str, list[tuple[Connection, bool]]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_anchor = connections_by_anchor(self.connections)

    def at(self, slug: str, anchor: str, language: str) -> list[ConnectionView]:
        views = []
        for c, at_source in self._by_anchor.get(slug, {}).get(anchor, []):
            other = c.target if at_source else c.source
            label = (
                self.types[c.type].label_for(language, at_source=at_source)
                if c.type in self.types
                else c.type
            )
            views.append(
                ConnectionView(
                    label, self._name(other), self._href(other, language), c.note, external=other.slug is None
                )
            )
        return views

    def quotes(self, slug: str, anchor: str) -> list[str]:
        """The words connections hang on in this block (it is their source end)."""
        found = self._by_anchor.get(slug, {}).get(anchor, [])
        return [c.quote for c, at_source in found if at_source and c.quote]

    def graph(self) -> Output:
        data = connections_graph(self.connections, self.index)
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        return Output("connections.json", text.encode("utf-8"))

    def _href(self, end: End, language: str) -> str:
        if end.slug is None:
            return undocs_url(end.symbol)
        version = self.index.version_for(end.slug, language)
        return f"{version.url}#{end.anchor}"

    def _name(self, end: End) -> str:
        if end.slug is None:
            m = re.fullmatch(r"para-(\d+(?:\.\d+)?)(?:-([a-z]+))?", end.anchor)
            if m:
                return paragraph_citation(end.symbol, m.group(1), m.group(2))
            return f"{end.symbol} #{end.anchor}"
        return _cite(self.index.versions[end.slug][0].report, end.anchor) or f"{end.symbol} #{end.anchor}"


def _cite(report: Report, anchor: str) -> str | None:
    name = report.symbol or report.title
    for p in report.paragraphs:
        if p.id == anchor:
            return citation_text(name, p)
        for it in p.items:
            if it.id == anchor:
                return f"{citation_text(name, p)} {it.label}"
    note = next((f for f in report.footnotes if f.id == anchor), None)
    if note is not None:  # a note a corrigendum added is cited by its printed number ("5", not "5_corr1")
        return (
            f"{name}, note {note_labels([f.number for f in report.footnotes]).get(note.number, note.number)}"
        )
    return None


def mark_quotes(segments: list[Segment], quotes: list[str]) -> list[Segment]:
    """The first place each quoted passage stands inside one text segment, marked."""
    out = segments
    for quote in quotes:
        out = _mark_once(out, " ".join(quote.split()))
    return out


def _mark_once(segments: list[Segment], quote: str) -> list[Segment]:
    for i, s in enumerate(segments):
        at = s.text.find(quote) if s.kind == "text" and quote else -1
        if at >= 0:
            parts = [
                Segment("text", s.text[:at]),
                Segment("mark", quote),
                Segment("text", s.text[at + len(quote) :]),
            ]
            return segments[:i] + [p for p in parts if p.text] + segments[i + 1 :]
    return segments
