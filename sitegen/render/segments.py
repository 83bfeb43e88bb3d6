"""Splitting a block's plain text into segments a template renders: text, footnote references, citations.

The text comes from PDFs and is untrusted. It is never turned into HTML here: templates render each
segment with autoescape, so "<script>" in a report stays text on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from sitegen.citations import Citation, find_citations
from sitegen.resolve import Target
from sitegen.symbols import NOTE_MARK_RE

FOOTNOTE_MARK = NOTE_MARK_RE


@dataclass(frozen=True, slots=True)
class Segment:
    kind: Literal["text", "fnref", "xref", "mark", "open", "close", "revision"]
    """"open"/"close" wrap a run the corrigenda removed ("del") or inserted ("ins"): `text` names the tag;
    "revision" follows a citation of a superseded report: the revision's symbol, linked (`href`)."""
    text: str
    href: str = ""
    ref_id: str = ""
    """For a footnote reference: its own id ("fnref-64", "fnref-64-2") for the note's back link."""
    note_id: str = ""
    """For a footnote reference: the note it points at ("fn-64")."""
    external: bool = False


class FootnoteRefs:
    """Hands out fnref ids for one page: the first reference to note 64 is "fnref-64", then "fnref-64-2".
    `labels` maps a note's key to the number printed for it where the two differ (a note a corrigendum
    added is keyed "5_corr1", so its ids never clash with the base's note 5, and printed "5")."""

    def __init__(self, labels: Mapping[str, str] | None = None) -> None:
        self.count: dict[str, int] = {}
        self.labels: Mapping[str, str] = labels or {}

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def next_id(self, number: str) -> str:
        n = self.count.get(number, 0) + 1
        self.count[number] = n
        return f"fnref-{number}" if n == 1 else f"fnref-{number}-{n}"

    def first_id(self, number: str) -> str | None:
        return f"fnref-{number}" if number in self.count else None


Resolver = Callable[[Citation], Target]


def split_text(
    text: str, resolve: Resolver, refs: FootnoteRefs | None, *, cites: bool = True
) -> list[Segment]:
    """Segments of `text`; with `refs` None (footnote text) a "[^N]" marker is kept as text, and with
    `cites` False citations are not searched for (the model says the text has none).

    Citations are found on the whole text, exactly as `anchors.py` found the model's references, so
    a link and the stored reference always agree (a "[^3]" between "Human Rights Council" and
    "resolution 52/23" must not change which series the resolution is read as).
    """
    marks = list(FOOTNOTE_MARK.finditer(text)) if refs is not None else []
    found = find_citations(text) if cites else []
    citations = [c for c in found if not any(c.start < m.start() < c.end for m in marks)]
    events = sorted(
        [(m.start(), m.end(), m) for m in marks] + [(c.start, c.end, c) for c in citations],
        key=lambda e: e[0],
    )
    segments: list[Segment] = []
    pos = 0
    for start, end, event in events:
        if start > pos:
            segments.append(Segment("text", text[pos:start]))
        if isinstance(event, Citation):
            target = resolve(event)
            segments.append(Segment("xref", event.text, href=target.href, external=not target.internal))
        else:
            assert refs is not None
            number = event.group(1)
            segments.append(
                Segment(
                    "fnref",
                    refs.label(number),
                    href=f"#fn-{number}",
                    ref_id=refs.next_id(number),
                    note_id=f"fn-{number}",
                )
            )
        pos = end
    if pos < len(text):
        segments.append(Segment("text", text[pos:]))
    return segments


def footnote_numbers(text: str) -> list[str]:
    return FOOTNOTE_MARK.findall(text)
