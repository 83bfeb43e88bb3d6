"""Step 1 from PDFium: the same `Char` values and footnote-rule candidates as pdfplumber gives, faster.

pdfplumber (pdfminer) parses content streams in Python; PDFium (pypdfium2, already installed as a
pdfplumber dependency) does it in C++ and walks the same characters about fifteen times faster. This
module rebuilds from PDFium what the steps after `chars.py` read from pdfplumber today, in
pdfplumber's own geometry (top-left origin, a character's box from its advance and the font's
descent, one em tall), so `lines`, `footnotes` and everything after them run unchanged:

- characters in content-stream order (PDFium's text page sorts the text objects of a line by x; the
  order of the page objects puts them back), with pdfminer's box, size and bold-from-font-name;
- the spaces the PDF really has. PDFium drops a text object that is only a space and writes its own
  "generated" spaces and line breaks instead; the generated ones are left out, as pdfplumber has none;
- the line-end hyphen PDFium marks as code 2 is a hyphen again; ligature pieces ("fi" that PDFium
  splits from one glyph) become one character again, as pdfminer gives it;
- invisible text (OCR layers, render mode 3) is kept, as pdfplumber keeps it;
- rules: straight lines and axis-aligned rectangles of the page's paths, split into subpaths and
  classified as pdfminer does (`page.lines` and `page.rects`), with their points' bounds.

What PDFium does that cannot be undone here (its de-duplication of "fake bold" text objects, which
`chars.drop_overprint` would have removed anyway) is listed with the models that differ in
tests/test_pdf_sources.py. pdfplumber stays the reference reader (`sitegen.readers.pdf.read_pages`).
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS

from sitegen.errors import Diagnostics, InputError
from sitegen.readers.pdf.chars import Char, is_bold_font, to_chars
from sitegen.readers.pdf.document import PageText, page_text
from sitegen.readers.pdf.open import open_pdf, read_pdf_bytes
from sitegen.readers.pdf.tolerances import SPACER_GLYPH_MAX_PT

__all__ = ["page_chars", "page_rules", "read_pages_pdfium", "walk_chars"]

_c_void_p, _c_int, _c_double = ctypes.c_void_p, ctypes.c_int, ctypes.c_double


def _fn(name: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """A raw PDFium function re-declared on plain addresses: the hot loop passes ints, not pointer
    objects, which halves ctypes' per-call cost."""
    address = ctypes.cast(getattr(pdfium_c, name), _c_void_p).value
    if address is None:
        raise ImportError(f"PDFium has no {name}")
    function: Callable[..., Any] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return function


def _bare_fn(name: str, restype: Any) -> Callable[..., Any]:
    """A raw PDFium function with no argument types, for the calls made once per character: ctypes
    then converts nothing itself (pointers go in as `c_void_p` objects made once per page, indices
    as plain ints), a third cheaper again than `_fn`'s."""
    address = ctypes.cast(getattr(pdfium_c, name), _c_void_p).value
    if address is None:
        raise ImportError(f"PDFium has no {name}")
    function: Callable[..., Any] = ctypes.CFUNCTYPE(restype)(address)
    return function


_count_chars = _fn("FPDFText_CountChars", _c_int, _c_void_p)
_unicode = _fn("FPDFText_GetUnicode", ctypes.c_uint, _c_void_p, _c_int)
_text_object = _fn("FPDFText_GetTextObject", _c_void_p, _c_void_p, _c_int)
_loose_box = _fn("FPDFText_GetLooseCharBox", _c_int, _c_void_p, _c_int, _c_void_p)
_char_box = _fn("FPDFText_GetCharBox", _c_int, _c_void_p, _c_int, _c_void_p, _c_void_p, _c_void_p, _c_void_p)
_origin = _fn("FPDFText_GetCharOrigin", _c_int, _c_void_p, _c_int, _c_void_p, _c_void_p)
_char_matrix = _fn("FPDFText_GetMatrix", _c_int, _c_void_p, _c_int, _c_void_p)
_is_hyphen = _fn("FPDFText_IsHyphen", _c_int, _c_void_p, _c_int)
_get_text = _fn("FPDFText_GetText", _c_int, _c_void_p, _c_int, _c_int, _c_void_p)
_is_generated = _fn("FPDFText_IsGenerated", _c_int, _c_void_p, _c_int)
_each_origin = _bare_fn("FPDFText_GetCharOrigin", _c_int)
_each_is_generated = _bare_fn("FPDFText_IsGenerated", _c_int)
_each_text_object = _bare_fn("FPDFText_GetTextObject", _c_void_p)
_font_size = _fn("FPDFTextObj_GetFontSize", _c_int, _c_void_p, _c_void_p)
_font = _fn("FPDFTextObj_GetFont", _c_void_p, _c_void_p)
_font_name = _fn("FPDFFont_GetBaseFontName", ctypes.c_ulong, _c_void_p, _c_void_p, ctypes.c_ulong)
_font_descent = _fn("FPDFFont_GetDescent", _c_int, _c_void_p, ctypes.c_float, _c_void_p)
_font_ascent = _fn("FPDFFont_GetAscent", _c_int, _c_void_p, ctypes.c_float, _c_void_p)
_glyph_width = _fn("FPDFFont_GetGlyphWidth", _c_int, _c_void_p, ctypes.c_uint, ctypes.c_float, _c_void_p)
_count_objects = _fn("FPDFPage_CountObjects", _c_int, _c_void_p)
_get_object = _fn("FPDFPage_GetObject", _c_void_p, _c_void_p, _c_int)
_form_count = _fn("FPDFFormObj_CountObjects", _c_int, _c_void_p)
_form_object = _fn("FPDFFormObj_GetObject", _c_void_p, _c_void_p, ctypes.c_ulong)
_object_type = _fn("FPDFPageObj_GetType", _c_int, _c_void_p)
_object_matrix = _fn("FPDFPageObj_GetMatrix", _c_int, _c_void_p, _c_void_p)
_object_bounds = _fn("FPDFPageObj_GetBounds", _c_int, _c_void_p, _c_void_p, _c_void_p, _c_void_p, _c_void_p)
_count_segments = _fn("FPDFPath_CountSegments", _c_int, _c_void_p)
_segment = _fn("FPDFPath_GetPathSegment", _c_void_p, _c_void_p, _c_int)
_segment_point = _fn("FPDFPathSegment_GetPoint", _c_int, _c_void_p, _c_void_p, _c_void_p)
_segment_type = _fn("FPDFPathSegment_GetType", _c_int, _c_void_p)
_segment_close = _fn("FPDFPathSegment_GetClose", _c_int, _c_void_p)
_media_box = _fn("FPDFPage_GetMediaBox", _c_int, _c_void_p, _c_void_p, _c_void_p, _c_void_p, _c_void_p)
_rotation = _fn("FPDFPage_GetRotation", _c_int, _c_void_p)

_TEXT, _PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_LINETO, _BEZIERTO, _MOVETO = (
    pdfium_c.FPDF_SEGMENT_LINETO,
    pdfium_c.FPDF_SEGMENT_BEZIERTO,
    pdfium_c.FPDF_SEGMENT_MOVETO,
)
_HYPHEN_MARK = 0x2
"""PDFium's code for "a hyphen that ends a line"; the glyph was a hyphen."""

Matrix = tuple[float, float, float, float, float, float]

_DECIMALS = 4
"""Single-precision noise is below 1e-4 on a page (float32 has 24 bits: 6e-5 at 1000 pt); PDF
writers write at most 4 or 5 decimals. Rounded to 4, PDFium's numbers are the PDF's again."""

STANDARD_DESCENTS: dict[str, float] = {
    name: float(metrics[0].get("Descent", 0) or 0)  # type: ignore[arg-type]
    for name, metrics in FONT_METRICS.items()
}
"""pdfminer reads the 14 standard fonts' metrics (and a few aliases) from its AFM table, whatever the
PDF's font descriptor says; PDFium reads its own substitute font's. The descent decides `bottom`."""


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """pdfplumber's page frame: pdfminer's rotation matrix, then y flipped against the MediaBox."""

    width: float
    height: float
    ctm: Matrix
    """PDF user space -> pdfminer's page space (rotation and the MediaBox's origin)."""
    mb_x0: float
    mb_top: float

    @property
    def plain(self) -> bool:
        """No rotation, MediaBox at the origin: top = height - y, the hot loop's shortcut."""
        return self.ctm == (1.0, 0.0, 0.0, 1.0, 0.0, 0.0) and self.mb_x0 == 0 and self.mb_top == 0

    def to_top_left(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        px, py = a * x + c * y + e, b * x + d * y + f
        return px + self.mb_x0, self.height - py + self.mb_top


def page_geometry(page_handle: int) -> PageGeometry:
    """As pdfplumber's `Page.__init__` and pdfminer's `PDFPageInterpreter.process_page` set it up."""
    box = (ctypes.c_float * 4)()
    addr = ctypes.addressof(box)
    size = ctypes.sizeof(ctypes.c_float)
    _media_box(page_handle, addr, addr + size, addr + 2 * size, addr + 3 * size)
    # PDFium keeps the MediaBox in single precision; pdfminer reads the decimal the PDF writes
    x0, x1 = sorted((round(float(box[0]), _DECIMALS), round(float(box[2]), _DECIMALS)))
    y0, y1 = sorted((round(float(box[1]), _DECIMALS), round(float(box[3]), _DECIMALS)))
    rotation = (_rotation(page_handle) % 4) * 90
    ctm: Matrix
    if rotation == 90:
        ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
    elif rotation == 180:
        ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
    elif rotation == 270:
        ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
    else:
        ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
    nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    mb_height = ny1 - ny0
    # pdfplumber inverts the (normalised) MediaBox against its own height; chars get its origin back
    return PageGeometry(nx1 - nx0, mb_height, ctm, nx0, mb_height - ny1)


# ---------------------------------------------------------------------------------------------------
# Characters
# ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _TextObject:
    """What every character of one text object shares: font, size, matrix, descent, stream order."""

    order: int
    fontname: str
    bold: bool
    font_size: float
    a: float
    b: float
    c: float
    d: float
    descent: float
    """The font's descent in text space at this size (negative), as pdfminer takes it."""
    font: int
    loose: bool
    """PDFium's loose box spans the advance (origin to origin + width); without ascent and descent
    in the font it falls back to the glyph's ink, and the width comes from the font instead."""


class StreamOrder(dict[int, int]):
    """Each text object's place in the content stream, Form XObjects included, as pdfminer meets
    them; `nested` holds the objects inside a Form (whose matrices are the Form's own)."""

    nested: set[int]


def stream_order(page_handle: int) -> StreamOrder:
    order = StreamOrder()
    order.nested = set()

    def visit(obj: int, nested: bool) -> None:
        kind = _object_type(obj)
        if kind == _TEXT:
            order[obj] = len(order)
            if nested:
                order.nested.add(obj)
        elif kind == _FORM:
            for k in range(_form_count(obj)):
                child = _form_object(obj, k)
                if child:
                    visit(child, True)

    for i in range(_count_objects(page_handle)):
        obj = _get_object(page_handle, i)
        if obj:
            visit(obj, False)
    return order


_FLOAT4 = ctypes.c_float * 4


_SCALE = 10.0**_DECIMALS
"""Exact: 10**4 = 2**4 * 625 has 10 significant bits (and 10**d up to d = 12 fits a double with 24 more)."""


def _round4(value: float) -> float:
    """`round(value, _DECIMALS)` for a number PDFium holds in single precision, three times faster: a
    float has 24 significant bits and 10**4 needs 10 more, so `value * 10**4` is exact in double and
    rounding it to a whole number is rounding `value` to 4 decimals, ties to even as `round` does;
    the division then gives the double nearest that decimal, as `round` does. Zero (whose sign the
    integer loses), infinities and NaN take `round` itself."""
    try:
        return round(value * _SCALE) / _SCALE or round(value, _DECIMALS)
    except (OverflowError, ValueError):
        return round(value, _DECIMALS)


_FontFacts = tuple[str, bool, float, bool]
"""(name, bold, descent per 1000 as pdfminer takes it, ascent != descent)"""


_Style = tuple[str, bool, float, float, float, float, float, float, int, bool]
"""A `_TextObject` but its stream place: fontname, bold, font_size, a, b, c, d, descent, font, loose."""


@dataclass(slots=True)
class _Known:
    """What `_describe_object` has looked up on one page: each font's facts, and each style (font,
    size and matrix as PDFium holds them) made into the numbers pdfminer would read; a page sets
    hundreds of text objects in a handful of styles."""

    fonts: dict[int, _FontFacts] = field(default_factory=dict)
    styles: dict[tuple[float, ...], _Style] = field(default_factory=dict)


def _describe_object(tp: int, index: int, obj: int, order: int, buf: Any, known: _Known) -> _TextObject:
    """What a text object's characters share; `index` is one of its characters (-1: take the
    matrix from the object itself, for a top-level object the text page left out)."""
    addr = ctypes.addressof(buf)
    _font_size(obj, addr)
    raw_size = ctypes.c_float.from_address(addr).value
    font = _font(obj) or 0
    if index >= 0:
        _char_matrix(tp, index, addr)
    else:
        _object_matrix(obj, addr)
    key = (font, raw_size, *_FLOAT4.from_address(addr)[:])
    style = known.styles.get(key)
    if style is None:
        style = known.styles[key] = _style(font, raw_size, key[2:], known.fonts, addr)
    return _TextObject(order, *style)


def _style(
    font: int, raw_size: float, matrix: tuple[float, ...], fonts: dict[int, _FontFacts], addr: int
) -> _Style:
    facts = fonts.get(font)
    if facts is None:
        facts = fonts[font] = _font_facts(font, addr)
    fontname, bold, descent, loose = facts
    # PDFium holds numbers in single precision, pdfminer reads the decimals the PDF writes: rounding
    # gives those back (10.02, not 10.020000457763672), so the steps' comparisons tie as they do there
    font_size = _round4(raw_size)
    a, b, c, d = map(_round4, matrix)
    # pdfminer's arithmetic, in its order: descent * 0.001 (vscale), times the size
    return fontname, bold, font_size, a, b, c, d, descent * 0.001 * font_size, font, loose


def _font_facts(font: int, addr: int) -> _FontFacts:
    if not font:
        return "", False, 0.0, False
    n = _font_name(font, addr, 256)
    fontname = ctypes.string_at(addr, max(0, min(n, 256) - 1)).decode("utf-8", "replace")
    descent = ascent = 0.0
    if _font_descent(font, ctypes.c_float(1000.0), addr):
        descent = ctypes.c_float.from_address(addr).value
    if _font_ascent(font, ctypes.c_float(1000.0), addr):
        ascent = ctypes.c_float.from_address(addr).value
    loose = ascent != descent
    standard = STANDARD_DESCENTS.get(fontname)
    if standard is not None:  # pdfminer takes a standard font's metrics from its own AFM table
        descent = standard
    return fontname, is_bold_font(fontname), min(descent, -descent), loose


def page_chars(tp: int, geometry: PageGeometry, order: StreamOrder) -> list[Char]:
    """The page's characters as `chars.to_chars(page.chars)` gives them from pdfplumber.

    The hot loop of this source. PDFium calls cost more than the Python around them, so the page's
    text comes in one call and each text object's run of characters is found by bisection; what a
    run's characters share (font, size, matrix) is looked up once, and each character costs one call
    (its origin).
    """
    n = _count_chars(tp)
    text = _page_text(tp, n)
    runs = _object_runs(tp, n) if text is not None and not _RTL.search(text) else _runs_one_by_one(tp, n)
    origin, unicode, is_generated, tuple_new = _each_origin, _unicode, _each_is_generated, tuple.__new__
    fast, forms_start, decimals, scale_up = _FAST_CHAR, _FORMS_TEXT, _DECIMALS, _SCALE
    buf = (ctypes.c_double * 64)()
    addr = ctypes.addressof(buf)
    tp_p, x_p, y_p = _c_void_p(tp), _c_void_p(addr), _c_void_p(addr + 8)
    box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    box_addr = ctypes.addressof(box)
    objects: dict[int, _TextObject] = {}
    fonts: dict[int, dict[str, float]] = {}
    known_advances: dict[
        tuple[int, float, float], dict[str, float]
    ] = {}  # (font, size, a) -> glyph -> advance
    known = _Known()
    plain, height = geometry.plain, geometry.height
    out: list[Char] = []
    append = out.append
    placed: list[tuple[int, int]] = []  # (stream place of a text object, index in `out` where its run starts)
    spans: dict[int, tuple[int, int]] = {}  # text object -> its characters in `out`
    for start, stop, obj in runs:
        if not obj:
            continue  # spaces and line breaks PDFium generated between objects: pdfplumber has none
        info = objects.get(obj)
        if info is None:
            place = order.get(obj, len(order) + len(objects))
            info = objects[obj] = _describe_object(tp, start, obj, place, buf, known)
        widths = fonts.setdefault(info.font, {})
        upright = plain and info.b == 0.0 and info.c == 0.0 and info.a > 0.0 and info.d > 0.0
        loose, bold = info.loose, info.bold
        scale = info.font_size / 1000.0
        a_, fs_ = info.a, info.font_size
        size = info.d * info.font_size
        # the box's bottom and top over the baseline, as pdfminer's apply_matrix_rect computes them
        descent, ascent = info.d * info.descent, info.d * (info.descent + info.font_size)
        if upright and size < SPACER_GLYPH_MAX_PT:
            continue  # to_chars drops 1pt spacer glyphs
        placed.append((info.order, len(out)))
        first = len(out)
        last_left = -1.0
        last_y = float("nan")  # the run's baseline so far (a run mostly keeps one): rounded once
        top = bottom = char_size = 0.0
        actual = stop - start >= 3 and _same_origin(tp, start, start + 1, stop - 1, addr)
        chunk = (
            text[start:stop] if text is not None else "".join(chr(unicode(tp, i)) for i in range(start, stop))
        )
        # An upright run outside ActualText: a glyph met before in this font, size and scale is the
        # common case, and takes the short way (its advance looked up, one PDFium call, a Char made).
        quick = upright and fast and not actual
        advances = known_advances.setdefault((info.font, fs_, a_), {}) if quick else _NONE_KNOWN
        for i, ch in enumerate(chunk, start):
            advance = advances.get(ch)
            if advance is not None:
                origin(tp_p, i, x_p, y_p)
                left = buf[0]
                try:  # `_round4(left)`, written out: this is once per character
                    left = round(left * scale_up) / scale_up or round(left, decimals)
                except (OverflowError, ValueError):
                    left = round(left, decimals)
                y_raw = buf[1]
                if y_raw != last_y:
                    last_y = y_raw
                    y = round(y_raw, decimals)
                    y0, y1 = descent + y, ascent + y
                    top, bottom, char_size = height - y1, height - y0, y1 - y0
                char = tuple_new(Char, (ch, left, advance + left, top, bottom, char_size, bold, 0))
                if left == last_left and _is_piece(out[-1], char):
                    _loose_box(tp, i, box_addr)
                    out[-1] = _join_piece(
                        out[-1],
                        char,
                        box[2],
                        lambda lig: _glyph_width_1000(info, ord(lig), addr + 16) > 0,  # noqa: B023
                    )
                    continue
                last_left = left
                append(char)
                continue
            # the long way: every case, as it comes
            glyph = ch
            if ch == " ":
                if is_generated(tp_p, i):
                    continue  # PDFium's word gap from kerning inside a text object: not in the PDF
            elif ch == "\ufffe" or ch == "\x00":
                code = unicode(tp, i)  # a hyphen PDFium marked, or a glyph with no code point
                if code == 2 and _is_hyphen(tp, i):
                    code = 0x2D
                if not code:
                    continue
                ch = chr(code)
            origin(tp_p, i, x_p, y_p)
            left = buf[0]
            try:  # `_round4(left)`, written out: this is once per character
                left = round(left * scale_up) / scale_up or round(left, decimals)
            except (OverflowError, ValueError):
                left = round(left, decimals)
            width = widths.get(ch)
            if width is None:
                width = widths[ch] = _glyph_width_1000(info, ord(ch), addr + 16)
            if actual:  # an ActualText span: its letters share out the object's box
                _char_box(tp, i, addr + 16, addr + 24, addr + 32, addr + 40)
                left, right = buf[2], buf[3]
            elif width or not loose:
                advance = a_ * (width * 0.001 * fs_)
                right = advance + left  # pdfminer: a * (w * hscale * size) + e
                if quick and glyph == ch and ch < forms_start and ch != " ":
                    advances[ch] = advance
            else:  # the font's table has no width for this code: the loose box (which adds Tc) will do
                _loose_box(tp, i, box_addr)
                right = box[2]
            if upright and ch < forms_start:
                y_raw = buf[1]
                if y_raw != last_y:
                    last_y = y_raw
                    y = round(y_raw, decimals)
                    y0, y1 = descent + y, ascent + y
                    top, bottom, char_size = height - y1, height - y0, y1 - y0
                if fast:
                    char = tuple_new(Char, (ch, left, right, top, bottom, char_size, bold, 0))
                else:
                    char = Char(ch, left, right, top, bottom, char_size, bold)
            else:  # turned, mirrored or on a rotated page, or a presentation form: as to_chars does it
                made = to_chars([_pdfplumber_char(tp, i, ch, info, geometry, buf, width * scale or None)])
                if not made:
                    continue
                char = made[0]
            if left == last_left and not actual and _is_piece(out[-1], char):
                # one glyph, several letters (a ligature): PDFium gives each letter the glyph's origin
                _loose_box(tp, i, box_addr)
                out[-1] = _join_piece(
                    out[-1],
                    char,
                    box[2],
                    lambda lig: _glyph_width_1000(info, ord(lig), addr + 16) > 0,  # noqa: B023
                )
                continue
            last_left = left
            append(char)
        spans[obj] = (first, len(out))
    if len(objects) < len(order):
        _restore_left_out(out, placed, spans, order, objects, geometry, buf, known)
    if any(later[0] < earlier[0] for earlier, later in pairwise(placed)):
        out = _in_stream_order(out, placed)
    return out


def _restore_left_out(
    out: list[Char],
    placed: list[tuple[int, int]],
    spans: dict[int, tuple[int, int]],
    order: StreamOrder,
    seen: dict[int, _TextObject],
    geometry: PageGeometry,
    buf: Any,
    known: _Known,
) -> None:
    """Put back the text objects PDFium's text page leaves out, which pdfminer keeps:

    - an object with no width (only spaces): one space at its origin; a space ends a word in
      `lines._line_text` however many there were;
    - an object drawn again within 0.9 of a glyph's width of one of the five before it, with the same
      glyphs ("fake bold" by objects, and leader dots ". . ." set one by one): that object's
      characters, moved by the difference between the two objects' bounds.
    Objects inside Forms stay left out (their matrices are the Form's)."""
    box = (ctypes.c_float * 4)()
    addr = ctypes.addressof(box)
    size4 = ctypes.sizeof(ctypes.c_float)
    in_stream = sorted(order, key=order.__getitem__)
    bounds: dict[int, tuple[float, float, float, float]] = {}

    def bounds_of(obj: int) -> tuple[float, float, float, float]:
        if obj not in bounds:
            _object_bounds(obj, addr, addr + size4, addr + 2 * size4, addr + 3 * size4)
            bounds[obj] = (box[0], box[1], box[2], box[3])  # left, bottom, right, top
        return bounds[obj]

    for k, obj in enumerate(in_stream):
        if obj in seen or obj in order.nested:
            continue
        info = _describe_object(0, -1, obj, order[obj], buf, known)
        left, bottom, right, top = bounds_of(obj)
        restored: list[Char] = []
        if right - left < 0.01:
            restored = _space_at(obj, info, geometry, buf)
        else:
            for before in reversed(in_stream[max(0, k - 5) : k]):
                if before not in spans or before in order.nested:
                    continue
                b_left, b_bottom, b_right, b_top = bounds_of(before)
                if (
                    abs((b_right - b_left) - (right - left)) < 0.01
                    and abs((b_top - b_bottom) - (top - bottom)) < 0.01
                    and seen[before].font_size == info.font_size
                ):
                    dx, dy = left - b_left, b_bottom - bottom  # dy: pdfplumber's y grows downwards
                    start, stop = spans[before]
                    restored = [
                        c._replace(x0=c.x0 + dx, x1=c.x1 + dx, top=c.top + dy, bottom=c.bottom + dy)
                        for c in out[start:stop]
                    ]
                    break
        if restored:
            placed.append((info.order, len(out)))
            spans[obj] = (len(out), len(out) + len(restored))
            seen[obj] = info
            out.extend(restored)
    placed.sort(key=lambda p: p[1])


def _same_origin(tp: int, i: int, j: int, k: int, addr: int) -> bool:
    """PDFium gives every letter of a marked-content ActualText span the text object's origin."""
    _origin(tp, i, addr, addr + 8)
    first = (ctypes.c_double * 2).from_address(addr)[:]
    _origin(tp, j, addr, addr + 8)
    if (ctypes.c_double * 2).from_address(addr)[:] != first:
        return False
    _origin(tp, k, addr, addr + 8)
    return bool((ctypes.c_double * 2).from_address(addr)[:] == first)


def _space_at(obj: int, info: _TextObject, geometry: PageGeometry, buf: Any) -> list[Char]:
    """A space-only text object as pdfplumber's first space of it."""
    if not geometry.plain or info.b != 0.0 or info.c != 0.0 or info.a <= 0.0 or info.d <= 0.0:
        return []
    size = info.d * info.font_size
    if size < SPACER_GLYPH_MAX_PT:
        return []
    addr = ctypes.addressof(buf)
    _object_matrix(obj, addr)
    x, y = (ctypes.c_float * 6).from_address(addr)[4:6]
    width = _glyph_width_1000(info, 0x20, addr + 32) * info.font_size / 1000.0
    bottom = geometry.height - (y + info.d * info.descent)
    return [Char(" ", x, x + info.a * width, bottom - size, bottom, size, info.bold)]


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
"""Right-to-left text: PDFium's bidi reordering can interleave two text objects' characters."""


def _page_text(tp: int, n: int) -> str | None:
    """All of the page's code points in one call, when they line up one to one with its characters
    (PDFium leaves control characters out of its text, and writes astral ones as two units)."""
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    if _get_text(tp, 0, n, buf) != n + 1:
        return None
    text = buf.raw[: 2 * n].decode("utf-16-le", "replace")
    return text if len(text) == n else None


def _object_runs(tp: int, n: int) -> list[tuple[int, int, int]]:
    """(start, stop, text object) for each run of characters of one object (0: PDFium's own).

    An object's characters are contiguous in left-to-right text (PDFium appends one object at a
    time), so a run's end is found by galloping and bisection: about 2 log2(length) calls instead of
    one per character. Generated characters (no object) are taken one by one: they recur."""
    text_object, tp_p = _each_text_object, _c_void_p(tp)
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i < n:
        obj = text_object(tp_p, i) or 0
        if not obj:  # generated characters belong to no object and come one or two at a time
            runs.append((i, i + 1, 0))
            i += 1
            continue
        lo, step = i, 1
        hi = i + 1
        while hi < n and (text_object(tp_p, hi) or 0) == obj:
            lo, step = hi, step * 2
            hi = min(n, lo + step)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if (text_object(tp_p, mid) or 0) == obj:
                lo = mid
            else:
                hi = mid
        runs.append((i, lo + 1, obj))
        i = lo + 1
    return runs


def _runs_one_by_one(tp: int, n: int) -> list[tuple[int, int, int]]:
    runs: list[tuple[int, int, int]] = []
    for i in range(n):
        obj = _text_object(tp, i) or 0
        if runs and runs[-1][2] == obj and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1, obj)
        else:
            runs.append((i, i + 1, obj))
    return runs


def _in_stream_order(chars: list[Char], runs: list[tuple[int, int]]) -> list[Char]:
    """PDFium's text page sorts a line's text objects by x; pdfminer keeps the content stream's order,
    which decides where `lines.split_fragments` cuts. Runs are moved whole, stably."""
    bounds = [start for _, start in runs[1:]] + [len(chars)]
    pieces = sorted(
        (
            (place, k, chars[start:stop])
            for k, ((place, start), stop) in enumerate(zip(runs, bounds, strict=True))
        ),
        key=lambda p: (p[0], p[1]),
    )
    return [c for _, _, piece in pieces for c in piece]


def _glyph_width_1000(info: _TextObject, code: int, addr: int) -> float:
    """The width of the glyph for `code` in thousandths of an em (0 when the font has none)."""
    if info.font and _glyph_width(info.font, code, 1000.0, addr):
        return ctypes.c_float.from_address(addr).value
    return 0.0


LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04", "st": "\ufb06"}


_LETTERS = {lig: letters for letters, lig in LIGATURES.items()}


def _is_piece(prev: Char, char: Char) -> bool:
    """A second letter at the same origin: one glyph that PDFium spelled as several code points."""
    return prev.top == char.top and (
        (char.text.isalpha() and prev.text.isalpha() and len(prev.text) < 3)
        or unicodedata.combining(char.text) > 0
    )


def _join_piece(prev: Char, char: Char, right: float, font_has: Callable[[str], bool]) -> Char:
    """One glyph, as pdfminer gives it: the ligature's own code point when the font has one (PDFium
    splits U+FB01 into "f", "i"), else the letters its ToUnicode map gives ("ffi", "I" + U+0307)."""
    text = _LETTERS.get(prev.text, prev.text) + char.text
    lig = LIGATURES.get(text)
    if lig is not None and font_has(lig):
        text = lig
    return prev._replace(text=text, x1=right)


_NONE_KNOWN: dict[str, float] = {}
"""The advances `page_chars` knows for a run that must take the long way for every glyph: none."""

_FORMS_TEXT = "\ufb50"
"""From here on (Arabic presentation forms) `to_chars` rewrites the text: let it."""

_FAST_CHAR = Char._fields == (
    "text",
    "x0",
    "x1",
    "top",
    "bottom",
    "size",
    "bold",
    "turn",
) and Char._field_defaults == {"turn": 0}
"""The hot loop builds `Char` tuples directly (twice as fast as the NamedTuple's own `__new__`)
while `Char` has the fields it knows; a field added in chars.py sends it back to `Char(...)`."""


def _pdfplumber_char(
    tp: int, i: int, text: str, info: _TextObject, geometry: PageGeometry, buf: Any, advance: float | None
) -> dict[str, Any]:
    """The character dict pdfplumber makes, for the few characters `to_chars` must judge itself.

    pdfminer's box: (0, descent, advance, descent + size) through the character's matrix (its
    origin included) and the page's, then the bounds; `size` is the box's height and `matrix` the
    character's matrix on the page, as pdfminer gives them. `buf` holds the origin."""
    ox, oy = buf[0], buf[1]
    a, b, c, d = info.a, info.b, info.c, info.d
    if advance is None:  # the loose box has no width on a quarter turn: the glyph's ink along it
        addr = ctypes.addressof(buf)
        _char_box(tp, i, addr + 16, addr + 24, addr + 32, addr + 40)  # left, right, bottom, top
        advance = abs(buf[5] - buf[4]) / abs(b) if abs(b) > 1e-6 else 0.0
    fs, desc = info.font_size, info.descent
    corners = ((0.0, desc), (advance, desc), (0.0, desc + fs), (advance, desc + fs))
    xs: list[float] = []
    ys: list[float] = []
    for tx, ty in corners:
        px, py = geometry.to_top_left(ox + a * tx + c * ty, oy + b * tx + d * ty)
        xs.append(px)
        ys.append(py)
    top, bottom = min(ys), max(ys)
    page_a, page_b, page_c, page_d, _, _ = geometry.ctm
    matrix = _multiply((a, b, c, d, ox, oy), (page_a, page_b, page_c, page_d, 0.0, 0.0))
    return {
        "text": text,
        "x0": min(xs),
        "x1": max(xs),
        "top": top,
        "bottom": bottom,
        "size": bottom - top,
        "fontname": info.fontname,
        "matrix": matrix,
    }


# ---------------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------------


def page_rules(page_handle: int, geometry: PageGeometry) -> list[dict[str, float]]:
    """pdfplumber's `page.lines` and `page.rects` (x0, x1, top, bottom): every straight one-segment
    subpath and every closed axis-aligned four-point subpath of the page's paths, Forms included."""
    lines: list[dict[str, float]] = []
    rects: list[dict[str, float]] = []
    m = (ctypes.c_float * 6)()
    pt = (ctypes.c_float * 2)()
    m_addr, pt_addr = ctypes.addressof(m), ctypes.addressof(pt)

    def visit(obj: int, outer: Matrix) -> None:
        kind = _object_type(obj)
        if kind not in (_PATH, _FORM):
            return
        _object_matrix(obj, m_addr)
        own = _multiply((m[0], m[1], m[2], m[3], m[4], m[5]), outer)
        if kind == _FORM:
            for k in range(_form_count(obj)):
                child = _form_object(obj, k)
                if child:
                    visit(child, own)
            return
        for shape, points in _subpaths(obj, pt_addr, pt):
            classified = _classify(shape, [_apply(own, p) for p in points])
            if classified is not None:
                is_line, ends = classified
                (lines if is_line else rects).append(_rule_box(ends, geometry))

    identity: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for i in range(_count_objects(page_handle)):
        obj = _get_object(page_handle, i)
        if obj:
            visit(obj, identity)
    return lines + rects  # pdfplumber's order: chain(page.lines, page.rects)


def _subpaths(obj: int, pt_addr: int, pt: Any) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """pdfminer's path shapes ("ml", "mlllh", ...), one per subpath, with each operator's end point.
    PDFium keeps "h" as a flag on the segment it closes and a curve as three points; a curve is "c"."""
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    bezier = 0
    for k in range(_count_segments(obj)):
        seg = _segment(obj, k)
        if not seg:
            continue
        kind = _segment_type(seg)
        _segment_point(seg, pt_addr, pt_addr + 4)
        p = (round(float(pt[0]), _DECIMALS), round(float(pt[1]), _DECIMALS))
        if kind == _MOVETO:
            if shape:
                yield "".join(shape), points
            shape, points, bezier = ["m"], [p], 0
        elif kind == _BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:
                shape.append("c")
                points.append(p)
        else:
            shape.append("l")
            points.append(p)
        if _segment_close(seg) and points:
            shape.append("h")
            points.append(points[0])
    if shape:
        yield "".join(shape), points


def _classify(shape: str, pts: list[tuple[float, float]]) -> tuple[bool, list[tuple[float, float]]] | None:
    """(is a line, its end points) for a line, (False, two corners) for a rectangle, as pdfminer's
    `paint_path` tells them apart; None for anything else (a curve)."""
    if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if shape in ("mlh", "ml"):
        return True, pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == last and square:
            return False, [pts[0], pts[2]]
    return None


def _rule_box(points: list[tuple[float, float]], geometry: PageGeometry) -> dict[str, float]:
    xs, tops = zip(*(geometry.to_top_left(x, y) for x, y in points), strict=True)
    return {"x0": min(xs), "x1": max(xs), "top": min(tops), "bottom": max(tops)}


def _multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """m1 then m0 (pdfminer's `mult_matrix` argument order)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(m: Matrix, p: tuple[float, float]) -> tuple[float, float]:
    a, b, c, d, e, f = m
    x, y = p
    return a * x + c * y + e, b * x + d * y + f


# ---------------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------------


@contextmanager
def open_pdfium(path: Path) -> Iterator[pdfium.PdfDocument]:
    """PDFium's own document; its refusal is a one-line `InputError` naming the file."""
    data = read_pdf_bytes(path)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e).lower()
        reason = "encrypted (password required)" if "password" in message else f"damaged content ({e})"
        raise InputError(str(path), reason) from e
    try:
        yield doc
    finally:
        doc.close()


def read_pages_pdfium(path: Path, diag: Diagnostics) -> list[PageText]:
    """`read_pages` with PDFium as the source: every page's lines and rule candidates.

    A page with right-to-left script (Arabic, Hebrew) is read from pdfplumber instead: PDFium's text
    page puts such text in reading order itself and spells lam-alef and other ligatures as their
    letters, where the steps expect the glyphs as drawn (`chars.visual_to_logical` orders them), and
    no PDFium call gives them back."""
    pages: list[PageText] = []
    right_to_left: list[int] = []  # indices of the pages pdfplumber reads
    with open_pdfium(path) as doc:
        for number in range(1, len(doc) + 1):
            page = doc[number - 1]
            try:
                handle = _address(page.raw)
                geometry = page_geometry(handle)
                textpage = page.get_textpage()
                try:
                    tp = _address(textpage.raw)
                    if _has_right_to_left(tp):
                        right_to_left.append(number - 1)
                    chars = page_chars(tp, geometry, stream_order(handle))
                finally:
                    textpage.close()
                # from here on exactly as `read_pages` does it with pdfplumber's characters
                pages.append(
                    page_text(number, geometry.width, geometry.height, chars, page_rules(handle, geometry))
                )
            finally:
                page.close()
    if right_to_left:
        with open_pdf(path, diag) as pdf:
            for index in right_to_left:
                plumber_page = pdf.pages[index]
                try:
                    pages[index] = page_text(
                        index + 1,
                        float(plumber_page.width),
                        float(plumber_page.height),
                        to_chars(plumber_page.chars),
                        chain(plumber_page.lines, plumber_page.rects),
                    )
                finally:
                    plumber_page.close()
    return pages


def _has_right_to_left(tp: int) -> bool:
    n = _count_chars(tp)
    text = _page_text(tp, n)
    if text is None:
        text = "".join(chr(_unicode(tp, i)) for i in range(n))
    return _RTL.search(text) is not None


def walk_chars(path: Path) -> int:
    """The bare PDFium character walk (text, box, origin per character) the benchmark measures."""
    count = 0
    box = (ctypes.c_float * 4)()
    xy = (ctypes.c_double * 2)()
    box_addr, xy_addr = ctypes.addressof(box), ctypes.addressof(xy)
    with open_pdfium(path) as doc:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            tp = _address(textpage.raw)
            for i in range(_count_chars(tp)):
                _unicode(tp, i)
                _loose_box(tp, i, box_addr)
                _origin(tp, i, xy_addr, xy_addr + 8)
            textpage.close()
            page.close()
            count += 1
    return count


def _address(handle: Any) -> int:
    return ctypes.cast(handle, _c_void_p).value or 0
