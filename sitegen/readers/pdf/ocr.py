"""OCR: pages with no usable text layer, read by Tesseract into the same `Char` values as pdfplumber's.

A page is recognised when it is a scan (an image covers most of it) and either has no text layer or
one judged unusable: fewer than `MIN_VALID_SHARE` of its words are words of the document's language,
checked against the word list in Tesseract's own language data (`combine_tessdata` and
`dawg2wordlist` ship with Debian's tesseract-ocr; no network). Born-digital pages are never
recognised in `auto` mode, whatever their words: a page in another language than the file name's
(an Arabic annex, English endnotes in a Russian report) has no page-sized image.

A recognised page is rendered at `DPI` with PDFium, read by the `tesseract` binary (one thread,
hOCR with character boxes), and each word becomes characters: the word box is split in proportion
to the letters' usual widths; each line gets one baseline (Tesseract's, deskewed with the page's
median slope) and one type size (from the words' heights and what letters they hold); a raised run
at a word's edge (a footnote marker, which Tesseract often reads as "'" or '"') is read again on
its own, digits only, and becomes raised small digits, which `lines` turns into "[^N]". Short
horizontal rules in the image (footnote separators) become the page's rule candidates. From there the
lines, furniture, footnote and structure steps run unchanged.

Each recognised page is cached as JSON by the file's hash, the page number, the language, the
Tesseract version and `FORMAT`.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageChops, ImageFilter

from sitegen.errors import Diagnostics, InputError
from sitegen.readers.pdf.chars import Char
from sitegen.readers.pdf.document import PageText
from sitegen.readers.pdf.footnotes import rule_candidates
from sitegen.readers.pdf.lines import Line, page_lines

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")

DPI = 300
"""Rendering resolution: Tesseract's models are trained on text about 20-40 px high (10 pt at 300 dpi)."""
SCAN_COVERAGE = 0.75
"""A page is a scan when one image covers this share of it (born-digital figures stay under 0.62 in
../shared/corpus and wide/; scans cover 0.77-1.0)."""
MIN_VALID_SHARE = 0.90
"""A scan's text layer is unusable below this share of valid words (measured on the reader's lines:
../shared/corpus/A_47_466, a usable Paper Capture layer, scores 0.93 and more on every page; the
hard/ scans 0.72-0.95 per page; see benchmarks/ocr.py)."""
FORMAT = 15
"""Part of the cache key: bump when the recognised characters would change for the same hOCR."""
INSTALL_HINT = "apt-get install tesseract-ocr"

TESSERACT_LANGUAGES = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara", "zh": "chi_sim"}
"""BCP 47 codes in file names (".fr.pdf") -> Tesseract's language data."""
LATIN_TOO = {"rus", "ara", "chi_sim"}
"""Languages whose reports print Latin symbols and URLs ("A/80/188"): read with English too."""


# ---- the result ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecognisedPage:
    number: int
    confidence: float
    """Tesseract's mean word confidence (0-100), weighted by characters."""
    reason: str
    """"no text layer", "text layer 71% valid words" or "--ocr always"."""


@dataclass(frozen=True, slots=True)
class OcrPages:
    pages: list[PageText]
    """The same list `read_pages` returns, recognised pages replaced."""
    recognised: list[RecognisedPage]
    engine: str = ""
    """"tesseract 5.3.0 (eng)" when any page was recognised."""

    def meta(self) -> dict[str, str]:
        """What the model says about recognition: for `DraftReport.meta` ({} when nothing was read)."""
        if not self.recognised:
            return {}
        return {
            "ocr_pages": page_ranges([r.number for r in self.recognised]),
            "ocr_confidence": " ".join(f"{r.number}:{r.confidence:.0f}" for r in self.recognised),
            "ocr_engine": self.engine,
        }


def page_ranges(numbers: Sequence[int]) -> str:
    """[1, 2, 3, 5] -> "1-3, 5"."""
    out: list[str] = []
    for n in sorted(numbers):
        if out and n == int(out[-1].split("-")[-1]) + 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def pages_in_ranges(ranges: str) -> list[int]:
    """ "1-3, 5" -> [1, 2, 3, 5]: `page_ranges` read back."""
    out: list[int] = []
    for part in ranges.split(","):
        first, _, last = part.strip().partition("-")
        if first.isdigit():
            out.extend(range(int(first), int(last if last.isdigit() else first) + 1))
    return out


# ---- the engine ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tesseract:
    binary: str
    version: str
    """"5.3.0"."""
    tessdata: Path
    languages: frozenset[str]


@cache
def find_tesseract() -> Tesseract | None:
    """The installed engine, or None. Cached: the answer cannot change during a build."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        version = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, check=True, timeout=30
        )
        langs = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"tesseract\s+v?(\S+)", version.stdout + version.stderr)
    listing = (langs.stdout + langs.stderr).splitlines()
    where = re.search(r'"(.+?)"', listing[0]) if listing else None
    return Tesseract(
        binary=binary,
        version=m.group(1) if m else "unknown",
        tessdata=Path(where.group(1)) if where else Path("/usr/share/tesseract-ocr/5/tessdata"),
        languages=frozenset(x.strip() for x in listing[1:] if x.strip()),
    )


def require_tesseract(path: Path, language: str = "eng") -> Tesseract:
    """The engine with `language`'s data, or the one-line `InputError` that says how to install it."""
    engine = find_tesseract()
    if engine is None:
        raise InputError(
            str(path),
            f"scanned pages (no text layer) need OCR, but Tesseract is not installed "
            f"({INSTALL_HINT} {install_packages(language)})",
        )
    missing = [lang for lang in language.split("+") if lang not in engine.languages]
    if missing:
        raise InputError(
            str(path),
            f"OCR needs Tesseract's {'+'.join(missing)} language data "
            f"({INSTALL_HINT} {install_packages('+'.join(missing))})",
        )
    return engine


def install_packages(language: str) -> str:
    """Debian's package names for a Tesseract language: "chi_sim+eng" -> "tesseract-ocr-chi-sim tesseract-ocr-eng"."""
    return " ".join(f"tesseract-ocr-{lang.replace('_', '-')}" for lang in language.split("+"))


def ocr_language(path: Path, setting: str | None = None) -> str:
    """Tesseract's language(s) for a file: from its name (".fr.pdf" -> "fra", ".en-fr.pdf" ->
    "eng+fra"), else the setting (a BCP 47 code or Tesseract's own), else English."""
    codes: list[str] = []
    m = re.search(r"\.([a-z]{2}(?:-[a-z]{2})*)\.pdf$", path.name.lower())
    if m:
        codes = [TESSERACT_LANGUAGES[c] for c in m.group(1).split("-") if c in TESSERACT_LANGUAGES]
    if not codes and setting:
        codes = [TESSERACT_LANGUAGES.get(c, c) for c in re.split(r"[+,\s]+", setting.strip()) if c]
    if not codes:
        codes = ["eng"]
    if any(c in LATIN_TOO for c in codes) and "eng" not in codes:
        codes.append("eng")
    return "+".join(dict.fromkeys(codes))


def tesseract_env() -> dict[str, str]:
    """One thread: Tesseract's OpenMP threads are several times slower on a shared 2-core machine,
    and the build already runs one reader per core."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def run_tesseract(engine: Tesseract, image: Image.Image, language: str, args: Sequence[str], fmt: str) -> str:
    """Tesseract's output (`fmt`: "hocr", "tsv") for one image, passed as PNG on stdin."""
    png = io.BytesIO()
    image.save(png, format="PNG")
    cmd = [engine.binary, "stdin", "stdout", "-l", language, "--dpi", str(DPI), *args, fmt]
    done = subprocess.run(
        cmd, input=png.getvalue(), capture_output=True, env=tesseract_env(), timeout=600, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"tesseract failed ({done.returncode}): {done.stderr.decode(errors='replace')[-300:]}"
        )
    return done.stdout.decode("utf-8")


# ---- is the text layer usable? ------------------------------------------------------------------


@cache
def word_list(tessdata: Path, language: str) -> frozenset[str] | None:
    """The lower-case words of Tesseract's dictionary for `language` ("eng+fra": both), or None when
    the tools to unpack it are missing. About a second per language, once per process."""
    words: set[str] = set()
    for lang in language.split("+"):
        data = tessdata / f"{lang}.traineddata"
        combine, dawg2 = shutil.which("combine_tessdata"), shutil.which("dawg2wordlist")
        if not (data.is_file() and combine and dawg2):
            return None
        with tempfile.TemporaryDirectory(prefix="sitegen-words-") as tmp:
            prefix = str(Path(tmp) / lang) + "."
            subprocess.run([combine, "-u", str(data), prefix], capture_output=True, timeout=120, check=False)
            out = Path(tmp) / "words.txt"
            subprocess.run(
                [dawg2, prefix + "lstm-unicharset", prefix + "lstm-word-dawg", str(out)],
                capture_output=True,
                timeout=120,
                check=False,
            )
            if not out.is_file():
                return None
            words.update(w.lower() for w in out.read_text(encoding="utf-8", errors="replace").split())
    return frozenset(words)


_TOKEN_EDGE = "\"'“”‘’«»()[]{}.,;:!?*…–—-•§%^"
_PARTS = re.compile(r"[-/’']")
_MARKERS = re.compile(r"\[\^\d+\]")


def valid_word_share(texts: Iterable[str], words: frozenset[str]) -> tuple[float, int]:
    """(share of valid words, number of words) among tokens with a letter. A token is valid when every
    part of it ("Secretary-General", "l'homme") is a dictionary word in a normal case (lower, Title
    or UPPER: "oRIGTNAL" is not) or a number; "A/39/36I" and "EIiGLTSH" are not."""
    valid = total = 0
    for text in texts:
        for token in _MARKERS.sub(" ", text).split():
            t = token.strip(_TOKEN_EDGE)
            if not any(ch.isalpha() for ch in t):
                continue
            total += 1
            parts = [p for p in _PARTS.split(t) if p]
            if parts and all(_valid_part(p, words) for p in parts):
                valid += 1
    return (valid / total if total else 0.0), total


def _valid_part(part: str, words: frozenset[str]) -> bool:
    if part.isdigit():
        return True
    return (part.islower() or part.isupper() or part.istitle()) and part.lower() in words


# ---- the page image -----------------------------------------------------------------------------


@contextmanager
def open_pdfium(data: bytes) -> Iterator[Any]:
    """A PDFium document (pypdfium2 has no type hints), closed on leaving."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        yield doc
    finally:
        doc.close()


def image_coverage(page: Any) -> float:
    """The largest share of the page one image covers."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    best = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
        best = max(best, area / (width * height))
    return best


def render_page(page: Any, dpi: int = DPI) -> Image.Image:
    """The page as an 8-bit grey image at `dpi`."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    image: Image.Image = bitmap.to_pil().convert("L")
    return image


def find_rules(image: Image.Image, scale: float, width: float, height: float) -> list[float]:
    """Tops (in points) of short horizontal rules drawn in the image (footnote separators).

    Each row is averaged over cells of about 2 pt: a drawn line stays dark across many cells in a row,
    text does not. Cheap without numpy (the reduced image is ~100 px wide)."""
    cell = max(2, round(2.0 / scale))
    small = image.reduce((cell, 1))
    w, h = small.size
    data = small.tobytes()
    runs: list[tuple[int, int, int]] = []  # (row, first cell, last cell) of dark runs long enough
    min_cells = int(25.0 / (cell * scale))
    for y in range(int(0.25 * h), h):
        row = data[y * w : (y + 1) * w]
        start = None
        for x in range(w + 1):
            dark = x < w and row[x] < 110
            if dark and start is None:
                start = x
            elif not dark and start is not None:
                if x - start >= min_cells:
                    runs.append((y, start, x - 1))
                start = None
    objects: list[dict[str, float]] = []
    for y, x0, x1 in runs:  # consecutive rows of one line become one object
        prev = objects[-1] if objects else None
        if (
            prev is not None
            and abs(prev["x0"] - x0 * cell * scale) < 3 * cell * scale
            and y * scale - prev["bottom"] <= scale * 1.5
        ):
            prev["bottom"] = (y + 1) * scale
            continue
        objects.append(
            {
                "x0": x0 * cell * scale,
                "x1": (x1 + 1) * cell * scale,
                "top": y * scale,
                "bottom": (y + 1) * scale,
            }
        )
    return rule_candidates(objects, width, height)


# ---- the image cleaned before it is read (what a scanner's software does) ------------------------

_NEIGHBOURS = ImageFilter.Kernel((3, 3), [1, 1, 1, 1, 0, 1, 1, 1, 1], scale=8)
MAX_SKEW = 2.0
"""Degrees: a page laid askew on the scanner by up to this much is turned straight before reading."""
_SKEW_STEP = 0.1


def despeckle(image: Image.Image) -> Image.Image:
    """Lone specks removed: a dark pixel with at most one dark neighbour turns white, a light pixel
    with at most one light neighbour dark. Speckle noise made Tesseract lose paragraph numbers ("11."
    read as noise) on our noisy fixtures; no glyph at 200-300 dpi is one pixel wide."""
    dark = image.point(lambda v: 255 if v < 128 else 0)
    light = ImageChops.invert(dark)

    def lone(mask: Image.Image) -> Image.Image:
        return ImageChops.multiply(mask, mask.filter(_NEIGHBOURS).point(lambda v: 255 if v <= 32 else 0))

    return ImageChops.darker(ImageChops.lighter(image, lone(dark)), ImageChops.invert(lone(light)))


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that turns the page's lines level: the turn, within
    `MAX_SKEW`, under which the rows' ink is most unevenly spread (lines and gaps, not a blur)."""
    small = image.reduce(4).point(lambda v: 255 if v < 160 else 0)
    best, best_score = 0.0, -1
    steps = round(MAX_SKEW / _SKEW_STEP)
    for k in sorted(range(-steps, steps + 1), key=abs):  # level first: a tie keeps the page as it is
        turned = small.rotate(k * _SKEW_STEP, resample=Image.Resampling.NEAREST, fillcolor=0) if k else small
        rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        score = sum(v * v for v in rows)
        if score > best_score:
            best, best_score = k * _SKEW_STEP, score
    return best


def straightened(image: Image.Image) -> Image.Image:
    """The page despeckled and turned level: Tesseract misreads a skewed page's labels ("III." as
    "Il.") and loses lines across a title block."""
    image = despeckle(image)
    angle = skew_angle(image)
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255) if angle else image


_LONG_RUN_EMS = 1.6
"""A row of ink longer than this (in ems of 10-point type at the page's resolution) is a rule or an
underline, not a letter's stroke: a bold "m" is under 1 em."""
_PIECE_EMS = 0.4
"""Beside a long run, a run this long in the rows around it is the same line (a bold serif is 0.35)."""
_DRIFT_ROWS = 2
_UNDERLINE_EMS = 0.4
"""An underline, drift included, is no taller than this (a bold letter's bar is thicker)."""


def underlines(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Long horizontal strokes with text standing on them, as (top, bottom, x0, x1) in pixels: a
    rule with no text on it is not one (Tesseract takes it as a block's edge)."""
    width, em = image.width, 10 / 72 * DPI
    ink = image.point(lambda v: 0 if v < 160 else 255).tobytes()
    long_run = re.compile(rb"\x00{%d,}" % round(_LONG_RUN_EMS * em))
    return [
        (y0, y1, x0, x1)
        for y0, y1, x0, x1 in _strokes(ink, width, image.height, long_run)
        if y1 - y0 <= _UNDERLINE_EMS * em and _text_on(ink, width, y0, y1, x0, x1, em)
    ]


def without_underlines(image: Image.Image, strokes: list[tuple[int, int, int, int]]) -> Image.Image:
    """The strokes turned white, with the pieces of the same stroke in the rows next to them (a
    typed underline drifts across rows). The letters' descenders lose the rows the line crossed."""
    width, em = image.width, 10 / 72 * DPI
    ink = image.point(lambda v: 0 if v < 160 else 255).tobytes()
    piece = re.compile(rb"\x00{%d,}" % round(_PIECE_EMS * em))
    grey = bytearray(image.tobytes())
    for y0, y1, x0, x1 in strokes:
        for row in range(max(0, y0 - _DRIFT_ROWS), min(image.height, y1 + _DRIFT_ROWS + 1)):
            for m in piece.finditer(ink, row * width + x0, row * width + x1):
                grey[m.start() : m.end()] = b"\xff" * (m.end() - m.start())
    return Image.frombytes("L", image.size, bytes(grey))


def _on_stroke(line: _OcrLine, stroke: tuple[int, int, int, int]) -> bool:
    """The line stands on the stroke: its baseline just above it, its words over it."""
    y0, y1, x0, x1 = stroke
    em = 10 / 72 * DPI
    return y0 - 0.6 * em <= line.baseline <= y1 + 0.2 * em and any(
        w.box[0] < x1 and x0 < w.box[2] for w in line.words
    )


def read_underlined_lines(
    engine: Tesseract, image: Image.Image, language: str, args: list[str], lines: list[_OcrLine]
) -> list[_OcrLine]:
    """Tesseract drops an underlined line whole, now and then (the title block of a 1990 scan came
    out empty: old reports underline their titles). Where an underline has no line read on it, the
    page is read again with its underlines turned white, and the lines found on those underlines
    are added: what the first reading found is kept as it was (the second cuts descenders)."""
    lost = [s for s in underlines(image) if not any(_on_stroke(ln, s) for ln in lines)]
    if not lost:
        return lines
    again = parse_hocr(run_tesseract(engine, without_underlines(image, lost), language, args, "hocr"))
    found = [ln for ln in again if any(_on_stroke(ln, s) for s in lost)]
    return sorted([*lines, *found], key=lambda ln: ln.baseline) if found else lines


def _strokes(
    ink: bytes, width: int, height: int, long_run: re.Pattern[bytes]
) -> list[tuple[int, int, int, int]]:
    """Long runs in consecutive rows (within the drift) that overlap, as (top, bottom, x0, x1)."""
    strokes: list[list[int]] = []
    for y in range(height):
        for m in long_run.finditer(ink, y * width, (y + 1) * width):
            x0, x1 = m.start() - y * width, m.end() - y * width
            for s in strokes:
                if y - s[1] <= _DRIFT_ROWS + 1 and x0 < s[3] and s[2] < x1:
                    s[1], s[2], s[3] = y, min(s[2], x0), max(s[3], x1)
                    break
            else:
                strokes.append([y, y, x0, x1])
    return [(a, b, c, d) for a, b, c, d in strokes]


def _text_on(ink: bytes, width: int, top: int, bottom: int, x0: int, x1: int, em: float) -> bool:
    """Letters standing on a stroke: ink in a good share of the columns just above it, and little
    just under it (descenders only; a stroke inside a drawing or a letter has ink on both sides)."""

    def share(rows: range) -> float:
        columns = range(x0, x1, 4)
        return sum(any(ink[y * width + x] == 0 for y in rows) for x in columns) / len(columns)

    reach, height = round(0.35 * em), len(ink) // width
    above = share(range(max(0, top - reach), max(0, top - _DRIFT_ROWS - 1)))
    below = share(range(min(height, bottom + _DRIFT_ROWS + 2), min(height, bottom + reach)))
    return above >= 0.3 and below < 0.2


# ---- hOCR -> characters ---------------------------------------------------------------------------

_NS = "{http://www.w3.org/1999/xhtml}"
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
_ASCENDING = set(
    "бфйё0123456789bdfhklABCDEFGHIJKLMNOPQRSTUVWXYZ([{}])/\\|!?'\"%&#$@ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜàâäéèêëîïôöùûüçñáíóúÁÍÓÚÑ"
)
_DESCENDING = set("gjpqy,;()[]{}|çQрудцщфДЦЩ")
_CAP = 0.69
"""Cap, ascender and digit height in ems (0.66-0.72 in Times, Courier, Arial)."""
_XHEIGHT = 0.46
_T_HEIGHT = 0.58
"""A "t" stands between the x-height and the ascenders."""
_UNCASED = 0.9
"""A word of a script without case (Arabic, Chinese) is about this tall, in ems."""
_WORD_GAP = 0.2
"""Ems left between a word cut short at the next word's start and that word (lines.py sees a space
above 0.15)."""
_DESCENT = 0.22
_NARROW = set("iljftrI1.,;:!'’‘|()[]-")
_WIDE = set("mwMWШЩЖЮМ@%")
_RAISED_BY = 0.5
"""A marker's ink ends above half the x-height (a digit on the baseline whose box Tesseract drew
too low does not)."""
_MARKER_MIN_HEIGHT = 0.33
"""A raised marker digit is at least this tall, in ems of its line (0.44 at 65% size); an apostrophe is ~0.28."""


@dataclass(slots=True)
class _Word:
    text: str
    box: tuple[float, float, float, float]
    """x0, top, x1, bottom in pixels."""
    conf: float
    glyphs: list[tuple[str, tuple[float, float, float, float] | None]]
    """Each character and its own box from Tesseract (approximate; None when absent)."""
    bold: bool = False


@dataclass(slots=True)
class _OcrLine:
    words: list[_Word]
    baseline: float
    """y of the baseline in pixels at the line's left edge."""
    slope: float


def _props(title: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in title.split(";"):
        key, _, value = part.strip().partition(" ")
        out[key] = value.split()
    return out


def _box(values: list[str]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in values[:4])
    return x0, y0, x1, y1


def parse_hocr(hocr: str) -> list[_OcrLine]:
    root = ET.fromstring(hocr)
    lines: list[_OcrLine] = []
    for span in root.iter(_NS + "span"):
        if span.get("class") not in _LINE_CLASSES:
            continue
        props = _props(span.get("title", ""))
        _, _, _, y1 = _box(props["bbox"])
        slope, offset = (float(v) for v in props.get("baseline", ["0", "0"])[:2])
        words: list[_Word] = []
        for w in span:
            if w.get("class") != "ocrx_word":
                continue
            wp = _props(w.get("title", ""))
            glyphs: list[tuple[str, tuple[float, float, float, float] | None]] = []
            for c in w:
                if c.get("class") == "ocrx_cinfo" and c.text:
                    cp = _props(c.get("title", ""))
                    glyphs.append((c.text, _box(cp["x_bboxes"]) if "x_bboxes" in cp else None))
            text = "".join(g for g, _ in glyphs) or "".join(w.itertext()).strip()
            if not glyphs:
                glyphs = [(ch, None) for ch in text]
            if text.strip():
                words.append(_Word(text, _box(wp["bbox"]), float(wp.get("x_wconf", ["0"])[0]), glyphs))
        if words:
            lines.append(_OcrLine(words, y1 + offset, slope))
    return lines


def _word_em(word: _Word) -> float | None:
    """The type size (em, in pixels) a word's box height implies, from which letters it holds."""
    letters = [ch for ch in word.text if ch.isalnum()]
    if not letters:
        return None
    if not any(ch.isdigit() or ch.isupper() or ch.islower() for ch in letters):
        return (word.box[3] - word.box[1]) / _UNCASED  # Arabic, Chinese: no x-height to go by
    top = (
        _CAP
        if any(ch in _ASCENDING or ch.isupper() for ch in letters)
        else _T_HEIGHT
        if "t" in letters
        else _XHEIGHT
    )
    bottom = _DESCENT if any(ch in _DESCENDING for ch in word.text) else 0.0
    return (word.box[3] - word.box[1]) / (top + bottom)


_UNSURE_HEIGHT = set("/\\|")
"""Glyphs that reach below the baseline in some faces and not in others (Courier's "/" does, Times'
hardly): a word holding one says little about the line's size ("Scientific/Technical" made a typed
line read 18% larger than its neighbours, and a heading), when a word with capitals or ascenders
measures it instead."""


def _line_em(line: _OcrLine) -> float:
    sure = [w for w in line.words if not _UNSURE_HEIGHT & set(w.text)]
    if not any(ch in _ASCENDING or ch.isupper() for w in sure for ch in w.text if ch.isalnum()):
        sure = line.words  # only x-height words left ("sessions"): a weaker measure than the slash's
    ems = [(em, len(w.text)) for w in sure if (em := _word_em(w)) is not None]
    if not ems:
        return max(w.box[3] - w.box[1] for w in line.words) / _CAP
    ems.sort()
    half, acc = sum(n for _, n in ems) / 2, 0
    for em, n in ems:  # weighted median: long words are measured best
        acc += n
        if acc >= half:
            return em
    return ems[-1][0]


def _is_rule_word(text: str) -> bool:
    return len(text) >= 3 and all(ch in "_-—–=~" for ch in text)


@dataclass(slots=True)
class _Raised:
    """A raised run of glyphs at a word's edge, waiting to be read again as digits."""

    word: _Word
    start: int
    end: int
    box: tuple[float, float, float, float]


def _raised_runs(word: _Word, baseline: float, em: float, image: Image.Image) -> list[_Raised]:
    """Runs of non-letters at a word's edges whose ink sits well above the baseline and is as tall
    as a small digit: footnote markers, whatever Tesseract read them as ("1" in "doklad.!").

    The ink is measured in the image, inside the glyph's columns: the LSTM engine's glyph boxes are
    right across but not up and down (a "." 28 px tall, a raised "1" down to the baseline)."""
    glyphs = word.glyphs
    edge = [
        i
        for i in range(len(glyphs))
        if not glyphs[i][0].isalpha()
        and (all(not g.isalpha() for g, _ in glyphs[:i]) or all(not g.isalpha() for g, _ in glyphs[i + 1 :]))
    ]
    flags = [False] * len(glyphs)
    inks: dict[int, tuple[float, float, float, float]] = {}
    for i in edge:
        box = glyphs[i][1]
        if box is None:
            continue
        ink = _raised_ink(image, box[0], box[2], word.box[1], baseline, baseline - _RAISED_BY * _XHEIGHT * em)
        if ink is None:
            continue
        inks[i] = ink
        flags[i] = _MARKER_MIN_HEIGHT * em <= ink[3] - ink[1] < 0.8 * _CAP * em
    runs: list[_Raised] = []
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        boxes = [inks[k] for k in range(i, j)]
        runs.append(
            _Raised(
                word,
                i,
                j,
                (
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                ),
            )
        )
        i = j
    return runs


def _raised_ink(
    image: Image.Image, x0: float, x1: float, top: float, baseline: float, raise_line: float
) -> tuple[float, float, float, float] | None:
    """The box of ink between columns x0 and x1 that starts above `raise_line` and ends (a blank row
    under it) before it: a raised mark, not the top of a glyph standing on the baseline."""
    upper = _ink_box(image, (x0, top, x1, raise_line))
    if upper is None:
        return None
    column = image.crop((int(upper[0]), int(upper[1]), int(upper[2]), int(baseline) + 1))
    for y in range(column.height):
        if column.crop((0, y, column.width, y + 1)).point(lambda v: 255 if v < 128 else 0).getbbox() is None:
            bottom = upper[1] + y
            return (upper[0], upper[1], upper[2], bottom) if bottom < raise_line else None
    return None  # ink all the way down to the baseline


def _ink_box(
    image: Image.Image, box: tuple[float, float, float, float]
) -> tuple[float, float, float, float] | None:
    """The box of the ink (darker than mid-grey) inside `box`, in page pixels; None when blank."""
    x0, y0 = int(box[0]), int(box[1])
    if box[2] <= x0 or box[3] <= y0:
        return None
    inside = image.crop((x0, y0, int(box[2]) + 1, int(box[3]) + 1)).point(lambda v: 255 if v < 128 else 0)
    found = inside.getbbox()
    if found is None:
        return None
    return x0 + found[0], y0 + found[1], x0 + found[2], y0 + found[3]


_REREAD_HEIGHT = 28
"""Pixels: every raised mark is enlarged to this height before it is read again (measured on the
fixtures at 300 and 200 dpi, skewed and noisy: 28 reads them all, 36 misses some)."""
_DIGITS_ONLY = ["-c", "tessedit_char_whitelist=0123456789"]


def read_raised_digits(engine: Tesseract, image: Image.Image, runs: list[_Raised]) -> list[str]:
    """Read the raised runs of a page that Tesseract did not read as digits again, digits only: all
    in one call, each crop enlarged to one height on its own line of a column (`--psm 6`; a row of
    crops merges or loses some); a crop read as nothing is read once more on its own (`--psm 7`)."""
    found = [_run_text(r) if _run_text(r).isdigit() else "" for r in runs]
    todo = [k for k, f in enumerate(found) if not f]
    if not todo:
        return found
    pad, gap = 4, 60
    crops = []
    for k in todo:
        x0, y0, x1, y1 = runs[k].box
        zoom = min(5.0, max(1.0, _REREAD_HEIGHT / max(y1 - y0, 1.0)))
        crop = image.crop((int(x0) - pad, int(y0) - pad, int(x1) + pad, int(y1) + pad))
        crops.append(
            crop.resize((round(crop.width * zoom), round(crop.height * zoom)), Image.Resampling.LANCZOS)
        )
    column = Image.new(
        "L", (max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap), 255
    )
    slots: list[tuple[int, int]] = []
    y = gap
    for c in crops:
        column.paste(c, (gap, y))
        slots.append((y, y + c.height))
        y += c.height + gap
    for top, height, text in _tsv_words(
        run_tesseract(engine, column, "eng", ["--psm", "6", *_DIGITS_ONLY], "tsv")
    ):
        centre = top + height / 2
        for k, (a, b) in zip(todo, slots, strict=True):
            if a - gap / 2 <= centre <= b + gap / 2:
                found[k] += text
    for k, c in zip(todo, crops, strict=True):
        if not found[k]:
            alone = Image.new("L", (c.width + 2 * gap, c.height + 2 * gap), 255)
            alone.paste(c, (gap, gap))
            found[k] = "".join(
                t
                for _, _, t in _tsv_words(
                    run_tesseract(engine, alone, "eng", ["--psm", "7", *_DIGITS_ONLY], "tsv")
                )
            )
    return [f if f.isdigit() and len(f) <= 3 else "" for f in found]


def _run_text(run: _Raised) -> str:
    return "".join(ch for ch, _ in run.word.glyphs[run.start : run.end])


def _tsv_words(tsv: str) -> list[tuple[int, int, str]]:
    """(top, height, text) of each word in Tesseract's TSV output."""
    out = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            out.append((int(cols[7]), int(cols[9]), cols[11].strip()))
    return out


def _widths(text: str) -> list[float]:
    return [0.5 if ch in _NARROW else 1.4 if ch in _WIDE else 1.0 for ch in text]


@dataclass(frozen=True, slots=True)
class PageReading:
    """One recognised page: what the cache stores."""

    chars: list[Char]
    rules: list[float]
    confidence: float


def hocr_to_chars(
    lines: list[_OcrLine],
    scale: float,
    digits: dict[int, str] | None = None,
    raised: list[_Raised] | None = None,
) -> list[Char]:
    """Characters in points, in Tesseract's reading order: the page turned straight by its median
    baseline slope, one baseline and one size per line, raised runs as small raised characters."""
    digits = digits or {}
    raised_at = {(id(r.word), r.start): (k, r) for k, r in enumerate(raised or [])}
    angle = math.atan(statistics.median([ln.slope for ln in lines])) if lines else 0.0
    cos, sin = math.cos(angle), math.sin(angle)

    def straight(x: float, y: float) -> tuple[float, float]:
        return x * cos + y * sin, -x * sin + y * cos

    chars: list[Char] = []
    for ln in lines:
        em = _line_em(ln)
        x_left = ln.words[0].box[0]
        _, base = straight(x_left, ln.baseline)
        bottom = (base + _DESCENT * em) * scale
        words = [w for w in ln.words if not _is_rule_word(w.text)]
        for k, w in enumerate(words):
            line_base = ln.baseline + (w.box[0] - x_left) * ln.slope
            x0, _ = straight(w.box[0], line_base)
            own = w.box[3] - (_DESCENT * em if any(ch in _DESCENDING for ch in w.text) else 0.0)
            if abs(own - line_base) > 0.45 * em:
                # a word of another row that Tesseract put on this line (a masthead's two columns):
                # its own baseline, or lines.py would interleave its letters with this line's
                _, b = straight(w.box[0], own)
                word_bottom = (b + _DESCENT * em) * scale
            else:
                word_bottom = bottom
            # an underlined heading's first word can span the whole underline: end it where its own
            # glyphs end, and before the next word starts (else their letters interleave)
            right = min([w.box[2], *(b[2] for _, b in w.glyphs[-1:] if b is not None)])
            if k + 1 < len(words) and right > words[k + 1].box[0] - _WORD_GAP * em:
                right = words[k + 1].box[0] - _WORD_GAP * em  # and keep a word space
            x1 = x0 + max(right - w.box[0], 1.0)
            chars.extend(_word_chars(w, x0 * scale, x1 * scale, em * scale, word_bottom, digits, raised_at))
    return chars


def _word_chars(
    w: _Word,
    x0: float,
    x1: float,
    size: float,
    bottom: float,
    digits: dict[int, str],
    raised_at: dict[tuple[int, int], tuple[int, _Raised]],
) -> list[Char]:
    """Split a word box in proportion to its letters; a raised run read as digits becomes small
    raised digits; one not read as digits keeps its glyphs on the line (nothing is dropped)."""
    pieces: list[tuple[str, bool]] = []  # (text, raised)
    i = 0
    while i < len(w.glyphs):
        hit = raised_at.get((id(w), i))
        if hit is None:
            pieces.append((w.glyphs[i][0], False))
            i += 1
            continue
        k, run = hit
        original = "".join(ch for ch, _ in w.glyphs[run.start : run.end])
        read = digits.get(k) or (original if original.isdigit() else "")
        pieces.extend((d, True) for d in read) if read else pieces.extend((ch, False) for ch in original)
        i = run.end
    weights = _widths("".join(t for t, _ in pieces))
    total = sum(weights) or 1.0
    out: list[Char] = []
    x = x0
    small = 0.65 * size
    for (t, up), wt in zip(pieces, weights, strict=True):
        nx = x + (x1 - x0) * wt / total
        b = bottom - 0.38 * size if up else bottom
        s = small if up else size
        out.append(Char(text=t, x0=x, x1=nx, top=b - s, bottom=b, size=s, bold=w.bold))
        x = nx
    return out


def recognise_page(
    engine: Tesseract, image: Image.Image, language: str, width: float, height: float
) -> PageReading:
    """Tesseract on one page image -> characters and rules in the page's points.

    One column of text is read with `--psm 4` (a single column of variable sizes), which keeps a
    heading's label in the margin ("I."); automatic segmentation (`--psm 3`) drops it as noise, but
    is needed to keep two columns apart."""
    image = straightened(image)
    psm = "3" if has_two_columns(image) else "4"
    args = ["--psm", psm, "-c", "hocr_char_boxes=1"]
    lines = parse_hocr(run_tesseract(engine, image, language, args, "hocr"))
    lines = read_underlined_lines(engine, image, language, args, lines)
    lines = continuation_mark(image, drop_inkless_words(image, lines))
    if "rus" in language.split("+"):
        cyrillic_item_labels(lines)
    scale = width / image.width
    raised: list[_Raised] = []
    for ln in lines:
        em = _line_em(ln)
        for w in ln.words:
            raised.extend(
                _raised_runs(w, ln.baseline + (w.box[0] - ln.words[0].box[0]) * ln.slope, em, image)
            )
    read = read_raised_digits(engine, image, raised)
    digits = {k: d for k, d in enumerate(read) if d}
    mark_bold(image, lines)
    chars = hocr_to_chars(lines, scale, digits, raised)
    letters = [(w.conf, len(w.text)) for ln in lines for w in ln.words]
    n = sum(k for _, k in letters)
    confidence = sum(c * k for c, k in letters) / n if n else 0.0
    return PageReading(chars, straight_rules(image, lines, scale, width, height), round(confidence, 1))


def straight_rules(
    image: Image.Image, lines: list[_OcrLine], scale: float, width: float, height: float
) -> list[float]:
    """`find_rules` on the image turned straight by the page's median baseline slope, in the
    coordinates `hocr_to_chars` gives the text (a rule tilted by half a degree breaks into rows
    too short to count)."""
    slope = statistics.median([ln.slope for ln in lines]) if lines else 0.0
    if abs(slope) < 0.001:
        return find_rules(image, scale, width, height)
    angle = math.atan(slope)
    turned = image.rotate(math.degrees(angle), resample=Image.Resampling.BILINEAR, fillcolor=255)
    # turned about the centre; `hocr_to_chars` turns about the origin: the difference is a shift
    cx, cy = image.width / 2, image.height / 2
    shift = cy - (-cx * math.sin(angle) + cy * math.cos(angle))
    return [top - shift * scale for top in find_rules(turned, scale, width, height)]


def drop_inkless_words(image: Image.Image, lines: list[_OcrLine]) -> list[_OcrLine]:
    """Words whose box holds no ink at all: the LSTM engine now and then reads a dash into a wide
    blank (a tab after "1."). A word with ink stays, however unsure Tesseract was of it."""
    out: list[_OcrLine] = []
    for ln in lines:
        words = [w for w in ln.words if any(image.crop(w.box).histogram()[:128])]
        if words:
            out.append(_OcrLine(words, ln.baseline, ln.slope))
    return out


CONTINUATION_MARK = "/..."
_MARK_INK = 0.15
"""Share of a word's box that ink covers: 0.3-0.5 for letters, 0.09 for the dots and slash of "/..."."""
_MARK_CONFIDENCE = 50


def continuation_mark(image: Image.Image, lines: list[_OcrLine]) -> list[_OcrLine]:
    """The mark "/..." that older UN documents print at the foot of each page but the last, right of
    centre, read back as what it is. Tesseract reads its dots as letters ("Leese", "Joee"), and the
    front page then took that word for a title. The page's lowest line, one word, unsure, its box
    mostly blank: dots, not letters."""
    if not lines:
        return lines
    last = max(lines, key=lambda ln: ln.baseline)
    if len(last.words) != 1 or last.words[0].box[0] < image.width / 2:
        return lines
    word = last.words[0]
    crop = image.crop(word.box)
    ink = crop.point(lambda v: 255 if v < 128 else 0).histogram()[255] / max(1, crop.width * crop.height)
    if word.conf < _MARK_CONFIDENCE and ink < _MARK_INK:
        word.text = CONTINUATION_MARK
        word.glyphs = [(ch, None) for ch in CONTINUATION_MARK]
    return lines


def cyrillic_item_labels(lines: list[_OcrLine]) -> None:
    """ "б)" opening a line is read as "6)" (the glyphs differ by a hair in most serifs); a Russian
    report letters its sub-paragraphs "а)", "б)", and numbers nothing "6)"."""
    for ln in lines:
        first = ln.words[0]
        if first.text == "6)":
            first.text = "б)"
            first.glyphs = [("б", first.glyphs[0][1]), *first.glyphs[1:]]


def has_two_columns(image: Image.Image) -> bool:
    """An empty vertical strip near the middle, with text on both sides, over most of the text's height."""
    small = image.point(lambda v: 0 if v < 128 else 255).reduce(8)
    w, h = small.size
    data = small.tobytes()
    inked_rows = [y for y in range(h) if min(data[y * w : (y + 1) * w]) < 200]
    if len(inked_rows) < 20:
        return False
    rows = inked_rows[len(inked_rows) // 10 : -len(inked_rows) // 10 or None]  # not masthead and footer

    def ink_share(x: int) -> float:
        return sum(data[y * w + x] < 200 for y in rows) / len(rows)

    # a gutter is at least 3 cells (24 px, 6 pt at 300 dpi) wide: word spaces that line up by
    # chance down a short page are 1 or 2
    blank, widest = 0, 0
    for x in range(int(0.38 * w), int(0.62 * w)):
        blank = blank + 1 if ink_share(x) < 0.08 else 0
        widest = max(widest, blank)
    left = max(ink_share(x) for x in range(int(0.1 * w), int(0.38 * w)))
    right = max(ink_share(x) for x in range(int(0.62 * w), int(0.9 * w)))
    return widest >= 3 and left > 0.15 and right > 0.15  # a column of text inks 0.2-0.35 of its rows


_BOLD_RATIO = 1.25
"""A word is bold when its strokes are this much thicker than the page's median word's (measured on
our fixtures: bold Times 0.133-0.14 em, regular 0.096 em)."""


def mark_bold(image: Image.Image, lines: list[_OcrLine]) -> None:
    """Tesseract's LSTM engine reports no font style: tell bold by stroke width, the mean length of
    short horizontal runs of ink in the word's box, in ems, against the page's usual."""
    bw = image.point(lambda v: 0 if v < 140 else 255)
    strokes: list[tuple[_Word, float]] = []
    for ln in lines:
        em = _line_em(ln)
        for w in ln.words:
            if sum(ch.isalpha() for ch in w.text) >= 2:
                strokes.append((w, _stroke(bw, w.box, em)))
    if not strokes:
        return
    usual = statistics.median(s for _, s in strokes)
    for w, s in strokes:
        w.bold = s > _BOLD_RATIO * usual
    for ln in lines:  # a word too short to measure follows its line
        measured = [w.bold for w in ln.words if sum(ch.isalpha() for ch in w.text) >= 2]
        for w in ln.words:
            if sum(ch.isalpha() for ch in w.text) < 2:
                w.bold = bool(measured) and sum(measured) * 2 > len(measured)


_INK_RUN = re.compile(rb"\x00+")


def _stroke(bw: Image.Image, box: tuple[float, float, float, float], em: float) -> float:
    crop = bw.crop((int(box[0]), int(box[1]), int(box[2]) + 1, int(box[3]) + 1))
    width, data = crop.width, crop.tobytes()
    limit = 0.25 * em  # longer runs are horizontal strokes (bars, serifs), not stems
    runs = [
        len(m.group(0))
        for y in range(crop.height)
        for m in _INK_RUN.finditer(data, y * width, (y + 1) * width)
        if len(m.group(0)) <= limit
    ]
    return sum(runs) / len(runs) / em if runs else 0.0


# ---- the cache ----------------------------------------------------------------------------------


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitegen" / "ocr"


def cache_key(file_hash: str, page: int, language: str, engine: Tesseract) -> str:
    raw = f"{file_hash}:{page}:{language}:tesseract {engine.version}:{FORMAT}:{DPI}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def load_cached(cache_dir: Path | None, key: str) -> PageReading | None:
    if cache_dir is None:
        return None
    try:
        d = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        chars = [
            Char(text=c[0], x0=c[1], x1=c[2], top=c[3], bottom=c[4], size=c[5], bold=bool(c[6]))
            for c in d["chars"]
        ]
        return PageReading(chars, [float(r) for r in d["rules"]], float(d["confidence"]))
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None  # absent or unreadable: recognise again


def store_cached(cache_dir: Path | None, key: str, reading: PageReading) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    d = {
        "chars": [
            [
                c.text,
                round(c.x0, 2),
                round(c.x1, 2),
                round(c.top, 2),
                round(c.bottom, 2),
                round(c.size, 2),
                c.bold,
            ]
            for c in reading.chars
        ],
        "rules": reading.rules,
        "confidence": reading.confidence,
    }
    tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(d, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(cache_dir / f"{key}.json")  # atomic: parallel workers never read half a file


# ---- the reader step ----------------------------------------------------------------------------


def ocr_reason(page: PageText, coverage: float, mode: OcrMode, words: frozenset[str] | None) -> str | None:
    """Why this page must be recognised, or None to keep its text layer."""
    if mode == "never":
        return None
    if mode == "always":
        return "--ocr always"
    if coverage < SCAN_COVERAGE:
        return None  # born-digital: never replaced, whatever its words
    if not page.lines:
        return "no text layer"
    if words is None:
        return None
    share, _ = valid_word_share((ln.text for ln in page.lines), words)
    return f"text layer {share:.0%} valid words" if share < MIN_VALID_SHARE else None


def read_pages_ocr(
    path: Path,
    diag: Diagnostics,
    mode: OcrMode = "auto",
    language: str | None = None,
    cache_dir: Path | None = None,
    on_page: Callable[[int], None] | None = None,
    reader: Callable[[Path, Diagnostics], list[PageText]] | None = None,
) -> OcrPages:
    """`read_pages`, with the pages that need it recognised by Tesseract (see the module docstring).

    `language` is the setting used when the file name has no language; `on_page(n)` is called after
    each recognised page (the progress bar). Without Tesseract (or the language's data): raises
    `InputError` when no page has text; a scanned page without text is left empty, with an
    "ocr-unavailable" warning; a text layer is kept as it is (judging it needs Tesseract's word list)."""
    from sitegen.readers.pdf import read_pages  # the package imports this module's callers

    pages = (reader or read_pages)(path, diag)  # the text layer, from the character source chosen
    if mode == "never":
        return OcrPages(pages, [])
    lang = ocr_language(path, language)
    data = path.read_bytes()
    with open_pdfium(data) as doc:
        coverage = [image_coverage(doc[i]) for i in range(len(doc))]
        engine = find_tesseract()
        has_data = engine is not None and all(x in engine.languages for x in lang.split("+"))
        # the word list costs a second to unpack: only for a scan that has a text layer to judge
        judge = mode == "auto" and any(
            c >= SCAN_COVERAGE and p.lines for p, c in zip(pages, coverage, strict=False)
        )
        words = word_list(engine.tessdata, lang) if engine is not None and has_data and judge else None
        todo = [
            (i, r)
            for i, p in enumerate(pages)
            if i < len(coverage) and (r := ocr_reason(p, coverage[i], mode, words)) is not None
        ]
        if not todo:
            return OcrPages(pages, [])
        if engine is None or not has_data:
            if not any(p.lines for p in pages):
                require_tesseract(path, lang)
            for i, reason in todo:
                diag.warn("ocr-unavailable", str(path), f"{reason}; not recognised ({INSTALL_HINT})", i + 1)
            return OcrPages(pages, [])
        file_hash = hashlib.sha256(data).hexdigest()
        out = list(pages)
        recognised: list[RecognisedPage] = []
        for i, reason in todo:
            page = pages[i]
            key = cache_key(file_hash, page.number, lang, engine)
            reading = load_cached(cache_dir, key)
            if reading is None:
                image = render_page(doc[i])
                reading = recognise_page(engine, image, lang, page.width, page.height)
                store_cached(cache_dir, key, reading)
            out[i] = page_from_reading(page, reading)
            recognised.append(RecognisedPage(page.number, reading.confidence, reason))
            if on_page is not None:
                on_page(page.number)
    return OcrPages(out, recognised, f"tesseract {engine.version} ({lang})")


def page_from_reading(page: PageText, reading: PageReading) -> PageText:
    lines: list[Line] = page_lines(reading.chars, page.width, page.number) if reading.chars else []
    return PageText(page.number, page.width, page.height, lines, reading.rules)
