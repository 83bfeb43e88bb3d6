"""Ids, slugs and references: the one scheme both readers share.

Ids come from the document's own numbering (CONTRACT.md section 2 and 4): "para-26", "para-26-a",
"fn-64", and headings "sec-iii-a" from their printed labels. The genres read the same way: a
resolution's preambular paragraphs "pp-1", "pp-2" in order, rules of procedure "rule-12",
"rule-12-2", "rule-12-2-a", agenda items "item-4"; the block's `kind` says which. They never come from positions of
text on a page, so a reader's deep link survives a rebuild and lines up across language versions.
"""

from __future__ import annotations

import re
import unicodedata

from sitegen.citations import find_citations
from sitegen.draft import DraftHeading, DraftItem, DraftReport
from sitegen.model import Block, Footnote, Heading, Item, Paragraph, Reference, Report, Source
from sitegen.symbols import (
    COMMON_HEADING_KEYS,
    PARAGRAPH_ABBREVIATION,
    is_annex_heading,
    item_letters,
    paragraph_citation,
    without_note_marks,
)


def heading_key(text: str) -> str:
    """The id key of an unlabelled heading: "Résumé" -> "summary", "Annexe II" -> "annex-ii".

    A footnote marker ("Overview[^1]") is not part of the name.
    """
    words = without_note_marks(text).split()
    if not words:
        return "section"
    for size in (3, 2, 1):  # "table des matières" is three words
        head = " ".join(words[:size]).lower().rstrip(".:")
        if head in COMMON_HEADING_KEYS:
            rest = slugify(" ".join(words[size:]))
            return "-".join(k for k in (COMMON_HEADING_KEYS[head], rest) if k)
    return slugify(" ".join(words))[:48].strip("-") or "section"


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Human rights & climate" -> "human-rights-climate")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def safe_slug(symbol_or_name: str) -> str:
    """A site path from untrusted text: "/"-separated segments, never "..", never absolute.

    "A/79/213" stays "A/79/213"; "E/ICEF/672 (Part I)" becomes "E/ICEF/672_(Part_I)".
    """
    segments = []
    for raw in symbol_or_name.replace("\\", "/").split("/"):
        seg = re.sub(r"\s+", "_", raw.strip())
        # A leading dot would make a hidden folder (and "..", a way out of the site).
        seg = re.sub(r"[^\w.()\-+,]", "", seg).lstrip(".")
        if seg:
            segments.append(seg)
    return "/".join(segments) or "report"


def item_key(label: str) -> str:
    """ "(a)" -> "a", "(ii)" -> "ii", "б)" -> "b", "(aa)" -> "aa" (`sitegen.symbols.item_letters`)."""
    return slugify(item_letters(label)) or "item"


def paragraph_key(number: str) -> str:
    """ "26" -> "26", "140.1" -> "140.1" (dots are valid in ids and readable in links)."""
    return re.sub(r"[^0-9A-Za-z.]+", "-", number.strip().rstrip(".")).strip("-") or "x"


class _IdRegistry:
    """Hands out ids, making a repeated one unique ("para-1" again -> "annex-i-para-1" or "para-1-2")."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, wanted: str, prefix: str = "") -> str:
        candidate = wanted
        if candidate in self.used and prefix:
            candidate = f"{prefix}-{wanted}"
        n = 2
        base = candidate
        while candidate in self.used:
            candidate = f"{base}-{n}"
            n += 1
        self.used.add(candidate)
        return candidate


def finish_report(draft: DraftReport, *, slug_hint: str) -> Report:
    """Assign ids, slug and references; `slug_hint` is used when the report has no symbol."""
    registry = _IdRegistry()
    blocks = _assign_block_ids(draft, registry)
    footnotes = tuple(
        Footnote(
            number=f.number, id=registry.claim(f"fn-{paragraph_key(f.number)}"), text=f.text, page=f.page
        )
        for f in draft.footnotes
    )
    references = _collect_references(blocks, footnotes, own_symbol=draft.symbol)
    return Report(
        symbol=draft.symbol,
        slug=safe_slug(draft.symbol or slug_hint),
        title=draft.title.strip() or (draft.symbol or slug_hint),
        language=draft.language,
        date=draft.date,
        source=Source(file=draft.source_file, pages=draft.pages),
        blocks=blocks,
        footnotes=footnotes,
        references=references,
        meta=tuple(sorted(draft.meta.items())),
    )


def _assign_block_ids(draft: DraftReport, registry: _IdRegistry) -> tuple[Block, ...]:
    heading_path: list[tuple[int, str]] = []  # (level, key) of the headings we are inside
    section_prefix = ""  # set by an "Annex" heading so restarted numbering stays unique
    last_heading = ""  # the id of the heading we are under (a second resolution's preamble takes it)
    last_anchor = "intro"
    unnumbered = 0
    preambular = 0  # preambular paragraphs so far in the current act (until another paragraph ends it)
    out: list[Block] = []
    for b in draft.blocks:
        if isinstance(b, DraftHeading):
            if b.kind == "section":
                key = slugify(b.label) or heading_key(b.text)
                heading_path = [(lvl, k) for lvl, k in heading_path if lvl < b.level] + [(b.level, key)]
                if is_annex_heading(b.label or b.text):
                    section_prefix = heading_key(" ".join((b.label or b.text).split()[:2]))
                # Headings inside an annex that repeat the report's ("I. Introduction") take its prefix.
                hid = registry.claim("sec-" + "-".join(k for _, k in heading_path), section_prefix)
            else:
                hid = registry.claim(_kind_heading_id(b, registry), section_prefix)
            out.append(Heading(id=hid, level=b.level, label=b.label, text=b.text, page=b.page, kind=b.kind))
            last_heading = last_anchor = hid
            unnumbered = 0  # a preamble's count goes on past a running head read as a heading
            continue
        preambular = preambular + 1 if b.kind == "preamble" else 0
        if b.kind == "preamble":
            pid = registry.claim(f"pp-{preambular}", section_prefix or last_heading)
        elif b.kind == "rule-paragraph" and b.number is not None:
            pid = registry.claim(f"rule-{paragraph_key(b.scope)}-{paragraph_key(b.number)}", section_prefix)
        elif b.kind == "agenda-item" and b.number is not None:
            pid = registry.claim(f"item-{paragraph_key(b.number)}", section_prefix)
        elif b.number is not None:
            pid = registry.claim(f"para-{paragraph_key(b.number)}", section_prefix)
        else:
            pid = registry.claim(f"{last_anchor}-p{unnumbered + 1}")
        # a rule's own lettered paragraphs, with no number above them, are cited "rule 2 (a)": rule-2-a
        item_base = (
            f"rule-{paragraph_key(b.scope)}" if b.kind == "rule-paragraph" and b.number is None else pid
        )
        items = tuple(_item_with_id(item_base, it, registry) for it in b.items)
        out.append(Paragraph(id=pid, number=b.number, text=b.text, page=b.page, items=items, kind=b.kind))
        if b.number is None and b.kind != "preamble":
            unnumbered += 1
        else:
            last_anchor, unnumbered = pid, 0
    return tuple(out)


def _kind_heading_id(h: DraftHeading, registry: _IdRegistry) -> str:
    """ "rule-12" for rule 12; "item-4" for agenda item 4, or "item-4-annotation" when the agenda's
    list already holds item 4 (the first place the document states an item answers to its name)."""
    key = paragraph_key(h.number or h.label)
    if h.kind == "rule":
        return f"rule-{key}"
    wanted = f"item-{key}"
    return f"{wanted}-annotation" if wanted in registry.used else wanted


def _item_with_id(pid: str, it: DraftItem, registry: _IdRegistry) -> Item:
    return Item(label=it.label, id=registry.claim(f"{pid}-{item_key(it.label)}"), text=it.text)


_PREAMBLE_ID = re.compile(r"(?:^|-)pp-(\d+)$")
_RULE_PARAGRAPH_ID = re.compile(r"(?:^|-)rule-([0-9a-z.]+)-(?:p\d+|[0-9a-z.]+)$")


def citation_text(name: str, p: Paragraph) -> str:
    """How a citer writes the paragraph: "A/79/213, para. 26", "S/RES/2773 (2025), preambular para. 3",
    "E/ICEF/2025/7, rule 12, para. 2", "UNW/2025/L.3, item 4"; the report's name alone for an
    unnumbered paragraph. Read back from the id this module gave it, so the two never disagree."""
    if p.kind == "preamble" and (m := _PREAMBLE_ID.search(p.id)):
        return f"{name}, preambular {PARAGRAPH_ABBREVIATION} {m.group(1)}"
    if p.kind == "rule-paragraph" and (m := _RULE_PARAGRAPH_ID.search(p.id)):
        rule = f"{name}, rule {m.group(1)}"
        return paragraph_citation(rule, p.number) if p.number else rule
    if p.kind == "agenda-item" and p.number:
        return f"{name}, item {p.number}"
    return paragraph_citation(name, p.number) if p.number else name


def _collect_references(
    blocks: tuple[Block, ...], footnotes: tuple[Footnote, ...], *, own_symbol: str | None
) -> tuple[Reference, ...]:
    sources: list[tuple[str, str]] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            sources.append((b.id, b.text))
            sources.extend((it.id, it.text) for it in b.items)
    sources.extend((f.id, f.text) for f in footnotes)
    refs: list[Reference] = []
    for from_id, text in sources:
        for c in find_citations(text):
            refs.append(
                Reference(from_id=from_id, symbol=c.symbol, paragraph=c.paragraph, item=c.item, text=c.text)
            )
    return tuple(refs)
