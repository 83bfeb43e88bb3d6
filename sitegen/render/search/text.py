"""Text analysis for search: folding, tokenizing and stemming, shared by the index and the browser.

The browser module (`templates/assets/search/analysis.js`) implements the same three steps. Stemming is a
small table of suffix (or, for Arabic, prefix) rules per language, applied by a ten-line
interpreter in both languages; the build writes the tables into the index's entry.json, so Python and JS
read the very same rules and only the interpreters could drift apart (tests run both on the same
words through node).

Why rules and not Snowball: no Snowball implementation exists in both Python and plain JS that we
could ship under a strict CSP in a few kilobytes, and a search engine only needs the index and the
query to agree, not linguistically perfect stems. The rules are "light stemmers" in the style of
Savoy's for French, Spanish and Russian, and a shortened Porter for English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

# One stemming step: (affix, replacement, minimum stem length left); the longest matching affix
# of a step wins, then the next step runs. A step marked "p" strips prefixes instead of suffixes.
Rule = tuple[str, str, int]

_EN = [
    {
        "r": [
            ("sses", "ss", 1),
            ("ies", "y", 2),
            ("ss", "ss", 1),
            ("us", "us", 1),
            ("is", "is", 1),
            ("s", "", 2),
        ]
    },
    {
        "r": [
            ("izations", "ize", 3),
            ("ization", "ize", 3),
            ("isations", "ize", 3),
            ("isation", "ize", 3),
            ("ational", "ate", 3),
            ("ations", "ate", 3),
            ("ation", "ate", 3),
            ("ating", "ate", 3),
            ("ated", "ate", 3),
            ("ements", "", 3),
            ("ement", "", 3),
            ("ments", "", 3),
            ("ment", "", 3),
            ("ities", "", 3),
            ("ity", "", 3),
            ("ness", "", 3),
            ("fully", "", 3),
            ("ful", "", 3),
            ("ingly", "", 3),
            ("ing", "", 3),
            ("edly", "", 3),
            ("ed", "", 3),
            ("ly", "", 4),
        ]
    },
    {"r": [("ate", "", 4), ("ive", "", 4), ("al", "", 4)]},
    # "implementation" -> "implementate" -> "implement" must meet "implement" -> "imple".
    {"r": [("ement", "e", 3), ("ment", "", 3)]},
    {"r": [("e", "", 3), ("y", "i", 2)]},
]
_FR = [
    {"r": [("eaux", "eau", 2), ("aux", "al", 3), ("s", "", 2), ("x", "", 3)]},
    {
        "r": [
            ("issements", "", 2),
            ("issement", "", 2),
            ("ements", "", 3),
            ("ement", "", 3),
            ("ations", "", 3),
            ("ation", "", 3),
            ("atrices", "", 3),
            ("atrice", "", 3),
            ("ateurs", "", 3),
            ("ateur", "", 3),
            ("ances", "", 3),
            ("ance", "", 3),
            ("ences", "", 3),
            ("ence", "", 3),
            ("ites", "", 3),
            ("ite", "", 3),
            ("ives", "", 3),
            ("ive", "", 3),
            ("ifs", "", 3),
            ("if", "", 3),
            ("euses", "", 3),
            ("euse", "", 3),
            ("eux", "", 3),
            ("ismes", "", 3),
            ("isme", "", 3),
            ("istes", "", 3),
            ("iste", "", 3),
            ("ables", "", 3),
            ("able", "", 3),
            ("ibles", "", 3),
            ("ible", "", 3),
            ("elles", "el", 3),
            ("elle", "el", 3),
            ("ions", "", 3),
        ]
    },
    {"r": [("ee", "", 3), ("er", "", 3), ("ez", "", 3), ("e", "", 3)]},
]
_ES = [
    {"r": [("ces", "z", 2), ("es", "", 3), ("s", "", 2)]},
    {
        "r": [
            ("amientos", "", 3),
            ("amiento", "", 3),
            ("imientos", "", 3),
            ("imiento", "", 3),
            ("aciones", "", 3),
            ("acion", "", 3),
            ("uciones", "", 3),
            ("ucion", "", 3),
            ("idades", "", 3),
            ("idad", "", 3),
            ("mente", "", 3),
            ("ables", "", 3),
            ("able", "", 3),
            ("ibles", "", 3),
            ("ible", "", 3),
            ("istas", "", 3),
            ("ista", "", 3),
            ("osos", "", 3),
            ("osas", "", 3),
            ("oso", "", 3),
            ("osa", "", 3),
            ("ivos", "", 3),
            ("ivas", "", 3),
            ("ivo", "", 3),
            ("iva", "", 3),
            ("adores", "", 3),
            ("adoras", "", 3),
            ("adora", "", 3),
            ("ador", "", 3),
            ("ancia", "", 3),
            ("encia", "", 3),
        ]
    },
    {"r": [("a", "", 3), ("o", "", 3), ("e", "", 3)]},
]
# Russian after folding: "й" -> "и", "ё" -> "е" (diacritics are folded before stemming).
_RU = [
    {"r": [("ся", "", 3), ("сь", "", 3)]},
    {
        "r": [
            (s, "", 3)
            for s in (
                "остями",
                "остью",
                "остях",
                "остям",
                "остеи",
                "ость",
                "ости",
                "иями",
                "ями",
                "ами",
                "ыми",
                "ими",
                "ого",
                "его",
                "ому",
                "ему",
                "ая",
                "яя",
                "ое",
                "ее",
                "ые",
                "ие",
                "ую",
                "юю",
                "ои",
                "еи",
                "ыи",
                "ии",
                "ых",
                "их",
                "ым",
                "им",
                "ом",
                "ем",
                "ам",
                "ям",
                "ах",
                "ях",
                "ов",
                "ев",
                "ию",
                "ью",
                "ия",
                "ья",
                "ать",
                "ять",
                "ить",
                "еть",
                "ует",
                "уют",
                "ют",
                "ет",
                "ит",
                "ат",
                "ят",
                "ла",
                "ло",
                "ли",
                "ть",
                "а",
                "е",
                "и",
                "о",
                "у",
                "ы",
                "ь",
                "ю",
                "я",
            )
        ]
    },
]
# Arabic after folding (hamza forms -> alef, taa marbuta -> haa, alef maqsura -> yaa).
_AR: list[dict[str, Any]] = [
    {
        "p": 1,
        "r": [("وال", "", 2), ("بال", "", 2), ("كال", "", 2), ("فال", "", 2), ("لل", "", 2), ("ال", "", 2)],
    },
    {"r": [("ات", "", 2), ("ون", "", 2), ("ين", "", 2), ("ها", "", 2), ("يه", "", 2), ("ه", "", 2)]},
]

STEM_RULES: dict[str, list[dict[str, Any]]] = {"en": _EN, "fr": _FR, "es": _ES, "ru": _RU, "ar": _AR}

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "a",
            "an",
            "the",
            "of",
            "and",
            "or",
            "to",
            "in",
            "on",
            "at",
            "by",
            "for",
            "with",
            "from",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "which",
            "who",
            "whom",
            "whose",
            "has",
            "have",
            "had",
            "not",
            "no",
            "such",
            "also",
            "all",
            "any",
            "shall",
            "should",
            "may",
            "will",
            "would",
            "can",
            "their",
            "they",
            "them",
            "there",
            "than",
            "then",
            "into",
            "s",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "l",
            "de",
            "des",
            "du",
            "d",
            "et",
            "ou",
            "en",
            "un",
            "une",
            "pour",
            "par",
            "dans",
            "sur",
            "au",
            "aux",
            "que",
            "qu",
            "qui",
            "est",
            "sont",
            "ce",
            "cette",
            "ces",
            "avec",
            "se",
            "s",
            "n",
            "ne",
            "pas",
            "il",
            "elle",
            "ils",
            "elles",
            "a",
            "son",
            "sa",
            "ses",
            "leur",
            "leurs",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "o",
            "en",
            "un",
            "una",
            "unos",
            "unas",
            "para",
            "por",
            "con",
            "que",
            "se",
            "es",
            "son",
            "al",
            "lo",
            "su",
            "sus",
            "a",
            "como",
            "le",
            "les",
            "este",
            "esta",
            "estos",
            "estas",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "во",
            "на",
            "с",
            "со",
            "по",
            "для",
            "не",
            "что",
            "к",
            "о",
            "об",
            "от",
            "из",
            "за",
            "а",
            "как",
            "это",
            "или",
            "до",
            "у",
            "же",
        ]
    ),
    "ar": frozenset(["في", "من", "على", "الى", "إلى", "عن", "و", "أو", "ان", "أن"]),
}
# Folding happens before stopword lookup, so fold the lists once.
_MARKS = {"Mn", "Me"}


def fold(text: str) -> str:
    """Lower case, compatibility forms and diacritics removed: "Élaboré" -> "elabore", "ё" -> "е"."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.lower()).translate(_FOLD_TABLE)


# Combining marks (the diacritics NFKD splits off) are deleted; Arabic letter variants are unified.
_FOLD_TABLE: dict[int, int | None] = {
    cp: None for cp in range(0x10000) if unicodedata.category(chr(cp)) in _MARKS
}
_FOLD_TABLE.update({ord("ة"): ord("ه"), ord("ى"): ord("ي"), ord("ـ"): None})
STOPWORDS = {lang: frozenset(fold(w) for w in words) for lang, words in STOPWORDS.items()}

# A word is a run of letters and digits (the same class as JS /[\p{L}\p{N}]+/u).
_WORD_RE = re.compile(r"[^\W_]+")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")


def word_list(text: str) -> list[str]:
    """`words` as a list, with a fast path for text without CJK (the index builder's hot loop)."""
    folded = fold(text)
    if folded.isascii() or not CJK_RE.search(folded):
        return _WORD_RE.findall(folded)
    return list(words(text))


def words(text: str) -> Iterator[str]:
    """Folded words in order; a run of CJK characters becomes its character bigrams."""
    folded = fold(text)
    if folded.isascii() or not CJK_RE.search(folded):
        yield from _WORD_RE.findall(folded)
        return
    for m in _WORD_RE.finditer(folded):
        word = m.group(0)
        if not CJK_RE.search(word):
            yield word
            continue
        pos = 0
        for run in CJK_RE.finditer(word):
            if run.start() > pos:
                yield word[pos : run.start()]
            yield from cjk_bigrams(run.group(0))
            pos = run.end()
        if pos < len(word):
            yield word[pos:]


def cjk_bigrams(run: str) -> list[str]:
    """ "人权理事会" -> ["人权", "权理", "理事", "事会"]; a single character stays itself."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def stem(word: str, lang: str) -> str:
    """Apply the language's rule steps; words with digits and short words stay as they are."""
    steps = STEM_RULES.get(lang)
    if not steps or len(word) < 3 or any(ch.isdigit() for ch in word):
        return word
    for step in steps:
        prefix = bool(step.get("p"))
        for affix, repl, min_left in step["r"]:
            if len(word) - len(affix) < min_left:
                continue
            if prefix and word.startswith(affix):
                word = repl + word[len(affix) :]
                break
            if not prefix and word.endswith(affix):
                word = word[: len(word) - len(affix)] + repl
                break
    return word


def terms(text: str, lang: str) -> list[str]:
    """The index terms of a text: folded words, stopwords dropped, stemmed."""
    stop = STOPWORDS.get(lang, frozenset())
    return [stem(w, lang) for w in words(text) if w not in stop]


def rules_for_js() -> dict[str, object]:
    """The tables the JS asset needs, longest affix first within each step (as `stem` expects)."""
    return {
        "stem": {
            lang: [{"p": int(bool(s.get("p"))), "r": sorted(s["r"], key=lambda r: -len(r[0]))} for s in steps]
            for lang, steps in STEM_RULES.items()
        },
        "stop": {lang: sorted(words) for lang, words in STOPWORDS.items()},
    }


# The Python interpreter must see the same order as JS: longest affix first within each step.
for _steps in STEM_RULES.values():
    for _s in _steps:
        _s["r"] = sorted(_s["r"], key=lambda r: -len(r[0]))
