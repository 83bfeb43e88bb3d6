"""Generate the sample PDFs in content/ from their Markdown sources in content/sources/.

    .venv/bin/python content/make_sample_pdf.py

A sample PDF is our own text (content/sources/*.md, read with sitegen's Markdown reader) laid out
as a UN document by tests/unlayout.py: masthead, running heads, footers, footnotes at the foot of
the page. The generated PDF is committed, so a build needs no reportlab; rerun this after editing
a source. Output is deterministic: the same source gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # so that `tests.unlayout` and `sitegen` import from this checkout

from sitegen.draft import DraftHeading, DraftReport  # noqa: E402
from sitegen.errors import Diagnostics  # noqa: E402
from sitegen.readers.markdown import read_markdown  # noqa: E402
from tests.unlayout import Heading, Item, Para, Report, write_pdf  # noqa: E402

SOURCES = ROOT / "content" / "sources"
CONTENT = ROOT / "content"
# Masthead fields that unlayout prints and the front matter may set (meta keys of the same name).
MASTHEAD_KEYS = ("organ", "session", "agenda", "agenda_title", "subtitle", "job")


def printed_date(iso: str | None) -> str:
    """ "2036-03-02" -> "2 March 2036", as a UN masthead prints it."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def to_unlayout(draft: DraftReport) -> Report:
    """The report as unlayout's data: the same headings, paragraphs, items and footnotes."""
    blocks: list[Heading | Para] = []
    for b in draft.blocks:
        if isinstance(b, DraftHeading):
            blocks.append(Heading(b.label, b.text, level=b.level))
        else:
            blocks.append(Para(b.number, b.text, items=tuple(Item(i.label, i.text) for i in b.items)))
    masthead: dict[str, str | None] = {k: draft.meta[k] for k in MASTHEAD_KEYS if k in draft.meta}
    # No subtitle unless the source has one: unlayout's default would add text the source lacks.
    masthead.setdefault("subtitle", None)
    return Report(
        title=draft.title,
        blocks=tuple(blocks),
        footnotes={f.number: f.text for f in draft.footnotes},
        symbol=draft.symbol or "",
        date=printed_date(draft.date),
        language=draft.language,
        **masthead,
    )


def pdf_name(symbol: str) -> str:
    """ "A/HRC/70/12" -> "A_HRC_70_12.pdf"."""
    return symbol.replace("/", "_") + ".pdf"


def main() -> int:
    for source in sorted(SOURCES.glob("*.md")):
        diag = Diagnostics()
        draft = read_markdown(source, diag)
        for d in diag:
            print(f"warning: {d}", file=sys.stderr)
        if not draft.symbol:
            print(f"{source}: no symbol in the front matter; skipped", file=sys.stderr)
            continue
        target = write_pdf(to_unlayout(draft), CONTENT / pdf_name(draft.symbol))
        print(f"{source.relative_to(ROOT)} -> {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
