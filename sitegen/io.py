"""The two file and data helpers every layer may use: writing a file atomically, and canonical JSON.

They sit below the model so that any stage (the reader cache, the page memo, the search index's own
cache) can use them without importing the stage that first needed them.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def atomic_write(target: Path, data: bytes | Sequence[bytes]) -> None:
    """Write `data` (bytes, or parts written one after the other: a large file need not be joined
    in memory first) to `target` through a temporary file and a rename, so a killed process or two
    processes at once leave either the whole file or none (never half of one)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for part in [data] if isinstance(data, bytes) else data:
                f.write(part)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def canonical_json(obj: Any) -> bytes:
    """One spelling per value (sorted keys, no spaces, UTF-8): equal data, equal bytes, equal hashes."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
