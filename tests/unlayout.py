"""Fixture PDFs in United Nations layout, rendered from a report described in Python data.

Public API (everything else in this module is private)::

    from tests.unlayout import Report, Heading, Para, Item, Table, Verbatim, PageBreak, Style
    from tests.unlayout import render_pdf, write_pdf

    report = Report(
        symbol="A/80/188",
        title="Promotion and protection of human rights in the context of climate change",
        date="17 July 2025",                      # as printed; the model's date is 2025-07-17
        blocks=(
            Heading("I.", "Introduction"),         # level 1 ("I."), Heading("A.", "...", level=2)
            Para("1", "Text with a footnote.[^1] More text.",
                 items=(Item("(a)", "First;"), Item("(b)", "Second."))),
            Table((("Year", "Amount"), ("2024", "12")), header=True),
            Verbatim((Para(None, "Words of the speaker.", speaker="Mr. Smith (France):"),)),
        ),
        footnotes={"1": "A/78/180, para. 68 (j)."},
    )
    pdf_bytes = render_pdf(report)                 # deterministic: same report, same bytes
    write_pdf(report, "content/A_80_188.pdf")      # the same, written to a file (folders created)
    page_texts(report)                             # what pdfplumber reads on each page (for checks)

Markup inside any text (paragraph, item, footnote, speaker paragraph):

- ``[^3]``  a footnote reference: drawn as a raised 6.5 pt "3" where it stands; the footnote is put
  at the foot of the page that holds the reference (or in "Notes" at the end with ``endnotes=True``).
- ``{-}``   break the line here with a hyphen that is *not* part of the word ("bila{-}teral" prints
  "bila-" at the end of a line and "teral" on the next; the text is "bilateral"). The hyphen drawn
  is U+002D, as Word prints it, so a reader must tell it from a real hyphen by itself.
- ``{/}``   break the line here, adding nothing ("pre-{/}migration": a real hyphen at a line end;
  the text is "pre-migration").
- ``{b}`` and ``{/b}`` (between words)   bold from here on, and regular again: recommendations and
  requests printed bold inside a paragraph ("... several policies. The{/} {b}Inspectors suggest ...").

`plain(text)` removes ``{-}``, ``{/}``, ``{b}`` and ``{/b}`` so tests can state the text a reader must
produce.

Layout (measured on A/80/188, A/79/PV.64, A/HRC/WG.6/7/SVN/3): US Letter, Times 10 pt body on 12 pt
lines from x=123 to x=540; paragraph numbers at the body's left edge with the first line's text
after a tab (x=147), continuation lines back at x=123; sub-paragraph labels at x=151, their text at
x=175; headings bold with the label in the margin; footnotes 8.5 pt under a short rule of underscores
at the page foot, markers raised; page 1 has the masthead ("United Nations", big first letter of the
symbol, "Distr.: General", date, "Original: English", body, session, agenda item, title) and a
footer "24-13410 (E)    170725" with a barcode line; later pages carry the symbol as running head
(left on even pages, right on odd) and a footer with the job number and "n/N" on opposite sides.

`Style` switches on the text-layer defects real PDFs have: ligature glyphs (ﬁ, ﬂ), fake bold (each
character of bold text drawn twice 0.3 pt apart), and words placed by position without space
characters; and, as layout variants, paragraph numbers hanging in the margin, footnote numbers raised
but not smaller, running heads turned along the page's edge, and charts (`Figure`) with a turned
axis label. Arabic reports (`language="ar"`) are drawn right to left in visual order, unshaped (as
many real PDFs store them), optionally with presentation forms; Chinese ones (`language="zh"`)
without spaces, justified by spreading the characters. Russian text needs a TrueType serif with Cyrillic (`cyrillic_font_path()`; Debian's
fonts-dejavu-core or fonts-liberation provide one); everything else uses the PDF base-14 Times, so
it renders on any machine.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "Figure",
    "Heading",
    "Item",
    "PageBreak",
    "Para",
    "Report",
    "Style",
    "Table",
    "Verbatim",
    "arabic_font_path",
    "cyrillic_font_path",
    "page_texts",
    "plain",
    "render_pdf",
    "write_pdf",
]

# ---------------------------------------------------------------------------------------------------
# The report, as data
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    label: str
    """As printed: "I.", "A.", "1." or "" for an unnumbered heading."""
    text: str
    level: int = 1
    """1: bold 14 pt; 2: bold 12 pt; 3 and more: bold 10 pt."""


@dataclass(frozen=True)
class Item:
    label: str
    """"(a)", "(ii)", "а)"."""
    text: str


@dataclass(frozen=True)
class Para:
    number: str | None
    """Printed as "26." at the left edge; None for an unnumbered paragraph (a summary, a speech)."""
    text: str
    items: tuple[Item, ...] = ()
    speaker: str | None = None
    """Verbatim records: a bold label that opens the paragraph ("Mr. Smith (France):")."""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    """Cells, one line each (keep them short: a cell is never wrapped)."""
    header: bool = True
    """The first row in bold."""
    caption: str | None = None
    """A bold line above the table ("Table 3")."""
    size: float = 10.0
    """The cells' type size (statistical tables are often set at 8-9 pt, like notes)."""
    cell_rules: bool = False
    """Draw each row's border as one short segment per cell, as Word exports many tables (instead of
    one rule across the table)."""


@dataclass(frozen=True)
class Verbatim:
    """A verbatim record section: speaker paragraphs in two columns, left column first.

    It starts on a new page (under the masthead when it is the first block), spans x=60..540 and
    fills the left column to the page foot, then the right one; the next block starts a new page.
    """

    paragraphs: tuple[Para, ...]


@dataclass(frozen=True)
class Figure:
    """A chart's frame with its vertical axis label (turned 90 degrees, reading upwards) and a bold
    caption under it; the caption is a line of text, the label is text in its own direction."""

    caption: str
    axis_label: str
    ticks: tuple[str, ...] = ()
    """Labels under a horizontal axis near the frame's foot: the axis drawn as one short rule (as
    charts exported from Excel draw it), the labels in 8 pt under it, spread along it. A rule with
    small type under it, as a footnote rule has."""
    under: tuple[str, ...] = ()
    """Lines in 8 pt under the caption, one each: the chart's legend and its source."""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (to put a block at a known place)."""


Block = Heading | Para | Table | Verbatim | Figure | PageBreak


@dataclass(frozen=True)
class Style:
    ligatures: bool = False
    """Draw "fi" and "fl" in body and footnote text as the single glyphs ﬁ and ﬂ."""
    fake_bold: bool = False
    """Draw every character of bold text (headings, masthead, speakers) twice, 0.3 pt apart."""
    no_spaces: bool = False
    """Place every word by position and draw no space characters at all."""
    hanging_numbers: bool = False
    """Print paragraph numbers in the margin ("26." at x=95) with every line of text at x=123,
    instead of the usual UN layout (number at x=123, first line's text after a tab)."""
    raised_note_numbers: bool = False
    """Footnote numbers raised 4.5 pt but not smaller: 8.5 pt in the text (as big as the notes) and
    8.5 pt before each note, as some offices print them."""
    presentation_forms: bool = False
    """Arabic text drawn with the isolated presentation forms (U+FE8D...) instead of the letters, as
    PDFs written from shaped text store them."""
    underlined_headings: bool = False
    """Headings underlined by a drawn rule under their letters, as typewriter-era documents print them."""
    turned_running_heads: bool = False
    """Later pages print the running head (symbol) and the footer (job number, counter) turned 90
    degrees along the page's right edge, as landscape pages in portrait documents do."""


@dataclass(frozen=True)
class Report:
    title: str
    blocks: tuple[Block, ...]
    footnotes: Mapping[str, str] = field(default_factory=dict)
    symbol: str = "A/80/188"
    date: str = "17 July 2025"
    language: str = "en"
    """"en", "fr", "es", "ru", "ar" or "zh": picks the masthead wording (and the Cyrillic font for
    "ru"; Arabic text in Noto Naskh Arabic, drawn right to left in visual order, for "ar"; Chinese in
    the Adobe CID font STSong-Light, characters unspaced, for "zh")."""
    original: str = "English"
    """The original language, as printed after "Original:" in the masthead language."""
    organ: str = "General Assembly"
    session: str = "Eightieth session"
    agenda: str = "Item 72 (b) of the provisional agenda"
    agenda_title: str = "Promotion and protection of human rights"
    subtitle: str | None = "Report of the Secretary-General"
    job: str = "24-13410"
    endnotes: bool = False
    """Collect the notes under a "Notes" heading after the last block instead of at each page foot."""
    style: Style = Style()


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes; identical bytes for an identical report."""
    pages = _paginate(report)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=letter, invariant=1, pageCompression=0)
    canvas.setTitle("")  # no metadata a reader could take the title from
    for number, page in enumerate(pages, start=1):
        _draw_page(canvas, report, page, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def write_pdf(report: Report, path: str | Path) -> Path:
    """Render the report and write it to `path` (parent folders created); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render_pdf(report))
    return target


def plain(text: str) -> str:
    """The text a reader must produce from marked-up text: line-break and bold markup removed."""
    text = re.sub(r"\s*\{/?b\}\s*", " ", text).strip()
    return text.replace("{-}", "").replace("{/}", "")


CYRILLIC_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",  # fonts-liberation
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",  # fonts-liberation2
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",  # fonts-dejavu-core
)


def cyrillic_font_path() -> Path | None:
    """A TrueType serif with Cyrillic glyphs on this machine, or None."""
    for candidate in CYRILLIC_FONT_CANDIDATES:
        if Path(candidate).is_file() and Path(_bold_variant(candidate)).is_file():
            return Path(candidate)
    return None


# ---------------------------------------------------------------------------------------------------
# Geometry (points, top-down y like pdfplumber's "top"; converted when drawing)
# ---------------------------------------------------------------------------------------------------

PAGE_W, PAGE_H = letter
LEFT, RIGHT = 123.0, 540.0
NUMBER_TAB = 147.0
HANGING_INDENT = 28.0
ITEM_LABEL_X, ITEM_TEXT_X = 151.0, 175.0
HEAD_LABEL_X = 98.8
BODY_TOP, BODY_BOTTOM = 73.0, 730.0
NOTES_END = 743.0
"""One note line below the last footnote line's baseline (A/80/188: last note at 732.7)."""
TITLE_TOP = 315.0
ORGAN_WIDTH = 397.0 - 10.0 - LEFT  # up to the Distr. column
TITLE_LEAD, SUBTITLE_GAP = 15.0, 25.4
BODY_SIZE, BODY_LEAD = 10.0, 12.0
NOTE_SIZE, NOTE_LEAD = 8.5, 10.56
SUP_SIZE, SUP_RISE = 6.5, 3.5
NOTE_SUP_SIZE, NOTE_SUP_RISE = 5.5, 3.0
RAISED_NUMBER_RISE = 4.5
"""Style.raised_note_numbers: markers as big as the notes (8.5 pt), only raised."""
PARA_GAP = 6.0
RULE_GAP = NOTES_END - BODY_BOTTOM + 26.6  # body to rule 12.5, rule to first note 14.1, as measured
COLUMN_GAP = 18.0
FAKE_BOLD_OFFSET = 0.3

MASTHEAD = {
    "en": {"un": "United Nations", "distr": "Distr.: General", "original": "Original: {}", "lang": ""},
    "fr": {
        "un": "Nations Unies",
        "distr": "Distr. générale",
        "original": "Original : {}",
        "lang": "Français",
    },
    "es": {"un": "Naciones Unidas", "distr": "Distr. general", "original": "Original: {}", "lang": "Español"},
    "ru": {
        "un": "Организация Объединенных Наций",
        "distr": "Distr.: General",
        "original": "Original: {}",
        "lang": "Russian",
    },
    "ar": {"un": "الأمم المتحدة", "distr": "Distr.: General", "original": "Original: {}", "lang": "Arabic"},
    "zh": {"un": "联合国", "distr": "Distr.: General", "original": "Original: {}", "lang": "Chinese"},
}

# ---------------------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str
    ligature: str | None
    """A font whose encoding reaches the fi/fl glyphs (base-14 Times through StandardEncoding)."""
    arabic: tuple[str, str] | None = None
    """(regular, bold) fonts for Arabic words (the Latin fonts have no Arabic glyphs, and the Arabic
    ones no Latin letters); Arabic is then drawn right to left."""


ARABIC_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",  # fonts-noto-core
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
)


def arabic_font_path() -> Path | None:
    """A TrueType font with Arabic glyphs (and its bold) on this machine, or None."""
    for candidate in ARABIC_FONT_CANDIDATES:
        if Path(candidate).is_file() and Path(_bold_variant(candidate)).is_file():
            return Path(candidate)
    return None


_ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def _script_font(fonts: _Fonts, text: str, font: str) -> str:
    """The font that has `text`'s glyphs: the Arabic one for Arabic words in an Arabic report."""
    if fonts.arabic and font not in fonts.arabic and _ARABIC.search(text):
        return fonts.arabic[1] if font == fonts.bold else fonts.arabic[0]
    return font


def _visual(text: str) -> str:
    """Arabic text in the order it is seen, left to right, as PDFs store it: letters reversed, runs
    of digits and Latin letters kept in their own order."""
    runs = re.findall(r"[0-9A-Za-z/.,:()-]*[0-9A-Za-z]|.", text[::-1])
    return "".join(r[::-1] if len(r) > 1 else r for r in runs)


def _isolated_form(ch: str) -> str:
    """An Arabic letter's isolated presentation form ("ب" -> U+FE8F), or the letter itself."""
    import unicodedata

    try:
        return unicodedata.lookup(unicodedata.name(ch) + " ISOLATED FORM")
    except (KeyError, ValueError):
        return ch


def _fonts_for(report: Report) -> _Fonts:
    if report.language == "ar":
        path = arabic_font_path()
        if path is None:
            raise RuntimeError("no TrueType font with Arabic found; install Debian's fonts-noto-core")
        for name, file in (("UNArabic", str(path)), ("UNArabic-Bold", _bold_variant(str(path)))):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, file))
        return _Fonts("Times-Roman", "Times-Bold", None, ("UNArabic", "UNArabic-Bold"))
    if report.language == "zh":
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
            # one of the Adobe Asian fonts every PDF reader knows: no font file is needed
            pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return _Fonts("STSong-Light", "STSong-Light", None)
    if report.language == "ru":
        path = cyrillic_font_path()
        if path is None:
            raise RuntimeError(
                "no TrueType serif with Cyrillic found; install Debian's fonts-dejavu-core or fonts-liberation"
            )
        for name, file in (("UNSerif", str(path)), ("UNSerif-Bold", _bold_variant(str(path)))):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, file))
        return _Fonts("UNSerif", "UNSerif-Bold", None)
    if "Times-Roman-Ligatures" not in pdfmetrics.getRegisteredFontNames():
        # StandardEncoding puts "fi" at 0xAE and "fl" at 0xAF; WinAnsi (the default) has neither.
        pdfmetrics.registerFont(pdfmetrics.Font("Times-Roman-Ligatures", "Times-Roman", "StandardEncoding"))
    return _Fonts("Times-Roman", "Times-Bold", "Times-Roman-Ligatures")


def _bold_variant(path: str) -> str:
    return path.replace("-Regular.ttf", "-Bold.ttf").replace("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf")


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


# ---------------------------------------------------------------------------------------------------
# Text: markup -> words of runs
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    text: str
    bold: bool = False
    sup: bool = False


@dataclass(frozen=True)
class _Word:
    runs: tuple[_Run, ...]
    break_after: bool = False
    """A forced line break follows ({-} or {/})."""
    glued: bool = False
    """No space before this word: a Chinese character after another (a line may break between them)."""


_MARKER = re.compile(r"\[\^([^\]]+)\]")


_BOLD_SWITCH = re.compile(r"(\{/?b\})")


def _words(text: str, bold: bool = False) -> list[_Word]:
    """The words of marked-up text; ``{b}`` / ``{/b}`` switch bold on and off for the words after."""
    out: list[_Word] = []
    for piece in _BOLD_SWITCH.split(text):
        if _BOLD_SWITCH.fullmatch(piece):
            bold = piece == "{b}"
        else:
            out += _plain_words(piece, bold)
    return out


def _plain_words(text: str, bold: bool) -> list[_Word]:
    out: list[_Word] = []
    for token, joined in _cjk_split(text.split()):
        pieces = re.split(r"(\{-\}|\{/\})", token)
        for i in range(0, len(pieces), 2):
            piece, brk = pieces[i], pieces[i + 1] if i + 1 < len(pieces) else ""
            piece += "-" if brk == "{-}" else ""
            if piece:
                glued = bool(out) and joined and i == 0
                out.append(_Word(_runs(piece, bold), break_after=bool(brk), glued=glued))
            elif brk and out:
                out[-1] = _Word(out[-1].runs, break_after=True)
    return out


def _cjk_split(tokens: list[str]) -> list[tuple[str, bool]]:
    """Chinese text as one token per character (a marker stays with the character before it), each
    with whether it is glued to the token before (it came from the same unspaced run)."""
    out: list[tuple[str, bool]] = []
    for token in tokens:
        if not any(_is_cjk(ch) for ch in token):
            out.append((token, False))
            continue
        pieces = [p for p in re.split(r"((?:[\u2e80-\u9fff\uff00-\uffef])(?:\[\^[^\]]+\])?)", token) if p]
        out += [(p, k > 0) for k, p in enumerate(pieces)]
    return out


def _runs(piece: str, bold: bool) -> tuple[_Run, ...]:
    runs: list[_Run] = []
    pos = 0
    for m in _MARKER.finditer(piece):
        if m.start() > pos:
            runs.append(_Run(piece[pos : m.start()], bold))
        runs.append(_Run(m.group(1), bold, sup=True))
        pos = m.end()
    if pos < len(piece):
        runs.append(_Run(piece[pos:], bold))
    return tuple(runs)


# ---------------------------------------------------------------------------------------------------
# Lines and pages
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Line:
    """One line of text: words placed at x offsets (from `x`), drawn at `size` on baseline `top`."""

    x: float
    words: list[tuple[float, _Word]]
    size: float
    lead: float
    refs: list[str] = field(default_factory=list)
    prefix: list[tuple[float, _Run]] = field(default_factory=list)
    """Labels drawn at absolute x before the words: "26.", "(a)", a note's raised number."""
    space_before: float = 0.0
    keep_with_next: int = 0
    """How many following lines must share this line's page (a table's header row)."""
    top: float = 0.0
    underline: bool = False
    """A rule drawn under the line's words, 1.5 pt under the baseline."""


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)
    notes: list[_Line] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)
    first: bool = False
    figures: list[tuple[float, Figure]] = field(default_factory=list)
    """Figures drawn on this page, with the baseline of their caption line."""


class _Measure:
    def __init__(self, fonts: _Fonts, style: Style = Style()) -> None:
        self.fonts = fonts
        self.style = style

    def sup(self, size: float) -> tuple[float, float]:
        """(size, rise) of a footnote marker in text of `size`."""
        if self.style.raised_note_numbers:
            return NOTE_SIZE, RAISED_NUMBER_RISE
        return (SUP_SIZE, SUP_RISE) if size >= BODY_SIZE else (NOTE_SUP_SIZE, NOTE_SUP_RISE)

    def run_width(self, run: _Run, size: float, sup_size: float) -> float:
        font = _script_font(self.fonts, run.text, self.fonts.bold if run.bold else self.fonts.regular)
        return pdfmetrics.stringWidth(run.text, font, sup_size if run.sup else size)

    def word_width(self, word: _Word, size: float, sup_size: float) -> float:
        return sum(self.run_width(r, size, sup_size) for r in word.runs)

    def space(self, size: float) -> float:
        return pdfmetrics.stringWidth(" ", self.fonts.regular, size)


def _wrap(
    words: list[_Word], first_x: float, rest_x: float, right: float, size: float, measure: _Measure
) -> list[tuple[float, list[tuple[float, _Word]]]]:
    """Greedy line filling; returns (line x, [(offset, word)]) per line."""
    sup = measure.sup(size)[0]
    lines: list[tuple[float, list[tuple[float, _Word]]]] = [(first_x, [])]
    cursor = 0.0
    for word in words:
        x, placed = lines[-1]
        width = measure.word_width(word, size, sup)
        gap = measure.space(size) if placed and not word.glued else 0.0
        if placed and x + cursor + gap + width > right:
            lines.append((rest_x, []))
            x, placed, cursor, gap = rest_x, lines[-1][1], 0.0, 0.0
        placed.append((cursor + gap, word))
        cursor += gap + width
        if word.break_after:
            lines.append((rest_x, []))
            cursor = 0.0
    return [line for line in lines if line[1]]


def _justify(
    x: float, placed: list[tuple[float, _Word]], right: float, size: float, measure: _Measure
) -> list[tuple[float, _Word]]:
    if len(placed) < 2:
        return placed
    sup = measure.sup(size)[0]
    last_offset, last_word = placed[-1]
    slack = right - (x + last_offset + measure.word_width(last_word, size, sup))
    step = max(slack, 0.0) / (len(placed) - 1)
    return [(offset + k * step, word) for k, (offset, word) in enumerate(placed)]


def _text_lines(
    text: str,
    first_x: float,
    rest_x: float,
    right: float,
    size: float,
    lead: float,
    measure: _Measure,
    bold: bool = False,
    lead_words: list[_Word] | None = None,
) -> list[_Line]:
    words = (lead_words or []) + _words(text, bold)
    out: list[_Line] = []
    wrapped = _wrap(words, first_x, rest_x, right, size, measure)
    for k, (x, placed) in enumerate(wrapped):
        if k + 1 < len(wrapped):  # justified like UN documents: only a paragraph's last line is short
            placed = _justify(x, placed, right, size, measure)
        refs = [r.text for _, w in placed for r in w.runs if r.sup]
        out.append(_Line(x=x, words=placed, size=size, lead=lead, refs=refs))
    return out or [_Line(x=first_x, words=[], size=size, lead=lead)]  # "26." with only items after it


def _para_lines(
    para: Para, measure: _Measure, left: float = LEFT, right: float = RIGHT, hanging: bool = False
) -> list[_Line]:
    speaker = _words(para.speaker, bold=True) if para.speaker else None
    # numbered: "26." at the left edge, text after a tab (or, hanging, "26." in the margin and every
    # line at the left edge); unnumbered: an indented first line
    first_x = (left if hanging else NUMBER_TAB) if para.number else left + 24.0
    lines = _text_lines(para.text, first_x, left, right, BODY_SIZE, BODY_LEAD, measure, lead_words=speaker)
    if para.number:
        lines[0].prefix.append((left - HANGING_INDENT if hanging else left, _Run(f"{para.number}.")))
    lines[0].space_before = PARA_GAP
    for item in para.items:
        item_lines = _text_lines(item.text, ITEM_TEXT_X, left, right, BODY_SIZE, BODY_LEAD, measure)
        item_lines[0].prefix.append((ITEM_LABEL_X, _Run(item.label)))
        item_lines[0].space_before = PARA_GAP
        lines += item_lines
    return lines


def _heading_lines(h: Heading, measure: _Measure) -> list[_Line]:
    size = {1: 14.0, 2: 12.0}.get(h.level, 10.0)
    lines = _text_lines(h.text, LEFT, LEFT, RIGHT - 40, size, size + 2, measure, bold=True)
    if h.label:
        width = pdfmetrics.stringWidth(h.label, measure.fonts.bold, size)
        label_x = LEFT - 6.0 - width if h.level == 1 else HEAD_LABEL_X
        lines[0].prefix.append((label_x, _Run(h.label, bold=True)))
    lines[0].space_before = 18.0 if h.level == 1 else 12.0
    for line in lines:
        line.underline = measure.style.underlined_headings
    return lines


def _note_lines(number: str, text: str, measure: _Measure) -> list[_Line]:
    lines = _text_lines(text, LEFT, LEFT, RIGHT, NOTE_SIZE, NOTE_LEAD, measure)
    marker = _Run(number, sup=True)
    width = measure.run_width(marker, NOTE_SIZE, measure.sup(NOTE_SIZE)[0])
    lines[0].prefix.append((LEFT - 6.0 - width, marker))
    return lines


class _Paginator:
    """Fills pages with body lines, putting each footnote on the page of its reference.

    A footnote that does not fit goes on with its remaining lines at the foot of the next page, as
    Word does; a body line only goes on a page when at least the first line of each of its notes fits.
    """

    def __init__(self, report: Report, measure: _Measure) -> None:
        self.report, self.measure = report, measure
        self.pages: list[_Page] = [_Page(first=True)]
        self.y = _first_body_top(report, measure.fonts)
        self.carried: list[_Line] = []

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def new_page(self) -> None:
        notes, self.carried = _split_notes(self.carried)
        self.pages.append(_Page(notes=notes))
        self.y = BODY_TOP

    def ensure_room(self, height: float) -> None:
        if self.page.lines and self.y + height > BODY_BOTTOM - self.notes_height(self.page.notes):
            self.new_page()

    def notes_height(self, notes: list[_Line]) -> float:
        return RULE_GAP + sum(n.lead for n in notes) if notes else 0.0

    def place(self, lines: list[_Line]) -> None:
        for i, line in enumerate(lines):
            following = lines[i + 1 : i + 1 + line.keep_with_next]
            self.place_line(line, following)

    def place_line(self, line: _Line, following: list[_Line]) -> None:
        new_notes = [] if self.report.endnotes else self.notes_for(line)
        space = line.space_before if self.page.lines else 0.0
        needed = space + line.lead + sum(f.lead for f in following)
        limit = BODY_BOTTOM - self.notes_height(self.page.notes + new_notes[:1])
        # a page whose last note runs on ends there, so the continuation leads the next page's notes
        if (self.y + needed > limit or self.carried) and self.page.lines:
            self.new_page()
            space = 0.0
        self.y += space + line.lead
        line.top = self.y
        self.page.lines.append(line)
        self.attach_notes(new_notes)

    def notes_for(self, line: _Line) -> list[_Line]:
        notes: list[_Line] = []
        for ref in line.refs:
            if ref not in self.report.footnotes:
                raise ValueError(f"footnote [^{ref}] is referenced but not in Report.footnotes")
            notes += _note_lines(ref, self.report.footnotes[ref], self.measure)
        return notes

    def attach_notes(self, notes: list[_Line]) -> None:
        for k, note in enumerate(notes):
            if self.y + self.notes_height(self.page.notes + [note]) > BODY_BOTTOM and k > 0:
                self.carried += notes[k:]
                return
            self.page.notes.append(note)


def _shift(line: _Line, dx: float) -> _Line:
    line.x += dx
    line.prefix = [(x + dx, run) for x, run in line.prefix]
    return line


def _paginate(report: Report) -> list[_Page]:
    measure = _Measure(_fonts_for(report), report.style)
    pag = _Paginator(report, measure)
    after_verbatim = False
    for block in report.blocks:
        if after_verbatim or isinstance(block, PageBreak):
            if pag.page.lines:
                pag.new_page()
            after_verbatim = False
        if isinstance(block, Heading):
            lines = _heading_lines(block, measure)
            # never strand a heading at a page foot: it needs room for two lines of what follows
            pag.ensure_room(sum(ln.lead for ln in lines) + lines[0].space_before + PARA_GAP + 2 * BODY_LEAD)
            pag.place(lines)
        elif isinstance(block, Para):
            pag.place(_para_lines(block, measure, hanging=report.style.hanging_numbers))
        elif isinstance(block, Table):
            _place_table(pag, block, measure)
        elif isinstance(block, Verbatim):
            _place_verbatim(pag, block, measure)
            after_verbatim = True
        elif isinstance(block, Figure):
            _place_figure(pag, block, measure)
    if report.endnotes and report.footnotes:
        _place_endnotes(pag, report, measure)
    while pag.carried:  # notes still running on after the last body line
        pag.new_page()
    return pag.pages


def _split_notes(notes: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    room = int((BODY_BOTTOM - BODY_TOP - RULE_GAP) // NOTE_LEAD)
    return notes[:room], notes[room:]


def _place_verbatim(pag: _Paginator, block: Verbatim, measure: _Measure) -> None:
    if pag.page.lines:
        pag.new_page()
    mid = (LEFT - 63.0 + RIGHT) / 2  # the verbatim columns use the page's full width
    bounds = ((LEFT - 63.0, mid - COLUMN_GAP / 2), (mid + COLUMN_GAP / 2, RIGHT))
    lines = [ln for para in block.paragraphs for ln in _para_lines(para, measure, *bounds[0])]
    width_shift = bounds[1][0] - bounds[0][0]
    column, top = 0, pag.y
    for line in lines:
        space = line.space_before if pag.y > top else 0.0
        if pag.y + space + line.lead > BODY_BOTTOM:
            column, space = column + 1, 0.0
            if column == 2:
                pag.new_page()
                column, top = 0, pag.y
            pag.y = top
        if column == 1:
            line = _shift(line, width_shift)
        pag.y += space + line.lead
        line.top = pag.y
        pag.page.lines.append(line)


def _place_table(pag: _Paginator, table: Table, measure: _Measure) -> None:
    columns = max(len(r) for r in table.rows)
    width = (RIGHT - LEFT) / columns
    lines: list[_Line] = []
    if table.caption:
        caption = _text_lines(table.caption, LEFT, LEFT, RIGHT, BODY_SIZE, BODY_LEAD, measure, bold=True)
        caption[0].space_before = 12.0
        lines += caption
    for r, row in enumerate(table.rows):
        bold = table.header and r == 0
        words: list[tuple[float, _Word]] = []
        for c, cell in enumerate(row):
            cell_words = _words(cell, bold)
            offset = c * width + 2.0
            for word in cell_words:
                words.append((offset, word))
                offset += measure.word_width(word, table.size, SUP_SIZE) + measure.space(table.size)
        lines.append(
            _Line(
                x=LEFT,
                words=words,
                size=table.size,
                lead=table.size * 1.2 + 4.0,
                space_before=8.0 if r == 0 else 0.0,
                keep_with_next=1 if r == 0 else 0,
            )
        )
    pag.place(lines)
    rows = lines[len(lines) - len(table.rows) :]
    cells = (
        [(LEFT + c * width, LEFT + (c + 1) * width) for c in range(columns)]
        if table.cell_rules
        else [(LEFT, RIGHT)]
    )
    for k, row in enumerate(rows):
        page = next(p for p in pag.pages if any(line is row for line in p.lines))
        if k == 0:
            page.rules += [(x0, x1, row.top - row.lead + 3.0) for x0, x1 in cells]
        page.rules += [(x0, x1, row.top + 4.0) for x0, x1 in cells]


FIGURE_HEIGHT, FIGURE_CAPTION_GAP = 120.0, 14.0
FIGURE_LABEL_SIZE = 8.0


def _place_figure(pag: _Paginator, figure: Figure, measure: _Measure) -> None:
    """The chart's frame above its caption; the frame's height is room the caption line leaves."""
    caption = _text_lines(figure.caption, LEFT, LEFT, RIGHT, BODY_SIZE, BODY_LEAD, measure, bold=True)
    pag.ensure_room(PARA_GAP + FIGURE_HEIGHT + FIGURE_CAPTION_GAP + BODY_LEAD)
    pag.y += (PARA_GAP if pag.page.lines else 0.0) + FIGURE_HEIGHT + FIGURE_CAPTION_GAP
    caption[0].space_before = 0.0
    pag.place(caption)
    pag.page.figures.append((caption[0].top, figure))
    for text in figure.under:
        pag.place(_text_lines(text, LEFT, LEFT, RIGHT, FIGURE_LABEL_SIZE, FIGURE_LABEL_SIZE + 2.0, measure))


def _place_endnotes(pag: _Paginator, report: Report, measure: _Measure) -> None:
    heading = _heading_lines(Heading("", "Notes", level=2), measure)
    pag.place(heading)
    for number, text in report.footnotes.items():
        lines = _note_lines(number, text, measure)
        for line in lines:
            line.size, line.lead = NOTE_SIZE, NOTE_LEAD
        lines[0].space_before = 2.0
        pag.place(lines)


# ---------------------------------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------------------------------


class _Painter:
    """Draws a page's text into one text object (one BT..ET block), as Word's PDF export does.

    One block per page rather than one per word keeps pdfminer fast on the fixtures.
    """

    def __init__(self, canvas: Canvas, fonts: _Fonts, style: Style) -> None:
        self.c, self.fonts, self.style = canvas, fonts, style
        self.t = canvas.beginText()
        self.font: tuple[str, float] | None = None

    def finish(self) -> None:
        self.c.drawText(self.t)

    def put(self, x: float, y: float, text: str, font: str, size: float) -> None:
        if self.font != (font, size):
            self.t.setFont(font, size)
            self.font = (font, size)
        self.t.setTextOrigin(x, y)
        self.t.textOut(text)

    def text(self, x: float, top: float, text: str, font: str, size: float, fake_bold: bool = False) -> float:
        """Draw `text` with its baseline at `top` (pdfplumber-style y); returns the width drawn.

        Arabic is drawn in the Arabic font, in visual order (last letter leftmost), unshaped."""
        y = PAGE_H - top
        script_font = _script_font(self.fonts, text, font)
        if self.fonts.arabic and script_font in self.fonts.arabic and _ARABIC.search(text):
            font = script_font
            text = _visual(text)
            if self.style.presentation_forms:
                text = "".join(_isolated_form(ch) for ch in text)
            fake_bold = False
        if fake_bold:
            cursor = x
            for ch in text:  # letter by letter, as the overprinting printers did ("UUNNIITTEEDD")
                self.put(cursor, y, ch, font, size)
                self.put(cursor + FAKE_BOLD_OFFSET, y, ch, font, size)
                cursor += pdfmetrics.stringWidth(ch, font, size)
        elif text:
            self.put(x, y, text, font, size)
        return pdfmetrics.stringWidth(text, font, size)

    def run(self, x: float, top: float, run: _Run, size: float, sup_size: float, sup_rise: float) -> float:
        font = self.fonts.bold if run.bold else self.fonts.regular
        if run.sup:
            return self.text(x, top - sup_rise, run.text, self.fonts.regular, sup_size)
        if self.fonts.arabic and _ARABIC.search(run.text):
            return self.text(x, top, run.text, font, size)
        fake = self.style.fake_bold and run.bold
        if self.style.ligatures and self.fonts.ligature and not run.bold:
            return self.ligature_text(x, top, run.text, size)
        return self.text(x, top, run.text, font, size, fake)

    def ligature_text(self, x: float, top: float, text: str, size: float) -> float:
        """Draw fi/fl as one glyph (a font with StandardEncoding reaches it), the rest as usual."""
        cursor = x
        for piece in re.split(r"(fi|fl)", text):
            if piece in ("fi", "fl"):
                glyph = "\ufb01" if piece == "fi" else "\ufb02"
                cursor += self.text(cursor, top, glyph, self.fonts.ligature or self.fonts.regular, size)
            elif piece:
                cursor += self.text(cursor, top, piece, self.fonts.regular, size)
        return cursor - x

    def line(self, line: _Line) -> None:
        sup_size, rise = _Measure(self.fonts, self.style).sup(line.size)
        if self.fonts.arabic and any(_ARABIC.search(r.text) for _, w in line.words for r in w.runs):
            self.rtl_line(line, sup_size, rise)
            return
        for x, run in line.prefix:
            self.run(x, line.top, run, line.size, sup_size, rise)
        for i, (offset, word) in enumerate(line.words):
            cursor = line.x + offset
            for run in word.runs:
                cursor += self.run(cursor, line.top, run, line.size, sup_size, rise)
            if not self.style.no_spaces and i + 1 < len(line.words) and not line.words[i + 1][1].glued:
                # a real space character, as Word writes one between words
                self.text(cursor, line.top, " ", self.fonts.regular, line.size)
        if line.underline and line.words:
            offset, last = line.words[-1]
            end = line.x + offset + _Measure(self.fonts, self.style).word_width(last, line.size, sup_size)
            self.c.line(line.x, PAGE_H - line.top - 1.5, end, PAGE_H - line.top - 1.5)

    def rtl_line(self, line: _Line, sup_size: float, rise: float) -> None:
        """A right-to-left line: every position mirrored in the text block (the first word at the
        right margin, a label in the right margin), drawn left to right as Word stores it."""
        measure = _Measure(self.fonts, self.style)
        pieces: list[tuple[float, _Run]] = []
        for x, run in line.prefix:
            pieces.append((LEFT + RIGHT - x - measure.run_width(run, line.size, sup_size), run))
        for i, (offset, word) in enumerate(line.words):
            right_end = LEFT + RIGHT - (line.x + offset)
            cursor = right_end
            for run in word.runs:  # a word's first run stands rightmost
                cursor -= measure.run_width(run, line.size, sup_size)
                pieces.append((cursor, run))
            if not self.style.no_spaces and i + 1 < len(line.words) and not line.words[i + 1][1].glued:
                pieces.append((cursor - measure.space(line.size), _Run(" ")))
        assert self.fonts.arabic is not None
        for x, run in sorted(pieces, key=lambda p: p[0]):
            if run.sup:
                self.run(x, line.top, run, line.size, sup_size, rise)
            else:  # digits and spaces in the Arabic font too: one font, one baseline, as Word sets it
                self.text(x, line.top, run.text, self.fonts.arabic[1 if run.bold else 0], line.size)


def _draw_turned(
    canvas: Canvas, x: float, top: float, text: str, font: str, size: float, angle: float
) -> None:
    """Text turned by `angle` degrees anticlockwise around its start (x, top), as its own text object."""
    canvas.saveState()
    canvas.translate(x, PAGE_H - top)
    canvas.rotate(angle)
    t = canvas.beginText()
    t.setFont(font, size)
    t.setTextOrigin(0, 0)
    t.textOut(text)
    canvas.drawText(t)
    canvas.restoreState()


def _draw_page(canvas: Canvas, report: Report, page: _Page, number: int, total: int) -> None:
    fonts = _fonts_for(report)
    painter = _Painter(canvas, fonts, report.style)
    if page.first:
        _draw_masthead(painter, report)
    elif report.style.turned_running_heads:
        # reading downwards along the right edge: symbol near the top, job number and counter lower
        _draw_turned(canvas, PAGE_W - 40.0, 60.0, report.symbol, fonts.bold, 8.52, -90.0)
        _draw_turned(
            canvas, PAGE_W - 40.0, 600.0, f"{report.job}    {number}/{total}", fonts.regular, 8.52, -90.0
        )
    else:
        _draw_running_head(painter, report, number)
    for figure_top, figure in page.figures:
        canvas.setLineWidth(0.5)
        canvas.rect(LEFT + 30.0, PAGE_H - figure_top + FIGURE_CAPTION_GAP, RIGHT - LEFT - 30.0, FIGURE_HEIGHT)
        label_width = pdfmetrics.stringWidth(figure.axis_label, fonts.regular, 8.0)
        _draw_turned(
            canvas,
            LEFT + 20.0,
            figure_top - FIGURE_CAPTION_GAP - (FIGURE_HEIGHT - label_width) / 2,
            figure.axis_label,
            fonts.regular,
            8.0,
            90.0,
        )
        if figure.ticks:
            axis_top, axis_x0, axis_width = figure_top - FIGURE_CAPTION_GAP - 20.0, LEFT + 40.0, 300.0
            canvas.line(axis_x0, PAGE_H - axis_top, axis_x0 + axis_width, PAGE_H - axis_top)
            step = axis_width / len(figure.ticks)
            for k, tick in enumerate(figure.ticks):
                painter.text(axis_x0 + k * step + 4.0, axis_top + 10.0, tick, fonts.regular, 8.0)
    for line in page.lines:
        painter.line(line)
    canvas.setLineWidth(0.5)
    for x0, x1, top in page.rules:
        canvas.line(x0, PAGE_H - top, x1, PAGE_H - top)
    _draw_notes(painter, page.notes)
    _draw_footer(painter, report, number, total)
    painter.finish()


def _draw_notes(painter: _Painter, notes: list[_Line]) -> None:
    if not notes:
        return
    top = NOTES_END - sum(n.lead for n in notes)
    # Word's short separator: bold underscores, as in the New York documents
    painter.text(100.0, top - 14.1, "_" * 18, painter.fonts.bold, 8.0)
    for note in notes:
        note.top = top
        painter.line(note)
        top += note.lead


def _draw_masthead(painter: _Painter, report: Report) -> None:
    words = MASTHEAD.get(report.language, MASTHEAD["en"])
    regular, bold = painter.fonts.regular, painter.fonts.bold
    fake = report.style.fake_bold
    # baselines chosen so pdfplumber sees the tops and bottoms A/80/188's page 1 has
    head, sep, tail = report.symbol.partition("/")
    width = pdfmetrics.stringWidth(head, regular, 20.0) + pdfmetrics.stringWidth(sep + tail, regular, 10.0)
    x = RIGHT + 12.0 - width
    # a long name ("Организация Объединенных Наций") starts at the page's edge, as in CEDAW/C/CAF/CO/6
    un_fits = LEFT + pdfmetrics.stringWidth(words["un"], regular, 14.0) < x - 12.0
    painter.text(LEFT if un_fits else 60.0, 57.96, words["un"], regular, 14.0)
    x += painter.text(x, 57.06, head, regular, 20.0)
    painter.text(x, 56.83, sep + tail, regular, 10.0)
    painter.c.setLineWidth(0.5)
    painter.c.line(60.0, PAGE_H - 64.8, RIGHT + 12.0, PAGE_H - 64.8)
    _draw_organ(painter, report.organ, fake)
    right_column = [words["distr"], report.date]
    if words["lang"]:
        right_column.append(words["lang"])
    right_column.append(words["original"].format(report.original))
    for k, text in enumerate(right_column):
        painter.text(
            397.0, 86.83 + 12.0 * k + (12.0 if k == len(right_column) - 1 == 2 else 0.0), text, regular, 10.0
        )
    painter.c.line(60.0, PAGE_H - 205.0, RIGHT + 12.0, PAGE_H - 205.0)
    painter.text(60.0, 222.0, report.session, bold, 10.0, fake)
    painter.text(60.0, 234.0, report.agenda, regular, 10.0)
    painter.text(60.0, 246.0, report.agenda_title, bold, 10.0, fake)
    top = TITLE_TOP
    for text in _title_lines(report.title, bold):
        painter.text(LEFT, top, text, bold, 14.0, fake)
        top += TITLE_LEAD
    if report.subtitle:
        painter.text(LEFT, top - TITLE_LEAD + SUBTITLE_GAP, report.subtitle, bold, 12.0, fake)


def _draw_organ(painter: _Painter, organ: str, fake: bool) -> None:
    """ "General Assembly" in bold 20 pt; a name too long for one line in 17 pt lines (CEDAW's layout)."""
    bold = painter.fonts.bold
    if pdfmetrics.stringWidth(organ, bold, 20.0) <= ORGAN_WIDTH:
        painter.text(LEFT, 86.66, organ, bold, 20.0, fake)
        return
    for k, line in enumerate(_wrap_plain(organ, bold, 17.0, ORGAN_WIDTH)):
        painter.text(LEFT, 84.0 + 16.5 * k, line, bold, 17.0, fake)


def _wrap_plain(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and pdfmetrics.stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _title_lines(title: str, font: str) -> list[str]:
    """The title wrapped as the masthead prints it (bold 14 pt, narrower than the body)."""
    return _wrap_plain(title, font, 14.0, RIGHT - 40.0 - LEFT)


def _first_body_top(report: Report, fonts: _Fonts) -> float:
    """Where the body starts on page 1: under the title and subtitle."""
    top = TITLE_TOP + TITLE_LEAD * (len(_title_lines(report.title, fonts.bold)) - 1)
    return top + (SUBTITLE_GAP if report.subtitle else 0.0) + 12.4


def _draw_running_head(painter: _Painter, report: Report, number: int) -> None:
    font, size = painter.fonts.bold, 8.52
    if number % 2 == 0:
        painter.text(60.0, 59.03, report.symbol, font, size)
    else:
        painter.text(
            RIGHT + 12.0 - pdfmetrics.stringWidth(report.symbol, font, size), 59.03, report.symbol, font, size
        )
    painter.c.setLineWidth(0.24)
    painter.c.line(60.0, PAGE_H - 64.8, RIGHT + 12.0, PAGE_H - 64.8)


def _draw_footer(painter: _Painter, report: Report, number: int, total: int) -> None:
    regular, bold = painter.fonts.regular, painter.fonts.bold
    if number == 1:
        painter.text(65.0, 748.0, f"{report.job} (E)    170725", regular, 10.0)
        painter.text(65.0, 760.0, "*" + report.job.replace("-", "") + "*", "Courier", 12.0)
        return
    # A/80/188: job number 6.96 pt and counter bold 8.52 pt on slightly different baselines
    counter = f"{number}/{total}"
    job_width = pdfmetrics.stringWidth(report.job, regular, 6.96)
    counter_width = pdfmetrics.stringWidth(counter, bold, 8.52)
    if number % 2 == 0:  # even pages: counter outside left, job number right
        painter.text(60.0, 755.27, counter, bold, 8.52)
        painter.text(RIGHT + 12.0 - job_width, 753.83, report.job, regular, 6.96)
    else:
        painter.text(60.0, 753.83, report.job, regular, 6.96)
        painter.text(RIGHT + 12.0 - counter_width, 755.27, counter, bold, 8.52)


def page_texts(report: Report) -> list[str]:
    """What pdfplumber reads on each page of the rendered report: for checking that a fixture really
    has the feature a test relies on (a word broken at a line end, a note running onto the next page)."""
    import pdfplumber  # only the checks need it

    with pdfplumber.open(io.BytesIO(render_pdf(report))) as doc:
        return [page.extract_text() or "" for page in doc.pages]
