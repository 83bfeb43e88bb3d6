"""Corrigenda: edit instructions read into structured edits, and applied to the base report's model.

A corrigendum is not new text but instructions: "Paragraph 44 - The paragraph should read ...",
"For the existing text substitute ...", "The text 'in several countries' should read 'in several
countries and territories'", "At the end of the first sentence, insert footnote marker 5 ...",
"The title of the table should read ...". `read_instructions` turns the corrigendum's text into
`Edit`s, one per instruction, by an ordered list of named rules (`INSTRUCTION_RULES`), each a
pattern anchored where an instruction starts. Words no rule reads become an `Edit` of kind
"unread": never dropped, they stand beside the paragraph they name.

`apply_edits` applies them to the base's model. Ids never change (a deep link to para-28 still
lands on paragraph 28); each change is recorded as a `Change` (what was removed, what was
inserted, by which corrigendum) so the page can mark it and keep the text as issued reachable.
An edit that cannot be applied (the words are not in the paragraph, no such paragraph) is
returned with the reason, for a warning naming the corrigendum and its page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from sitegen.model import Footnote, Paragraph, Report
from sitegen.symbols import NOTE_MARK, family_member, kind_from_front_page, note_mark

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "last": -1,
}
_ORDINAL = "|".join(ORDINALS)
_OPEN_Q = "[\u201c\"\u2018']"
_CLOSE_Q = "[\u201d\"\u2019']"
_QUOTED = rf"{_OPEN_Q}(?P<{{name}}>.+?){_CLOSE_Q}"


def _quoted(name: str) -> str:
    return _QUOTED.format(name=name)


# ---- what an edit is -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """Where an instruction applies: a paragraph (with an item), a table, or the whole document."""

    kind: str
    """"paragraph", "table", "footnote", "title" or "document"."""
    number: str = ""
    item: str = ""
    title: str = ""
    """A table's title as the corrigendum prints it after "Table 1" (the words a title edit replaces)."""

    def describe(self) -> str:
        if self.kind == "document":
            return "the document"
        label = f"{self.kind} {self.number}".strip()
        return f"{label} ({self.item})" if self.item else label


@dataclass(frozen=True, slots=True)
class Edit:
    kind: str
    """"replace-paragraph", "replace-sentence", "replace-words", "delete-words", "insert-words",
    "add-footnote", "replace-table-title" or "unread"."""
    target: Target
    source: str
    """The instruction's words as printed (shown beside an edit that could not be applied)."""
    old: str = ""
    new: str = ""
    sentence: int = 0
    """1-based sentence of the paragraph (-1 for the last) for sentence edits and footnote markers."""
    note_number: str = ""
    except_languages: frozenset[str] = frozenset()
    only_languages: frozenset[str] = frozenset()

    def applies_to(self, language: str) -> bool:
        if self.only_languages:
            return language in self.only_languages
        return language not in self.except_languages


# ---- reading instructions ------------------------------------------------------------------------

_LOCATOR = re.compile(
    r"^(?:\d{1,3}\.\s+)?(?:"
    r"(?:Paragraph|Para\.)\s+(?P<para>\d{1,3}(?:\.\d+)?)(?:\s*\((?P<item>[a-z]{1,4})\))?"
    r"|Table\s+(?P<table>\d{1,3}|[IVX]+)(?P<table_title>[^\n]*?)"
    r"|Footnote\s+(?P<note>\d{1,3})"
    r"|(?P<title>Title)"
    r")(?=\s|$)"
)
"""What an instruction names first: "Paragraph 28", "2. Paragraph 46", "Table 1 <its title>"."""

_LANGUAGES = {
    "arabic": "ar",
    "chinese": "zh",
    "english": "en",
    "french": "fr",
    "russian": "ru",
    "spanish": "es",
}
_LANGUAGE_NOTE = re.compile(
    r"\((?:this correction )?(?P<mode>does not apply|applies only) to the (?P<langs>[A-Za-z ,]+?) "
    r"(?:versions?|texts?)\.?\)\.?",
    re.IGNORECASE,
)

Rule = Callable[[str, Target], "tuple[Edit, str] | None"]
"""A rule reads one instruction at the start of the text: (the edit, the text after it), or None."""


def _rule(pattern: str, build: Callable[[re.Match[str], Target], Edit]) -> Rule:
    compiled = re.compile(pattern, re.DOTALL | re.IGNORECASE)

    def rule(text: str, target: Target) -> tuple[Edit, str] | None:
        m = compiled.match(text)
        if m is None:
            return None
        return build(m, target), text[m.end() :].lstrip(" .;\n")

    return rule


def _unwrapped(new: str) -> str:
    """New text printed inside quotation marks (“They may comment by 15 May.”, or “...”. with the
    sentence's stop outside) is the words inside them; quotes within the text stay."""
    m = re.fullmatch(rf"{_OPEN_Q}(?P<inner>[^\u201c\u201d]+){_CLOSE_Q}\.?", new.strip(), re.DOTALL)
    return m.group("inner").strip() if m else new.strip()


def _unquote_punctuation(new: str, old: str = "") -> str:
    """Quoted words carry the sentence's full stop inside the quotes ("... territories.”"): the stop
    is the sentence's, not the words', unless the words replaced ended with one too."""
    return new[:-1] if new.endswith(".") and not old.endswith(".") else new


_FOOTNOTE_AT_SENTENCE = (
    rf"At the end of the (?P<ord>{_ORDINAL}) sentence,? insert (?:a )?footnote marker\s*(?P<n>\d{{1,3}})\.?\s*"
    r"At the (?:end|foot|bottom) of the page,? insert (?:a|the) corresponding footnote,? reading:?\s*"
    r"(?:(?P=n)\s+)?(?P<text>.+?)(?=\s*\(?(?:This correction|Does not apply|Applies only)|$)"
)


def _sentence_footnote(m: re.Match[str], t: Target) -> Edit:
    return Edit(
        "add-footnote",
        t,
        m.group(0),
        new=m.group("text").strip(),
        sentence=ORDINALS[m.group("ord").lower()],
        note_number=m.group("n"),
    )


def _replace_words(m: re.Match[str], t: Target) -> Edit:
    """Quoted words for quoted words: "The text 'x' should read 'y'", "For 'x' read 'y'", a column heading."""
    return Edit(
        "replace-words",
        t,
        m.group(0),
        old=m.group("old"),
        new=_unquote_punctuation(m.group("new"), m.group("old")),
    )


def _first_mention_footnote(m: re.Match[str], t: Target) -> Edit:
    return Edit(
        "add-footnote",
        Target("document"),
        m.group(0),
        old=m.group("word").strip(),
        new=m.group("text").strip(),
    )


INSTRUCTION_RULES: list[tuple[str, Rule]] = [
    ("footnote-at-sentence", _rule(_FOOTNOTE_AT_SENTENCE, _sentence_footnote)),
    (
        "footnote-at-first-mention",
        _rule(
            r"The first (?:reference|mention) (?:to|of) (?P<word>.+?) in the (?:document|report) should be "
            rf"accompanied by a footnote,? (?:stating|reading|which reads),?:?\s*{_quoted('text')}",
            _first_mention_footnote,
        ),
    ),
    (
        "paragraph-should-read",
        _rule(
            r"The (?:paragraph|text) should read:?\s*(?P<new>.+?)(?=\s*At the end of the |$)",
            lambda m, t: Edit("replace-paragraph", t, m.group(0), new=_unwrapped(m.group("new"))),
        ),
    ),
    (
        "substitute",
        _rule(
            r"For the existing text,? substitute:?\s*(?:(?P<num>\d{1,3}(?:\.\d+)?)\.\s+)?(?P<new>.+?)(?=\s*At the end of the |$)",
            lambda m, t: Edit("replace-paragraph", t, m.group(0), new=m.group("new").strip()),
        ),
    ),
    (
        "sentence-should-read",
        _rule(
            rf"The (?P<ord>{_ORDINAL}) sentence should read:?\s*(?P<new>.+?)(?=\s*At the end of the |$)",
            lambda m, t: Edit(
                "replace-sentence",
                t,
                m.group(0),
                new=_unwrapped(m.group("new")),
                sentence=ORDINALS[m.group("ord").lower()],
            ),
        ),
    ),
    (
        "table-title-should-read",
        _rule(
            rf"The title of the table should read:?\s*{_quoted('new')}",
            lambda m, t: Edit("replace-table-title", t, m.group(0), new=_unquote_punctuation(m.group("new"))),
        ),
    ),
    (
        "column-should-read",
        _rule(
            rf"The (?P<ord>{_ORDINAL}) column (?:in|of) (?:the )?table\s*[-\u2013\u2014,]?\s*{_quoted('old')}\s*"
            rf"[-\u2013\u2014,]?\s*should read:?\s*{_quoted('new')}",
            _replace_words,
        ),
    ),
    (
        "words-should-read",
        _rule(
            rf"The (?:text|words?|phrase) {_quoted('old')} should read:?\s*{_quoted('new')}",
            _replace_words,
        ),
    ),
    (
        "for-read",
        _rule(
            rf"For {_quoted('old')},? read {_quoted('new')}",
            _replace_words,
        ),
    ),
    (
        "delete-words",
        _rule(
            rf"Delete (?:the (?:words?|text) )?{_quoted('old')}",
            lambda m, t: Edit("delete-words", t, m.group(0), old=m.group("old")),
        ),
    ),
    (
        "insert-after",
        _rule(
            rf"After {_quoted('old')},? insert {_quoted('new')}",
            lambda m, t: Edit("insert-words", t, m.group(0), old=m.group("old"), new=m.group("new")),
        ),
    ),
]
"""Ordered: the first rule whose pattern matches where an instruction starts reads it."""


def read_instructions(texts: Iterable[str]) -> list[Edit]:
    """The edits of a corrigendum, from its blocks' texts in order (the title block excluded)."""
    edits: list[Edit] = []
    for target, body in _units(texts):
        body, only, unless = _language_scope(body)
        for edit in _read_unit(body, target):
            edits.append(replace(edit, only_languages=only, except_languages=unless))
    return edits


def _units(texts: Iterable[str]) -> list[tuple[Target, str]]:
    """Split the text where an instruction names its place ("Paragraph 44", "Table 1 ...")."""
    units: list[tuple[Target, list[str]]] = []
    for raw in texts:
        text = raw.strip()
        m = _LOCATOR.match(text)
        if m is not None:
            units.append((_target(m), [text[m.end() :].strip()]))
        elif units:
            units[-1][1].append(text)
    return [(target, " ".join(t for t in parts if t)) for target, parts in units]


def _target(m: re.Match[str]) -> Target:
    if m.group("para"):
        return Target("paragraph", m.group("para"), m.group("item") or "")
    if m.group("table"):
        return Target("table", m.group("table"))  # its printed title is read with the body
    if m.group("note"):
        return Target("footnote", m.group("note"))
    return Target("title")


def _language_scope(body: str) -> tuple[str, frozenset[str], frozenset[str]]:
    m = _LANGUAGE_NOTE.search(body)
    if m is None:
        return body, frozenset(), frozenset()
    langs = frozenset(code for name, code in _LANGUAGES.items() if name in m.group("langs").lower())
    rest = (body[: m.start()] + body[m.end() :]).strip()
    if m.group("mode").lower().startswith("applies only"):
        return rest, langs, frozenset()
    return rest, frozenset(), langs


def _read_unit(body: str, target: Target) -> list[Edit]:
    edits: list[Edit] = []
    rest = body
    if target.kind == "table":
        title, rest = _split_table_title(body)
        target = replace(target, title=title)
    while rest:
        read = next((r for _, rule in INSTRUCTION_RULES if (r := rule(rest, target)) is not None), None)
        if read is None:
            edits.append(Edit("unread", target, rest))
            break
        edit, rest = read
        edits.append(edit)
    return edits


def _split_table_title(body: str) -> tuple[str, str]:
    """ "Independent country programme evaluations, 2024 The title of the table ...": the words
    between "Table 1" and the first instruction are the table's title as printed."""
    m = re.search(r"\bThe (?:title|first|second|third|fourth|fifth|sixth|last) ", body)
    if m is None:
        return "", body
    return body[: m.start()].strip(" .:\u2013\u2014-"), body[m.start() :]


# ---- applying them -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One applied edit, for the page to mark: the block it changed, its text before and after."""

    block_id: str
    kind: str
    before: str
    after: str
    corrigendum: str


@dataclass(frozen=True, slots=True)
class Applied:
    report: Report
    changes: tuple[Change, ...]
    not_applied: tuple[tuple[Edit, str], ...]
    """Edits that could not be applied, each with the reason (their words stand beside the text)."""


def quotes_base_notes(symbol: str | None, texts: Iterable[str] = ()) -> bool:
    """Whether a document's raised numbers may be the base report's note markers, quoted: a
    corrigendum prints them inside its instructions as the base prints them ("insert footnote
    marker ⁵ ... insert a corresponding footnote reading ⁵ International Migration ..."), so a
    number it raises need not be a note of its own. A corrigendum is told by its symbol ("/Corr.1")
    or, when the symbol is silent, by the "Corrigendum" standing alone among its `texts`."""
    if symbol and family_member(symbol).kind == "corrigendum":
        return True
    return any(kind_from_front_page(t) == "corrigendum" for t in texts)


def note_key(corrigendum: str, number: str) -> str:
    """The marker key of a footnote a corrigendum adds: the base's own "5" keeps its id, so the added
    one is "5_corr1" (for "[^5_corr1]" and "fn-5_corr1")."""
    m = re.search(r"Corr\.(\d+)", corrigendum)
    return f"{number}_corr{m.group(1) if m else '1'}"


_ADDED_NOTE = re.compile(r"(?P<number>[^_\s]+)_corr(?P<corr>\d+)")


def added_note(key: str) -> tuple[str, int] | None:
    """For the key of a note a corrigendum added ("5_corr1"): the number it was given ("5") and the
    corrigendum's number (1); None for a note of the report's own."""
    m = _ADDED_NOTE.fullmatch(key)
    return (m.group("number"), int(m.group("corr"))) if m else None


def note_labels(keys: Sequence[str]) -> dict[str, str]:
    """Note key -> the number to print, for the notes a corrigendum added ("5_corr1" -> "5"): the
    number the corrigendum gave (or the model numbered it with), with a letter after it when the
    report has a note of that number already ("5a", "5b"), so no two notes on a page print alike."""
    taken = {k for k in keys if added_note(k) is None}
    labels: dict[str, str] = {}
    for key in keys:
        added = added_note(key)
        if added is None:
            continue
        number = added[0]
        label = next(
            c
            for c in (number, *(f"{number}{letter}" for letter in "abcdefghijklmnopqrstuvwxyz"), key)
            if c not in taken
        )
        taken.add(label)
        labels[key] = label
    return labels


def apply_edits(base: Report, edits: Iterable[Edit], corrigendum: str) -> Applied:
    report, changes, failed = base, [], []
    for edit in edits:
        if not edit.applies_to(base.language):
            continue
        outcome = _apply_one(report, edit, corrigendum)
        if isinstance(outcome, str):
            failed.append((edit, outcome))
        else:
            report, change = outcome
            changes.append(change)
    return Applied(report, tuple(changes), tuple(failed))


def _apply_one(report: Report, edit: Edit, corrigendum: str) -> tuple[Report, Change] | str:
    if edit.kind == "unread":
        return "the instruction could not be read"
    if edit.kind == "add-footnote":
        return _add_footnote(report, edit, corrigendum)
    block = _find_block(report, edit.target)
    if block is None:
        return f"{edit.target.describe()} is not in {report.symbol or report.slug}"
    after = _edited_text(block.text, edit)
    if after is None:
        return f"the words \u201c{edit.old}\u201d are not in {edit.target.describe()}"
    return _replace_text(report, block, after, edit.kind, corrigendum)


def _find_block(report: Report, target: Target) -> Paragraph | None:
    if target.kind == "paragraph":
        return next((p for p in report.paragraphs if p.number == target.number), None)
    if target.kind == "table":
        return next((p for p in report.paragraphs if _caption(p.text, target) is not None), None)
    return None


def _caption(text: str, target: Target) -> re.Match[str] | None:
    """Where a table's caption ("Table 1. Its title") stands in a block: tables often run on inside
    the paragraph above them in a PDF's text."""
    return re.search(rf"\bTable\s+{re.escape(target.number)}\b\.?\s*", text)


def _edited_text(text: str, edit: Edit) -> str | None:
    caption = _caption(text, edit.target) if edit.target.kind == "table" else None
    if caption is not None:
        # a table's edits apply from its caption on, never to the paragraph text before it
        tail = _edited_text(
            text[caption.start() :], replace(edit, target=replace(edit.target, kind="paragraph"))
        )
        return None if tail is None else text[: caption.start()] + tail
    if edit.kind == "replace-paragraph":
        return edit.new
    if edit.kind == "replace-sentence":
        return _replace_sentence(text, edit.sentence, edit.new)
    if edit.kind == "replace-table-title":
        old = edit.target.title or edit.old
        m = re.match(r"^(Table\s+\S+\s+)", text)
        if m is None or not old or not text[m.end() :].startswith(old):
            return None
        return m.group(1) + edit.new + text[m.end() + len(old) :]
    if edit.old not in text:
        return None
    if edit.kind == "replace-words":
        return text.replace(edit.old, edit.new, 1)
    if edit.kind == "delete-words":
        return re.sub(r"\s{2,}", " ", text.replace(edit.old, "", 1)).strip()
    if edit.kind == "insert-words":
        return text.replace(edit.old, f"{edit.old} {edit.new}", 1)
    return None


_SENTENCE_END = re.compile(
    rf"(?<!\bpara)(?<!\bNo)(?<!\be\.g)(?<!\bi\.e)(?<!\bart)(?<!\bvol)[.!?](?:{NOTE_MARK})?(?=\s+[A-Z\u201c\"(]|\s*$)"
)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, their end punctuation (and a footnote marker after it) kept."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def _replace_sentence(text: str, which: int, new: str) -> str | None:
    parts = sentences(text)
    index = which - 1 if which > 0 else len(parts) + which
    if not 0 <= index < len(parts):
        return None
    parts[index] = new
    return " ".join(parts)


def _replace_text(
    report: Report, block: Paragraph, after: str, kind: str, corr: str
) -> tuple[Report, Change]:
    blocks = tuple(replace(b, text=after) if b is block else b for b in report.blocks)
    return report.with_changes(blocks=blocks), Change(block.id, kind, block.text, after, corr)


def _add_footnote(report: Report, edit: Edit, corrigendum: str) -> tuple[Report, Change] | str:
    key = note_key(corrigendum, edit.note_number or str(len(report.footnotes) + 1))
    marker = note_mark(key)
    if edit.target.kind == "paragraph":
        block = _find_block(report, edit.target)
        if block is None:
            return f"{edit.target.describe()} is not in {report.symbol or report.slug}"
        after = _mark_sentence_end(block.text, edit.sentence, marker)
    else:
        block = next((p for p in report.paragraphs if re.search(rf"\b{re.escape(edit.old)}\b", p.text)), None)
        if block is None:
            return f"\u201c{edit.old}\u201d is not mentioned in {report.symbol or report.slug}"
        after = re.sub(rf"\b{re.escape(edit.old)}\b", lambda m: m.group(0) + marker, block.text, count=1)
    if after is None:
        return f"{edit.target.describe()} has no sentence {edit.sentence}"
    note = Footnote(number=key, id=f"fn-{key}", text=edit.new, page=block.page)
    report, change = _replace_text(report, block, after, edit.kind, corrigendum)
    return report.with_changes(footnotes=(*report.footnotes, note)), change


def _mark_sentence_end(text: str, which: int, marker: str) -> str | None:
    parts = sentences(text)
    index = which - 1 if which > 0 else len(parts) + which
    if not 0 <= index < len(parts):
        return None
    parts[index] = parts[index] + marker
    return " ".join(parts)


# ---- showing them --------------------------------------------------------------------------------

_TOKEN = re.compile(rf"\s*(?:{NOTE_MARK}|[\w\-\u2019'/]+|[^\w\s\[]|\[)")
"""A word, a punctuation mark or a note marker, with the space before it: adding words before a full
stop marks the words, not the stop, and adding a note after a word marks the marker, not the word."""


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """("same" | "removed" | "inserted", text) runs from the text as issued to the corrected one,
    word by word, so a page can mark exactly what a corrigendum changed. The runs keep the texts'
    own spacing: the same and removed runs put together are `before`, the same and inserted `after`."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(a=[t.strip() for t in a], b=[t.strip() for t in b], autojunk=False)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            gap = a[i1][: len(a[i1]) - len(a[i1].lstrip())]
            if runs and runs[-1][0] == "removed" and gap and not b[j1][:1].isspace():
                runs[-1] = ("removed", runs[-1][1] + gap)  # the issued text's space after removed words
            runs.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("inserted", "".join(b[j1:j2])))
    return runs
