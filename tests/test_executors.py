"""The order work is handed to reader processes: longest first, judged by pages rather than bytes."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfgen import canvas

import sitegen.executors
from sitegen.executors import estimated_work, run_reads


def pdf_with_pages(pages: int, padding: int = 0) -> bytes:
    """A PDF of `pages` short pages; `padding` bytes of comment make it large without more pages."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for n in range(pages):
        pdf.drawString(72, 720, f"Page {n + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue() + b"%" + b"x" * padding + b"\n"


def test_a_pdf_is_judged_by_its_pages_not_its_bytes() -> None:
    many_small = pdf_with_pages(12)
    few_large = pdf_with_pages(2, padding=200_000)
    assert len(few_large) > len(many_small)
    assert estimated_work(Path("a.pdf"), many_small) == 12
    assert estimated_work(Path("b.pdf"), few_large) == 2


def test_unreadable_bytes_and_markdown_fall_back_to_size() -> None:
    assert estimated_work(Path("broken.pdf"), b"%PDF-1.7 truncated") < 1
    assert estimated_work(Path("r.md"), b"x" * 80_000) == 2


def handed_out(tmp_path: Path, monkeypatch, jobs: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The order `run_reads` hands the inputs to the process pool (captured, not run)."""
    files = {"a-short.pdf": pdf_with_pages(1, padding=100_000), "b-long.pdf": pdf_with_pages(9)}
    todo = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        todo.append((tmp_path / name, data, name))
    seen: list[str] = []
    monkeypatch.setattr(
        sitegen.executors,
        "_read_in_processes",
        lambda paths, jobs, options=None: seen.extend(p.name for p in paths) or [],
    )
    list(run_reads(todo, jobs=jobs, executor="process"))
    return seen


def test_the_longest_input_is_read_first(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert handed_out(tmp_path, monkeypatch, jobs=2) == ["b-long.pdf", "a-short.pdf"]


def test_one_worker_reads_in_path_order_without_counting_pages(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sitegen.executors, "estimated_work", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert handed_out(tmp_path, monkeypatch, jobs=1) == ["a-short.pdf", "b-long.pdf"]
