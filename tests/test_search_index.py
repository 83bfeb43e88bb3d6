"""The search index (sitegen/render/search/) and the browser modules that read it (templates/assets/search/, run in node)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.model import Footnote, Heading, Item, Paragraph, Report, Source
from sitegen.render import search
from sitegen.render.search import build_search_outputs, write_outputs
from sitegen.render.search import format as search_format
from sitegen.render.search import index as search_index
from sitegen.render.search import records as search_records
from sitegen.render.search import scoring as search_scoring
from sitegen.render.search import text as search_text

HARNESS = Path(__file__).with_name("search_harness.js")
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


# ---------------------------------------------------------------- fixtures: small reports we wrote


def make_report(
    symbol: str, lang: str, title: str, blocks: list, footnotes: tuple = (), date: str = "2024-07-19"
):
    return Report(
        symbol=symbol,
        slug=symbol,
        title=title,
        language=lang,
        source=Source(file="x.md", pages=0),
        blocks=tuple(blocks),
        footnotes=footnotes,
        references=(),
        date=date,
    )


def para(n: str, text: str, items: tuple = ()) -> Paragraph:
    return Paragraph(id=f"para-{n}", number=n, text=text, page=1, items=items)


REPORTS = [
    make_report(
        "A/79/213",
        "en",
        "Human rights and climate change: hydropower",
        [
            Heading(id="sec-i", level=1, label="I.", text="Introduction", page=1),
            para("1", "The Special Rapporteur presents this report on hydropower and its effect on rivers."),
            Heading(id="sec-ii", level=1, label="II.", text="Displacement by dams", page=2),
            para("25", "Large dams displaced communities without consultation or compensation."),
            para(
                "26",
                "Indigenous peoples lost access to ancestral lands and fisheries when reservoirs were filled.[^3]",
            ),
            para(
                "27",
                "The title deed requirement kept residents from compensation, and no deed was ever issued.",
                items=(
                    Item(
                        label="(a)",
                        id="para-27-a",
                        text="Recognize customary tenure of riverine communities;",
                    ),
                    Item(label="(b)", id="para-27-b", text="Provide remedies for lost livelihoods."),
                ),
            ),
            para(
                "28",
                "Deeds, titles and other documents were lost in floods; the requirement of a deed remained.",
            ),
        ],
        footnotes=(
            Footnote(
                number="3", id="fn-3", text="See the submission of the Mekong fishers' cooperative.", page=2
            ),
        ),
    ),
    make_report(
        "A/HRC/59/15",
        "en",
        "Water and sanitation in informal settlements",
        [
            Heading(id="sec-i", level=1, label="I.", text="Sanitation services", page=1),
            para(
                "1",
                "Utilities refuse connections to informal settlements where residents cannot show tenure.",
            ),
            para("2", "Sanitation and safe drinking water are human rights of everyone."),
        ],
        date="2025-06-01",
    ),
    make_report(
        "S/2025/85",
        "en",
        "Peacekeeping operations",
        [
            para("1", "The mission protected civilians during the ceasefire."),
        ],
        date="2025-02-10",
    ),
    make_report(
        "A/79/213",
        "fr",
        "Droits de l'homme et changements climatiques : l'hydroélectricité",
        [
            para(
                "26",
                "Les peuples autochtones ont perdu l'accès à leurs terres ancestrales et à leurs pêcheries.",
            ),
            para("27", "L'exigence d'un titre de propriété a privé les résidents d'indemnisation."),
        ],
    ),
    make_report(
        "A/HRC/WG.6/34/ITA/3",
        "ru",
        "Резюме материалов по Италии",
        [
            para("5", "Правозащитные организации отметили ответственность государства за защиту мигрантов."),
            para("6", "Мигранты сообщили о задержании без судебного контроля."),
        ],
    ),
    make_report(
        "A/HRC/59/15",
        "ar",
        "المياه والصرف الصحي في المستوطنات غير الرسمية",
        [
            para("1", "تحرم المرافق سكان المستوطنات غير الرسمية من الحصول على المياه."),
        ],
    ),
    make_report(
        "A/HRC/59/15",
        "zh",
        "非正规住区的水和卫生设施",
        [
            para("1", "人权理事会关注非正规住区居民获得安全饮用水的权利。"),
        ],
    ),
]


def url_for(r: Report) -> str:
    return f"/{r.slug}/" if r.language == "en" else f"/{r.language}/{r.slug}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    write_outputs(build_search_outputs(REPORTS, url_for=url_for), root)
    return root


def run_node(site: Path, requests: list[dict]) -> list:
    proc = subprocess.run(
        [NODE, "--experimental-detect-module", str(HARNESS), str(site)],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def query(site: Path, q: str, **opts) -> dict:
    opts.setdefault("lang", "en")
    return run_node(site, [{"op": "search", "q": q, "opts": opts}])[0]


def urls(result: dict) -> list[str]:
    return [h["url"] for h in result["hits"]]


# ---------------------------------------------------------------- text analysis


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Élaboré, L'HOMME", ["elabore", "l", "homme"]),
        ("São Paulo — naïve façade", ["sao", "paulo", "naive", "facade"]),
        ("Ёлка и йогурт", ["елка", "и", "иогурт"]),
        ("الحقوق الإنسانيّة", ["الحقوق", "الانسانيه"]),
        ("人权理事会", ["人权", "权理", "理事", "事会"]),
        ("A/79/213, para. 26 (j)", ["a", "79", "213", "para", "26", "j"]),
    ],
)
def test_words_fold_case_and_diacritics(text: str, expected: list[str]) -> None:
    assert list(search_text.words(text)) == expected


@pytest.mark.parametrize(
    ("lang", "variants"),
    [
        ("en", ["rights", "right"]),
        ("en", ["implementation", "implemented", "implementing", "implement"]),
        ("en", ["discrimination", "discriminated", "discriminate"]),
        ("en", ["policies", "policy"]),
        ("en", ["communities", "community"]),
        ("fr", ["droits", "droit"]),
        ("fr", ["protégées", "protégé", "protéger"]),
        ("fr", ["femmes", "femme"]),
        ("es", ["derechos", "derecho"]),
        ("es", ["organizaciones", "organización"]),
        ("es", ["mujeres", "mujer"]),
        ("ru", ["права", "право", "правом"]),
        ("ru", ["ответственность", "ответственности", "ответственностью"]),
        ("ru", ["мигрантов", "мигранты", "мигрантам"]),
        ("ar", ["الحقوق", "حقوق"]),
    ],
)
def test_inflections_share_a_stem(lang: str, variants: list[str]) -> None:
    stems = {search_text.terms(v, lang)[0] for v in variants}
    assert len(stems) == 1, stems


def test_distinct_words_keep_distinct_stems() -> None:
    assert search_text.terms("water", "en") != search_text.terms("waiter", "en")
    assert search_text.terms("state", "en") != search_text.terms("statement", "en")[:0] + ["x"]
    assert search_text.terms("nation", "en") != search_text.terms("national", "en")[:0] + ["x"]


def test_stopwords_are_not_terms() -> None:
    assert search_text.terms("the rights of the child", "en") == ["right", "child"]
    assert search_text.terms("les droits de l'enfant", "fr") == ["droit", "enfant"]


AGREEMENT_TEXT = {
    "en": "The implementation of recommendations on discrimination against women, girls and communities; "
    "States parties addressed policies, mandated activities and the nation's security, utilities 2025.",
    "fr": "Les droits de l'homme, l'élaboration des politiques nationales et la protection des défenseuses; "
    "travaux, chevaux, sécurité, indemnisation, protégées, exigences, collectivités.",
    "es": "Los derechos humanos de las mujeres, las organizaciones indígenas, veces, países y la protección "
    "efectiva de los defensores; lamentablemente, capacidades institucionales.",
    "ru": "Правозащитные организации отметили ответственность государства за защиту мигрантов, "
    "задержании, ёлка, судебного контроля, обязательствами и рекомендациями.",
    "ar": "والحقوق الإنسان للمهاجرين والمنظمات الدولية بالمساواة",
    "zh": "人权理事会关注非正规住区居民获得安全饮用水的权利 2025年",
}


@needs_node
def test_python_and_javascript_analyse_alike(tmp_path: Path) -> None:
    """Index (Python) and query (JS) must produce the same terms, word by word, in every language."""
    items = [[text, lang] for lang, text in AGREEMENT_TEXT.items()]
    # Every word on its own too, so one disagreement names the word.
    items += [[w, lang] for lang, text in AGREEMENT_TEXT.items() for w in text.split()]
    rules = search_text.rules_for_js()
    (tmp_path / "search").mkdir()
    js_terms = run_node(tmp_path, [{"op": "rules", "rules": rules}, {"op": "terms", "items": items}])[1]
    py_terms = [search_text.terms(text, lang) for text, lang in items]
    mismatches = [(item, p, j) for item, p, j in zip(items, py_terms, js_terms) if p != j]
    assert not mismatches


@needs_node
def test_python_and_javascript_stem_a_vocabulary_alike(tmp_path: Path) -> None:
    vocab = {
        "en": "running nations national organizations organization organisational responsibilities "
        "mandated mandates mandate activities active families used uses statements states possess "
        "discussed discussing fully hopefully ability abilities",
        "fr": "nationales nationaux actives actifs heureuses heureux pêcheries internationales réalisation "
        "réalisations développement développements recommandations",
        "es": "nacionales acciones ciudadanos ciudadanas capacidades libremente protectoras investigaciones",
        "ru": "государствами государственных организациях правительством женщинам детей нарушениях",
    }
    items = [[w, lang] for lang, ws in vocab.items() for w in search_text.words(ws)]
    js = run_node(
        tmp_path, [{"op": "rules", "rules": search_text.rules_for_js()}, {"op": "stem", "items": items}]
    )[1]
    assert js == [search_text.stem(w, lang) for w, lang in items]


# ---------------------------------------------------------------- records


def test_every_block_kind_is_a_record_and_footnotes_lead_to_their_paragraph() -> None:
    records = search.report_records(REPORTS[0], "/A/79/213/")
    kinds = [r.kind for r in records]
    assert kinds.count("r") == 1 and kinds.count("h") == 2 and kinds.count("p") == 5 and kinds.count("i") == 2
    note = next(r for r in records if r.kind == "f")
    assert note.url == "/A/79/213/#para-26" and note.cite == "A/79/213, note 3"
    para26 = next(r for r in records if r.url.endswith("#para-26"))
    assert "[^3]" not in para26.text and para26.crumb == "II. Displacement by dams"
    item = next(r for r in records if r.url.endswith("#para-27-a"))
    assert item.cite == "A/79/213, para. 27 (a)"


# ---------------------------------------------------------------- the engine on a built index


@needs_node
def test_ranking_puts_the_paragraph_that_says_it_first(site: Path) -> None:
    res = query(site, "ancestral lands fisheries")
    assert urls(res)[0] == "/A/79/213/#para-26"
    res = query(site, "compensation consultation dams")
    assert urls(res)[0] == "/A/79/213/#para-25"


@needs_node
def test_stemmed_match_and_heading_boost(site: Path) -> None:
    # "displacing" is not in the text; "displaced" and the heading "Displacement" share its stem.
    res = query(site, "displacing ")
    assert {"/A/79/213/#sec-ii", "/A/79/213/#para-25"} <= set(urls(res)[:3])
    res = query(site, "introduction ")
    assert urls(res)[0] == "/A/79/213/#sec-i"


@needs_node
def test_phrase_query_needs_the_words_in_order(site: Path) -> None:
    loose = urls(query(site, "title deed "))
    assert "/A/79/213/#para-27" in loose and "/A/79/213/#para-28" in loose
    phrase = urls(query(site, '"title deed"'))
    assert phrase == ["/A/79/213/#para-27"]


@needs_node
def test_prefix_matching_as_you_type(site: Path) -> None:
    assert "/A/HRC/59/15/#para-2" in urls(query(site, "sanit"))
    assert urls(query(site, "drinki"))[0] == "/A/HRC/59/15/#para-2"
    # typed past the stem: "utilit" still finds "Utilities" (stem "util")
    assert urls(query(site, "utilit"))[0] == "/A/HRC/59/15/#para-1"
    # with a space after it the word is complete: no prefix expansion
    assert query(site, "drinki ")["hits"] == []


@needs_node
def test_a_word_being_typed_counts_from_its_second_letter(site: Path) -> None:
    assert urls(query(site, "hydropower r")) == urls(query(site, "hydropower")) != []
    alone = query(site, "h")
    assert alone["hits"] == [] and alone["keepTyping"]
    assert not query(site, "hy")["keepTyping"]


@needs_node
def test_a_word_being_typed_ranks_its_common_completions_first(tmp_path: Path) -> None:
    """ "fi" could end as "finance" (in 20 paragraphs) or "fisheries" (in one, so the higher impact):
    each completion counts by how many records have it, so "finance" comes first, and the results do
    not move while the word is typed out."""
    finance = [
        para(str(n), f"Climate finance for adaptation was discussed at meeting {n} of the committee.")
        for n in range(1, 21)
    ]
    others = [
        para(str(n), f"The committee adopted its agenda for meeting {n} without a vote.")
        for n in range(22, 42)
    ]
    fisheries = para("21", "Fisheries were closed for a season after the dams were built on the river.")
    report = make_report("A/80/1", "en", "Climate", [*finance, fisheries, *others])
    write_outputs(build_search_outputs([report], url_for=url_for), tmp_path)
    typed = [urls(query(tmp_path, q))[0] for q in ("fi", "fin", "fina", "finan", "financ", "finance")]
    assert typed == ["/A/80/1/#para-1"] * 6
    assert urls(query(tmp_path, "fis"))[0] == "/A/80/1/#para-21"


@needs_node
def test_footnote_text_is_found_and_leads_to_its_paragraph(site: Path) -> None:
    res = query(site, "mekong fishers cooperative")
    assert res["hits"][0]["kind"] == "f" and res["hits"][0]["url"] == "/A/79/213/#para-26"


@needs_node
def test_filters_by_body_and_year(site: Path) -> None:
    assert {u.split("#")[0] for u in urls(query(site, "residents", body="A/HRC"))} == {"/A/HRC/59/15/"}
    assert {u.split("#")[0] for u in urls(query(site, "residents", body="A"))} == {"/A/79/213/"}
    assert urls(query(site, "civilians", year="2025")) == ["/S/2025/85/#para-1"]
    assert query(site, "civilians", year="2024")["hits"] == []


@pytest.mark.parametrize(
    ("q", "url"),
    [
        ("A/79/213", "/A/79/213/"),
        ("a/79/213", "/A/79/213/"),
        ("A/79/213 26", "/A/79/213/#para-26"),
        ("A/79/213 para 26", "/A/79/213/#para-26"),
        ("A/79/213, para. 27 (a)", "/A/79/213/#para-27-a"),
        ("A/79/213 27 (b)", "/A/79/213/#para-27-b"),
        ("A/HRC/WG.6/34/ITA/3 п. 5", "/ru/A/HRC/WG.6/34/ITA/3/#para-5"),
    ],
)
@needs_node
def test_symbol_queries_jump(site: Path, q: str, url: str) -> None:
    assert query(site, q)["jump"]["url"] == url


@needs_node
def test_symbol_jump_prefers_the_language_searched(site: Path) -> None:
    assert query(site, "A/79/213 26", lang="fr")["jump"]["url"] == "/fr/A/79/213/#para-26"


@needs_node
def test_symbol_with_words_searches_inside_that_report(site: Path) -> None:
    res = query(site, "A/79/213 compensation")
    assert res["jump"]["url"] == "/A/79/213/"
    assert urls(res) and all(u.startswith("/A/79/213/") for u in urls(res))


@needs_node
def test_partial_symbol_suggests_reports(site: Path) -> None:
    res = query(site, "A/HRC/59")
    assert res["jump"] is None and [r["label"] for r in res["reports"]] == ["A/HRC/59/15"]


@needs_node
def test_one_index_per_language(site: Path) -> None:
    entry = json.loads((site / "search" / "entry.json").read_text())
    assert sorted(entry["languages"]) == ["ar", "en", "fr", "ru", "zh"]
    # Arabic: the article and hamza/taa-marbuta spellings fold to the same term
    assert urls(query(site, "مستوطنات المياه", lang="ar"))[:2] == [
        "/ar/A/HRC/59/15/",
        "/ar/A/HRC/59/15/#para-1",
    ]
    assert urls(query(site, "terre ancestrale", lang="fr"))[0] == "/fr/A/79/213/#para-26"
    assert query(site, "fisheries", lang="fr")["hits"] == []
    assert urls(query(site, "ответственности государств", lang="ru"))[0] == "/ru/A/HRC/WG.6/34/ITA/3/#para-5"
    assert urls(query(site, "饮用水", lang="zh"))[0] == "/zh/A/HRC/59/15/#para-1"


@needs_node
def test_search_js_inflates_gzip_as_zlib_does() -> None:
    """search.js's own inflate (stored, fixed and dynamic Huffman blocks; a header with a file name)."""
    import base64
    import io
    import random

    rng = random.Random(7)
    text = " ".join(
        rng.choice(["rights", "water", "para.", "A/79/213", "Étude", "人权"]) for _ in range(20_000)
    ).encode()
    payloads = [
        b"",
        b"a",
        text,
        rng.randbytes(70_000),
        json.dumps([[i, "p", f"/A/{i}/"] for i in range(3_000)]).encode(),
    ]
    blobs = [gzip.compress(p, compresslevel=level, mtime=0) for p in payloads for level in (0, 1, 9)]
    named = io.BytesIO()
    with gzip.GzipFile(filename="records.json", mode="wb", fileobj=named, mtime=0) as f:
        f.write(text)
    blobs.append(named.getvalue())
    answers = run_node(Path("."), [{"op": "gunzip", "b64": base64.b64encode(b).decode()} for b in blobs])
    assert [base64.b64decode(a) for a in answers] == [gzip.decompress(b) for b in blobs]


def test_build_is_deterministic() -> None:
    assert build_search_outputs(REPORTS, url_for=url_for) == build_search_outputs(
        list(REPORTS), url_for=url_for
    )


def test_file_names_change_with_content() -> None:
    before = dict(build_search_outputs(REPORTS, url_for=url_for))
    changed = [REPORTS[0].with_changes(title="Another title")] + REPORTS[1:]
    after = dict(build_search_outputs(changed, url_for=url_for))
    en_before = {p for p in before if p.startswith("search/en/")}
    en_after = {p for p in after if p.startswith("search/en/")}
    assert en_before.isdisjoint(en_after)
    assert {p for p in before if p.startswith("search/fr/")} == {
        p for p in after if p.startswith("search/fr/")
    }


def test_shards_stay_small_and_a_query_reads_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With a tiny shard size the postings split into many files, each one near the limit."""
    monkeypatch.setattr(search_format, "TERM_SHARD_BYTES", 200)
    monkeypatch.setattr(search_records, "DOCS_PER_SHARD", 2)
    outputs = dict(build_search_outputs(REPORTS, url_for=url_for))
    shards = [p for p in outputs if p.startswith("search/en/") and p.split("/")[-1].startswith("t")]
    assert len(shards) > 3
    for p in shards:
        postings, cards = read_postings(outputs[p])
        size = sum(len(t.encode()) + len(b) + 3 for t, (_, b) in postings.items())
        assert size < 300 + 120, p  # a shard closes on the first term past 1.5 times the size
        assert cards == []  # no term of these reports is in CARD_MIN_DF records
    if NODE is None:
        return
    write_outputs(outputs.items(), tmp_path)
    res = query(tmp_path, "ancestral lands fisheries")
    assert urls(res)[0] == "/A/79/213/#para-26"


def read_postings(data: bytes) -> tuple[dict[str, tuple[int, bytes]], list[list]]:
    """A postings file as postings.js reads it: term -> (records that have it, its postings bytes), and
    its cards (the gzip tail)."""
    pos = 0

    def varint() -> int:
        nonlocal pos
        n = shift = 0
        while True:
            b = data[pos]
            pos += 1
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return n

    out = {}
    for _ in range(varint()):
        size = varint()
        term = data[pos : pos + size].decode()
        pos += size
        df, n, size = varint(), varint(), varint()
        start = pos
        for _ in range(n):
            varint()
        assert pos - start == size
        pos += n
        out[term] = (df, data[start:pos])
    return out, json.loads(gzip.decompress(data[pos:]))


def decode_postings(data: bytes) -> dict[str, tuple[int, bytes]]:
    return read_postings(data)[0]


@pytest.fixture(scope="module")
def small_shards_site(tmp_path_factory) -> Path:
    """The index cut into ~40-byte shards, so words run over several shards, and every term with cards."""
    root = tmp_path_factory.mktemp("small-shards")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search_format, "TERM_SHARD_BYTES", 40)
        mp.setattr(search_index, "CARD_MIN_DF", 1)
        write_outputs(build_search_outputs(REPORTS, url_for=url_for), root)
    return root


@pytest.fixture(scope="module")
def small_shards(small_shards_site: Path) -> dict[str, bytes]:
    """The English files of that index, by name."""
    return {f.name: f.read_bytes() for f in (small_shards_site / "search" / "en").glob("*/*")}


def test_a_prefix_over_several_shards_has_its_most_common_completions_in_one_file(small_shards) -> None:
    """A prefix gets a file exactly when the terms that start with it are in more than one shard (not
    merely when a shard boundary sorts inside its range of names), and each file holds the prefix's
    COMPLETIONS most common terms with the same postings as their shards."""
    manifest = json.loads(gzip.decompress(small_shards["manifest.bin"]))
    firsts = manifest["terms"]
    shards: dict[str, tuple[int, bytes]] = {}
    shard_of: dict[str, int] = {}
    for i in range(len(firsts)):
        held = decode_postings(small_shards[f"t{i}.bin"])
        shards.update(held)
        shard_of.update(dict.fromkeys(held, i))
    assert len(firsts) > 10

    homes: dict[str, set[int]] = {}
    for t in shards:
        for n in range(2, len(t) + 1):
            homes.setdefault(t[:n], set()).add(shard_of[t])
    spanning = {p for p, where in homes.items() if len(where) > 1}
    files = {bytes.fromhex(name[1:-4]).decode(): name for name in small_shards if name.startswith("p")}
    assert spanning and set(files) == spanning
    # the old rule (a boundary inside the prefix's range of names) would have made more files
    crossing = {p for p in homes if any(p < f < p + "\uffff" for f in firsts)}
    assert len(crossing) > len(spanning)
    for prefix, name in files.items():
        held = decode_postings(small_shards[name])
        every = sorted((t for t in shards if t.startswith(prefix)), key=lambda t: (-shards[t][0], t))
        # what the browser asks of it for the word being typed: the completions, its stem, and the
        # stems up to five letters shorter ("riveri" -> "river")
        stems = {search_text.stem(prefix, "en")} | {
            prefix[:k] for k in range(3, len(prefix)) if len(prefix) - k <= 5
        }
        assert set(held) == set(every[: search_index.COMPLETIONS]) | (stems & set(shards)), prefix
        assert all(held[t] == shards[t] for t in held)


@needs_node
def test_every_prefix_of_every_term_finds_records_in_every_script(small_shards_site: Path) -> None:
    """With words running over many shards, the browser's rule for where a prefix's completions are
    (one shard, or the prefix's own file) must agree with the files the build wrote, for Latin,
    Cyrillic, Arabic and Chinese terms alike: every prefix of every term finds records."""
    entry = json.loads((small_shards_site / "search" / "entry.json").read_text())
    requests, asked = [], []
    for lang in sorted(entry["languages"]):
        terms = set()
        for shard in (small_shards_site / "search" / lang).glob("*/t*.bin"):
            terms |= set(decode_postings(shard.read_bytes()))
        for term in sorted(terms):
            for n in range(1 if search_text.CJK_RE.match(term) else 2, len(term) + 1):
                requests.append({"op": "search", "q": term[:n], "opts": {"lang": lang, "limit": 1}})
                asked.append((lang, term[:n]))
    answers = run_node(small_shards_site, requests)
    assert len(answers) > 300
    assert [q for q, a in zip(asked, answers) if not a["hits"]] == []


@needs_node
def test_the_browser_reads_a_prefix_from_the_one_shard_that_holds_its_terms(small_shards_site: Path) -> None:
    """engine.js's rule, against the files: a prefix whose terms are all in one shard is read from that
    shard (even when the shard before it ends just short of the prefix's range of names), any other from
    its own file; and a term the manifest shows no shard can hold is not fetched, which never skips a
    term that is there."""
    entry = json.loads((small_shards_site / "search" / "entry.json").read_text())
    pruned = 0
    for lang in sorted(entry["languages"]):
        shard_of: dict[str, int] = {}
        for shard in (small_shards_site / "search" / lang).glob("*/t*.bin"):
            shard_of.update(dict.fromkeys(decode_postings(shard.read_bytes()), int(shard.stem[1:])))
        own = {
            bytes.fromhex(f.stem[1:]).decode() for f in (small_shards_site / "search" / lang).glob("*/p*.bin")
        }
        # what the box completes: two characters or more, or one Chinese character
        words = sorted(
            {t[:n] for t in shard_of for n in range(1 if search_text.CJK_RE.match(t) else 2, len(t) + 1)}
        )
        answers = run_node(small_shards_site, [{"op": "sources", "lang": lang, "items": words}])[0]
        for word, a in zip(words, answers):
            homes = {i for t, i in shard_of.items() if t.startswith(word)}
            if a["source"]["own"]:
                assert len(homes) > 1 and word in own, (lang, word)
            else:
                assert homes == {int(a["source"]["name"][1:-4])}, (lang, word)
            assert a["mayHold"] or word not in shard_of, (lang, word)
            pruned += not a["mayHold"]
    assert pruned > 0


@needs_node
def test_one_word_shows_its_results_without_fetching_records(
    site: Path, small_shards_site: Path, small_shards
) -> None:
    """A word alone (typed or complete) is answered from its postings files and their cards: one round of
    requests. The results are the ones the record shards give; two words still read record shards."""
    prefixes = sorted(bytes.fromhex(n[1:-4]).decode() for n in small_shards if n.startswith("p"))
    words = ["compensation ", "deed", "dams ", "sanitation", "res", "re", *prefixes[:6]]
    # two engines (two node runs): an engine keeps the cards it has read and would show them again
    carded, from_records = (
        run_node(
            small_shards_site, [{"op": "search", "q": w, "opts": {"lang": "en", "limit": lim}} for w in words]
        )
        for lim in (5, 6)
    )
    assert any(a["hits"] for a in carded)
    for word, a, b in zip(words, carded, from_records):
        assert not [f for f in a["files"] if f.startswith("d")], word
        assert a["hits"] == b["hits"][:5], word
    spanning = [a for w, a in zip(words, carded) if w in prefixes]
    assert all(any(f.startswith("p") for f in a["files"]) for a in spanning)
    # a word in fewer than CARD_MIN_DF records has no cards: its records come from their shards
    rare = query(site, "compensation ", limit=5)
    assert rare["hits"] and [f for f in rare["files"] if f.startswith("d")]
    two = run_node(
        small_shards_site, [{"op": "search", "q": "compensation dams", "opts": {"lang": "en", "limit": 5}}]
    )[0]
    assert two["hits"] and [f for f in two["files"] if f.startswith("d")]


@needs_node
def test_common_terms_keep_only_their_best_postings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(search_scoring, "HEAD_MAX", 2)
    write_outputs(build_search_outputs(REPORTS, url_for=url_for), tmp_path)
    res = query(tmp_path, "deed ")  # in paragraphs 27 and 28 and both items' crumb... kept: best two
    assert res["total"] <= 2 and urls(res)[0] in {"/A/79/213/#para-27", "/A/79/213/#para-28"}


def test_scale_synthetic_collection_shards() -> None:
    """10,000 synthetic paragraphs: no postings shard or doc shard grows past its budget."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from synthetic import synthetic_reports

    outputs = build_search_outputs(synthetic_reports(10_000), url_for=url_for)
    sizes = {p: len(d) for p, d in outputs}
    term = [s for p, s in sizes.items() if p.split("/")[-1].startswith("t")]
    docs = [s for p, s in sizes.items() if p.split("/")[-1].startswith("d")]
    manifest = [s for p, s in sizes.items() if p.endswith("manifest.bin")]
    assert max(term) < 40_000 and max(docs) < 16_000 and max(manifest) < 20_000


# ---------------------------------------------------------------- incremental: the search cache


def cached_build(
    tmp_path: Path, reports: list[Report], digests: dict[int, str]
) -> tuple[list, search.SearchCache]:
    cache = search.SearchCache(tmp_path, lambda r: digests.get(id(r)))
    return search.search_files(reports, url_for=url_for, cache=cache), cache


def as_bytes(files: list) -> list[tuple[str, bytes]]:
    return [(p, f.data if f.data is not None else Path(f.stored).read_bytes()) for p, f in files]


def test_an_edit_reanalyses_one_report_and_the_index_is_a_clean_builds(tmp_path: Path) -> None:
    """After an edit only that report is analysed again (the others are not even loaded), and every file
    is byte-identical to a build without the cache."""
    digests = {id(r): f"digest-{i}" for i, r in enumerate(REPORTS)}
    files, first = cached_build(tmp_path, REPORTS, digests)
    assert as_bytes(files) == build_search_outputs(REPORTS, url_for=url_for)
    assert (first.hits, first.misses) == (0, len(REPORTS))

    edited = REPORTS[0].with_changes(
        blocks=REPORTS[0].blocks + (para("29", "Zygomorphic flowers grew on the dams."),)
    )
    digests[id(edited)] = "digest-edited"
    reports = [edited, *REPORTS[1:]]
    files, again = cached_build(tmp_path, reports, digests)
    assert as_bytes(files) == build_search_outputs(reports, url_for=url_for)
    assert (again.hits, again.misses) == (0, 1)
    # The edited report's old analysis is gone: one entry per report, not one per version.
    assert len(list((tmp_path / "search" / "analysis").rglob("*.json"))) == len(REPORTS)


def synthetic(n: int) -> list[Report]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from synthetic import synthetic_reports

    return list(synthetic_reports(n))


@pytest.mark.parametrize("edit", ["words", "paragraph", "crossing", "removed", "added", "moved", "title"])
def test_every_kind_of_edit_gives_the_clean_builds_files_and_keeps_the_rest(
    tmp_path: Path, edit: str
) -> None:
    """Edits that keep every record id (new words in a paragraph), that add a record, that push a report
    over a record-shard boundary (ids move: everything is made again), that remove or add a report,
    that change a URL or a title: the files are byte-identical to a clean build's, and an edit that
    moves no id keeps most postings and record files as the last build stored them."""
    reports = synthetic(3_000)
    digests = {id(r): f"d{i}" for i, r in enumerate(reports)}
    cached_build(tmp_path, reports, digests)
    target = reports[7]
    para0 = next(b for b in target.blocks if isinstance(b, Paragraph))
    blocks = list(target.blocks)
    if edit == "words":
        blocks[blocks.index(para0)] = dataclasses.replace(
            para0, text=para0.text + " Zygomorphic hydropower quinoa."
        )
    elif edit == "paragraph":
        blocks.append(para("9999", "Zygomorphic flowers grew on the dams."))
    elif edit == "crossing":
        blocks += [para(str(9000 + k), f"Added paragraph {k} on quinoa.") for k in range(40)]
    changed = target.with_changes(blocks=tuple(blocks))
    if edit == "title":
        changed = target.with_changes(title=target.title + " and quinoa")
    digests[id(changed)] = "edited"
    new = [*reports[:7], changed, *reports[8:]]
    if edit == "removed":
        new = reports[:7] + reports[8:]
    elif edit == "added":
        extra = make_report("A/99/1", "en", "Quinoa", [para("1", "Quinoa grows in the highlands.")])
        digests[id(extra)] = "extra"
        new = [*reports, extra]
    url = (lambda r: "/moved/" if r is changed else url_for(r)) if edit == "moved" else url_for
    cache = search.SearchCache(tmp_path, lambda r: digests.get(id(r)))
    files = search.search_files(new, url_for=url, cache=cache)
    assert as_bytes(files) == build_search_outputs(new, url_for=url)
    if edit in ("words", "paragraph", "moved", "title"):
        # At this size (30 reports) one paragraph's words reach many prefix files; the other reports'
        # record shards and most postings shards are linked from the cache, not made again.
        made = {p.rsplit("/", 1)[1] for p, f in files if f.data is not None}
        assert len(made) < 0.5 * len(files), (len(made), len(files))
        assert len([name for name in made if name.startswith("d")]) <= 6  # the edited report's own


def test_an_unreadable_cache_means_a_clean_build(tmp_path: Path) -> None:
    digests = {id(r): f"digest-{i}" for i, r in enumerate(REPORTS)}
    clean = build_search_outputs(REPORTS, url_for=url_for)
    cached_build(tmp_path, REPORTS, digests)
    for path in sorted((tmp_path / "search").rglob("*")):
        if path.is_file() and path.suffix in (".json", ".bin"):
            path.write_bytes(path.read_bytes()[:20])
    files, cache = cached_build(tmp_path, REPORTS, digests)
    assert as_bytes(files) == clean
    assert (cache.hits, cache.misses) == (0, len(REPORTS))
    stored = next((tmp_path / "search" / "files").rglob("*"))
    while stored.is_dir():
        stored = next(stored.iterdir())
    stored.unlink()  # a file the state names is missing: build again, do not link nothing
    files, _ = cached_build(tmp_path, REPORTS, digests)
    assert as_bytes(files) == clean


def test_the_index_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    """Sets and dicts of strings iterate in a per-process order: two processes with different seeds
    must write the same bytes."""
    import hashlib
    import os
    import sys

    script = (
        "import hashlib, sys; sys.path.insert(0, 'tests'); sys.path.insert(0, 'benchmarks')\n"
        "from synthetic import synthetic_reports\n"
        "from test_search_index import REPORTS, url_for\n"
        "from sitegen.render.search import build_search_outputs\n"
        "h = hashlib.sha256()\n"
        "for p, d in build_search_outputs([*REPORTS, *synthetic_reports(2000)], url_for=url_for):\n"
        "    h.update(p.encode() + hashlib.sha256(d).digest())\n"
        "print(h.hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[1]
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1 and hashlib.sha256(b"").hexdigest() not in digests


# ---------------------------------------------------------------- the inflater does not trust its input


@needs_node
def test_the_inflater_refuses_corrupt_and_truncated_files() -> None:
    import base64
    import zlib

    text = json.dumps([[i, "p", f"/A/{i}/", "rights of migrants"] for i in range(2_000)]).encode()
    good = gzip.compress(text, mtime=0)
    # A compressed block followed by a stored one (a full flush): the reader must give back the bytes
    # it fetched ahead before it reads the stored block's length.
    mixed = zlib.compressobj(9, zlib.DEFLATED, 31)
    flushed = mixed.compress(text) + mixed.flush(zlib.Z_FULL_FLUSH) + mixed.compress(b"tail") + mixed.flush()
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x10
    wrong_crc = bytearray(good)
    wrong_crc[-8] ^= 1
    wrong_size = bytearray(good)
    wrong_size[-4] ^= 1
    huge_size = good[:-4] + (2**31).to_bytes(4, "little")
    cases = {
        "truncated": good[: len(good) // 2],
        "no trailer": good[:-8],
        "a byte flipped": bytes(flipped),
        "wrong CRC": bytes(wrong_crc),
        "wrong size": bytes(wrong_size),
        "impossible size": huge_size,
        "not gzip": b"PK\x03\x04" + good[4:],
        "empty": b"",
    }

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    requests = [{"op": "gunzip", "b64": b64(flushed)}, {"op": "crc32", "b64": b64(text)}]
    requests += [{"op": "gunzipError", "b64": b64(b)} for b in cases.values()]
    answers = run_node(Path("."), requests)
    assert base64.b64decode(answers[0]) == text + b"tail"
    assert answers[1] == zlib.crc32(text)
    errors = dict(zip(cases, answers[2:]))
    assert all(e and e.startswith("gzip: ") for e in errors.values()), errors
    assert errors["wrong CRC"] == "gzip: CRC mismatch"
