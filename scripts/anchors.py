#!/usr/bin/env python3
"""Add the built site's page and section addresses to anchors.txt (it never removes any).

    python scripts/anchors.py [SITE_DIR]          (default: site/, as written by `make build`)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from atlas.anchors import read_manifest, site_anchors, write_manifest  # noqa: E402


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site / "index.html").is_file():
        print(f"error: no built site in {site}; run `make build` first", file=sys.stderr)
        return 1
    manifest = ROOT / "anchors.txt"
    added = write_manifest(manifest, read_manifest(manifest), site_anchors(site))
    print(f"anchors.txt: {added} new addresses, {len(read_manifest(manifest))} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
