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


@dataclass(slots=True)
class DraftParagraph:
    number: str | None
    text: str
    page: int
    items: list[DraftItem] = field(default_factory=list)


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
