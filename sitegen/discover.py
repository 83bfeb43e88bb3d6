"""Finding the reports in CONTENT: every *.pdf and *.md file at its top level, sorted by name.

Sorting here is what makes the rest of the build independent of the file system's order.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.errors import SitegenError
from sitegen.readers import supported


def discover_inputs(content: Path) -> list[Path]:
    """The report files in `content`; hidden and `_`-prefixed files are skipped (editors' temp files).

    Every other .md file is a report (CONTRACT.md section 3), a README.md included.
    """
    if not content.is_dir():
        raise SitegenError(f"{content}: content folder not found")
    return sorted(
        p for p in content.iterdir() if p.is_file() and supported(p) and not p.name.startswith((".", "_"))
    )
