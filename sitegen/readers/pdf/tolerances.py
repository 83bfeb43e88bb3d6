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

# ---- lines (lines.py) ------------------------------------------------------------------------

# ---- furniture and the front page (furniture.py, document.py) ---------------------------------

# ---- footnotes (footnotes.py, join.py) -------------------------------------------------------

# ---- structure (structure.py, numbering.py) --------------------------------------------------

# ---- genres (genres.py) ----------------------------------------------------------------------
