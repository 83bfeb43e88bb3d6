"""Bad input: every unreadable PDF gives exactly one stderr line naming the file, never a traceback.

Each bad file is made here, from a small PDF in UN layout written with reportlab; the real broken
files of ../shared/corpus/bad/ are checked too (skipped when the corpus is absent).
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from sitegen.errors import Diagnostics, InputError
from sitegen.readers import read_report
from sitegen.readers.pdf import open as pdf_open
from tests.conftest import CORPUS

PARAGRAPHS = [
    "The Special Rapporteur welcomes the cooperation extended by the Government during the visit.",
    "Destination countries should ensure that migrants have effective access to justice.",
    "The Committee recommends that the State party adopt a comprehensive national strategy.",
]


def write_un_pdf(path: Path, *, encrypt: StandardEncryption | None = None, text: bool = True) -> Path:
    """Two pages of numbered paragraphs; with `text=False` only a grey box per page (a scan's shape)."""
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for page in range(2):
        if text:
            c.setFont("Times-Roman", 10)
            for i, sentence in enumerate(PARAGRAPHS):
                y = 700 - 30 * i
                c.drawString(72, y, f"{page * len(PARAGRAPHS) + i + 1}.")
                c.drawString(100, y, sentence)
        else:
            c.setFillGray(0.5)
            c.rect(72, 200, 450, 550, fill=1, stroke=0)
        c.showPage()
    c.save()
    return path


def encrypted_aes(path: Path) -> Path:
    plain = write_un_pdf(path.with_name("plain.pdf"))
    with pikepdf.open(plain) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
    return path


def truncated(path: Path) -> Path:
    data = write_un_pdf(path.with_name("whole.pdf")).read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def written(data: bytes) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return write


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "encrypted-rc4": (
        lambda p: write_un_pdf(p, encrypt=StandardEncryption("secret", "owner")),
        "encrypted (password required)",
    ),
    "encrypted-aes256": (encrypted_aes, "encrypted (password required)"),
    "truncated": (truncated, "truncated or damaged beyond repair"),
    "empty": (written(b""), "empty file"),
    "zip-named-pdf": (written(b"PK\x03\x04\x14\x00\x00\x00 not a report"), "not a PDF (starts with 'PK"),
    "html-named-pdf": (
        written(b"<!DOCTYPE html><html><body>404</body></html>"),
        "not a PDF (starts with '<!DOCTYPE html>",
    ),
    "header-then-garbage": (
        written(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"),
        "truncated or damaged beyond repair",
    ),
    "scanned-like": (lambda p: write_un_pdf(p, text=False), "no text layer"),
}


def run_extract(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", "extract", str(path), "--json", *options],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], path: Path, expected: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0]
    assert expected in lines[0]
    assert proc.stdout == ""


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_pdf_gives_one_line_naming_the_file(tmp_path: Path, kind: str) -> None:
    make, expected = BAD_INPUTS[kind]
    path = make(tmp_path / f"{kind}.pdf")
    assert_one_line_error(run_extract(path), path, expected)


def test_healthy_fixture_extracts_without_a_word_on_stderr(tmp_path: Path) -> None:
    """The control: the same generator without damage gives a model and a quiet stderr."""
    path = write_un_pdf(tmp_path / "good.pdf")
    proc = run_extract(path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    numbers = [b.get("number") for b in json.loads(proc.stdout)["blocks"] if b["type"] == "paragraph"]
    assert numbers == [str(n) for n in range(1, 7)]


def test_password_free_encryption_is_read(tmp_path: Path) -> None:
    """Owner-password-only files (print/copy restrictions) open in every viewer; so must they here."""
    path = write_un_pdf(tmp_path / "restricted.pdf", encrypt=StandardEncryption("", "owner", canCopy=0))
    report = read_report(path, Diagnostics())
    assert report.source.pages == 2


def test_healthy_file_never_pays_for_repair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(data: bytes) -> bytes:
        raise AssertionError("a healthy file was sent for repair")

    monkeypatch.setattr(pdf_open, "REPAIRERS", (("fail", fail),))
    diag = Diagnostics()
    with pdf_open.open_pdf(write_un_pdf(tmp_path / "good.pdf"), diag) as pdf:
        assert len(pdf.pages) == 2
    assert not diag.items


def test_broken_xref_is_repaired_with_a_warning(tmp_path: Path) -> None:
    """Offsets in the xref table all wrong: pdfminer's own fallback or a repairer must still read it."""
    data = write_un_pdf(tmp_path / "good.pdf").read_bytes()
    xref = data.rindex(b"\nxref")
    broken = data[:xref] + data[xref:].replace(b"0000000", b"0000009")
    (tmp_path / "broken.pdf").write_bytes(broken)
    report = read_report(tmp_path / "broken.pdf", Diagnostics())
    assert [b.number for b in report.blocks if getattr(b, "number", None)] == [str(n) for n in range(1, 7)]


def test_lost_cross_reference_is_repaired_with_a_warning(tmp_path: Path) -> None:
    """Objects packed in object streams and `startxref` pointing nowhere: pdfminer's own fallback
    cannot find the catalog, qpdf can. The report is read whole, with one warning naming the file."""
    packed = io.BytesIO()
    with pikepdf.open(write_un_pdf(tmp_path / "good.pdf")) as pdf:
        pdf.save(packed, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    data = packed.getvalue()
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data[: data.rindex(b"startxref")] + b"startxref\n0\n%%EOF\n")
    diag = Diagnostics()
    report = read_report(path, diag)
    assert report.source.pages == 2
    assert [b.number for b in report.blocks if getattr(b, "number", None)] == [str(n) for n in range(1, 7)]
    assert [d.code for d in diag] == ["pdf-repaired"]
    assert str(path) in str(diag.items[0])
    proc = run_extract(path)
    assert proc.returncode == 0 and len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith(f"warning: {path}: damaged PDF")


def test_unexpected_reader_failure_becomes_one_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a broken file trips inside a reader, the caller gets an InputError naming it."""
    import sitegen.readers.pdf as pdf_reader

    def explode(*args: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(pdf_reader, "to_chars", explode)
    path = write_un_pdf(tmp_path / "good.pdf")
    with pytest.raises(InputError) as caught:
        read_report(path, Diagnostics())
    assert str(caught.value).startswith(str(path) + ": ")
    assert "IndexError" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_pdfminer_failure_inside_a_page_names_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error pdfminer raises while a page is parsed is reported with that page's number."""
    from pdfminer.pdfinterp import PDFInterpreterError
    from pdfplumber.page import Page

    parse = Page.parse_objects

    def parse_or_fail(self: Page) -> object:
        if self.page_number == 2:
            raise PDFInterpreterError("Unknown operator")
        return parse(self)

    monkeypatch.setattr(Page, "parse_objects", parse_or_fail)
    path = write_un_pdf(tmp_path / "good.pdf")
    with pytest.raises(InputError) as caught:
        read_report(path, Diagnostics())
    assert caught.value.page == 2
    assert str(caught.value).startswith(f"{path}: page 2: ")


def test_bad_inputs_do_not_stop_the_build(tmp_path: Path, build_site: Callable[..., object]) -> None:
    files: dict[str, str | bytes] = {
        "content/good.md": "---\ntitle: A good report\nsymbol: A/79/1\n---\n\n1. Text of the report.\n",
        "content/empty.pdf": b"",
        "content/notes.pdf": b"just some notes\n",
    }
    (tmp_path / "content").mkdir()
    write_un_pdf(tmp_path / "content" / "scan.pdf", text=False)
    site = build_site(tmp_path, files)
    failed = "\n".join(site.result.failed)  # type: ignore[attr-defined]
    assert len(site.result.failed) == 3, failed  # type: ignore[attr-defined]
    for name in ("empty.pdf", "notes.pdf", "scan.pdf"):
        assert name in failed
    assert "Traceback" not in failed
    assert (site.root / "A" / "79" / "1" / "index.html").is_file()  # type: ignore[attr-defined]


# The real broken files of the shared corpus.

SCANNED = sorted((CORPUS / "bad").glob("scanned-*.pdf")) if CORPUS.is_dir() else []
DAMAGED = CORPUS / "bad" / "damaged-A_HRC_WG.6_7_SVN_2.en.pdf"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.name)
def test_corpus_scanned_gives_one_line_without_ocr(path: Path) -> None:
    """With OCR (the default) a scan is read (tests/test_ocr.py); refused it, the error is one line."""
    assert_one_line_error(run_extract(path, "--ocr", "never"), path, "no text layer")


@pytest.mark.corpus
@needs_corpus
def test_corpus_damaged_is_recovered_whole_with_a_warning() -> None:
    proc = run_extract(DAMAGED)
    assert proc.returncode == 0, proc.stderr
    warnings = proc.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("warning: "), proc.stderr
    assert str(DAMAGED) in warnings[0] and "repaired" in warnings[0]
    model = json.loads(proc.stdout)
    assert model["source"]["pages"] == 17
    assert model["symbol"] == "A/HRC/WG.6/7/SVN/2"
    numbers = {b.get("number") for b in model["blocks"] if b["type"] == "paragraph"}
    assert len(numbers & {str(n) for n in range(1, 46)}) >= 40, sorted(numbers, key=str)
    pages = {b["page"] for b in model["blocks"]} | {f["page"] for f in model["footnotes"]}
    assert max(pages) == 17  # read to the end (its endnotes), not just the first pages


# An input that breaks between two builds keeps its last good page (a cached build).

CITING_MD = "---\nsymbol: A/90/1\ntitle: The citing report\n---\n\n1. See A/90/2, para. 1.\n"
CITED_MD = "---\nsymbol: A/90/2\ntitle: Report on flowers\n---\n\n1. The {word} flowers were counted twice.\n"
BROKEN_FRONT_MATTER = "---\nsymbol: A/90/2\ntitle: [unclosed\n---\n\n1. The broken version.\n"


def write_cited(content: Path, kind: str, word: str) -> Path:
    """A/90/2, whose paragraph 1 holds `word`: Markdown, or a PDF in UN layout."""
    if kind == "md":
        path = content / "A_90_2.md"
        path.write_text(CITED_MD.format(word=word), encoding="utf-8")
        return path
    from tests.unlayout import Para, write_pdf
    from tests.unlayout import Report as PdfReport

    report = PdfReport(
        symbol="A/90/2",
        title="Report on flowers",
        date="17 July 2035",
        blocks=(Para("1", f"The {word} flowers were counted twice."),),
    )
    return write_pdf(report, content / "A_90_2.pdf")


def break_input(path: Path) -> None:
    if path.suffix == ".md":
        path.write_text(BROKEN_FRONT_MATTER, encoding="utf-8")
    else:
        path.write_bytes(path.read_bytes()[:1500])  # a download cut short


def run_build(content: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            str(content),
            "-o",
            str(content.parent / "site"),
            "--jobs",
            "1",
            *extra,
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


def search_data(site: Path) -> bytes:
    """Every search file, unzipped: what the search box can find."""
    parts = [p.read_bytes() for p in sorted((site / "search").rglob("*")) if p.is_file()]
    return b"".join(gzip.decompress(d) if d[:2] == b"\x1f\x8b" else d for d in parts)


def cited_page(site: Path) -> str:
    return (site / "A" / "90" / "2" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["md", "pdf"])
def test_a_broken_input_keeps_its_last_good_page_until_fixed(tmp_path: Path, kind: str) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    (content / "A_90_1.md").write_text(CITING_MD, encoding="utf-8")
    cited = write_cited(content, kind, "zygomorphic")
    good_bytes = cited.read_bytes()
    assert run_build(content).returncode == 0
    break_input(cited)
    for _ in range(2):  # kept again by a second build that finds it still broken
        proc = run_build(content)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        naming = [line for line in proc.stderr.splitlines() if str(cited) in line]
        assert len(naming) == 1, proc.stderr
        assert naming[0].startswith(f"{cited}: ") and naming[0].endswith("(the previous version was kept)")
        assert "zygomorphic flowers" in cited_page(site)
        assert 'href="/A/90/2/#para-1"' in (site / "A/90/1/index.html").read_text(encoding="utf-8")
        assert b"zygomorphic" in search_data(site)
        if kind == "pdf":  # the copy beside the page is the good PDF, not the broken one
            assert (site / "A/90/2/A_90_2.pdf").read_bytes() == good_bytes
    write_cited(content, kind, "actinomorphic")
    proc = run_build(content)
    assert proc.returncode == 0 and str(cited) not in proc.stderr, proc.stderr
    assert "actinomorphic flowers" in cited_page(site) and "zygomorphic" not in cited_page(site)
    assert b"zygomorphic" not in search_data(site)


def test_a_deleted_input_loses_its_page_even_when_it_was_kept(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    (content / "A_90_1.md").write_text(CITING_MD, encoding="utf-8")
    cited = write_cited(content, "md", "zygomorphic")
    run_build(content)
    break_input(cited)
    assert run_build(content).returncode == 1 and (site / "A/90/2/index.html").is_file()
    cited.unlink()
    assert run_build(content).returncode == 0
    assert not (site / "A/90/2").exists() and b"zygomorphic" not in search_data(site)
    assert 'href="/A/90/2/' not in (site / "A/90/1/index.html").read_text(encoding="utf-8")
    # Back, but broken: it has no last good version any more, so it is left out as without a cache.
    break_input(cited)
    proc = run_build(content)
    assert proc.returncode == 1 and not (site / "A/90/2").exists()
    assert "previous version" not in proc.stderr


def test_without_a_cache_a_broken_input_is_left_out(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    cited = write_cited(content, "md", "zygomorphic")
    (content / "A_90_1.md").write_text(CITING_MD, encoding="utf-8")
    assert run_build(content, "--no-cache").returncode == 0
    break_input(cited)
    proc = run_build(content, "--no-cache")
    assert proc.returncode == 1 and "previous version" not in proc.stderr
    assert not (site / "A/90/2").exists()
