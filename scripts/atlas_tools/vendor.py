#!/usr/bin/env python3
"""Copy the parts of the npm package `gpt-tokenizer` that the tokenizer playground serves.

    atlas-tools vendor           write docs/javascripts/figures/vendor/gpt-tokenizer/
    atlas-tools vendor --check   exit 1 naming the files that differ from node_modules

The playground (docs/javascripts/figures/tokenizer-playground.js) runs the package's own byte pair
encoder, `BytePairEncodingCore`, with the package's merge ranks for GPT-2 (`r50k_base`) and
GPT-4 (`cl100k_base`). It needs only these ES modules, not the package entry point (which
pulls in every model's metadata), so the site serves a copy of just them, from its own host.
The copy is made from node_modules (installed by `npm ci` from package-lock.json, so the version
is the pinned one) and is byte for byte the package's file, minus the `//# sourceMappingURL`
comment (the maps are not served).
"""

from __future__ import annotations

import json
import sys

from atlas_build import outputs
from atlas_build.paths import DOCS, NODE_MODULES, ROOT

PACKAGE = NODE_MODULES / "gpt-tokenizer"
TARGET = DOCS / "javascripts" / "figures" / "vendor" / "gpt-tokenizer"

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


def _owned(name: str) -> bool:
    return True  # everything under TARGET is the copy


def main(argv: list[str] | None = None) -> int:
    argv = argv or []
    rel = TARGET.relative_to(ROOT)
    if "--check" in argv:
        bad = outputs.differences(TARGET, expected(), _owned)
        if bad:
            print(f"error: {rel} differs from node_modules/gpt-tokenizer: " + ", ".join(bad), file=sys.stderr)
            print("run `atlas-tools vendor` (make setup does)", file=sys.stderr)
            return 1
        print(f"gpt-tokenizer {package_version()}: {len(FILES) + 1} served files up to date")
        return 0
    changed = outputs.write(TARGET, expected(), _owned)
    print(f"gpt-tokenizer {package_version()}: {changed} files written or removed under {rel}")
    return 0
