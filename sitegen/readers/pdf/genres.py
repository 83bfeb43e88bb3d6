"""Step 7: the genre of a document and the anchors a citer uses in it.

Reports number their paragraphs; resolutions and decisions open with unnumbered preambular
paragraphs (`pp-1`, `pp-2`, ...); rules of procedure are cited by rule (`rule-12`, `rule-12-2`);
agendas by item (`item-4`). This step runs on the draft blocks after `structure` and before ids are
assigned (CONTRACT.md section 4).
"""

from __future__ import annotations

from sitegen.draft import DraftReport


def apply_genre(draft: DraftReport) -> None:
    """Mark the blocks of a resolution, rules of procedure or an agenda with their anchor kinds."""
    return None
