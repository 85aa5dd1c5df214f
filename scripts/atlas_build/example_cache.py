"""The worked examples' output, kept between runs in .cache/worked-examples/.

The examples read only their own code (scripts/atlas_build/), the committed weights
(docs/assets/models/) and pinned packages (requirements.lock), so one digest of those files and the
Python version names their output exactly: an edit to any of them computes everything afresh. It
spares the 5 s the examples take on every `make generate` and every generator test. A damaged entry
is recomputed; ATLAS_NO_CACHE=1 skips the cache altogether.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable

from atlas_build.paths import DOCS, ROOT

CACHE = ROOT / ".cache" / "worked-examples"
INPUTS = (ROOT / "scripts" / "atlas_build", DOCS / "assets" / "models", ROOT / "requirements.lock")


@functools.cache
def digest() -> str:
    h = hashlib.sha256(sys.version.encode())
    for top in INPUTS:
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def cached(name: str, compute: Callable[[], dict[str, str]]) -> dict[str, str]:
    """`compute()` (a {path: text} dict), or its stored result for the same inputs."""
    if os.environ.get("ATLAS_NO_CACHE"):
        return compute()
    entry = CACHE / f"{name}-{digest()}.json"
    try:
        value = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return value
    except (OSError, ValueError):
        pass
    value = compute()
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob(f"{name}-*.json"):
            old.unlink(missing_ok=True)
        # Written beside the entry and renamed into place, so a parallel run never reads half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=CACHE, suffix=".tmp", delete=False) as tmp:
            json.dump(value, tmp, ensure_ascii=False)
        os.replace(tmp.name, entry)
    except OSError:
        pass  # a read-only checkout still builds, only slower
    return value
