#!/usr/bin/env python3
"""Copy the parts of the npm package `gpt-tokenizer` that the tokenizer playground serves.

    python scripts/atlas/vendor.py           write docs/javascripts/apps/vendor/gpt-tokenizer/
    python scripts/atlas/vendor.py --check   exit 1 naming the files that differ from node_modules

The playground (docs/javascripts/apps/tokenizer-playground.js) runs the package's own byte pair
encoder, `BytePairEncodingCore`, with the package's merge ranks for GPT-2 (`r50k_base`) and
GPT-4 (`cl100k_base`). It needs only these ES modules, not the package entry point (which
pulls in every model's metadata), so the site serves a copy of just them, from its own host.
The copy is made from node_modules (installed by `npm ci` from package-lock.json, so the version
is the pinned one) and is byte for byte the package's file, minus the `//# sourceMappingURL`
comment (the maps are not served). Standard library only, so it can run right after `npm ci`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "node_modules" / "gpt-tokenizer"
TARGET = ROOT / "docs" / "javascripts" / "apps" / "vendor" / "gpt-tokenizer"

# Served path (under TARGET) -> path inside the package. Relative imports between them still resolve.
FILES = {
    "BytePairEncodingCore.js": "esm/BytePairEncodingCore.js",
    "constants.js": "esm/constants.js",
    "utfUtil.js": "esm/utfUtil.js",
    "util.js": "esm/util.js",
    "encodingParams/constants.js": "esm/encodingParams/constants.js",
    "bpeRanks/r50k_base.js": "esm/bpeRanks/r50k_base.js",
    "bpeRanks/cl100k_base.js": "esm/bpeRanks/cl100k_base.js",
    "LICENSE": "LICENSE",
}


def package_version() -> str:
    return json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]


def expected() -> dict[str, bytes]:
    """Every served file's exact bytes, computed from node_modules."""
    if not PACKAGE.is_dir():
        raise SystemExit(f"error: {PACKAGE.relative_to(ROOT)} is missing: run `make setup` (npm ci)")
    out: dict[str, bytes] = {}
    for served, source in FILES.items():
        lines = (PACKAGE / source).read_bytes().splitlines(keepends=True)
        out[served] = b"".join(line for line in lines if not line.startswith(b"//# sourceMappingURL="))
    out["VERSION"] = f"gpt-tokenizer {package_version()} (npm), copied by scripts/atlas/vendor.py\n".encode()
    return out


def stale() -> list[str]:
    """Served files that are missing or differ from what node_modules gives, plus strays."""
    want = expected()
    have = {p.relative_to(TARGET).as_posix() for p in TARGET.rglob("*") if p.is_file()} if TARGET.is_dir() else set()
    bad = [name for name, data in want.items() if not (TARGET / name).is_file() or (TARGET / name).read_bytes() != data]
    return sorted(bad + sorted(have - set(want)))


def write() -> int:
    want = expected()
    changed = 0
    for name, data in want.items():
        path = TARGET / name
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed += 1
    for path in sorted(TARGET.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(TARGET).as_posix() not in want:
            path.unlink()
            changed += 1
    return changed


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = stale()
        if bad:
            print("error: the served tokenizer differs from node_modules/gpt-tokenizer: " + ", ".join(bad), file=sys.stderr)
            print("run `python scripts/atlas/vendor.py` (make setup does)", file=sys.stderr)
            return 1
        print(f"gpt-tokenizer {package_version()}: {len(FILES) + 1} served files up to date")
        return 0
    changed = write()
    print(f"gpt-tokenizer {package_version()}: {changed} files written or removed under {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
