"""The document model: one report, as every reader produces it and every writer consumes it.

Only the readers create these objects (through `sitegen.anchors.finish_report`, which gives every
block its id); the resolver and the writers only read them. The JSON form (`to_dict`) is the
public contract of `sitegen extract --json` (shared/spec/CONTRACT.md, section 2) and the format of
the reader cache, so `from_dict(to_dict(r)) == r` must always hold.

This module imports nothing from the rest of sitegen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

MODEL_VERSION = 2
"""Bumped whenever the model's shape or the readers' output changes, so caches are invalidated."""

PARAGRAPH_KINDS = ("paragraph", "preamble", "rule-paragraph", "agenda-item")
"""What a paragraph is to a citer, and so which anchor it gets (CONTRACT.md section 4): a report's
paragraph (`para-26`, or an id after the block above it when unnumbered), a resolution's preambular
paragraph (`pp-3`, counted in order), a numbered paragraph of a rule of procedure (`rule-12-2`), an
agenda item (`item-4`). JSON writes it as `"anchor": {"type": "preamble"}`, only when it is not
"paragraph": a label like the block's own "type", not words of the document (tools that read the
model's strings as the document's text skip "type" values), and a report's JSON stays as it was."""

HEADING_KINDS = ("section", "rule", "agenda-item")
"""A heading opens a section (`sec-iii-a`), a rule of procedure (`rule-12`) or the annotation of an
agenda item (`item-4`). JSON writes it as `"anchor": {"type": "rule"}`, only when it is not
"section"."""


@dataclass(frozen=True, slots=True)
class Item:
    """A sub-paragraph such as "(a) ..." inside a numbered paragraph."""

    label: str
    """As printed: "(a)", "(ii)", "а)"."""
    id: str
    """"para-26-a": the paragraph's id plus the item's letter (Cyrillic letters map to Latin by position)."""
    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    id: str
    level: int
    """1 for "I.", 2 for "A.", 3 for "1.", and so on."""
    label: str
    """The printed number ("III.", "A.") or "" for an unnumbered heading."""
    text: str
    page: int
    kind: str = "section"
    """One of `HEADING_KINDS`."""
    type: Literal["heading"] = "heading"


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    number: str | None
    """The printed number ("26", "140.1"), or None for an unnumbered paragraph."""
    text: str
    """Plain text; footnote references stand where their markers stood, written "[^64]"."""
    page: int
    """The page the paragraph starts on (1-based)."""
    items: tuple[Item, ...] = ()
    kind: str = "paragraph"
    """One of `PARAGRAPH_KINDS`."""
    type: Literal["paragraph"] = "paragraph"


Block = Heading | Paragraph


@dataclass(frozen=True, slots=True)
class Footnote:
    number: str
    id: str
    text: str
    page: int


@dataclass(frozen=True, slots=True)
class Reference:
    """A citation of a UN document found in a paragraph, item or footnote."""

    from_id: str
    """The id of the block, item or footnote that cites ("from" in JSON)."""
    symbol: str
    """The cited document's symbol, normalised ("A/RES/72/179" for "resolution 72/179")."""
    paragraph: str | None
    item: str | None
    text: str
    """The citation as printed."""


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    pages: int
    """Page count of a PDF; 0 for Markdown."""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the headings it stands under, outermost first (`Report.sections`)."""

    heading: Heading
    parents: tuple[Heading, ...]

    @property
    def depth(self) -> int:
        """1 for a top-level heading: its place in the contents list."""
        return len(self.parents) + 1


@dataclass(frozen=True, slots=True)
class Text:
    """One text of a report with its id (`Report.texts`)."""

    id: str
    text: str
    kind: Literal["heading", "paragraph", "item", "footnote"]


@dataclass(frozen=True, slots=True)
class Report:
    symbol: str | None
    slug: str
    title: str
    language: str
    source: Source
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    references: tuple[Reference, ...]
    date: str | None = None
    """ISO date (YYYY-MM-DD) when the report states one."""
    meta: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """Extra front-matter or masthead facts, as sorted (key, value) pairs."""

    def with_changes(self, **changes: Any) -> Report:
        return replace(self, **changes)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Heading))

    def sections(self) -> tuple[Section, ...]:
        """The section tree, walked once for the contents list, heading depths and search's crumbs:
        each heading with the headings it stands under. A heading nests under the nearest heading
        before it of a shallower level, so a level that skips (1 then 3) nests under the 1."""
        out: list[Section] = []
        open_headings: list[Heading] = []
        for h in self.headings:
            while open_headings and open_headings[-1].level >= h.level:
                open_headings.pop()
            out.append(Section(h, tuple(open_headings)))
            open_headings.append(h)
        return tuple(out)

    def texts(self) -> tuple[Text, ...]:
        """Every text of the report once, in reading order with the notes last: each heading,
        paragraph, item and footnote with its id and kind, for the walks that read them all."""
        out: list[Text] = []
        for b in self.blocks:
            if isinstance(b, Heading):
                out.append(Text(b.id, b.text, "heading"))
                continue
            out.append(Text(b.id, b.text, "paragraph"))
            out.extend(Text(it.id, it.text, "item") for it in b.items)
        out.extend(Text(f.id, f.text, "footnote") for f in self.footnotes)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "slug": self.slug,
            "title": self.title,
            "language": self.language,
            "date": self.date,
            "source": {"file": self.source.file, "pages": self.source.pages},
            "meta": dict(self.meta),
            "blocks": [_block_to_dict(b) for b in self.blocks],
            "footnotes": [
                {"number": f.number, "id": f.id, "text": f.text, "page": f.page} for f in self.footnotes
            ],
            "references": [
                {
                    "from": r.from_id,
                    "symbol": r.symbol,
                    "paragraph": r.paragraph,
                    "item": r.item,
                    "text": r.text,
                }
                for r in self.references
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        return cls(
            symbol=d["symbol"],
            slug=d["slug"],
            title=d["title"],
            language=d["language"],
            date=d.get("date"),
            source=Source(file=d["source"]["file"], pages=int(d["source"]["pages"])),
            meta=tuple(sorted((str(k), str(v)) for k, v in (d.get("meta") or {}).items())),
            blocks=tuple(_block_from_dict(b) for b in d["blocks"]),
            footnotes=tuple(
                Footnote(number=f["number"], id=f["id"], text=f["text"], page=int(f["page"]))
                for f in d["footnotes"]
            ),
            references=tuple(
                Reference(
                    from_id=r["from"],
                    symbol=r["symbol"],
                    paragraph=r.get("paragraph"),
                    item=r.get("item"),
                    text=r["text"],
                )
                for r in d["references"]
            ),
        )


def _block_to_dict(b: Block) -> dict[str, Any]:
    # the anchor's type only where it says more than the block's: a report's model stays as it was
    if isinstance(b, Heading):
        out: dict[str, Any] = {
            "type": "heading",
            "id": b.id,
            "level": b.level,
            "label": b.label,
            "text": b.text,
            "page": b.page,
        }
        if b.kind != "section":
            out["anchor"] = {"type": b.kind}
        return out
    out = {
        "type": "paragraph",
        "id": b.id,
        "number": b.number,
        "page": b.page,
        "text": b.text,
        "items": [{"label": i.label, "id": i.id, "text": i.text} for i in b.items],
    }
    if b.kind != "paragraph":
        out["anchor"] = {"type": b.kind}
    return out


def _block_from_dict(d: dict[str, Any]) -> Block:
    if d["type"] == "heading":
        return Heading(
            id=d["id"],
            level=int(d["level"]),
            label=d["label"],
            text=d["text"],
            page=int(d["page"]),
            kind=_anchor_type(d, "section"),
        )
    return Paragraph(
        id=d["id"],
        number=d.get("number"),
        text=d["text"],
        page=int(d["page"]),
        items=tuple(Item(label=i["label"], id=i["id"], text=i["text"]) for i in d.get("items") or []),
        kind=_anchor_type(d, "paragraph"),
    )


def _anchor_type(d: dict[str, Any], default: str) -> str:
    anchor = d.get("anchor")
    return str(anchor.get("type") or default) if isinstance(anchor, dict) else default
