"""OCR as a reader step (issue 13), on scans of our own fixture reports and of our sample content's
PDF (content/A_HRC_70_12.pdf).

Each test writes a report in UN layout (tests/unlayout.py) or takes the sample PDF, renders its pages to images with
pdftoppm (300 dpi, or 200), degrades some (skew, speckle noise), wraps the images as an image-only
PDF with reportlab, reads that with `read_pages_ocr` and assembles it with the PDF reader's own
`assemble`, and compares the draft with the born-digital PDF's: the same paragraph numbers,
sub-paragraph labels, headings and footnotes, and word accuracy of at least 99% (clean, 300 dpi) or
98% (degraded, other languages). Tests that run Tesseract skip with a reason when it is absent.
"""

from __future__ import annotations

import difflib
import functools
import io
import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from rich.console import Console

from sitegen.draft import DraftHeading, DraftParagraph, DraftReport
from sitegen.errors import Diagnostics, InputError
from sitegen.readers.pdf import assemble, ocr, read_pages
from sitegen.readers.pdf.ocr import (
    OcrPages,
    find_tesseract,
    ocr_language,
    page_ranges,
    read_pages_ocr,
    valid_word_share,
)
from tests.unlayout import Heading, Item, PageBreak, Para, Report, cyrillic_font_path, write_pdf

needs_tesseract = pytest.mark.skipif(
    find_tesseract() is None or shutil.which("pdftoppm") is None,
    reason="Tesseract or pdftoppm is not installed (apt-get install tesseract-ocr poppler-utils)",
)

FILLER = (
    "States should ensure that the measures they adopt are consistent with their obligations under "
    "international human rights law, and that affected communities are consulted in good time."
)

ENGLISH = Report(
    title="Promotion and protection of human rights in the context of climate change and migration",
    blocks=(
        Heading("I.", "Introduction"),
        Para(
            "1", "The Special Rapporteur thanks the States that replied to the questionnaire.[^1] " + FILLER
        ),
        Para(
            "2",
            "Recent guidance is summarized in the annex, including the Member States' bila{-}teral "
            "agreements of 2024.",
            items=(Item("(a)", "Protection of migrants;"), Item("(b)", "Access to remedies.[^2]")),
        ),
        Heading("A.", "Climate change and displacement", level=2),
        Para("3", FILLER + " " + FILLER),
        PageBreak(),
        Heading("II.", "Conclusions"),
        Para(
            "4",
            "The Special Rapporteur recommends that States adopt national plans on displacement.[^3] "
            + FILLER,
        ),
        Para(
            "5",
            "Regional organizations should share data on movements across borders and on the "
            "people who return.",
        ),
    ),
    footnotes={
        "1": "A/78/180, para. 68 (j).",
        "2": "See the report of the Secretary-General (A/79/213).",
        "3": "Human Rights Council resolution 50/9.",
    },
)

FRENCH = Report(
    title="Promotion et protection des droits humains dans le contexte des changements climatiques",
    blocks=(
        Heading("I.", "Introduction"),
        Para(
            "1",
            "Le Rapporteur spécial a reçu des contributions d’États, d’organisations et d’experts ; "
            "il les remercie de leur coopération et de leurs observations sur l’œuvre accomplie.[^1]",
            items=(Item("a)", "Adopter une loi générale ;"), Item("b)", "Ratifier la Convention.")),
        ),
        Para(
            "2",
            "Les États devraient veiller à ce que les mesures qu’ils adoptent soient conformes à leurs "
            "obligations au titre du droit international des droits de l’homme.",
        ),
        PageBreak(),
        Heading("II.", "Conclusions"),
        Para("3", "Le Rapporteur spécial recommande aux États d’adopter des plans nationaux.[^2]"),
    ),
    footnotes={"1": "Voir A/78/180, par. 68 j).", "2": "Résolution 50/9 du Conseil des droits de l’homme."},
    language="fr",
    date="17 juillet 2025",
    original="anglais",
    organ="Assemblée générale",
    session="Quatre-vingtième session",
    agenda="Point 72 b) de l’ordre du jour provisoire",
    agenda_title="Promotion et protection des droits humains",
    subtitle="Note du Secrétaire général",
)

RUSSIAN = Report(
    title="Заключительные замечания по шестому периодическому докладу Центральноафриканской Республики",
    blocks=(
        Para(
            "1",
            "Комитет рассматривал шестой периодический доклад Центральноафриканской Республики на своем "
            "заседании и выражает признательность государству-участнику за его доклад.[^1]",
            items=(
                Item("а)", "активизировать усилия по борьбе с насилием;"),
                Item("б)", "обеспечить доступ к правосудию."),
            ),
        ),
        PageBreak(),
        Para(
            "2",
            "Комитет рекомендует государству-участнику принять всеобъемлющий закон о гендерном "
            "равенстве и обеспечить его выполнение.",
        ),
    ),
    footnotes={"1": "См. CEDAW/C/CAF/CO/1-5, п. 16."},
    language="ru",
    date="20 February 2024",
    original="English",
    organ="Конвенция о ликвидации всех форм дискриминации в отношении женщин",
    session="Комитет по ликвидации дискриминации в отношении женщин",
    agenda="",
    agenda_title="",
    subtitle=None,
    symbol="CEDAW/C/CAF/CO/6",
)


# ---------------------------------------------------------------------------------------------------
# Scans of our own
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scan:
    dpi: int = 300
    skew: float = 0.0
    """Degrees, counter-clockwise (a page laid slightly askew on the scanner)."""
    noise: float = 0.0
    """Share of pixels turned black, and as many white (speckle)."""
    garbage_layer: bool = False
    """Add an invisible text layer of OCR garbage over the image, as old scans have."""


def page_images(pdf: Path, dpi: int) -> Iterator[Image.Image]:
    # Rendered into a folder of its own: the source may be our shipped sample in content/, which a
    # test must never write into (nor two tests rendering it at once share files).
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"page-{dpi}"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(out)], check=True)
        for png in sorted(Path(folder).glob("page-*.png")):
            with Image.open(png) as im:
                yield im.convert("L")


def degrade(image: Image.Image, scan: Scan, seed: int) -> Image.Image:
    if scan.skew:
        image = image.rotate(scan.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if scan.noise:
        rng = random.Random(seed)  # the same speckles every run
        image = image.copy()
        count = round(scan.noise * image.width * image.height)
        for n in range(2 * count):  # as many black specks as white ones
            image.putpixel((rng.randrange(image.width), rng.randrange(image.height)), 0 if n < count else 255)
    return image


def scanned_copy(born: Path, target: Path, scan: Scan) -> Path:
    """`born` as an image-only PDF (pages of `scan.dpi` images, degraded), written to `target`."""
    canvas = Canvas(str(target), pagesize=(612, 792))
    for n, image in enumerate(page_images(born, scan.dpi)):
        canvas.drawImage(ImageReader(degrade(image, scan, n)), 0, 0, 612, 792)
        if scan.garbage_layer:
            text = canvas.beginText(72, 700)
            text.setTextRenderMode(3)  # invisible, like an OCR layer
            text.setFont("Times-Roman", 10)
            for line in (
                "NUANTITIOEDNS I' A oRIGTNAL: EIiGLTSH A/39/36I",
                "tbe Spccial Rapportcur tbanks tle",
                "Statcs tbat rcplied io tbe qucstionnairc",
                "Mcmber Statcs sbould cnsurc",
            ):
                text.textLine(line)
            canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return target


def born_and_scanned(
    tmp_path: Path, report: Report, name: str, scan: Scan
) -> tuple[DraftReport, DraftReport, OcrPages]:
    return read_both(tmp_path, write_pdf(report, tmp_path / "born" / name), name, scan)


def read_both(tmp_path: Path, born: Path, name: str, scan: Scan) -> tuple[DraftReport, DraftReport, OcrPages]:
    """The born-digital PDF's draft, its scanned copy's draft, and what OCR said."""
    scanned = scanned_copy(born, tmp_path / name, scan)
    diag = Diagnostics()
    expected = assemble(name, read_pages(born, diag), diag)
    result = read_pages_ocr(scanned, diag, "auto", None, tmp_path / "cache")
    return expected, assemble(name, result.pages, diag), result


def numbering(d: DraftReport) -> list[tuple[str | None, list[str]]]:
    return [(b.number, [i.label for i in b.items]) for b in d.blocks if isinstance(b, DraftParagraph)]


def headings(d: DraftReport) -> list[tuple[str, str]]:
    return [(b.label, b.text) for b in d.blocks if isinstance(b, DraftHeading)]


def words(d: DraftReport) -> list[str]:
    texts: list[str] = []
    for b in d.blocks:
        texts.append(b.text)
        if isinstance(b, DraftParagraph):
            texts.extend(i.text for i in b.items)
    texts.extend(f"{f.number} {f.text}" for f in d.footnotes)
    return " ".join(texts).split()


def word_accuracy(expected: DraftReport, got: DraftReport) -> float:
    """Share of the born-digital words (footnote markers included) found in order in the OCR text."""
    want, have = words(expected), words(got)
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / len(want)


def assert_same_report(expected: DraftReport, got: DraftReport, accuracy: float) -> None:
    assert (got.symbol, got.title) == (expected.symbol, expected.title)
    assert numbering(got) == numbering(expected)
    assert headings(got) == headings(expected)
    assert [f.number for f in got.footnotes] == [f.number for f in expected.footnotes]
    assert word_accuracy(expected, got) >= accuracy, (words(expected), words(got))


# ---------------------------------------------------------------------------------------------------
# Reading scans
# ---------------------------------------------------------------------------------------------------


@needs_tesseract
@pytest.mark.parametrize(
    ("scan", "accuracy"),
    [
        (Scan(), 0.99),
        (Scan(dpi=200), 0.98),
        (Scan(skew=0.5, noise=0.001, garbage_layer=True), 0.98),
    ],
    ids=["300dpi", "200dpi", "skewed-noisy-garbage-layer"],
)
def test_scanned_report_reads_like_the_born_digital_one(tmp_path: Path, scan: Scan, accuracy: float) -> None:
    expected, got, result = born_and_scanned(tmp_path, ENGLISH, "A_80_188.en.pdf", scan)
    assert numbering(expected) == [("1", []), ("2", ["(a)", "(b)"]), ("3", []), ("4", []), ("5", [])]
    assert len(expected.footnotes) == 3
    assert_same_report(expected, got, accuracy)
    assert "[^1]" in got.blocks[1].text and "(b)" in [
        i.label for b in got.blocks if isinstance(b, DraftParagraph) for i in b.items
    ]
    assert [r.number for r in result.recognised] == [1, 2]
    reason = "text layer" if scan.garbage_layer else "no text layer"
    assert all(r.reason.startswith(reason) and r.confidence > 80 for r in result.recognised)
    assert result.meta()["ocr_pages"] == "1-2"


SAMPLE = Path(__file__).resolve().parents[1] / "content" / "A_HRC_70_12.pdf"
"""Our sample content's PDF (content/make_sample_pdf.py): three pages, nine headings, sixteen
paragraphs, items, footnotes."""


@needs_tesseract
@pytest.mark.parametrize(
    ("scan", "accuracy"),
    [
        (Scan(), 0.99),
        (Scan(dpi=200), 0.98),
        (Scan(skew=0.5, noise=0.001), 0.98),
    ],
    ids=["300dpi", "200dpi", "skewed-noisy"],
)
def test_the_sample_report_scanned_reads_like_its_pdf(tmp_path: Path, scan: Scan, accuracy: float) -> None:
    expected, got, result = read_both(tmp_path, SAMPLE, SAMPLE.name, scan)
    assert [n for n, _ in numbering(expected)] == [str(n) for n in range(1, 17)]
    assert len(headings(expected)) == 9 and expected.footnotes
    assert_same_report(expected, got, accuracy)
    assert [r.number for r in result.recognised] == [1, 2, 3]


@needs_tesseract
def test_french_scan(tmp_path: Path) -> None:
    expected, got, result = born_and_scanned(tmp_path, FRENCH, "A_80_188.fr.pdf", Scan())
    assert headings(expected) == [("I.", "Introduction"), ("II.", "Conclusions")]
    assert_same_report(expected, got, 0.99)  # 300 dpi, clean
    assert "fra" in result.engine


@needs_tesseract
def test_russian_scan(tmp_path: Path) -> None:
    if cyrillic_font_path() is None:
        pytest.skip("no TrueType serif with Cyrillic on this machine (Debian: fonts-dejavu-core)")
    expected, got, result = born_and_scanned(tmp_path, RUSSIAN, "CEDAW_C_CAF_CO_6.ru.pdf", Scan())
    assert numbering(expected) == [("1", ["а)", "б)"]), ("2", [])]
    assert_same_report(expected, got, 0.99)  # 300 dpi, clean
    assert "rus+eng" in result.engine


@needs_tesseract
def test_recognised_pages_are_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    born = write_pdf(
        Report(title="A short report", blocks=(Para("1", FILLER),)), tmp_path / "born" / "A_80_1.pdf"
    )
    scanned = scanned_copy(born, tmp_path / "A_80_1.pdf", Scan())
    first = read_pages_ocr(scanned, Diagnostics(), "auto", None, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1

    def no_engine(*args: object) -> str:
        raise AssertionError("Tesseract ran again for a cached page")

    monkeypatch.setattr(ocr, "run_tesseract", no_engine)
    again = read_pages_ocr(scanned, Diagnostics(), "auto", None, tmp_path / "cache")
    assert [ln.text for ln in again.pages[0].lines] == [ln.text for ln in first.pages[0].lines]
    assert again.recognised == first.recognised


# ---------------------------------------------------------------------------------------------------
# What is never recognised, and what happens without Tesseract
# ---------------------------------------------------------------------------------------------------


def test_born_digital_pages_are_never_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_engine(*args: object) -> str:
        raise AssertionError("a born-digital page was sent to Tesseract")

    monkeypatch.setattr(ocr, "run_tesseract", no_engine)
    born = write_pdf(ENGLISH, tmp_path / "A_80_188.en.pdf")
    diag = Diagnostics()
    result = read_pages_ocr(born, diag, "auto", None, tmp_path / "cache")
    assert result.recognised == [] and result.meta() == {}
    assert [p.lines for p in result.pages] == [p.lines for p in read_pages(born, diag)]


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm is not installed (apt-get install poppler-utils)"
)
def test_scan_without_tesseract_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    born = write_pdf(
        Report(title="A short report", blocks=(Para("1", FILLER),)), tmp_path / "born" / "A_80_1.pdf"
    )
    scanned = scanned_copy(born, tmp_path / "A_80_1.pdf", Scan(dpi=100))
    monkeypatch.setattr(ocr, "find_tesseract", lambda: None)
    with pytest.raises(InputError) as raised:
        read_pages_ocr(scanned, Diagnostics(), "auto")
    message = str(raised.value)
    assert message.startswith(str(scanned) + ": ") and "\n" not in message
    assert "apt-get install tesseract-ocr" in message
    # --ocr never: the reader's own answer (no lines), no error here
    assert not any(p.lines for p in read_pages_ocr(scanned, Diagnostics(), "never").pages)


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm is not installed (apt-get install poppler-utils)"
)
def test_without_tesseract_a_text_layer_is_kept_and_a_blank_scan_warned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    born = write_pdf(
        Report(title="A short report", blocks=(Para("1", FILLER), PageBreak(), Para("2", FILLER))),
        tmp_path / "born" / "A_80_1.pdf",
    )
    layered = scanned_copy(born, tmp_path / "layered.pdf", Scan(dpi=100, garbage_layer=True))
    monkeypatch.setattr(ocr, "find_tesseract", lambda: None)
    diag = Diagnostics()
    result = read_pages_ocr(layered, diag, "auto")
    assert result.recognised == [] and all(p.lines for p in result.pages) and len(diag) == 0
    # a scan with text on page 1 only: page 2 is left empty, with a warning naming it
    mixed = tmp_path / "mixed.pdf"
    canvas = Canvas(str(mixed), pagesize=(612, 792))
    for n, image in enumerate(page_images(born, 100)):
        canvas.drawImage(ImageReader(image), 0, 0, 612, 792)
        if n == 0:
            canvas.drawString(72, 700, "The Special Rapporteur thanks the States.")
        canvas.showPage()
    canvas.save()
    result = read_pages_ocr(mixed, diag, "auto")
    assert result.recognised == [] and [bool(p.lines) for p in result.pages] == [True, False]
    assert [(d.code, d.page) for d in diag] == [("ocr-unavailable", 2)]


def test_language_from_the_file_name_then_the_setting() -> None:
    assert ocr_language(Path("A_80_188.fr.pdf")) == "fra"
    assert ocr_language(Path("S_PV.492.en-fr.pdf")) == "eng+fra"
    assert ocr_language(Path("CEDAW_C_CAF_CO_6.ru.pdf")) == "rus+eng"  # symbols are in Latin letters
    assert ocr_language(Path("A_80_188.pdf"), "es") == "spa"
    assert ocr_language(Path("A_80_188.pdf")) == "eng"


def test_valid_word_share_rejects_ocr_garbage() -> None:
    words = frozenset({"original", "english", "the", "secretary", "general", "report"})
    assert valid_word_share(["Original: English", "Report of the Secretary-General.[^1]"], words)[
        0
    ] == pytest.approx(5 / 6)
    assert valid_word_share(["oRIGTNAL: EIiGLTSH", "A/39/36I"], words) == (0.0, 3)
    assert valid_word_share(["12 345 -- ."], words) == (0.0, 0)


def test_a_word_box_over_the_next_words_ends_before_them() -> None:
    # an underlined heading: Tesseract's box for "Greenhouse" spans the underline under all four words
    from sitegen.readers.pdf.lines import page_lines
    from sitegen.readers.pdf.ocr import _OcrLine, _Word, hocr_to_chars

    def word(text: str, x0: float, x1: float) -> _Word:
        return _Word(text, (x0, 100.0, x1, 130.0), 90.0, [(ch, None) for ch in text])

    line = _OcrLine(
        [
            word("Greenhouse", 500, 1400),
            word("gases", 760, 880),
            word("and", 905, 975),
            word("climate", 1000, 1150),
        ],
        baseline=130.0,
        slope=0.0,
    )
    chars = hocr_to_chars([line], 72 / 300)
    assert [ln.text for ln in page_lines(chars, 612, 1)] == ["Greenhouse gases and climate"]


def test_page_ranges() -> None:
    assert page_ranges([5, 1, 2, 3, 7, 8]) == "1-3, 5, 7-8"


# ---------------------------------------------------------------------------------------------------
# The progress bar counts recognised pages
# ---------------------------------------------------------------------------------------------------


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=160, color_system=None), out


def test_the_progress_bar_counts_pages_recognised_by_ocr() -> None:
    from sitegen.console import ReadProgress
    from sitegen.executors import ReadResult
    from sitegen.model import Report as Model
    from sitegen.model import Source

    def model(pages: int, ocr_pages: str | None) -> Model:
        meta = (("ocr_pages", ocr_pages),) if ocr_pages else ()
        return Model(
            symbol="A/80/1",
            slug="A_80_1",
            title="T",
            language="en",
            source=Source("a.pdf", pages),
            blocks=(),
            footnotes=(),
            references=(),
            meta=meta,
        )

    console, out = _terminal()
    with ReadProgress(4, console=console) as bar:
        bar.advance(ReadResult(Path("born.pdf"), model(3, None), None))
        assert "3 pages" in out.getvalue() and "OCR" not in out.getvalue()  # nothing recognised: not shown
        bar.advance(ReadResult(Path("scan.pdf"), model(6, "1-3, 5"), None))
        assert "9 pages" in out.getvalue() and "4 recognised by OCR" in out.getvalue()
        # a model taken from the reader cache was recognised by an earlier build: not counted again
        bar.advance(ReadResult(Path("old.pdf"), model(2, "1-2"), None, cached=True))
        assert "11 pages" in out.getvalue() and "6 recognised" not in out.getvalue()
        bar.advance(ReadResult(Path("bad.pdf"), None, "bad.pdf: unreadable"))
    assert bar.recognised == 4


@needs_tesseract
def test_build_shows_the_pages_it_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitegen.console
    from sitegen.cli import main

    born = write_pdf(
        Report(title="A short report", blocks=(Para("1", FILLER),)), tmp_path / "born" / "A_80_1.pdf"
    )
    (tmp_path / "content").mkdir()
    scanned_copy(born, tmp_path / "content" / "A_80_1.pdf", Scan())
    console, out = _terminal()
    monkeypatch.setattr(sitegen.console, "show_progress", lambda args: True)
    monkeypatch.setattr(
        sitegen.console, "ReadProgress", functools.partial(sitegen.console.ReadProgress, console=console)
    )
    assert (
        main(
            [
                "build",
                str(tmp_path / "content"),
                "-o",
                str(tmp_path / "site"),
                "--jobs",
                "1",
                "--no-cache",
                "--quiet",
            ]
        )
        == 0
    )
    assert "1/1 files" in out.getvalue() and "1 recognised by OCR" in out.getvalue()


# ---------------------------------------------------------------------------------------------------
# The image cleaned before reading (no Tesseract needed)
# ---------------------------------------------------------------------------------------------------


def _letters(image: Image.Image, x0: int, x1: int, baseline: int) -> None:
    """Letter-like blocks (28 px tall, 18 wide, 8 apart) standing on `baseline`."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for x in range(x0, x1 - 18, 26):
        draw.rectangle((x, baseline - 28, x + 18, baseline), fill=0)


def test_lone_specks_are_removed_and_dots_kept() -> None:
    from sitegen.readers.pdf.ocr import despeckle

    image = Image.new("L", (60, 60), 255)
    image.putpixel((10, 10), 0)  # a speck
    for x in range(40, 43):
        for y in range(40, 43):
            image.putpixel((x, y), 0)  # a full stop at 300 dpi
    image.putpixel((41, 41), 255)  # a white speck inside it
    clean = despeckle(image)
    assert clean.getpixel((10, 10)) == 255
    assert all(clean.getpixel((x, y)) == 0 for x in range(40, 43) for y in range(40, 43))


def test_a_skewed_page_is_measured_level() -> None:
    from sitegen.readers.pdf.ocr import skew_angle

    page = Image.new("L", (1200, 1600), 255)
    for row in range(10):
        _letters(page, 150, 1050, 300 + 60 * row)
    assert skew_angle(page) == 0.0
    turned = page.rotate(1.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert skew_angle(turned) == pytest.approx(-1.0, abs=0.15)


def test_an_underline_is_found_and_a_bare_rule_is_not() -> None:
    from PIL import ImageDraw

    from sitegen.readers.pdf.ocr import underlines, without_underlines

    page = Image.new("L", (1200, 800), 255)
    _letters(page, 200, 800, 300)
    ImageDraw.Draw(page).rectangle((200, 304, 800, 307), fill=0)  # the title's underline
    ImageDraw.Draw(page).rectangle((100, 600, 1100, 605), fill=0)  # a rule under the masthead
    found = underlines(page)
    assert [(y0 >= 304 and y1 <= 307, x0, x1) for y0, y1, x0, x1 in found] == [(True, 200, 801)]
    clean = without_underlines(page, found)
    assert clean.getpixel((500, 305)) == 255 and clean.getpixel((100 + 500, 602)) == 0
    assert clean.getpixel((210, 290)) == 0  # the letters stay


def test_the_continuation_mark_read_as_letters_is_read_back() -> None:
    from PIL import ImageDraw

    from sitegen.readers.pdf.ocr import _OcrLine, _Word, continuation_mark

    page = Image.new("L", (1000, 1000), 255)
    draw = ImageDraw.Draw(page)
    draw.line((800, 960, 815, 930), fill=0, width=3)  # "/"
    for x in (825, 840, 855):
        draw.rectangle((x, 955, x + 4, 959), fill=0)  # "..."
    _letters(page, 100, 400, 960)

    def word(text: str, box: tuple[float, float, float, float], conf: float) -> _Word:
        return _Word(text, box, conf, [(ch, None) for ch in text])

    body = _OcrLine([word("Secretary-General.", (100, 932, 400, 960), 92)], 960, 0.0)
    mark = _OcrLine([word("Leese", (798, 928, 862, 962), 20)], 962, 0.0)
    assert [w.text for ln in continuation_mark(page, [body, mark]) for w in ln.words] == [
        "Secretary-General.",
        "/...",
    ]
    sure = _OcrLine([word("Leese", (798, 928, 862, 962), 90)], 962, 0.0)  # Tesseract was sure: kept
    assert continuation_mark(page, [body, sure])[1].words[0].text == "Leese"


def test_a_slash_does_not_make_a_typed_line_larger() -> None:
    from sitegen.readers.pdf.ocr import _line_em, _OcrLine, _Word

    def word(text: str, top: float) -> _Word:
        return _Word(text, (0.0, top, 100.0, 130.0), 90.0, [(ch, None) for ch in text])

    # Courier: cap height 0.69 em above the baseline at 130; the slash also reaches 0.12 em below it
    plain = [word(w, 130 - 0.69 * 40) for w in ("The", "final", "Second", "World")]
    line = _OcrLine([*plain, word("Scientific/Technical", 130 - 0.81 * 40)], 130.0, 0.0)
    assert _line_em(line) == pytest.approx(40.0)
