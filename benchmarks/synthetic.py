"""A synthetic collection the size of a real one: 3,000 reports x 100 paragraphs = 300,000 paragraphs.

Text is drawn from a fixed vocabulary (UN words plus pseudo-words made from syllables) with a Zipf
distribution, with a fixed seed, so every run builds the same collection. Reports are built directly
as models (no Markdown or PDF reading), which takes seconds; `--markdown DIR` writes them as
Markdown files too, for `sitegen build`.

    .venv/bin/python benchmarks/synthetic.py --paragraphs 10000 --markdown /tmp/synth
"""

from __future__ import annotations

import argparse
import itertools
import random
from pathlib import Path

from sitegen.anchors import safe_slug
from sitegen.model import Footnote, Heading, Item, Paragraph, Report, Source

SEED = 20250213
PARAGRAPHS_PER_REPORT = 100

UN_WORDS = [
    "human",
    "rights",
    "climate",
    "change",
    "adaptation",
    "finance",
    "development",
    "sustainable",
    "goals",
    "women",
    "girls",
    "children",
    "education",
    "health",
    "water",
    "sanitation",
    "housing",
    "land",
    "tenure",
    "indigenous",
    "peoples",
    "migrants",
    "refugees",
    "asylum",
    "detention",
    "torture",
    "prevention",
    "accountability",
    "justice",
    "transitional",
    "truth",
    "reparations",
    "victims",
    "violence",
    "gender",
    "equality",
    "discrimination",
    "disability",
    "persons",
    "older",
    "youth",
    "poverty",
    "inequality",
    "social",
    "protection",
    "labour",
    "decent",
    "work",
    "employment",
    "economic",
    "growth",
    "trade",
    "investment",
    "debt",
    "tax",
    "fiscal",
    "resources",
    "mobilization",
    "capacity",
    "building",
    "technical",
    "cooperation",
    "assistance",
    "national",
    "institutions",
    "legislation",
    "policy",
    "framework",
    "strategy",
    "plan",
    "action",
    "implementation",
    "monitoring",
    "reporting",
    "data",
    "statistics",
    "indicators",
    "review",
    "mechanism",
    "periodic",
    "universal",
    "recommendations",
    "states",
    "parties",
    "committee",
    "council",
    "assembly",
    "secretary",
    "general",
    "special",
    "rapporteur",
    "working",
    "group",
    "expert",
    "mechanism",
    "mandate",
    "resolution",
    "decision",
    "session",
    "agenda",
    "item",
    "report",
    "annex",
    "summary",
    "introduction",
    "conclusions",
    "security",
    "peace",
    "peacekeeping",
    "operations",
    "mission",
    "conflict",
    "ceasefire",
    "humanitarian",
    "access",
    "civilians",
    "protection",
    "elections",
    "democracy",
    "governance",
    "corruption",
    "transparency",
    "participation",
    "civil",
    "society",
    "media",
    "freedom",
    "expression",
    "assembly",
    "association",
    "religion",
    "belief",
    "privacy",
    "digital",
    "technology",
    "artificial",
    "intelligence",
    "internet",
    "surveillance",
    "environment",
    "biodiversity",
    "oceans",
    "forests",
    "desertification",
    "drought",
    "disaster",
    "risk",
    "reduction",
    "resilience",
    "energy",
    "renewable",
    "emissions",
    "mitigation",
    "food",
    "security",
    "agriculture",
    "nutrition",
    "hunger",
    "famine",
    "pandemic",
    "vaccines",
    "medicines",
]

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "ze",
    "zi",
    "zo",
]
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "on",
    "with",
    "by",
    "that",
    "as",
    "is",
    "are",
    "be",
    "from",
    "at",
    "which",
    "this",
]
BODIES = ["A", "A/HRC", "E", "S", "E/CN.5", "CEDAW/C"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """UN words first (most frequent), then pseudo-words of 2-4 syllables; no duplicates."""
    words = list(dict.fromkeys(UN_WORDS))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


class Sampler:
    """Zipf(s=1.07) over the vocabulary, with function words mixed in as real text has them."""

    def __init__(self, words: list[str], rng: random.Random) -> None:
        self.rng = rng
        weights = [1 / (rank + 1) ** 1.07 for rank in range(len(words))]
        total = sum(weights)
        # Function words make up about a third of running text.
        self.population = FUNCTION_WORDS + words
        self.cumulative = list(
            itertools.accumulate([total * 0.55 / len(FUNCTION_WORDS)] * len(FUNCTION_WORDS) + weights)
        )

    def sentence(self, n: int) -> str:
        text = " ".join(self.rng.choices(self.population, cum_weights=self.cumulative, k=n))
        return text[0].upper() + text[1:] + "."

    def text(self, n_words: int) -> str:
        ws = self.rng.choices(self.population, cum_weights=self.cumulative, k=n_words)
        out, i = [], 0
        while i < len(ws):
            k = 8 + (i * 7919) % 17  # sentence lengths 8-24 without another random draw
            part = " ".join(ws[i : i + k])
            out.append(part[0].upper() + part[1:] + ".")
            i += k
        return " ".join(out)


def synthetic_reports(paragraphs: int = 300_000, *, seed: int = SEED) -> list[Report]:
    rng = random.Random(seed)
    sampler = Sampler(vocabulary(20_000, rng), rng)
    n_reports = max(1, paragraphs // PARAGRAPHS_PER_REPORT)
    reports = []
    for r in range(n_reports):
        body = BODIES[r % len(BODIES)]
        year = 2015 + (r // len(BODIES)) % 11
        symbol = f"{body}/{year}/{100 + r}"
        reports.append(_report(symbol, year, sampler, rng))
    return reports


def _report(symbol: str, year: int, s: Sampler, rng: random.Random) -> Report:
    blocks: list[Heading | Paragraph] = []
    footnotes: list[Footnote] = []
    section = 0
    for n in range(1, PARAGRAPHS_PER_REPORT + 1):
        if n % 12 == 1:
            section += 1
            roman = _roman(section)
            blocks.append(
                Heading(
                    id=f"sec-{roman.lower()}",
                    level=1,
                    label=f"{roman}.",
                    text=s.sentence(rng.randint(2, 6)).rstrip("."),
                    page=1 + n // 4,
                )
            )
        text = s.text(rng.randint(40, 110))
        if rng.random() < 0.15:
            fn = str(len(footnotes) + 1)
            text += f"[^{fn}]"
            footnotes.append(
                Footnote(number=fn, id=f"fn-{fn}", text=s.text(rng.randint(8, 25)), page=1 + n // 4)
            )
        items: tuple[Item, ...] = ()
        if rng.random() < 0.1:
            items = tuple(
                Item(label=f"({c})", id=f"para-{n}-{c}", text=s.text(rng.randint(10, 30)))
                for c in "abcd"[: rng.randint(2, 4)]
            )
        blocks.append(Paragraph(id=f"para-{n}", number=str(n), text=text, page=1 + n // 4, items=items))
    return Report(
        symbol=symbol,
        slug=safe_slug(symbol),
        title=s.sentence(rng.randint(5, 10)).rstrip("."),
        language="en",
        source=Source(file=symbol.replace("/", "_") + ".en.md", pages=0),
        blocks=tuple(blocks),
        footnotes=tuple(footnotes),
        references=(),
        date=f"{year}-0{1 + rng.randint(0, 8)}-1{rng.randint(0, 9)}",
    )


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def to_markdown(report: Report) -> str:
    """The report as sitegen Markdown (front matter, headings, numbered paragraphs, footnotes)."""
    lines = [
        "---",
        f"symbol: {report.symbol}",
        f"title: {report.title}",
        f"date: {report.date}",
        f"language: {report.language}",
        "---",
        "",
    ]
    for b in report.blocks:
        if isinstance(b, Heading):
            lines += [f"# {b.label} {b.text}", ""]
        else:
            lines += [f"{b.number}. {b.text}", ""]
            lines += [f"   {it.label} {it.text}" for it in b.items]
            if b.items:
                lines.append("")
    lines += [f"[^{f.number}]: {f.text}" for f in report.footnotes]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=300_000)
    ap.add_argument("--markdown", type=Path, help="write the reports as Markdown files here")
    args = ap.parse_args()
    reports = synthetic_reports(args.paragraphs)
    print(f"{len(reports)} reports, {sum(len(r.paragraphs) for r in reports)} paragraphs")
    if args.markdown:
        args.markdown.mkdir(parents=True, exist_ok=True)
        for r in reports:
            (args.markdown / r.source.file).write_text(to_markdown(r), encoding="utf-8")


if __name__ == "__main__":
    main()
