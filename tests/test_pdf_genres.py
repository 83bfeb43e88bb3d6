"""Genres (CONTRACT.md section 4): the anchors a citer uses in resolutions, draft resolutions, rules of
procedure and agendas, on PDFs generated in UN layout (tests/unlayout.py) and on the genre step alone.

A resolution's preambular paragraphs are unnumbered and set close together, each first line indented,
so the structure step reads them as one block (as it does on S/RES/2773 (2025)); the genre step cuts
that block before each opening word and counts the pieces `pp-1`, `pp-2`. Operative paragraphs keep
`para-N`, so "resolution 2800 (2025), para. 3" still lands on `#para-3`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.anchors import citation_text, finish_report
from sitegen.draft import DraftHeading, DraftItem, DraftParagraph, DraftReport
from sitegen.genres import (
    AGENDA_TITLE,
    PREAMBLE_OPENING,
    apply_genre,
    is_chapeau,
    mark_preambles,
    split_preamble,
)
from sitegen.model import Heading, Paragraph
from sitegen.model import Report as ModelReport
from sitegen.readers import read_report
from tests.unlayout import Heading as H
from tests.unlayout import Item, Para, Report, write_pdf


def blocks(model: ModelReport) -> list[tuple[str, str, str]]:
    """(id, kind, text) of every block; a heading's text is its label and text."""
    out = []
    for b in model.blocks:
        if isinstance(b, Heading):
            out.append((b.id, b.kind, f"{b.label} {b.text}".strip()))
        else:
            out.append((b.id, b.kind, b.text))
    return out


def items(model: ModelReport) -> list[tuple[str, str]]:
    return [(i.id, i.text) for p in model.paragraphs for i in p.items]


def read(tmp_path: Path, rep: Report, name: str) -> ModelReport:
    return read_report(write_pdf(rep, tmp_path / name))


# ---------------------------------------------------------------------------------------------------
# A Security Council resolution
# ---------------------------------------------------------------------------------------------------

PREAMBLE = (
    (
        "Recalling its previous resolutions and the statements of its President concerning the region, "
        "including resolution 2765 (2024),"
    ),
    (
        "Reaffirming its strong commitment to the sovereignty, independence, unity and territorial integrity "
        "of the country, and condemning any violation of its territorial integrity,"
    ),
    (
        "Deeply concerned by the deteriorating humanitarian situation and the number of displaced persons, "
        "Beijing Declaration and Platform for Action notwithstanding,"
    ),
    "Acting under Chapter VII of the Charter of the United Nations,",
)
OPERATIVE = (
    "Demands that all parties cease hostilities immediately and withdraw from all controlled areas;",
    (
        "Requests the Secretary-General to report on the implementation of the present resolution within "
        "90 days, including on:"
    ),
    "Decides to remain actively seized of the matter.",
)


def resolution() -> Report:
    return Report(
        symbol="S/RES/2800 (2025)",
        title="Resolution 2800 (2025)",
        subtitle="Adopted by the Security Council at its 9999th meeting, on 3 March 2025",
        organ="Security Council",
        session="",
        agenda="",
        agenda_title="",
        date="3 March 2025",
        blocks=(
            Para(None, "The Security Council,"),
            *(Para(None, text) for text in PREAMBLE),
            Para("1", OPERATIVE[0]),
            Para("2", OPERATIVE[1], items=(Item("(a)", "The ceasefire;"), Item("(b)", "The withdrawal;"))),
            Para("3", OPERATIVE[2]),
        ),
    )


def test_a_resolution_counts_its_preambular_paragraphs_and_keeps_operative_numbers(tmp_path: Path) -> None:
    model = read(tmp_path, resolution(), "S_RES_2800_(2025).pdf")
    assert blocks(model) == [
        ("intro-p1", "paragraph", "The Security Council,"),
        ("pp-1", "preamble", PREAMBLE[0]),
        ("pp-2", "preamble", PREAMBLE[1]),
        ("pp-3", "preamble", PREAMBLE[2]),
        ("pp-4", "preamble", PREAMBLE[3]),
        ("para-1", "paragraph", OPERATIVE[0]),
        ("para-2", "paragraph", OPERATIVE[1]),
        ("para-3", "paragraph", OPERATIVE[2]),
    ]
    assert items(model) == [("para-2-a", "The ceasefire;"), ("para-2-b", "The withdrawal;")]
    # the preamble was one block on the page: the genre step, not the layout, found the four
    assert [p.number for p in model.paragraphs] == [None] * 5 + ["1", "2", "3"]


def test_the_json_model_says_the_anchor_type_only_where_it_is_not_a_plain_paragraph(tmp_path: Path) -> None:
    model = read(tmp_path, resolution(), "S_RES_2800_(2025).pdf")
    d = model.to_dict()
    assert [b.get("anchor") for b in d["blocks"]] == [None, *[{"type": "preamble"}] * 4, None, None, None]
    assert ModelReport.from_dict(d) == model


# ---------------------------------------------------------------------------------------------------
# A draft resolution with its sponsors
# ---------------------------------------------------------------------------------------------------


def test_a_draft_resolution_keeps_its_sponsors_as_front_matter(tmp_path: Path) -> None:
    rep = Report(
        symbol="A/HRC/59/L.99",
        title="Human rights and climate change",
        subtitle=None,
        organ="General Assembly",
        session="Fifty-ninth session",
        agenda="Agenda item 3",
        agenda_title="Promotion and protection of all human rights",
        date="2 July 2025",
        blocks=(
            Para(None, "Albania,* Andorra, Bangladesh and Viet Nam: draft resolution"),
            Para(None, "The Human Rights Council,"),
            Para(None, "Guided by the Charter of the United Nations,"),
            Para(None, "Noting with concern the findings of the synthesis report on climate change,"),
            Para("1", "Calls upon States to enhance international cooperation;"),
            Para("2", "Decides to continue its consideration of the question."),
        ),
    )
    model = read(tmp_path, rep, "A_HRC_59_L.99.pdf")
    meta = dict(model.meta)
    assert meta["sponsors"] == "Albania,* Andorra, Bangladesh and Viet Nam"
    assert meta["draft"] == "draft resolution"
    assert [b for b in blocks(model) if "draft resolution" in b[2]] == []
    assert [b for b in blocks(model) if b[1] == "preamble" or b[0].startswith("para-")] == [
        ("pp-1", "preamble", "Guided by the Charter of the United Nations,"),
        ("pp-2", "preamble", "Noting with concern the findings of the synthesis report on climate change,"),
        ("para-1", "paragraph", "Calls upon States to enhance international cooperation;"),
        ("para-2", "paragraph", "Decides to continue its consideration of the question."),
    ]


# ---------------------------------------------------------------------------------------------------
# Rules of procedure
# ---------------------------------------------------------------------------------------------------


def rules() -> Report:
    return Report(
        symbol="E/ICEF/2099/7",
        title="Rules of procedure of the Executive Board",
        subtitle=None,
        organ="Economic and Social Council",
        session="Annual session 2099",
        agenda="Item 2 of the provisional agenda",
        agenda_title="Organizational matters",
        blocks=(
            H("", "Rule 1", level=3),
            H("", "Sessions", level=3),
            Para(
                None, "The Executive Board shall hold one annual session and two regular sessions each year."
            ),
            H("", "Rule 2", level=3),
            H("", "Election of officers", level=3),
            Para(
                "1",
                "At the first meeting of each year, the Board shall elect a President and four "
                "Vice-Presidents from among its members.",
            ),
            Para(
                "2",
                "The officers shall hold office until their successors are elected and shall:",
                items=(
                    Item("(a)", "Prepare the sessions of the Board;"),
                    Item("(b)", "Report to the Board at each session."),
                ),
            ),
            H("", "Rule 3", level=3),
            H("", "Languages", level=3),
            Para(
                "1",
                "Arabic, Chinese, English, French, Russian and Spanish shall be the languages of the "
                "Executive Board.",
            ),
            Para("2", "Speeches made in any of these languages shall be interpreted into the others."),
        ),
    )


def test_rules_of_procedure_are_cited_by_rule_and_paragraph(tmp_path: Path) -> None:
    model = read(tmp_path, rules(), "E_ICEF_2099_7.pdf")
    got = [
        (b.id, b.kind, b.label, b.text) if isinstance(b, Heading) else (b.id, b.kind, b.number, b.text)
        for b in model.blocks
    ]
    assert got == [
        ("rule-1", "rule", "Rule 1", "Sessions"),
        (
            "rule-1-p1",
            "paragraph",
            None,
            "The Executive Board shall hold one annual session and two regular sessions each year.",
        ),
        ("rule-2", "rule", "Rule 2", "Election of officers"),
        (
            "rule-2-1",
            "rule-paragraph",
            "1",
            (
                "At the first meeting of each year, the Board shall elect a "
                "President and four Vice-Presidents from among its members."
            ),
        ),
        (
            "rule-2-2",
            "rule-paragraph",
            "2",
            "The officers shall hold office until their successors are elected and shall:",
        ),
        ("rule-3", "rule", "Rule 3", "Languages"),
        (
            "rule-3-1",
            "rule-paragraph",
            "1",
            (
                "Arabic, Chinese, English, French, Russian and Spanish shall be "
                "the languages of the Executive Board."
            ),
        ),
        (
            "rule-3-2",
            "rule-paragraph",
            "2",
            "Speeches made in any of these languages shall be interpreted into the others.",
        ),
    ]
    assert items(model) == [
        ("rule-2-2-a", "Prepare the sessions of the Board;"),
        ("rule-2-2-b", "Report to the Board at each session."),
    ]


def test_a_report_citing_one_rule_is_not_rules_of_procedure() -> None:
    draft = DraftReport(
        source_file="r.pdf",
        pages=1,
        title="Report",
        blocks=[
            DraftHeading(level=1, label="", text="Rule 99 of the rules of procedure", page=1),
            DraftParagraph(number="1", text="Rule 99 provides that each committee elects a Chair.", page=1),
        ],
    )
    apply_genre(draft)
    assert [b.kind for b in draft.blocks] == ["section", "paragraph"]


# ---------------------------------------------------------------------------------------------------
# An annotated provisional agenda
# ---------------------------------------------------------------------------------------------------


def agenda() -> Report:
    return Report(
        symbol="UNW/2099/L.3",
        title="Annotated provisional agenda and workplan for the annual session",
        subtitle="Note by the Executive Board secretariat",
        organ="Economic and Social Council",
        session="Annual session 2099",
        agenda="Item 1 of the provisional agenda",
        agenda_title="Organizational matters",
        blocks=(
            H("", "Provisional agenda", level=3),
            Para("1", "Organizational matters"),
            Para("2", "Evaluation"),
            Para("3", "Audit and investigation matters"),
            H("", "Annotations", level=2),
            H("", "Item 1", level=3),
            H("", "Organizational matters", level=3),
            Para(None, "The Executive Board will adopt the agenda and workplan for the session."),
            H("", "Item 2", level=3),
            H("", "Evaluation", level=3),
            Para(None, "The Board will consider the annual report on the evaluation function."),
            H("", "Item 3", level=3),
            H("", "Audit and investigation matters", level=3),
            Para(None, "The Board will consider the report on internal audit and investigation."),
        ),
    )


def test_an_agenda_answers_to_item_numbers(tmp_path: Path) -> None:
    model = read(tmp_path, agenda(), "UNW_2099_L.3.pdf")
    got = [(b.id, b.kind, b.text) for b in model.blocks]
    assert got[:4] == [
        ("sec-provisional-agenda", "section", "Provisional agenda"),
        ("item-1", "agenda-item", "Organizational matters"),
        ("item-2", "agenda-item", "Evaluation"),
        ("item-3", "agenda-item", "Audit and investigation matters"),
    ]
    annotations = [(b.id, b.kind, b.label, b.text) for b in model.blocks[5:] if isinstance(b, Heading)]
    assert annotations == [
        ("item-1-annotation", "agenda-item", "Item 1", "Organizational matters"),
        ("item-2-annotation", "agenda-item", "Item 2", "Evaluation"),
        ("item-3-annotation", "agenda-item", "Item 3", "Audit and investigation matters"),
    ]
    assert model.paragraphs[3].id == "item-1-annotation-p1"


def test_an_agenda_without_a_list_gives_the_annotation_the_item_id() -> None:
    draft = DraftReport(
        source_file="a.pdf",
        pages=1,
        title="Provisional agenda",
        blocks=[
            DraftHeading(level=3, label="", text="Item 4 Ethics", page=1),
            DraftParagraph(number=None, text="The Board will consider the report.", page=1),
        ],
    )
    apply_genre(draft)
    model = finish_report(draft, slug_hint="a")
    assert [b.id for b in model.blocks] == ["item-4", "item-4-p1"]


def test_a_report_is_no_agenda_for_mentioning_its_agenda_item() -> None:
    draft = DraftReport(
        source_file="r.pdf",
        pages=1,
        title="Report of the Secretary-General",
        blocks=[
            DraftParagraph(number=None, text="Item 72 (b) of the provisional agenda", page=1),
            DraftParagraph(
                number="1", text="The present report is submitted pursuant to resolution 79/1.", page=1
            ),
        ],
    )
    apply_genre(draft)
    assert [b.kind for b in draft.blocks] == ["paragraph", "paragraph"]


# ---------------------------------------------------------------------------------------------------
# The words, one rule at a time
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "Recalling its resolution 2765 (2024),",
        "Reaffirming also that all human rights are universal,",
        "Noting with concern the findings,",
        "Deeply concerned by the situation,",
        "Welcoming the efforts,",
        "Having considered the report,",
        "Bearing in mind the Charter,",
        "Guided by the Charter,",
        "Mindful of the need,",
        "Taking note of the report,",
        "Acting under Chapter VII of the Charter,",
        "Rappelant sa résolution 2765 (2024),",
        "Se félicitant des efforts,",
        "Profondément préoccupé par la situation,",
        "Conscient de la nécessité,",
        "Recordando su resolución 2765 (2024),",
        "Tomando nota del informe,",
        "Profundamente preocupado por la situación,",
        "Ссылаясь на свою резолюцию 2765 (2024),",
        "Вновь подтверждая свою приверженность,",
        "Будучи глубоко обеспокоен положением,",
        "Recalling and reaffirming all its previous resolutions,",
        "Recalling General Assembly resolution 79/218,",
        "Welcoming Member States’ efforts,",
        "Rappelant et réaffirmant ses résolutions,",
        "回顾其第2765(2024)号决议，",
        "وإذ يشير إلى قراره 2765،",
    ],
)
def test_preambular_openings_in_the_un_languages(opening: str) -> None:
    assert PREAMBLE_OPENING.match(opening)


@pytest.mark.parametrize(
    "not_opening",
    [
        "Decides to remain actively seized of the matter.",
        "Requests the Secretary-General to report,",
        "Beijing Declaration and Platform for Action,",
        "Italy and Spain,",
        "Beijing and Shanghai,",
        "Reading Room,",
        "United Nations Children's Fund,",
        "Fernando Pérez,",
        "The Security Council,",
    ],
)
def test_operative_verbs_and_proper_nouns_open_no_preambular_paragraph(not_opening: str) -> None:
    assert not PREAMBLE_OPENING.match(not_opening)


def test_a_run_together_preamble_is_cut_only_before_openings() -> None:
    text = (
        "The General Assembly, Recalling its resolution 78/1, in which it decided, inter alia, to act, "
        "Reaffirming the Charter, Beijing Declaration included, Welcoming the report,"
    )
    assert split_preamble(text) == [
        "The General Assembly,",
        "Recalling its resolution 78/1, in which it decided, inter alia, to act,",
        "Reaffirming the Charter, Beijing Declaration included,",
        "Welcoming the report,",
    ]


@pytest.mark.parametrize(
    ("text", "chapeau"),
    [
        ("The Security Council,", True),
        ("Le Conseil de sécurité,", True),
        ("El Consejo de Seguridad,", True),
        ("Совет Безопасности,", True),
        ("The Executive Board,", True),
        (
            "The Council, at its meeting on 3 March, considered the report of the Secretary-General on the situation,",
            False,
        ),
        (
            "In the view of the Board,",
            True,
        ),  # short, names an organ: read as a chapeau only before a preamble
    ],
)
def test_the_organ_that_opens_an_act(text: str, chapeau: bool) -> None:
    assert is_chapeau(text) is chapeau


def test_a_chapeau_before_no_preamble_changes_nothing() -> None:
    draft = DraftReport(
        source_file="r.pdf",
        pages=1,
        blocks=[
            DraftParagraph(number=None, text="In the view of the Board,", page=1),
            DraftParagraph(number=None, text="the report should be read with its annex.", page=1),
            DraftParagraph(number="1", text="Takes note of the report;", page=1),
        ],
    )
    mark_preambles(draft)
    assert [(b.kind, b.text) for b in draft.blocks if isinstance(b, DraftParagraph)] == [
        ("paragraph", "In the view of the Board,"),
        ("paragraph", "the report should be read with its annex."),
        ("paragraph", "Takes note of the report;"),
    ]


def test_two_decisions_in_one_report_keep_their_preambles_apart() -> None:
    def decision(title: str) -> list[DraftHeading | DraftParagraph]:
        return [
            DraftHeading(level=2, label="", text=title, page=1),
            DraftParagraph(
                number=None,
                text="The Executive Board, Recalling its decision 2024/3, Welcoming the report,",
                page=1,
            ),
            DraftParagraph(
                number="1", text="Takes note of the report;", page=1, items=[DraftItem(label="(a)", text="x")]
            ),
        ]

    draft = DraftReport(source_file="r.pdf", pages=1, blocks=[*decision("2025/1"), *decision("2025/2")])
    apply_genre(draft)
    model = finish_report(draft, slug_hint="r")
    assert [b.id for b in model.blocks] == [
        "sec-2025-1",
        "sec-2025-1-p1",
        "pp-1",
        "pp-2",
        "para-1",
        "sec-2025-2",
        "sec-2025-2-p1",
        "sec-2025-2-pp-1",
        "sec-2025-2-pp-2",
        "para-1-2",
    ]
    assert all(isinstance(b, Paragraph) or b.kind == "section" for b in model.blocks)


# ---------------------------------------------------------------------------------------------------
# The same genres written in Markdown (CONTRACT.md section 3): the same anchors
# ---------------------------------------------------------------------------------------------------


def read_md(tmp_path: Path, source: str, name: str = "doc.md") -> ModelReport:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return read_report(path)


def test_a_markdown_resolution_gets_the_ids_of_its_pdf(tmp_path: Path) -> None:
    source = (
        "\n\n".join(
            [
                "---\nsymbol: S/RES/2800 (2025)\ntitle: Resolution 2800 (2025)\n---",
                "The Security Council,",
                *PREAMBLE,
                f"1. {OPERATIVE[0]}",
                f"2. {OPERATIVE[1]}\n\n(a) The ceasefire;\n\n(b) The withdrawal;",
                f"3. {OPERATIVE[2]}",
            ]
        )
        + "\n"
    )
    md = read_md(tmp_path, source)
    pdf = read(tmp_path, resolution(), "S_RES_2800_(2025).pdf")
    assert blocks(md) == blocks(pdf)
    assert items(md) == items(pdf)


def test_markdown_rules_of_procedure(tmp_path: Path) -> None:
    source = """---
title: Rules of procedure of the Executive Board
---

## Rule 1 Sessions

The Executive Board shall hold one annual session.

## Rule 2 Election of officers

1. The Board shall elect a President.

2. The officers shall:

(a) Prepare the sessions;

(b) Report to the Board.

## Rule 3 Languages

1. Arabic, Chinese, English, French, Russian and Spanish shall be the languages of the Board.
"""
    model = read_md(tmp_path, source)
    assert blocks(model) == [
        ("rule-1", "rule", "Rule 1 Sessions"),
        ("rule-1-p1", "paragraph", "The Executive Board shall hold one annual session."),
        ("rule-2", "rule", "Rule 2 Election of officers"),
        ("rule-2-1", "rule-paragraph", "The Board shall elect a President."),
        ("rule-2-2", "rule-paragraph", "The officers shall:"),
        ("rule-3", "rule", "Rule 3 Languages"),
        (
            "rule-3-1",
            "rule-paragraph",
            "Arabic, Chinese, English, French, Russian and Spanish shall be the languages of the Board.",
        ),
    ]
    assert items(model) == [("rule-2-2-a", "Prepare the sessions;"), ("rule-2-2-b", "Report to the Board.")]


def test_markdown_rules_restart_their_numbers_without_a_warning(tmp_path: Path) -> None:
    from sitegen.errors import Diagnostics

    path = tmp_path / "rules.md"
    path.write_text(
        "---\ntitle: Rules\n---\n\n## Rule 1 A\n\n1. One.\n\n2. Two.\n\n## Rule 2 B\n\n1. One.\n",
        encoding="utf-8",
    )
    diag = Diagnostics()
    read_report(path, diag)
    assert [d.code for d in diag] == []


def test_a_markdown_agenda(tmp_path: Path) -> None:
    source = """---
title: Provisional agenda
---

1. Election of officers.

2. Adoption of the agenda.

## Annotations

### Item 1 Election of officers

The Board will elect its officers.
"""
    model = read_md(tmp_path, source)
    assert [(b.id, b.kind) for b in model.blocks] == [
        ("item-1", "agenda-item"),
        ("item-2", "agenda-item"),
        ("sec-annotations", "section"),
        ("item-1-annotation", "agenda-item"),
        ("item-1-annotation-p1", "paragraph"),
    ]


def test_a_preamble_goes_on_past_a_running_head_read_as_a_heading() -> None:
    draft = DraftReport(
        source_file="r.pdf",
        pages=2,
        blocks=[
            DraftParagraph(
                number=None,
                text="The General Assembly, Recalling its resolution 68/237 on the "
                "Decade,[^3] Observing the relationship between",
                page=1,
            ),
            DraftHeading(level=3, label="", text="A/RES/78/323 International Day", page=2),
            DraftParagraph(
                number=None,
                text="gender equality and human rights, Noting the "
                "recommendations,[^4] Recognizing the contribution,",
                page=2,
            ),
            DraftParagraph(number="1", text="Decides to proclaim 25 July an International Day;", page=2),
        ],
    )
    apply_genre(draft)
    model = finish_report(draft, slug_hint="r")
    assert [(b.id, b.text) for b in model.blocks] == [
        ("intro-p1", "The General Assembly,"),
        ("pp-1", "Recalling its resolution 68/237 on the Decade,[^3]"),
        ("pp-2", "Observing the relationship between gender equality and human rights,"),
        ("sec-a-res-78-323-international-day", "A/RES/78/323 International Day"),
        ("pp-3", "Noting the recommendations,[^4]"),
        ("pp-4", "Recognizing the contribution,"),
        ("para-1", "Decides to proclaim 25 July an International Day;"),
    ]


def test_an_annotation_heading_cut_after_its_first_line_takes_the_rest_of_its_title_from_the_list() -> None:
    title = "Panel discussion on the role of national human rights institutions in achieving the ends"
    draft = DraftReport(
        source_file="a.pdf",
        pages=2,
        title="Annotated provisional agenda",
        blocks=[
            DraftParagraph(number="1", text="Election of officers.", page=1),
            DraftParagraph(number="2", text=f"{title}.", page=1),
            DraftHeading(level=3, label="2.", text="Panel discussion on the role of national", page=2),
            DraftParagraph(number=None, text="human rights institutions in achieving the ends", page=2),
            DraftParagraph(number=None, text="In its resolution 33/25, the Council decided ...", page=2),
        ],
    )
    apply_genre(draft)
    model = finish_report(draft, slug_hint="a")
    assert [(b.id, b.text) for b in model.blocks] == [
        ("item-1", "Election of officers."),
        ("item-2", f"{title}."),
        ("item-2-annotation", title),
        ("item-2-annotation-p1", "In its resolution 33/25, the Council decided ..."),
    ]


def test_a_security_council_draft_titled_by_its_sponsor_keeps_the_title_and_notes_the_sponsor() -> None:
    draft = DraftReport(
        source_file="s.pdf",
        pages=1,
        title="United States of America: draft resolution",
        blocks=[DraftParagraph(number=None, text="The Security Council, Recalling X,", page=1)],
    )
    apply_genre(draft)
    assert draft.title == "United States of America: draft resolution"
    assert (draft.meta["sponsors"], draft.meta["draft"]) == ("United States of America", "draft resolution")
    assert [b.kind for b in draft.blocks] == ["paragraph", "preamble"]


@pytest.mark.parametrize(
    ("chapeau", "preamble", "operative"),
    [
        (
            "Le Conseil de sécurité,",
            [
                "Rappelant ses résolutions antérieures sur la question,",
                "Profondément préoccupé par la situation,",
                "Se félicitant des efforts de l’Union africaine,",
                "Agissant en vertu du Chapitre VII de la Charte,",
            ],
            "Exige que toutes les parties cessent les hostilités;",
        ),
        (
            "El Consejo de Seguridad,",
            [
                "Recordando sus resoluciones anteriores,",
                "Profundamente preocupado por la situación,",
                "Acogiendo con beneplácito los esfuerzos de la Unión Africana,",
                "Actuando en virtud del Capítulo VII de la Carta,",
            ],
            "Exige que todas las partes pongan fin a las hostilidades;",
        ),
        (
            "Совет Безопасности,",
            [
                "ссылаясь на свои предыдущие резолюции,".capitalize(),
                "Будучи глубоко обеспокоен положением,",
                "Приветствуя усилия Африканского союза,",
                "Действуя на основании главы VII Устава,",
            ],
            "Требует, чтобы все стороны прекратили военные действия;",
        ),
        (
            "安全理事会，",
            [
                "回顾其以往各项决议，",
                "深表关切局势，",
                "欢迎非洲联盟的努力，",
                "又回顾其第2765(2024)号决议，",
            ],
            "要求各方停止敌对行动；",
        ),
    ],
)
def test_a_resolution_in_another_language_counts_the_same_preamble(
    chapeau: str, preamble: list[str], operative: str
) -> None:
    sep = "" if chapeau.endswith("，") else " "
    draft = DraftReport(
        source_file="r.pdf",
        pages=1,
        blocks=[
            DraftParagraph(number=None, text=sep.join([chapeau, *preamble]), page=1),
            DraftParagraph(number="1", text=operative, page=1),
        ],
    )
    apply_genre(draft)
    model = finish_report(draft, slug_hint="r")
    assert [(b.id, b.text) for b in model.blocks] == [
        ("intro-p1", chapeau),
        *((f"pp-{k}", t) for k, t in enumerate(preamble, start=1)),
        ("para-1", operative),
    ]


def test_a_french_resolution_pdf(tmp_path: Path) -> None:
    preamble = (
        "Rappelant ses résolutions antérieures et les déclarations de son président sur la région,",
        "Profondément préoccupé par la détérioration de la situation humanitaire,",
    )
    rep = Report(
        symbol="S/RES/2800 (2025)",
        title="Résolution 2800 (2025)",
        language="fr",
        original="anglais",
        subtitle="Adoptée par le Conseil de sécurité à sa 9999e séance, le 3 mars 2025",
        organ="Conseil de sécurité",
        session="",
        agenda="",
        agenda_title="",
        date="3 mars 2025",
        blocks=(
            Para(None, "Le Conseil de sécurité,"),
            *(Para(None, t) for t in preamble),
            Para("1", "Exige que toutes les parties cessent immédiatement les hostilités;"),
            Para("2", "Décide de rester activement saisi de la question."),
        ),
    )
    model = read(tmp_path, rep, "S_RES_2800_(2025).fr.pdf")
    assert [(b.id, b.text) for b in model.blocks] == [
        ("intro-p1", "Le Conseil de sécurité,"),
        ("pp-1", preamble[0]),
        ("pp-2", preamble[1]),
        ("para-1", "Exige que toutes les parties cessent immédiatement les hostilités;"),
        ("para-2", "Décide de rester activement saisi de la question."),
    ]


def test_a_rules_lettered_paragraphs_are_its_items_and_a_run_in_rule_heading_is_split_off() -> None:
    """As A/AC.109/2009/17, annex, prints its rules: "(a) ...", "(b) ..." under a rule with no numbered
    paragraphs, and "Rule 5 Conduct of business" run into the paragraph above it."""
    draft = DraftReport(
        source_file="r.pdf",
        pages=1,
        title="Rules of procedure",
        blocks=[
            DraftHeading(level=3, label="", text="Rule 2 Officers of the seminar", page=1),
            DraftParagraph(number=None, text="(a) The Chairman shall appoint two Vice-Chairmen.", page=1),
            DraftParagraph(
                number=None,
                text="(b) The Chairman shall declare the opening. (c) If the Chairman "
                "is absent, a Vice-Chairman shall preside.",
                page=1,
            ),
            DraftHeading(level=3, label="", text="Rule 4 Languages", page=1),
            DraftParagraph(
                number=None, text="The working language shall be English. Rule 5 Conduct of business", page=1
            ),
            DraftParagraph(number=None, text="(a) Decisions shall be taken by consensus.", page=1),
        ],
    )
    apply_genre(draft)
    model = finish_report(draft, slug_hint="r")
    assert blocks(model) == [
        ("rule-2", "rule", "Rule 2 Officers of the seminar"),
        ("rule-2-p1", "rule-paragraph", ""),
        ("rule-4", "rule", "Rule 4 Languages"),
        ("rule-4-p1", "paragraph", "The working language shall be English."),
        ("rule-5", "rule", "Rule 5 Conduct of business"),
        ("rule-5-p1", "rule-paragraph", ""),
    ]
    assert items(model) == [
        ("rule-2-a", "The Chairman shall appoint two Vice-Chairmen."),
        ("rule-2-b", "The Chairman shall declare the opening."),
        ("rule-2-c", "If the Chairman is absent, a Vice-Chairman shall preside."),
        ("rule-5-a", "Decisions shall be taken by consensus."),
    ]
    assert citation_text("A/AC.109/2009/17", model.paragraphs[0]) == "A/AC.109/2009/17, rule 2"


@pytest.mark.parametrize(
    ("line", "agenda"),
    [
        ("Provisional agenda", True),
        ("Annotated provisional agenda and workplan for the annual session", True),
        ("Agenda", True),
        ("Ordre du jour provisoire annoté", True),
        ("Programa provisional", True),
        ("Предварительная повестка дня", True),
        ("Agenda item 3", False),
        ("Item 2 of the provisional agenda", False),
        ("Agenda for Humanity", False),
        ("Programa de trabajo", False),
        ("Point 3 de l’ordre du jour provisoire", False),
    ],
)
def test_what_names_a_document_an_agenda(line: str, agenda: bool) -> None:
    assert (AGENDA_TITLE.match(line) is not None) is agenda


def test_a_report_citing_rules_in_short_paragraphs_is_not_rules_of_procedure() -> None:
    draft = DraftReport(
        source_file="r.pdf",
        pages=1,
        title="Report",
        blocks=[
            DraftParagraph(
                number=None, text="Rule 99 of the rules of procedure provides for a Chair.", page=1
            ),
            DraftParagraph(
                number=None, text="Rule 103 of the rules of procedure provides for a Rapporteur.", page=1
            ),
        ],
    )
    apply_genre(draft)
    assert [b.kind for b in draft.blocks] == ["paragraph", "paragraph"]


def test_chinese_rules_are_numbered_di_n_tiao() -> None:
    draft = DraftReport(
        source_file="r.pdf",
        pages=1,
        title="议事规则",
        blocks=[
            DraftHeading(level=3, label="", text="第1条 届会", page=1),
            DraftParagraph(number="1", text="执行局每年举行一届年度会议。", page=1),
            DraftHeading(level=3, label="", text="第2条 主席团成员的选举", page=1),
            DraftParagraph(number="1", text="执行局应选举一名主席。", page=1),
        ],
    )
    apply_genre(draft)
    model = finish_report(draft, slug_hint="r")
    assert [(b.id, b.text) for b in model.blocks] == [
        ("rule-1", "届会"),
        ("rule-1-1", "执行局每年举行一届年度会议。"),
        ("rule-2", "主席团成员的选举"),
        ("rule-2-1", "执行局应选举一名主席。"),
    ]


def test_an_agenda_list_goes_on_past_its_group_headings_and_stops_at_the_annotations() -> None:
    draft = DraftReport(
        source_file="a.pdf",
        pages=1,
        title="Provisional agenda of the eightieth session",
        blocks=[
            DraftParagraph(number="1", text="Opening of the session.", page=1),
            DraftHeading(level=2, label="A.", text="Promotion of sustained economic growth", page=1),
            DraftParagraph(number="2", text="Report of the Economic and Social Council.", page=1),
            DraftParagraph(number=None, text="Notes", page=1),
            DraftParagraph(number="3", text="Sustainable development.", page=1),
            DraftHeading(level=1, label="", text="Annotations", page=1),
            DraftParagraph(number="4", text="A paragraph of the annotations numbered on.", page=1),
        ],
    )
    apply_genre(draft)
    assert [b.kind for b in draft.blocks if isinstance(b, DraftParagraph)] == [
        "agenda-item",
        "agenda-item",
        "paragraph",
        "agenda-item",
        "paragraph",
    ]


_WORDS = st.sampled_from(
    [
        "Recalling",
        "recalling",
        "Noting",
        "Beijing",
        "Declaration",
        "the",
        "Council,",
        "its",
        "resolution",
        "2765",
        "(2024),",
        "Deeply",
        "concerned",
        "and",
        "Italy",
        "Welcoming",
        "Member",
        "States,",
        "[^3]",
        "Rappelant",
        "sa",
        "Ссылаясь",
        "на",
        "Acting",
        "under",
        "Chapter",
        "VII,",
        "Decides",
    ]
)


@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_cutting_a_preamble_keeps_every_word_in_order(words: list[str]) -> None:
    text = " ".join(words)
    pieces = split_preamble(text)
    assert " ".join(pieces) == text
    assert all(pieces) and all(PREAMBLE_OPENING.match(p) for p in pieces[1:])
