"""UN documents' own conventions: the one home of their grammar, read by every reader, the id
scheme, citations, the index page, search and (through the search index's entry file) the browser.

- Symbols: a series prefix ("A/HRC", "E/CN.5", "S") and "/"-separated parts ("59/15", "Add.1"); a
  document issued to two organs at once carries a joint symbol, two symbols joined by a dash
  ("A/79/797-S/2025/109"). The forms a symbol takes in prose (citations), in a masthead, and as a
  reader types it; its issuing body; its family (addenda, revisions, corrigenda).
- Footnote markers as the model writes them: "[^64]".
- Item labels "(a)", "(ii)", "(aa)", "(12)", "б)" and their ids: Russian letters map to Latin ones
  by position, so "пункт 68 к)" is the same "para-68-j" in every language version.
- Paragraph labels: the words citers put before a paragraph number ("para. 26", "párr.", "пункт").
- Annex words (an annex restarts paragraph numbering) and month names.

`browser_rules` is what the browser's search box needs of these, shipped in the search index's
entry file so that the Python and JavaScript sides cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A symbol starts with a known series prefix and continues with "/"-separated parts; the suffixes
# /Add.1, /Rev.1, /Corr.1 and /L.5 are parts too. Longer prefixes come first so they win.
SERIES = (
    r"A/HRC|A/RES|A/DEC|A/C\.\d|A/AC\.\d+|A/CN\.\d+|A/CONF\.\d+|A/INF|A/ES-\d+|A|"
    r"S/RES|S/PRST|S/PV|S|"
    r"E/CN\.\d+|E/C\.\d+|E/ICEF|E/RES|E/DEC|E|"
    r"CRC/C|CCPR/C|CEDAW/C|CERD/C|CAT/OP|CAT/C|CMW/C|CRPD/C|CED/C|HRI/GEN|HRI/MC|HRI/CORE|"
    r"TD/B|UNEP/\w+|ICCD/\w+(?:\(\d+\))?|FCCC/\w+|JIU/REP|JIU/NOTE|ST/SGB|ST/AI|DP|UNW"
)
PART = r"[A-Z0-9][A-Za-z0-9.\-()]*"
"""One "/"-separated part after the series: "79", "Add.1", "WG.6", "COP(8)"."""

# ---- the forms a symbol takes: cited in prose, loose in running text, printed, typed -------------

SYMBOL_RE = re.compile(
    rf"(?<![\w/.\-])(?P<series>{SERIES})(?P<rest>(?:/{PART})+)"
    r"(?:-S/\d{4}/\d+)?"  # joint symbols "A/79/797-S/2025/109"
)
"""A symbol cited in prose: a known series, then its parts (sentence punctuation is trimmed after)."""

SYMBOL_LIKE_RE = re.compile(r"\b[A-Z]{1,8}(?:\(\d+\))?(?:/[A-Za-z0-9.()\-]*[A-Za-z0-9)]){1,7}")
"""A symbol-like word in running text, any series (the loose form the PDF reader's front page looks for)."""

# The symbol as a masthead or running head prints it. The series may hold digits and dots
# ("GEGN.2"); a part holds letters of any script ("Première"), a bracketed session ("COP(8)") and
# dashes, but not the dash that joins a second symbol ("A/79/797-S/2025/109"). A bracketed
# qualifier follows after a space: "(Part III)", "(Première partie)", the year "(2025)" of a
# Security Council resolution. A reissue's "*" is dropped.
_SERIES_TEXT = r"(?<![\w/.])[A-Z][A-Z0-9.\-]{0,11}(?:\(\d{1,3}\))?"
_PART_TEXT = r"/(?:[^\W_]|\.(?=\w)|\(\d{1,3}\)|-(?!\s?[A-Z][A-Z0-9.]*(?:\(\d{1,3}\))?/))+"
_QUALIFIER = r"(?:\s?\((?:[^\W\d_][^()]{0,23}|\d{4})\))?\*?"
_ONE_SYMBOL = f"{_SERIES_TEXT}(?:{_PART_TEXT}){{1,9}}{_QUALIFIER}"
PRINTED_SYMBOL_RE = re.compile(
    rf"(?P<first>{_ONE_SYMBOL})(?:\s?[-\u2013\u2014\u2212]\s?(?P<second>{_ONE_SYMBOL}))?"
)
"""A symbol as printed alone: one, or two joined by a dash (a joint symbol)."""

TYPED_SYMBOL = r"[A-Za-z][A-Za-z0-9.()-]*(?:/[A-Za-z0-9][A-Za-z0-9.()-]*)+"
"""A symbol as a reader types it into the search box: any series, any case ("a/78/180").
Written in the syntax Python and JavaScript share: the browser receives it (`browser_rules`)."""


def symbol_key(symbol: str) -> str:
    """How a typed symbol is looked up: upper case, no spaces ("a/79/213" -> "A/79/213")."""
    return re.sub(r"\s+", "", symbol).upper()


_JOINT_SPLIT = re.compile(r"\s*[-\u2013\u2014]\s*(?=[A-Z][A-Za-z]*/)")
"""The dash between the two symbols of a joint symbol: before another series' first letters and "/"."""

# Parts that name what kind of document it is, or a session, not who issues it: "A/RES/78/323" is
# issued by the General Assembly ("A"), "A/ES-10/1027" too, "S/PV.9876" by the Security Council.
_NOT_A_BODY = re.compile(r"^(RES|DEC|PRST|INF|NGO|PV(\.\d+)?|SR(\.\d+)?|L\.\d+|CRP\.\d+|E?S-\d+)$")
BODY_DEPTH = 2
"""An issuing body is at most two parts deep: "A/HRC", "E/CN.5", "E/ICEF", "CEDAW/C"."""


def split_joint_symbol(symbol: str) -> list[str]:
    """ "A/79/797-S/2025/109" -> ["A/79/797", "S/2025/109"]; a single symbol -> [itself]."""
    return [p for p in _JOINT_SPLIT.split(symbol.strip()) if p]


def issuing_body(symbol: str | None) -> str:
    """The organ that issues a document, from its symbol's leading parts (a joint symbol's first):
    "A/HRC/59/15" -> "A/HRC", "A/79/213" -> "A", "E/CN.5/2025/4" -> "E/CN.5", "A/RES/78/323" -> "A";
    "" for no symbol."""
    if not symbol:
        return ""
    parts: list[str] = []
    for seg in split_joint_symbol(symbol)[0].split("/"):
        if not seg or seg[0].isdigit() or len(parts) == BODY_DEPTH or _NOT_A_BODY.match(seg):
            break
        parts.append(seg)
    return "/".join(parts)


# ---- document families: addenda, revisions, corrigenda -----------------------------------------

_SUFFIX = re.compile(r"/(Add|Rev|Corr)\.(\d+)$")
MEMBER_KINDS = {"Add": "addendum", "Rev": "revision", "Corr": "corrigendum"}
"""A symbol's last part says what the document is to the one it extends: "/Add.1" a part issued
separately, "/Rev.1" a new text that supersedes it, "/Corr.1" edit instructions for it."""

# When the symbol does not say (a file named without its suffix), the front page does.
FRONT_PAGE_KIND_WORDS = {
    "corrigendum": ("corrigendum", "rectificatif", "corrección", "исправление"),
    "addendum": ("addendum", "additif", "adición", "добавление"),
    "revision": ("revision", "révision", "revisión", "пересмотренный"),
}


@dataclass(frozen=True, slots=True)
class Member:
    """What one document is in its family: "E/2025/15/Add.1/Rev.1" is revision 1 of
    "E/2025/15/Add.1", whose family is that of "E/2025/15"."""

    symbol: str
    kind: str
    """"base", "addendum", "revision" or "corrigendum"."""
    number: int
    """1 for "/Add.1"; 0 for the base."""
    of: str
    """The symbol this one extends, revises or corrects (itself for the base)."""
    base: str
    """The family's base symbol: every suffix taken off."""


def family_member(symbol: str) -> Member:
    """Read a symbol's trailing /Add.N, /Rev.N, /Corr.N parts (the last one says what it is)."""
    s = split_joint_symbol(symbol)[0].strip() if symbol else symbol
    m = _SUFFIX.search(s)
    if m is None:
        return Member(symbol, "base", 0, symbol, s)
    of = s[: m.start()]
    base = of
    while (inner := _SUFFIX.search(base)) is not None:
        base = base[: inner.start()]
    return Member(symbol, MEMBER_KINDS[m.group(1)], int(m.group(2)), of, base)


def kind_from_front_page(words: str) -> str | None:
    """ "Corrigendum" / "Additif" / "Revision" standing alone on a front page, when the symbol is silent."""
    w = words.strip().strip(".").lower()
    return next((kind for kind, names in FRONT_PAGE_KIND_WORDS.items() if w in names), None)


# ---- footnote markers ----------------------------------------------------------------------------

NOTE_KEY = r"[^\]\s]+"
"""A note's key: a PDF's printed number ("64"), a Markdown footnote's label ("note-1": any text
without spaces or "]", as markdown-it takes it)."""
NOTE_MARK = rf"\[\^{NOTE_KEY}\]"
"""A footnote marker as the model writes it where the note's number stood: "[^64]"."""
NOTE_MARK_RE = re.compile(rf"\[\^(?P<key>{NOTE_KEY})\]")
"""`NOTE_MARK` with the note's key as the group "key"."""


def note_mark(key: str | int) -> str:
    """The marker of note `key`: 64 -> "[^64]"."""
    return f"[^{key}]"


def without_note_marks(text: str) -> str:
    """ "Overview[^1]" -> "Overview": a heading's or title's name without the notes it carries."""
    return NOTE_MARK_RE.sub("", text)


# ---- item labels: "(a)", "(ii)", "(aa)", "(12)", "a)", "б)" -----------------------------------------

CYRILLIC_ITEM_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
"""The letters UN Russian documents label sub-paragraphs with, in order (no ё, й, ъ, ы, ь)."""
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"

ITEM_KEY = r"[a-z]{1,2}|[ivxlc]{1,6}|[а-я]{1,2}|\d{1,2}"
"""What stands in an item label's brackets: "a", "aa", "xxiii", "б", "12"."""
HALF_BRACKET_ITEM_KEY = r"[a-zа-я]"
"""The one letter before a closing bracket alone: "a)", "б)"."""
ITEM_LABEL = rf"\((?:{ITEM_KEY})\)|{HALF_BRACKET_ITEM_KEY}\)"
"""An item label as both readers accept it: "(a)", "(ii)", "(aa)", "(б)", "(12)", and "a)" / "а)"
as French, Spanish and Russian reports print them."""


def _latin_for_position(index: int) -> str:
    """0 -> "a" ... 25 -> "z", then "aa", "bb" as UN English continues after (z)."""
    return LATIN_LETTERS[index % 26] * (index // 26 + 1)


LATIN_FOR_CYRILLIC = {ch: _latin_for_position(i) for i, ch in enumerate(CYRILLIC_ITEM_LETTERS)}
""""а" -> "a", "к" -> "j", "ю" -> "aa", "я" -> "bb": a Russian item's letter in the ids."""


def item_letters(label: str) -> str:
    """An item label's key, in Latin letters: "(a)" -> "a", "(ii)" -> "ii", "б)" -> "b", "к" -> "j";
    a label that is not all Russian item letters stays as it is ("(й)" -> "й")."""
    core = label.strip().strip("().").lower()
    if core and all(ch in LATIN_FOR_CYRILLIC for ch in core):
        return "".join(LATIN_FOR_CYRILLIC[ch] for ch in core)
    return core


# ---- paragraph labels: "para. 26", "paras. 12-14", "párr. 5", "пункт 68" --------------------------

PARAGRAPH_WORDS = (
    "para.",
    "paras.",
    "paragraph",
    "paragraphs",
    "par.",
    "pars.",
    "paragraphe",
    "paragraphes",
    "párr.",
    "párrs.",
    "párrafo",
    "párrafos",
    "пункт",
    "пункты",
    "пункта",
    "пункте",
    "п.",
    "пп.",
)
"""The words a citation in prose puts before a paragraph number (English, French, Spanish, Russian)."""
TYPED_PARAGRAPH_WORDS = (*PARAGRAPH_WORDS, "para", "paras", "párr", "párrs", "p.", "§")
"""What a reader may type before a paragraph number in the search box: the words of prose and
shorthands that prose cannot have ("para" alone is Spanish for "for"; "p." is a page)."""
PARAGRAPH_NUMBER = r"\d+(?:\.\d+)?"
"""A paragraph's number: "26", "140.1"."""
PARAGRAPH_ABBREVIATION = "para."
"""How the site cites a paragraph: "A/79/213, para. 26"."""


def words_pattern(words: tuple[str, ...]) -> str:
    """A regular expression (in the syntax Python and JavaScript share) matching any of `words`."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def paragraph_citation(name: str, number: str, item: str | None = None) -> str:
    """ "A/79/213, para. 26"; with an item, "A/78/180, para. 68 (j)"."""
    return f"{name}, {PARAGRAPH_ABBREVIATION} {number}" + (f" ({item})" if item else "")


# ---- annexes: after one, a document numbers its paragraphs again from 1 ----------------------------

ANNEX_WORDS = ("annex", "annexe", "anexo", "приложение")
# Russian names an appendix as it names an addendum ("Добавление"): on a front page it says what
# the document is (FRONT_PAGE_KIND_WORDS), as a heading inside one it opens an appendix.
APPENDIX_WORDS = ("appendix", "appendice", "apéndice", "добавление")
ANNEX_HEADING_RE = re.compile(rf"^{words_pattern(ANNEX_WORDS + APPENDIX_WORDS)}\b", re.IGNORECASE)
""""Annex I", "Annexe II", "Apéndice", "Приложение": a heading after which numbering starts again."""


def is_annex_heading(label_or_text: str) -> bool:
    """ "Annex I", "Annexe II", "Приложение": a heading after which numbering starts again."""
    return ANNEX_HEADING_RE.match(label_or_text.strip()) is not None


# Unnumbered headings every UN report has, in each language, so that "Summary" and "Résumé" get
# the same id ("sec-summary") and deep links line up across language versions; on a front page such
# a heading never carries on the title above it ("... organization of work" / "Contents").
COMMON_HEADINGS = {
    "summary": ("summary", "résumé", "resume", "resumen", "резюме", "аннотация"),
    "contents": ("contents", "table des matières", "índice", "indice", "содержание"),
    "annex": ANNEX_WORDS,
    "appendix": APPENDIX_WORDS,
}
COMMON_HEADING_KEYS = {word: key for key, words in COMMON_HEADINGS.items() for word in words}


def is_common_heading(text: str) -> bool:
    """ "Contents", "Résumé", "Table des matières:" alone on a line."""
    return " ".join(text.split()).lower().rstrip(".:") in COMMON_HEADING_KEYS


# ---- months --------------------------------------------------------------------------------------

MONTH_NAMES = {
    "en": (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    # Russian dates name the month in the genitive: "17 июля 2025 года".
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
}
"""Month names as UN documents print them in dates, lower case, by language."""
MONTH_NUMBERS = {name: i + 1 for names in MONTH_NAMES.values() for i, name in enumerate(names)}
""""july", "juillet", "julio", "июля" -> 7."""


def month_name(month: int, language: str = "en") -> str:
    """7 -> "July": the month as a date on the site prints it."""
    return MONTH_NAMES[language][month - 1].capitalize()


# ---- what the browser needs ------------------------------------------------------------------------


def browser_rules() -> dict[str, object]:
    """The rules the search box applies to what a reader types ("A/78/180 para. 68 (j)"), for the
    search index's entry file: the browser builds its patterns from these, never from copies."""
    return {
        "symbol": TYPED_SYMBOL,
        "paragraphWords": words_pattern(TYPED_PARAGRAPH_WORDS),
        "paragraphNumber": PARAGRAPH_NUMBER,
        "itemKey": ITEM_KEY,
        "latinForCyrillic": LATIN_FOR_CYRILLIC,
        "paragraphAbbreviation": PARAGRAPH_ABBREVIATION,
    }
