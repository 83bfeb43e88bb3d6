"""Genres: what kind of document a draft is, and the anchors a citer uses in it.

Reports number their paragraphs; resolutions and decisions open with unnumbered preambular
paragraphs (`pp-1`, `pp-2`, ...); rules of procedure are cited by rule (`rule-12`, `rule-12-2`);
agendas by item (`item-4`). Both readers run these rules on their draft before ids are assigned
(the PDF reader as its step 7, `sitegen.readers.pdf.genres`, after `structure`; CONTRACT.md
section 4): they mark blocks with their `kind` (and split a preamble that the layout ran together),
and `sitegen.anchors` turns kinds into ids.

Every decision here is made from words, the way a reader of the printed page makes it: "The Security
Council," opens a resolution, "Recalling", "Rappelant", "Recordando", "Ссылаясь" open its preambular
paragraphs, "Rule 12" a rule, "Provisional agenda" an agenda. Italics would say the same for a
preamble, but the character step does not keep them, and the words are there in every language.
The rules run in order (`GENRE_RULES`); each is a small function of the draft that changes it in
place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitegen.draft import DraftBlock, DraftHeading, DraftItem, DraftParagraph, DraftReport
from sitegen.symbols import NOTE_MARK

# ---------------------------------------------------------------------------------------------------
# Words: how preambles, acts, sponsors, rules and agendas announce themselves in the six languages
# ---------------------------------------------------------------------------------------------------

# Adverbs that may stand before a preambular participle ("Deeply concerned", "Further recalling").
_ADVERBS = (
    "Deeply|Gravely|Strongly|Seriously|Firmly|Fully|Highly|Greatly|Profoundly|Further|Also|Once again|"
    "Again|Particularly|Expressing|Profondément|Gravement|Vivement|Sérieusement|Fermement|Également|"
    "Profundamente|Gravemente|Firmemente|Plenamente|Вновь|Глубоко|Высоко|Решительно|Особо|"
    "Настоятельно|Серьезно|Твердо|Также|Далее"
)
# Adjectives and past participles that open a preambular paragraph (participles in -ing, -ant,
# -ando/-iendo are recognised by their ending, below).
_ADJECTIVES = (
    "Aware|Alarmed|Appalled|Cognizant|Committed|Concerned|Confident|Conscious|Convinced|Desirous|"
    "Determined|Disturbed|Encouraged|Gratified|Guided|Mindful|Outraged|Persuaded|Pleased|Resolved|"
    "Seized|Shocked|Satisfied|Reassured|Troubled|Dismayed|Grateful|Appreciative|Inspired|Attached|"
    "Conscient|Consciente|Conscients|Convaincu|Convaincue|Convaincus|Préoccupé|Préoccupée|"
    "Préoccupés|Inquiet|Inquiète|Alarmé|Alarmée|Déterminé|Déterminée|Résolu|Résolue|Guidé|Guidée|"
    "Soucieux|Soucieuse|Désireux|Désireuse|Encouragé|Encouragée|Saisi|Saisie|"
    "Conscientes|Convencido|Convencida|Convencidos|Preocupado|Preocupada|Preocupados|Alarmado|"
    "Alarmada|Decidido|Decidida|Resuelto|Resuelta|Guiado|Guiada|Deseoso|Deseosa|Alentado|Alentada|"
    "Будучи|Памятуя|Ссылаясь|Напоминая|Отмечая|Подтверждая|Признавая|Подчеркивая|Приветствуя|"
    "Выражая|Учитывая|Руководствуясь|Рассмотрев|Принимая|Сознавая|Констатируя|Осуждая|Действуя|"
    "Считая|Отдавая|Сожалея|Заявляя|Исходя|Желая|Стремясь|Обеспокоенный|Встревоженный|Убежденный|"
    "Преисполненный|Осознавая|Высоко|Вновь"
)
# A participle by its ending: English -ing, French -ant, Spanish -ando/-iendo; Russian adverbial
# participles end in -я, -ясь, -в, -вшись (the list above holds the common ones, the endings the rest).
_PARTICIPLE = (
    r"[A-Z][a-z]{2,}ing|S[e’']\s?[a-zéèêàâîôûç]+ant|[A-ZÉÈÀÂ][a-zéèêëàâîïôûç]{2,}ant"
    r"|[A-ZÁÉÍÓÚ][a-záéíóúñ]{2,}(?:ando|iendo|endo)|[А-ЯЁ][а-яё]{2,}(?:[ая]я|ясь|ав|ев|ив|вшись|уя|юя)"
    r"|Taking|Having|Ayant|Tenant|Prenant|Habiendo|Teniendo|Tomando"
)
# The participles resolutions open with most; these never name a place or a body, so a capital may
# follow ("Recalling General Assembly resolution 79/218", "Welcoming Member States' efforts").
_COMMON_PARTICIPLES = (
    "Acknowledging|Acting|Affirming|Appreciating|Bearing|Calling|Commending|Condemning|Considering|"
    "Deploring|Determining|Emphasizing|Emphasising|Encouraging|Endorsing|Expressing|Having|"
    "Highlighting|Noting|Observing|Reaffirming|Recalling|Recognizing|Recognising|Reiterating|"
    "Stressing|Taking|Underlining|Underscoring|Urging|Welcoming|Rappelant|Réaffirmant|Notant|"
    "Soulignant|Considérant|Reconnaissant|Accueillant|Prenant|Recordando|Reafirmando|Observando|"
    "Subrayando|Destacando|Reconociendo|Acogiendo|Tomando|Considerando|Ссылаясь|Напоминая|Отмечая|"
    "Подтверждая|Признавая|Подчеркивая|Приветствуя|Учитывая"
)
# "Recalling and reaffirming": two participles joined (where "Beijing and" is a place and a word).
_PAIRED = r"(?:and|et|y|и)\s+[a-zа-яёéèáíóú]+(?:ing|ant|ando|iendo|я)\b"
# What a preambular paragraph opens with, followed by the lower-case word that goes on its sentence
# (a proper noun after a comma, "Beijing Declaration", "Italy and", is followed by a capital or
# "and"). Chinese and Arabic preambles open with their own words ("回顾", "وإذ").
PREAMBLE_OPENING = re.compile(
    rf"(?:(?:{_COMMON_PARTICIPLES})\b(?=[\s,])|(?:{_ADVERBS})\s+[a-zа-яёéèáíóú]|(?:{_ADJECTIVES})\b(?=\s+[a-zа-яёéèáíóú(“\"‘«]|,)"
    rf"|(?:{_PARTICIPLE})\b(?=\s+(?:{_PAIRED}|(?!and\b|or\b|et\b|y\b|и\b)[a-zа-яёéèáíóú(“\"‘«])|,))"
    r"|(?:又|还|再次)?(?:回顾|重申|注意到|欢迎|认识到|确认|强调|着重指出|深表关切|表示关切|关切地|铭记|申明|考虑到|"
    r"深信|意识到|赞扬|谴责|决心|承认|遗憾地|震惊|深为关切|满意地|赞赏|重视|忆及)"
    r"|و?إذ\s"
)
"""Matched at the start of a paragraph (`match`, also from a position inside a text)."""
# Where one preambular paragraph ends and the next begins when the layout ran them together: the
# comma that ends a preambular paragraph (with the notes referenced there, "descent,[^13]"), then an
# opening.
_PREAMBLE_BREAK = re.compile(rf"[,،，](?:\s?{NOTE_MARK})*\s*")

# The organ that acts, opening a resolution or decision: "The Security Council,", "L’Assemblée
# générale,", "El Consejo de Seguridad,", "Совет Безопасности,", "安全理事会，", "إن مجلس الأمن،".
_ORGAN = re.compile(
    r"(?i)\b(?:council|assembly|board|commission|conference|committee|forum|parties|conseil|assemblée|"
    r"conférence|comité|consejo|asamblea|comisión|conferencia|junta|совет|ассамбле|комисси|конференци|"
    r"комитет)|理事会|大会|委员会|会议|مجلس|الجمعية|اللجنة|المؤتمر"
)
_CHAPEAU_END = (",", "，", "،")
CHAPEAU_MAX_WORDS = 12
"""The organ's name with its article ("The Economic and Social Council,") is a few words; a longer
segment mentioning a council is a sentence about it."""
CHAPEAU_MAX_CHARS = 160
"""Twelve words, and a comma, are within this many characters: where to look for the organ's end."""

# "Azerbaijan,* Bangladesh, Philippines,* Samoa* and Viet Nam: draft resolution"
SPONSORS_LINE = re.compile(
    r"^(?P<who>\S.{0,1500}?)\s*:[\s*,]*(?P<what>(?:(?i:revised)\s+)?(?i:draft (?:resolution|decision)s?|"
    r"projet de (?:résolution|décision)|proyecto de (?:resolución|decisión)|проект (?:резолюции|решения)|"
    r"决议草案|决定草案|مشروع (?:قرار|مقرر)))(?:\s+|$)"
)

# "Rule 12", "Règle 12", "Regla 12", "Правило 12" (and "Article 12" / "Artículo 12" in documents
# titled rules of procedure, as the French and Spanish rules number them), with the rule's title
# after it on the same block when the layout set them close.
RULE_HEAD = re.compile(
    r"^(?:(?:Rule|Règle|Regla|Правило)\s+(\d{1,3})(?:\s*[.:]?\s+|\s*$)|第\s*(\d{1,3})\s*条\s*)"
)
ARTICLE_HEAD = re.compile(r"^(?:Article|Artículo|Статья)\s+(\d{1,3})()(?:\s*[.:]?\s+|\s*$)")
RULES_TITLE = re.compile(
    r"(?i)rules of procedure|règlement intérieur|reglamento|правила процедуры|议事规则|النظام الداخلي"
)
MIN_RULES = 2
"""Rules of procedure hold many rules; one "Rule 99 of the rules of procedure ..." sentence in a
report is a citation, and a genre needs at least two rule headings in order."""

# "Provisional agenda", "Annotated provisional agenda", "Ordre du jour provisoire annoté", ...
AGENDA_TITLE = re.compile(
    r"(?i)^(?:annotated\s+)?(?:revised\s+)?provisional\s+agenda\b|^annotated\s+agenda\b|^agenda\s*:?\s*$"
    r"|^agenda and (?:annotations|workplan)\b|^ordre du jour provisoire\b|^ordre du jour\s*$"
    r"|^programa provisional\b|^programa\s*$|^(?:аннотированная\s+)?предварительная\s+повестка дня\b"
    r"|^повестка дня\s*$|^临时议程|^جدول الأعمال المؤقت"
)
"""A title or front-page line naming the document an agenda; "Agenda item 3" and "Item 2 of the
provisional agenda", which every report prints, do not."""
# An agenda item's annotation heading: "Item 4", "Point 4", "Tema 4", "Пункт 4" (its title after it).
AGENDA_ITEM_HEAD = re.compile(r"^(?:Item|Point|Tema|Пункт|项目)\s+(\d{1,3})\b\.?\s*")
_NUMBER_LABEL = re.compile(r"^(\d{1,3})\.?$")
ANNOTATIONS_TAIL = re.compile(r"(?<=[.;:])\s+(Annotations|Anotaciones|Аннотации)$")
ANNOTATIONS_HEAD = re.compile(r"(?i)^(?:annotations|anotaciones|аннотации)\b")


# ---------------------------------------------------------------------------------------------------
# The rules, in order
# ---------------------------------------------------------------------------------------------------


def apply_genre(draft: DraftReport) -> None:
    """Mark the blocks of a resolution, rules of procedure or an agenda with their anchor kinds."""
    for rule in GENRE_RULES:
        rule(draft)


def take_sponsors(draft: DraftReport) -> None:
    """A draft resolution's sponsors ("Albania, Andorra, ...: draft resolution") are front matter: who
    proposes the text, not a paragraph of it. Only before the text starts (the first numbered
    paragraph); what the layout ran into the same block after it ("The Human Rights Council, ...")
    stays a paragraph. A Security Council draft prints the line as its title
    ("United States of America: draft resolution"): the title stays, the sponsors are noted too."""
    if (m := SPONSORS_LINE.match(draft.title.strip())) and m.end() >= len(draft.title.strip()):
        draft.meta["sponsors"] = m.group("who").strip()
        draft.meta["draft"] = m.group("what")
        return
    for i, b in enumerate(draft.blocks):
        if isinstance(b, DraftParagraph) and b.number is not None:
            return
        if isinstance(b, DraftParagraph) and not b.items and (m := SPONSORS_LINE.match(b.text.strip())):
            draft.meta["sponsors"] = m.group("who").strip()
            draft.meta["draft"] = m.group("what")
            rest = b.text.strip()[m.end() :].strip()
            if rest:
                b.text = rest
            else:
                del draft.blocks[i]
            return


def mark_preambles(draft: DraftReport) -> None:
    """Preambular paragraphs of every resolution or decision in the document become kind "preamble".

    An act opens with its organ ("The Security Council,"); the unnumbered paragraphs that follow, up
    to the first numbered (operative) paragraph, are its preamble, each opening with a participle or
    an adjective. Where the layout ran several into one block (their first-line indent is all that
    separates them on the page), the block is split before each opening. A preamble has no headings:
    a line read as one inside it (a running head the furniture step kept) does not end it."""
    out: list[DraftBlock] = []
    in_preamble = False
    for b in draft.blocks:
        if isinstance(b, DraftHeading) or b.number is not None:
            in_preamble = in_preamble and isinstance(b, DraftHeading)
            out.append(b)
            continue
        if in_preamble:
            in_preamble = _add_preamble(out, split_preamble(b.text), b)
            continue
        end = None if b.items else chapeau_end(b.text)
        if end is None:
            out.append(b)  # most paragraphs of most documents: no act opens here
            continue
        out.append(DraftParagraph(number=None, text=b.text[:end].strip(), page=b.page))
        in_preamble = _add_preamble(out, split_preamble(b.text[end:]) if b.text[end:].strip() else [], b)
    draft.blocks = out


def _add_preamble(out: list[DraftBlock], segments: list[str], block: DraftParagraph) -> bool:
    """Append the segments of one block as preambular paragraphs; False when the preamble ended
    inside it (an operative paragraph printed without a number, "Decides to ..."): the rest of the
    block then stays one ordinary paragraph, as it was."""
    for n, seg in enumerate(segments):
        last = _open_preamble(out)
        if PREAMBLE_OPENING.match(seg):
            out.append(DraftParagraph(number=None, text=seg, page=block.page, kind="preamble"))
        elif last is not None and seg[:1].islower():
            last.text = f"{last.text} {seg}"  # its sentence goes on past a page break
        else:
            rest = " ".join(segments[n:])
            out.append(DraftParagraph(number=None, text=rest, page=block.page, items=block.items))
            return False
    if block.items and isinstance(out[-1], DraftParagraph):
        out[-1].items = block.items
    return True


def _open_preamble(out: list[DraftBlock]) -> DraftParagraph | None:
    """The preambular paragraph a lower-case line continues: the last block, or the last before
    lines read as headings."""
    for b in reversed(out):
        if isinstance(b, DraftParagraph):
            return b if b.kind == "preamble" else None
    return None


def split_preamble(text: str) -> list[str]:
    """A block's text cut before every preambular opening that follows a comma; the text itself
    when there is none ("Recalling X, Reaffirming Y," -> ["Recalling X,", "Reaffirming Y,"])."""
    text = text.strip()
    segments: list[str] = []
    start = 0
    for m in _PREAMBLE_BREAK.finditer(text):
        if m.end() < len(text) and PREAMBLE_OPENING.match(text, m.end()):
            segments.append(text[start : m.end()].strip())
            start = m.end()
    segments.append(text[start:].strip())
    return segments


def chapeau_end(text: str) -> int | None:
    """Where the organ that opens an act ends in a block ("The Security Council," alone, or before
    the first preambular opening); None when the block opens no act. Looks at the first words only."""
    text = text.rstrip()
    for m in _PREAMBLE_BREAK.finditer(text, 0, CHAPEAU_MAX_CHARS):
        if is_chapeau(text[: m.end()]) and PREAMBLE_OPENING.match(text, m.end()):
            return m.end()
    return len(text) if is_chapeau(text) else None


def is_chapeau(segment: str) -> bool:
    """ "The Security Council,": a few words naming an organ, ending with the comma that leads into
    the preamble ("The Executive Board" with no comma goes straight on to numbered paragraphs)."""
    seg = segment.strip()
    words = seg.split()
    return (
        bool(words)
        and len(words) <= CHAPEAU_MAX_WORDS
        and seg.endswith(_CHAPEAU_END)
        and _ORGAN.search(seg) is not None
        and not PREAMBLE_OPENING.match(seg)
        and not seg[:1].islower()
    )


def mark_rules(draft: DraftReport) -> None:
    """Rules of procedure: "Rule 12" with its title is a heading of kind "rule" (`rule-12`); the
    numbered paragraphs under it are its paragraphs (`rule-12-1`, `rule-12-2`, items `rule-12-2-a`),
    whose numbers start at 1 again in every rule; a rule's lettered paragraphs without a number are
    its items (`rule-2-a`)."""
    if len(_rule_heads(draft)) < MIN_RULES:
        return
    _split_run_in_rule_heads(draft)
    heads = _rule_heads(draft)
    numbers = [int(n) for n in heads.values()]
    if numbers != sorted(numbers):
        return
    out: list[DraftBlock] = []
    rule: DraftHeading | None = None
    expected = 1
    for i, b in enumerate(draft.blocks):
        if i in heads:
            rule = _rule_heading(b, heads[i])
            out.append(rule)
            expected = 1
        elif isinstance(b, DraftHeading):
            if rule is not None and not rule.text and not b.label and out[-1] is rule:
                rule.text = b.text  # the rule's title, set apart under "Rule 12"
                continue
            rule = None  # a chapter heading ("Chapter III. Officers") ends the rule above it
            out.append(b)
        elif rule is None:
            out.append(b)
        else:
            for p in rule_paragraphs(b, expected):
                if p.number is not None and p.number.isdigit():
                    p.kind, p.scope = "rule-paragraph", rule.number or ""
                    expected = int(p.number) + 1
                    out.append(p)
                elif not _add_rule_items(out, p, rule):
                    out.append(p)
    draft.blocks = out


# "... shall be English. Rule 5 Conduct of business": a rule's heading the layout ran into the end
# of the paragraph above it.
_RUN_IN_RULE = re.compile(r"(?<=[.;:])\s+((?:Rule|Règle|Regla|Правило)\s+(\d{1,3})\s+[^.;:]{1,120})$")


def _split_run_in_rule_heads(draft: DraftReport) -> None:
    known = set(_rule_heads(draft).values())
    for i in range(len(draft.blocks) - 1, -1, -1):
        b = draft.blocks[i]
        if (
            isinstance(b, DraftParagraph)
            and b.number is None
            and (m := _RUN_IN_RULE.search(b.text))
            and m.group(2) not in known
        ):
            b.text = b.text[: m.start()].rstrip()
            draft.blocks.insert(i + 1, DraftHeading(level=3, label="", text=m.group(1).strip(), page=b.page))


def _add_rule_items(out: list[DraftBlock], p: DraftParagraph, rule: DraftHeading) -> bool:
    """ "(a) The Chairman shall ...", "(b) ..." printed as paragraphs of a rule with no numbered ones:
    the rule's items, kept in one unnumbered paragraph of kind "rule-paragraph" (`rule-2-a`). True
    when `p` went into the items (of a new paragraph, or of the one above it)."""
    last = out[-1] if out else None
    if (
        isinstance(last, DraftParagraph)
        and last.kind == "rule-paragraph"
        and last.number is None
        and last.scope == rule.number
        and last.items
    ):
        more = _with_items(DraftParagraph(number=None, text=p.text, page=p.page), first=len(last.items))
        if more.items and not more.text:
            last.items.extend(more.items + p.items)
            return True
    lead = _with_items(DraftParagraph(number=None, text=p.text, page=p.page))
    if not lead.items:
        return False
    out.append(
        DraftParagraph(
            number=None,
            text=lead.text,
            page=p.page,
            items=lead.items + p.items,
            kind="rule-paragraph",
            scope=rule.number or "",
        )
    )
    return True


# "1. The Board shall ..." opening a block, and "; 2. The President ..." where the layout ran the next
# paragraph of the rule into it (the run restarts in every rule, which a report's numbering does not
# expect, so the structure step may leave these numbers in the text).
_RULE_PARAGRAPH_START = re.compile(r"^(\d{1,2})\.\s+(?=\S)")
_RULE_PARAGRAPH_BREAK = re.compile(r"(?<=[.;:])\s+(\d{1,2})\.\s+(?=[A-ZА-ЯЁÀ-Ý])")
_RULE_ITEM_BREAK = re.compile(r"(?:^|(?<=[.:;]))\s*(\([a-z]{1,2}\)|[a-z]\))\s+(?=\S)")


def rule_paragraphs(b: DraftParagraph, expected: int) -> list[DraftParagraph]:
    """A block under a rule as the rule's paragraphs: as it is when it has its number, else cut at
    the numbers that run on from `expected` (1 after the rule's heading), with its lettered items."""
    if b.number is not None or not (m := _RULE_PARAGRAPH_START.match(b.text)) or int(m.group(1)) != expected:
        return [b]
    pieces: list[tuple[str, str]] = []
    number, rest = m.group(1), b.text[m.end() :]
    while (nxt := _next_number(rest, int(number) + 1)) is not None:
        pieces.append((number, rest[: nxt.start()].strip()))
        number, rest = nxt.group(1), rest[nxt.end() :]
    pieces.append((number, rest.strip()))
    out = [_with_items(DraftParagraph(number=n, text=t, page=b.page)) for n, t in pieces]
    out[-1].items.extend(b.items)
    return out


def _next_number(text: str, wanted: int) -> re.Match[str] | None:
    return next((m for m in _RULE_PARAGRAPH_BREAK.finditer(text) if int(m.group(1)) == wanted), None)


def _with_items(p: DraftParagraph, first: int = 0) -> DraftParagraph:
    """ "... shall: (a) To open ...; (b) To close ..." -> the lead-in and items (a), (b), in order
    (from the `first` letter on: 1 when (a) stood in the block above)."""
    cuts = list(_RULE_ITEM_BREAK.finditer(p.text))
    letters = "abcdefghijklmnopqrstuvwxyz"
    chosen: list[re.Match[str]] = []
    for m in cuts:
        if m.group(1).strip("()") == letters[(first + len(chosen)) % 26]:
            chosen.append(m)
    if not chosen:
        return p
    bounds = [m.start() for m in chosen] + [len(p.text)]
    p.items = [
        DraftItem(label=m.group(1), text=p.text[m.end() : bounds[k + 1]].strip())
        for k, m in enumerate(chosen)
    ]
    p.text = p.text[: chosen[0].start()].strip()
    return p


def opens_rule(text: str) -> bool:
    """ "Rule 12 Election of officers": a heading after which paragraph numbers start at 1 again."""
    return RULE_HEAD.match(text.strip()) is not None


def _rule_heads(draft: DraftReport) -> dict[int, str]:
    """Block index -> rule number, for every block that opens with a rule's name."""
    titled = RULES_TITLE.search(" ".join([draft.title, *draft.meta.values()])) is not None
    heads: dict[int, str] = {}
    for i, b in enumerate(draft.blocks):
        if isinstance(b, DraftParagraph) and (b.number is not None or len(b.text) > 200):
            continue
        text = _full_heading_text(b)
        m = RULE_HEAD.match(text) or (ARTICLE_HEAD.match(text) if titled else None)
        # a rule's title is a name ("Rule 12 Election of officers"); "Rule 99 of the rules of
        # procedure provides ..." is a sentence that cites one
        if m and not text[m.end() :][:1].islower():
            heads[i] = m.group(1) or m.group(2)
    return heads


def _full_heading_text(b: DraftBlock) -> str:
    if isinstance(b, DraftHeading) and b.label:
        return f"{b.label} {b.text}".strip()
    return b.text.strip()


def _rule_heading(b: DraftBlock, number: str) -> DraftHeading:
    text = _full_heading_text(b)
    m = RULE_HEAD.match(text) or ARTICLE_HEAD.match(text)
    assert m is not None
    label, title = text[: m.end()].strip(), text[m.end() :].strip()
    level = b.level if isinstance(b, DraftHeading) else 3
    return DraftHeading(level=level, label=label, text=title, page=b.page, kind="rule", number=number)


def mark_agenda(draft: DraftReport) -> None:
    """An agenda: the entries of its list ("1. Election of officers", "2. ...") are agenda items
    (`item-4`); in an annotated agenda, each item's annotation heading ("Item 4" or "4." over the
    item's title) is the item's annotation (`item-4-annotation`, or `item-4` where no list states
    the item). Numbered paragraphs of the annotations stay paragraphs."""
    if not _is_agenda(draft):
        return
    _mark_agenda_list(draft)
    titles = {
        b.number or "": b.text
        for b in draft.blocks
        if isinstance(b, DraftParagraph) and b.kind == "agenda-item"
    }
    out: list[DraftBlock] = []
    for b in draft.blocks:
        last = out[-1] if out else None
        if (
            isinstance(b, DraftHeading)
            and b.kind == "section"
            and not b.label
            and isinstance(last, DraftHeading)
            and last.kind == "agenda-item"
            and not last.text
        ):
            last.text = b.text  # the item's title, set on its own line under "Item 4"
            continue
        if isinstance(b, DraftHeading) and b.kind == "section":
            _mark_item_heading(b)
        if (
            isinstance(b, DraftParagraph)
            and b.number is None
            and isinstance(last, DraftHeading)
            and last.kind == "agenda-item"
            and _completes_title(last, b, titles)
        ):
            continue
        out.append(b)
    draft.blocks = out


def _completes_title(heading: DraftHeading, after: DraftParagraph, titles: dict[str, str]) -> bool:
    """An annotation's heading repeats its item's title from the list; when the layout cut the
    heading after its first line ("Panel discussion on the role of national and regional human
    rights" / "institutions in achieving ..."), the rest, read as a paragraph, goes back into it.
    True when `after` held nothing more and is to be dropped."""
    title = titles.get(heading.number or "", "").rstrip(".").strip()
    if not title or not heading.text or not title.startswith(heading.text) or title == heading.text:
        return False
    rest = title[len(heading.text) :].strip()
    if not after.text.startswith(rest):
        return False
    heading.text = title
    after.text = after.text[len(rest) :].strip()
    return not after.text and not after.items


def _is_agenda(draft: DraftReport) -> bool:
    """The document calls itself an agenda: its title, or a line of its front page (the blocks
    before its first numbered paragraph), "Provisional agenda" over "1. Election of officers"."""
    heads = [draft.title, draft.meta.get("subtitle", "")]
    for b in draft.blocks:
        if isinstance(b, DraftParagraph) and b.number is not None:
            break
        heads.append(b.text)
    return any(AGENDA_TITLE.match(h.strip()) for h in heads if h)


def _mark_agenda_list(draft: DraftReport) -> None:
    """The list: the run 1, 2, 3... of numbered paragraphs that opens the document's numbered text.
    Group headings ("A. Promotion of sustained economic growth") and notes between entries, as the
    General Assembly's agenda prints them, do not end it; a number out of the run, or the
    annotations' heading, does."""
    start = next((i for i, b in enumerate(draft.blocks) if isinstance(b, DraftParagraph) and b.number), None)
    if start is None:
        return
    expected = 1
    for i in range(start, len(draft.blocks)):
        b = draft.blocks[i]
        if isinstance(b, DraftHeading):
            if ANNOTATIONS_HEAD.match(b.text):
                return
            continue
        if b.number is None:
            continue
        if b.number != str(expected):
            return
        b.kind = "agenda-item"
        expected += 1
        if (m := ANNOTATIONS_TAIL.search(b.text)) is not None:
            # the annotations' own heading, run into the last entry of the list above it
            b.text = b.text[: m.start()].rstrip()
            draft.blocks.insert(i + 1, DraftHeading(level=1, label="", text=m.group(1), page=b.page))
            return


def _mark_item_heading(h: DraftHeading) -> None:
    if (m := AGENDA_ITEM_HEAD.match(h.text)) and not h.label:
        h.kind, h.number = "agenda-item", m.group(1)
        h.label, h.text = h.text[: m.end()].strip(), h.text[m.end() :].strip()
    elif (m := _NUMBER_LABEL.match(h.label)) is not None:
        h.kind, h.number = "agenda-item", m.group(1)


GENRE_RULES: tuple[Callable[[DraftReport], None], ...] = (
    take_sponsors,
    mark_preambles,
    mark_rules,
    mark_agenda,
)
"""In order: the sponsors' line leaves the blocks first, so it is never read as a preamble."""
