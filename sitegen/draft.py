"""What a reader hands over before ids, slug and references are assigned.

Readers fill these plain, mutable structures; `sitegen.anchors.finish_report` turns one into the
immutable `Report`, so both readers share one id scheme and one citation parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class DraftItem:
    label: str
    text: str


@dataclass(slots=True)
class DraftHeading:
    level: int
    label: str
    text: str
    page: int
    kind: str = "section"
    """What the heading opens (`sitegen.model.HEADING_KINDS`): a section, a rule of procedure
    ("Rule 12", anchor `rule-12`) or an agenda item's annotation ("Item 4", anchor `item-4`)."""
    number: str | None = None
    """The rule's or agenda item's own number ("12", "4"); None for a section."""


@dataclass(slots=True)
class DraftParagraph:
    number: str | None
    text: str
    page: int
    items: list[DraftItem] = field(default_factory=list)
    kind: str = "paragraph"
    """The anchor a citer uses for it (`sitegen.model.PARAGRAPH_KINDS`): "paragraph" (`para-26`),
    "preamble" (an unnumbered preambular paragraph of a resolution, `pp-3`), "rule-paragraph"
    (paragraph 2 of rule 12, `rule-12-2`) or "agenda-item" (`item-4`)."""
    scope: str = ""
    """The number of what the paragraph belongs to, where its own number is not enough: the rule
    ("12") of a "rule-paragraph"."""


DraftBlock = DraftHeading | DraftParagraph


@dataclass(slots=True)
class DraftFootnote:
    number: str
    text: str
    page: int


@dataclass(slots=True)
class DraftReport:
    source_file: str
    """The input's file name (no folders), as the model's source.file."""
    pages: int
    symbol: str | None = None
    title: str = ""
    language: str = "en"
    date: str | None = None
    blocks: list[DraftBlock] = field(default_factory=list)
    footnotes: list[DraftFootnote] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
