"""The Markdown reader: a report written by hand, as CONTRACT.md section 3 describes it.

markdown-it-py parses the file into tokens; we walk the tokens (never the plugin's HTML) into a
`DraftReport`. Two things in UN report Markdown are not what Markdown thinks they are:

- "26. Text" is a numbered paragraph of the report, not an ordered list. markdown-it still parses
  it as a list item, so a list item's number (`token.info`) starts a paragraph. A line such as
  "27. Text" that markdown-it folded into the previous paragraph (a list cannot interrupt a
  paragraph unless it starts at 1) also starts one, when its number follows the previous one.
- "(a) Text" is a sub-paragraph of the paragraph before it, whether written on the next line, after
  a blank line, or indented under the numbered paragraph.

Footnotes use markdown-it's syntax; the reference stays in the text as "[^64]" where it stood.

Resolutions, rules of procedure and agendas are written as they are printed ("The Security Council,"
then one paragraph per "Recalling ...", "## Rule 12 Election of officers" then "1. ...", "1. Election
of officers" under a "Provisional agenda" title); `sitegen.genres` gives them the same anchors as
their PDFs (`pp-3`, `rule-12-2`, `item-4`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from sitegen.draft import DraftFootnote, DraftHeading, DraftItem, DraftParagraph, DraftReport
from sitegen.errors import Diagnostics, InputError
from sitegen.genres import apply_genre, opens_rule
from sitegen.symbols import ITEM_LABEL, is_annex_heading, note_mark

MARKDOWN_PAGE = 1
"""Markdown has no pages: every block is on "page 1" (the model's pages are 1-based)."""

# "I.", "A.", "1.", "1.2", "1.2." (and Cyrillic "А.") at the start of a heading are its printed label.
_HEADING_LABEL_RE = re.compile(r"^((?:[IVXLC]+|[A-Z]|[А-Я]|\d+)\.|\d+(?:\.\d+)+\.?)\s+(?=\S)")
# An item label ("(a)", "(ii)", "(12)", "б)") followed by its text starts a sub-paragraph.
_ITEM_RE = re.compile(rf"^({ITEM_LABEL})\s+(?=\S)")
# A paragraph number at the start of a line that markdown-it did not see as a list item.
_NUMBER_LINE_RE = re.compile(r"^(\d{1,4}(?:\.\d{1,3})?)\.?\s+(?=\S)")
_LANGUAGE_SUFFIX_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


def read_markdown(path: Path, diag: Diagnostics) -> DraftReport:
    """Read one Markdown report; raises `InputError` for bad front matter (a missing title only warns)."""
    try:
        source = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(str(path), f"not UTF-8 text (byte {e.start})") from e
    tokens = _parser().parse(source)
    draft = DraftReport(source_file=path.name, pages=0, language=_language_from_name(path))
    _apply_front_matter(draft, tokens, str(path), diag)
    walker = _Walker(str(path), diag)
    walker.walk(tokens)
    draft.blocks = walker.blocks
    draft.footnotes = walker.finish_footnotes()
    if not draft.title:
        _take_title_from_content(draft, path, diag)
    apply_genre(draft)  # a resolution's preamble, rules of procedure, an agenda: as the PDF reader does
    return draft


def _take_title_from_content(draft: DraftReport, path: Path, diag: Diagnostics) -> None:
    """A report without a `title:` is still published: its first "# Heading", or else its file name.

    A folder of notes dropped into CONTENT (a README, say) should build with a warning, not fail.
    """
    first = draft.blocks[0] if draft.blocks else None
    if isinstance(first, DraftHeading) and first.level == 1 and not first.label and first.text:
        draft.title = first.text
        draft.blocks = draft.blocks[1:]
        source = "its first heading"
    else:
        draft.title = path.name.split(".")[0]
        source = "the file name"
    diag.warn("front-matter-title", str(path), f"line 1: no `title:` in front matter; using {source}")


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Strikethrough only so that "~~" markers are dropped like the other emphasis markers.
    md = MarkdownIt("commonmark").enable("strikethrough").use(front_matter_plugin)
    # Undefined references still become tokens, so we can warn about them; "^[inline]" footnotes
    # are not part of our input format.
    md.use(footnote_plugin, inline=False, always_match_refs=True)
    # The tail rule moves definitions to the end and drops unreferenced ones; we want them where
    # they stand, with their line numbers.
    md.core.ruler.disable("footnote_tail")
    return md


def _language_from_name(path: Path) -> str:
    """ "A_79_213.fr.md" -> "fr"; front matter's `language` still wins."""
    suffixes = path.suffixes[:-1]
    if suffixes and _LANGUAGE_SUFFIX_RE.match(suffixes[-1][1:]):
        return suffixes[-1][1:]
    return "en"


# ---------------------------------------------------------------------------------------------
# Front matter


def _apply_front_matter(draft: DraftReport, tokens: Sequence[Token], path: str, diag: Diagnostics) -> None:
    front = next((t for t in tokens if t.type == "front_matter"), None)
    data = _load_front_matter(front, path) if front is not None else {}
    title = data.pop("title", None)
    if isinstance(title, str) and title.strip():
        draft.title = " ".join(title.split())
    symbol = data.pop("symbol", None)
    draft.symbol = " ".join(str(symbol).split()) if symbol else None
    language = data.pop("language", None)
    if language:
        draft.language = _language_code(str(language), path, _key_line(front, "language"), diag)
    if not _apply_date(draft, data.pop("date", None)):
        diag.warn(
            "front-matter-date",
            path,
            f"line {_key_line(front, 'date')}: date {draft.meta['date_printed']!r} is not a date (write YYYY-MM-DD)",
        )
    draft.meta.update({str(k): _meta_value(v) for k, v in data.items() if v is not None})


# The six official languages by name, for front matter that says "language: French".
_LANGUAGE_NAMES = {
    "english": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "russian": "ru",
    "русский": "ru",
    "arabic": "ar",
    "العربية": "ar",
    "chinese": "zh",
    "中文": "zh",
}


def _language_code(value: str, path: str, line: int, diag: Diagnostics) -> str:
    """A BCP 47 code ("fr", "pt-BR"); a language's name is accepted, anything else warns."""
    value = value.strip()
    if _LANGUAGE_SUFFIX_RE.match(value):
        return value
    if value.lower() in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[value.lower()]
    diag.warn(
        "front-matter-language", path, f"line {line}: language {value!r} is not a code such as en or fr"
    )
    return value


def _apply_date(draft: DraftReport, value: object) -> bool:
    """The model's date is ISO; "15 July 2035" is accepted too and kept as printed in meta.

    Returns False for a value that is not a date (kept in meta as "date_printed").
    """
    if value is None or value == "":
        return True
    if isinstance(value, dt.date):
        draft.date = value.isoformat()
        return True
    text = " ".join(str(value).split())
    for form in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y"):
        try:
            draft.date = dt.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
        if form != "%Y-%m-%d":
            draft.meta["date_printed"] = text
        return True
    draft.meta["date_printed"] = text
    return False


def _key_line(front: Token | None, key: str) -> int:
    """The file line of `key:` in the front matter (for warnings)."""
    if front is None or not front.map:
        return 1
    for n, line in enumerate(front.content.splitlines()):
        if line.startswith(f"{key}:"):
            return front.map[0] + 2 + n
    return front.map[0] + 1


def _load_front_matter(front: Token, path: str) -> dict[str, Any]:
    first_line = front.map[0] + 2 if front.map else 2  # the line after the opening "---"
    try:
        data = yaml.safe_load(front.content)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise InputError(path, f"line {line}: bad YAML in front matter: {problem}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, f"line {first_line}: front matter must be `key: value` lines")
    return data


def _meta_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


# ---------------------------------------------------------------------------------------------
# Inline content -> plain text lines


@dataclass(slots=True)
class _Line:
    text: str
    line: int
    """1-based line in the file, for warnings."""


def inline_lines(inline: Token, refs: list[tuple[str, int]]) -> list[_Line]:
    """The plain text of an inline token, one entry per source line; footnote refs become "[^N]".

    Each footnote reference is also appended to `refs` as (label, line).
    """
    start = inline.map[0] + 1 if inline.map else 0
    lines = [_Line("", start)]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append(_Line("", lines[-1].line + 1))
        elif child.type == "footnote_ref":
            label = str(child.meta.get("label", ""))
            refs.append((label, lines[-1].line))
            lines[-1].text += note_mark(label)
        elif child.type in ("text", "code_inline", "text_special"):
            lines[-1].text += child.content
        elif child.type == "html_inline" and not child.content.startswith("<!--"):
            # Raw HTML in a report is text the author wrote: kept literally, so the site shows it
            # (escaped) instead of running it or losing it. Comments are editors' notes.
            lines[-1].text += child.content
        elif child.type == "image":
            lines[-1].text += "".join(c.content for c in child.children or [])
        # em/strong/link open and close markers carry no text of their own.
    return lines


def plain(text: str) -> str:
    """One line of plain Unicode: whitespace collapsed, composed characters (NFC).

    NFC because editors on some systems save "é" as "e" plus a combining accent, and the same
    report read from a PDF must give the same text (and the same search hits).
    """
    return unicodedata.normalize("NFC", " ".join(text.split()))


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(slots=True)
class _Walker:
    path: str
    diag: Diagnostics
    blocks: list[DraftHeading | DraftParagraph] = field(default_factory=list)
    refs: list[tuple[str, int]] = field(default_factory=list)
    definitions: dict[str, tuple[str, int]] = field(default_factory=dict)
    current: DraftParagraph | None = None
    """The paragraph being filled: sub-paragraphs and continuation lines go to it."""
    last_number: int | None = None
    seen_numbers: dict[str, int] = field(default_factory=dict)

    def walk(self, tokens: Sequence[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self._block(tokens, i)

    def _block(self, tokens: Sequence[Token], i: int) -> int:
        """Handle the block starting at tokens[i]; return the index after it."""
        tok = tokens[i]
        if tok.type == "heading_open":
            self._heading(tok, tokens[i + 1])
            return _skip_to_close(tokens, i)
        if tok.type == "footnote_reference_open":
            self._footnote_definition(tok, tokens, i)
            return _skip_to_close(tokens, i)
        if tok.type == "list_item_open" and tok.info:
            # An ordered list item outside any numbered paragraph: "26. Text" is paragraph 26.
            self._start_numbered(tok.info, _line_of(tok))
            end = _skip_to_close(tokens, i)
            self._fill_numbered(tokens[i + 1 : end - 1])
            return end
        if tok.type == "inline":
            self._top_level_lines(inline_lines(tok, self.refs))
        elif tok.type == "code_block":
            # Reports have no code; indented text is text the author indented.
            self._top_level_lines(self._indented_lines(tok))
        elif tok.type == "fence":
            self._top_level_lines(_verbatim_lines(tok))
        elif tok.type == "html_block" and not tok.content.lstrip().startswith("<!--"):
            self.diag.warn("markdown-html", self.path, f"line {_line_of(tok)}: raw HTML block kept as text")
            self._top_level_lines(_verbatim_lines(tok))
        return i + 1

    # -- headings ---------------------------------------------------------------------------

    def _heading(self, open_tok: Token, inline: Token) -> None:
        text = plain(" ".join(line.text for line in inline_lines(inline, self.refs)))
        label, rest = split_heading_label(text)
        heading = DraftHeading(level=int(open_tok.tag[1:]), label=label, text=rest, page=MARKDOWN_PAGE)
        self.blocks.append(heading)
        self.current = None
        if is_annex_heading(heading.label or heading.text) or opens_rule(text):
            # An annex, or a rule of rules of procedure, restarts paragraph numbering: 1, 2, ... again
            # is not a duplicate.
            self.seen_numbers.clear()
            self.last_number = None

    # -- numbered paragraphs and sub-paragraphs -----------------------------------------------

    def _start_numbered(self, number: str, line: int) -> None:
        number = number.strip().rstrip(".")
        if number in self.seen_numbers:
            self.diag.warn(
                "duplicate-paragraph",
                self.path,
                f"line {line}: paragraph {number} repeats the number of line {self.seen_numbers[number]}",
            )
        else:
            self.seen_numbers[number] = line
            self._check_sequence(number, line)
        paragraph = DraftParagraph(number=number, text="", page=MARKDOWN_PAGE)
        self.blocks.append(paragraph)
        whole = number.split(".")[0]
        self.last_number = int(whole) if whole.isdigit() else None
        self.current = paragraph

    def _check_sequence(self, number: str, line: int) -> None:
        """Warn when 12 is followed by 2023: usually a wrapped line that begins "2023. "."""
        whole, _, decimal = number.partition(".")
        if self.last_number is None or not whole.isdigit():
            return
        expected = self.last_number if decimal else self.last_number + 1
        if int(whole) != expected:
            self.diag.warn(
                "paragraph-sequence",
                self.path,
                f"line {line}: paragraph {number} follows paragraph {self.last_number}"
                " (a wrapped line that starts with a number and a dot?)",
            )

    def _start_unnumbered(self) -> None:
        paragraph = DraftParagraph(number=None, text="", page=MARKDOWN_PAGE)
        self.blocks.append(paragraph)
        self.current = paragraph

    def _fill_numbered(self, inner: Sequence[Token]) -> None:
        """Everything inside a "26." list item belongs to paragraph 26 (text, then items)."""
        for tok in inner:
            if tok.type == "inline":
                self._add_lines(inline_lines(tok, self.refs))
            elif tok.type == "code_block":
                self._add_lines(self._indented_lines(tok))
            elif tok.type == "fence":
                self._add_lines(_verbatim_lines(tok))
            elif tok.type == "list_item_open" and tok.info:
                # A nested ordered list is part of the paragraph's text, number and all.
                self._append_text(f"{tok.info}{tok.markup}")

    def _top_level_lines(self, lines: list[_Line]) -> None:
        """A paragraph outside any numbered item: a sub-paragraph if it starts with "(a)"."""
        first = lines[0].text.strip()
        is_item = self.current is not None and _ITEM_RE.match(first) is not None
        if not is_item and self._next_number(first) is None:
            self._start_unnumbered()
        self._add_lines(lines)

    def _add_lines(self, lines: list[_Line]) -> None:
        for line in lines:
            text = line.text.strip()
            number = self._next_number(text)
            item = _ITEM_RE.match(text)
            if number is not None:
                self._start_numbered(number.group(1), line.line)
                self._append_text(text[number.end() :])
            elif item and self.current is not None:
                self.current.items.append(DraftItem(label=item.group(1), text=""))
                self._append_text(text[item.end() :])
            else:
                self._append_text(text)

    def _next_number(self, text: str) -> re.Match[str] | None:
        """ "27. Text" at the start of a line continues the numbering only right after 26."""
        m = _NUMBER_LINE_RE.match(text)
        if m is None or self.last_number is None:
            return None
        whole, _, decimal = m.group(1).partition(".")
        if decimal:
            # "140.1" follows 140; a bare decimal such as "3.5 million" elsewhere is prose.
            return m if int(whole) == self.last_number else None
        if not text[m.start(1) + len(m.group(1)) :].startswith("."):
            return None  # "27 countries" is prose; a paragraph number has its dot
        return m if int(whole) == self.last_number + 1 else None

    def _indented_lines(self, tok: Token) -> list[_Line]:
        """Text indented four spaces (a code block to Markdown), with its inline markup read."""
        inline = _parser().parseInline(tok.content.rstrip("\n"))[0]
        inline.map = tok.map
        return inline_lines(inline, self.refs)

    def _append_text(self, text: str) -> None:
        """Add text to the open item, else the open paragraph (starting one if none is open)."""
        if self.current is None:
            self._start_unnumbered()
        assert self.current is not None
        target: DraftParagraph | DraftItem = self.current
        if self.current.items:
            # Text after sub-paragraphs continues the last one: the model keeps reading order.
            target = self.current.items[-1]
        target.text = plain(f"{target.text} {text}")

    # -- footnotes ----------------------------------------------------------------------------

    def _footnote_definition(self, open_tok: Token, tokens: Sequence[Token], i: int) -> None:
        label = str(open_tok.meta.get("label", ""))
        line = _line_of(open_tok)
        end = _skip_to_close(tokens, i)
        nested_refs: list[tuple[str, int]] = []
        parts = [
            line_.text
            for tok in tokens[i + 1 : end]
            if tok.type == "inline"
            for line_ in inline_lines(tok, nested_refs)
        ]
        if label in self.definitions:
            self.diag.warn(
                "footnote-duplicate",
                self.path,
                f"line {line}: footnote {label} defined again (first on line {self.definitions[label][1]})",
            )
            return
        self.definitions[label] = (plain(" ".join(parts)), line)
        self.refs.extend(nested_refs)

    def finish_footnotes(self) -> list[DraftFootnote]:
        """Footnotes in order of first reference (as a PDF prints them), then unreferenced ones."""
        order: list[str] = []
        for label, line in self.refs:
            if label not in self.definitions:
                self.diag.warn(
                    "footnote-missing", self.path, f"line {line}: footnote {label} referenced but not defined"
                )
            elif label not in order:
                order.append(label)
        for label, (_, line) in self.definitions.items():
            if label not in order:
                self.diag.warn(
                    "footnote-unused",
                    self.path,
                    f"line {line}: footnote {label} defined but never referenced",
                )
                order.append(label)
        return [
            DraftFootnote(number=label, text=self.definitions[label][0], page=MARKDOWN_PAGE)
            for label in order
        ]


def split_heading_label(text: str) -> tuple[str, str]:
    """ "III. Recommendations" -> ("III.", "Recommendations"); "Summary" -> ("", "Summary")."""
    m = _HEADING_LABEL_RE.match(text)
    if m is None:
        return "", text
    return m.group(1), text[m.end() :]


def _verbatim_lines(tok: Token) -> list[_Line]:
    start = tok.map[0] + 1 if tok.map else 0
    return [_Line(text, start + n) for n, text in enumerate(tok.content.splitlines())]


def _line_of(tok: Token) -> int:
    return tok.map[0] + 1 if tok.map else 0


def _skip_to_close(tokens: Sequence[Token], i: int) -> int:
    """Index after the token that closes tokens[i] (nesting +1 ... -1)."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j + 1
    return len(tokens)
