"""Every layout tolerance the PDF steps use, named, in one unit: multiples of the body type size.

A UN report is set in one body size (10 pt in New York, 10-11 pt in Geneva, 12 pt in typewriter-era
documents); a gap, an indent or a size margin that matters is a share of it, so one rule holds for
every document. Each step reads its tolerances from here, by name; `in_points(t, body_size)` turns
one into points for the page at hand. Ratios of one size to another (a superscript is smaller than
85% of its line) and shares of the page (the top 12% holds running heads) are unitless and named
here too, each with why.

Sections follow the steps: characters, lines, furniture, footnotes, structure, repair. Tests change
a tolerance and check that some fixture reads differently (tests/test_pdf_tolerances.py): a
threshold no test notices is a threshold nobody knows the reason for.
"""

from __future__ import annotations


def in_points(tolerance: float, body_size: float) -> float:
    """A tolerance in body sizes, in points for a report whose body is `body_size` pt."""
    return tolerance * body_size


# ---- characters (chars.py) -------------------------------------------------------------------

SPACER_GLYPH_MAX_PT = 2.0
"""Points, not body sizes: glyphs smaller than this are Word's invisible spacers around rules (1 pt),
dropped before the body size is known. The smallest real type (a 4.5 pt chart label) is above it."""

TURN_SINE = 0.05
"""A glyph whose text matrix turns it by more than this sine (about 3 degrees) is turned text (a
running head along a landscape page's edge, an axis label); an italic's shear leaves the sine at 0."""

OVERPRINT_SHIFT = 0.1
OVERPRINT_FLOOR_PT = 1.0
"""In the glyph's own size (but at least the floor, in points): the same glyph again nearer than
this is "fake bold" overprint; a real doubled letter ("ll") sits a whole glyph width away, and an
Arabic letter repeated to stretch a justified line (1.45 pt steps at 11 pt) is text pdftotext keeps."""

WORD_GAP = 0.15
"""In the smaller neighbour's size: a gap between two glyphs wider than this is a word space (PDFs
without space glyphs). Letter-spacing of justified text stays under it, a thin space goes over."""

CJK_WORD_GAP = 1.0
"""In the smaller neighbour's size: between two Chinese characters only a gap of a whole character
is a space; a justified Chinese line spreads its characters by less, and Chinese has no word spaces."""

# ---- lines (lines.py) ------------------------------------------------------------------------
# A page's lines are read before the report's body size is known: these are in multiples of the
# type size at hand (the glyph's, or the host line's), which is the body size for body text.

SUPERSCRIPT_RATIO = 0.85
"""Unitless: a glyph smaller than this share of its line's size, and raised, is a superscript (a
6.5 pt marker on 10 pt text is 0.65, an 8.5 pt one 0.85 and is caught as raised-not-smaller)."""

SUPERSCRIPT_MIN_RISE = 0.08
"""A smaller glyph whose baseline is higher than this above its line's is raised (a superscript);
subscripts and small capitals on the baseline are not."""

MARKER_RISE = 0.3
MARKER_MAX_RISE = 0.7
"""A note number in its text's own size (8 pt on 8 pt notes) is a marker when raised by between
these: a superscript rises about half its line's size; a table cell a line lower is a whole size."""

MARKER_SAME_SIZE_REACH = 1.0
"""A raised-not-smaller number joins a line only when it touches it: within this of its start (a
note's number before its text) or of its end."""

MARKER_TOP_REACH = 0.6
MARKER_ABOVE_TOP = 0.23
MARKER_MAX_DROP = 0.46
MARKER_HOST_REACH = 3.0
"""A small raised group finds its host line: its top at most MARKER_TOP_REACH above the host's top,
its baseline between MARKER_ABOVE_TOP above the host's top and MARKER_MAX_DROP below the host's
baseline, and within MARKER_HOST_REACH of the host's ends across. The two baseline bounds are in the
marker's own size (1.5 and 3 pt for a 6.5 pt marker): in the host's they would grow with a tall glyph
(a typewritten table's 26 pt bar) and pull whole lines into it."""

BASELINE_SHIFT = 0.1
"""The content stream moving the baseline by more than this (or going back left) cuts a fragment."""

BASELINE_GROUP = 0.12
"""Fragments whose baselines differ by at most this share one line."""

FRAGMENT_JUMP = 4.0
"""A jump right of more than this within one baseline (a table's next column) cuts a fragment."""

GUTTER_MIN_CHARS = 200
"""A count: pages with fewer characters are never read as two columns."""

GUTTER_MAX_CROSSING_SHARE = 0.12
GUTTER_MIN_SIDE_SHARE = 0.25
"""Unitless shares of a page's characters: two columns when at most GUTTER_MAX_CROSSING_SHARE of them
cross the empty strip and each side holds more than GUTTER_MIN_SIDE_SHARE."""

EDGE_LINE_MIN_CHARS = 20
"""A count: only lines longer than this vote for a column's left edge (labels and numbers do not)."""

EDGE_SUPPORT = 0.15
EDGE_SUPPORT_SHARE = 0.05
"""A column's left edge is the leftmost start shared, within EDGE_SUPPORT, by at least two lines and
EDGE_SUPPORT_SHARE of the long lines: a lone hanging numeral or note number is no edge."""

TURNED_EDGE_SHARE = 0.1
"""Unitless share of the page width: turned text wholly this close to a side edge is a running head,
job number or page counter printed along a landscape page (set aside); an axis label is further in."""

# ---- furniture and the front page (furniture.py, document.py) ---------------------------------

HEAD_BAND = 0.12
"""Share of the page height from the top: running heads stand above it (A/80/188's at 5-8%; a
landscape page's or a board document's heads reach 11%); the first body line starts below."""

FOOT_BAND = 0.86
"""Share of the page height from the top: job numbers, page counters and barcodes stand below it."""

MASTHEAD_BAND = 0.33
"""Share of the page height from the top: page 1's masthead (logo, organ, symbol, Distr., date,
Original) stands in the top third; an old report's "Distr. GENERAL" block reaches down to a fifth."""

PHRASE_GAP = 1.5
"""In the larger glyph's size: glyphs on one row further apart than this are two phrases (the
masthead's "United Nations" and the symbol at the far right); a word space is a quarter of it."""

ROW_SHARE = 0.5
"""Two glyphs stand on one row when their heights overlap by this share of the smaller one: the
masthead's 20 pt "A" and the 10 pt "/80/15" beside it overlap wholly, two lines of text not at all.
Also how far (in its size) a display line may reach up into the one above it and still follow it."""

STACK_GAP = 0.6
"""In the symbol's size: a second symbol set at most this far under the first, aligned with it, is
the second part of a joint symbol ("A/79/753" over "S/2025/58": 8.5 pt lines 1.4 pt apart)."""

ALIGNED = 0.2
"""Body sizes: two lines whose left edges (or right edges, or centres) differ by less than this are
aligned: the lines of one title, the two symbols of a running head. Page furniture, read before the
body size is known, measures it in the line's own size (so does `SAME_SIZE`, from the structure
section, for the organ's lines)."""

TITLE_LEADING = 0.6
"""In the line's own size: a line of display type this close under another, in the same type and
aligned, carries on its title, heading or organ name (set solid or at 1.0-1.2 leading, so 0 to 0.2
of a size apart; the next block stands a whole line or more away)."""

TITLE_SIZE_MARGIN = 0.15
"""Body sizes: page 1's largest type marks the title only when it is this much larger than the body
(1.5 pt at 10 pt); below it the page is set in one size (typewriter-era reports)."""

SUBTITLE_SIZE_MARGIN = 0.09
"""Body sizes: a bold line under the title set this much larger than the body is its subtitle
("Note by the Secretary-General" at 12 pt in a 10 pt report); a bold body-size line is not."""

DISPLAY_SIZE = 1.15
"""Times the body size: bold type this large is display type (titles, chapter headings), whose
lines join into one title or heading when they carry one on (`document.join_title_blocks`)."""

PHRASE_OVERLAP = 0.5
"""In the glyph's size: a glyph may start this far left of the previous glyph's end and still follow
it in a phrase (kerning, an italic's overhang); further left it starts a phrase of its own."""

MASTHEAD_SLACK_PT = 1.0
"""Points: a line ending this little below the masthead's last line (or the printed symbol's box)
still stands beside it; baselines of the masthead's mixed sizes differ by fractions of a point."""

RUNNING_TEXT_WIDTH = 0.6
"""Share of its column's widest line: a line in body type at least this wide is running text, where
a meeting record's column beside the title ("46th PLENARY MEETING ... NEW YORK") ends."""

BODY_SIZE_STEP_PT = 0.5
"""Points: type sizes are counted to the nearest half point when the body size is found (PDFs
print 9.96 pt and 10.02 pt for one 10 pt type)."""

# ---- footnotes (footnotes.py, join.py) -------------------------------------------------------
# Rules are found before the body size is known (while the page is read): their sizes are in points
# or shares of the page, each said so.

RULE_MAX_THICKNESS_PT = 2.0
"""Points: a path at most this tall is a rule (a line, or a rectangle drawn as one)."""

RULE_MIN_WIDTH_PT = 25.0
RULE_MAX_WIDTH_SHARE = 0.55
"""A footnote separator is at least this many points long (shorter dashes are underlines of a word)
and at most this share of the page width (a full-width rule frames a table or the masthead)."""

RULE_MIN_TOP_SHARE = 0.25
"""Unitless share of the page height: a separator stands below the page's top quarter."""

RULE_MAX_START_SHARE = 0.3
"""Unitless share of the page width: a separator starts near the left margin; a table's border
segments of later cells, or a centred heading's underline, start further right."""

RULE_BASELINE_PT = 1.0
"""Points: two rule segments this close in height are on one baseline; one reaching beyond the
other's ends makes both a table border drawn per cell, not a footnote separator."""

NOTE_SIZE_MARGIN = 0.04
"""Notes are set smaller than the body by more than this (8.5 pt under 10 pt body; 0.4 pt at 10 pt)."""

CONTINUATION_MAX_LINES = 8
"""A count: under a rule, small type without any note number is a note continued from the previous
page only when it is this short; a longer block of small type under a rule is a table."""

PLAIN_NOTES_MAX_LINES = 25
"""A count: body-size lines under a drawn rule opening with a plain "1 See ..." are notes (1990s
Geneva layout) only when there are at most this many of them; more is a numbered list."""

NOTE_TEXT_INDENT = 0.5
"""In the note's own type size: a zone line starting further right than this of where the page's
notes open their raised numbers stands at a note's text indent (about one size in, 9 pt at 8.5 pt):
a wrapped line, even one opening with a number ("23 February 2025." under note 22)."""

RULE_IN_TEXT = 0.03
"""In the size of the line it crosses: a drawn rule further than this inside a text line's box is
that text's underline (1.2 pt into a 10 pt line) or a chart's gridline at its label (0.34 pt into an
8 pt "0"); a footnote rule stands in the gap under the body, touching a box at most (0.14 pt into a
typewritten 10 pt line, A/48/653)."""

# ---- structure (structure.py, numbering.py) --------------------------------------------------

HEADING_SIZE_MARGIN = 0.15
"""Type this much larger than the body reads as a heading's (1.5 pt over 10 pt body); a footnote-size
or body-size line is never styled by size alone."""
LINE_SPACING_GAP = 0.5
"""A line set less than this under the one above continues it (the text's own line spacing): UN
layout leaves more space before every heading and between paragraphs."""
UNNUMBERED_PARAGRAPH_GAP = 0.9
"""Space above a line this large opens a new unnumbered paragraph (a paragraph break, not a line)."""
HEADING_RUN_GAP = 0.9
"""Unlabelled heading lines closer than this to the heading line above are one heading."""
FIRST_LINE_INDENT = 0.5
"""A line after a finished sentence indented this much more than the line above opens a paragraph."""
HEADING_AT_EDGE = 0.2
"""An unlabelled heading starts at the column's edge, within this..."""
HEADING_CENTRED = 4.0
"""...or is set this far in (centred); between the two is a paragraph's first-line indent."""
LABELLED_HEADING_INDENT = 3.0
"""A roman-numbered or annex line this far in is a centred heading even in body type."""
LIST_INDENT_MIN = 1.0
"""A numbered list inside a paragraph is indented at least this past the paragraph's edge..."""
LIST_INDENT_MAX = 4.0
"""...and at most this (further in is a centred heading, "1. Western Sahara")."""
SAME_X = 0.3
"""Two lines starting within this of each other start at the same x (list items, a right edge)."""
SAME_SIZE = 0.06
"""Two lines within this of each other's size are set in the same type."""
TOC_TAB_GAP = 4.0
"""A gap this wide before a trailing page number is a contents entry's tab."""
NUMBER_AT_EDGE = 0.8
"""A paragraph number stands at the column's edge (or hangs left of it) within this (a scanned page
is often set a little askew; a list inside a paragraph is indented a tab, 1 body size or more)."""
NUMBER_USUAL_INDENT = 0.3
"""A paragraph number within this of where this document's numbers usually stand is in place."""
FULL_LINE_REACH = 2.5
"""A line ending within this of its column's right edge is full: a sentence that does not end there
was wrapped (the next word, a "12." say, did not fit)."""
FIGURE_TYPE_SHARE = 0.9
"""A chart's labels are set smaller than this share of the body size (8 or 8.5 pt on 10 pt): its
tick labels ("60", "50", "40") are the figure's text, not paragraphs of their own."""

# ---- genres (genres.py) ----------------------------------------------------------------------
