#!/usr/bin/env python3
"""Print prose words, figures and primary-source links for each built page.

    atlas-tools stats [SITE_DIR]      (default: site/)

Prose excludes tables, formulas, code, SVG and the site chrome (only <article> is read), the same
way tests/site/test_content.py counts toward the 1,000-word standard of a concept page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from atlas_tools.built import article, figures, primary_sources, prose_words


def main(argv: list[str] | None = None) -> int:
    site = Path(argv[0] if argv else "site")
    print(f"{'page':40} {'words':>6} {'figures':>8} {'sources':>8}")
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        if rel == "." or rel.count("/") < 3:
            body = article(page.read_text(encoding="utf-8"))
            print(f"{rel + '/':40} {prose_words(body):6} {figures(body):8} {len(primary_sources(body)):8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
