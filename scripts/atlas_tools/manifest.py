"""Which page#anchor addresses a built site offers, and whether every shipped one still resolves.

The manifest (anchors.txt at the repository root) lists every address the site has ever shipped,
one per line: `/concepts/gans/` for a page, `/concepts/gans/#generator` for a section (`/` is the
home page). It only grows.
An entry resolves when the build has that page and id, or when a redirect covers it:
  - mkdocs.yml `plugins: redirects: redirect_maps` (old.md -> new.md; the #id must exist on new), or
  - mkdocs.yml `extra: moved_sections` ("old/page/#old-id": "new/page/#new-id", without the
    leading slash, as atlas.js reads them), which
    docs/javascripts/atlas.js follows when a reader arrives at the old address.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

from atlas_build.paths import ANCHORS, ROOT
from atlas_build.urls import address
from atlas_tools.built import pages, read

LINKABLE = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "li", "details"}  # details: the page groups of the instructors' index


class _Ids(HTMLParser):
    """Ids of linkable elements inside the page's <article> (not the theme's own ids)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        a = dict(attrs)
        if self.depth and tag in LINKABLE and a.get("id") and not a["id"].startswith(("fn:", "fnref:")):
            self.ids.append(a["id"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


def page_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids


def site_anchors(site: Path) -> set[str]:
    """Every page and section address of a built site (redirect stubs and the 404 page excluded)."""
    out: set[str] = set()
    for url in pages(site):
        page = address(url)
        out.add(page)
        out.update(f"{page}#{i}" for i in page_ids(read(site / url / "index.html")))
    return out


def read_manifest(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def unresolved(manifest: list[str], built: set[str], redirect_maps: dict[str, str], moved: dict[str, str]) -> list[str]:
    """Manifest entries that neither the build nor a redirect serves."""
    page_moves = {address(old): address(new) for old, new in redirect_maps.items()}
    moved = {"/" + old.lstrip("/"): "/" + new.lstrip("/") for old, new in moved.items()}
    out = []
    for entry in manifest:
        if entry in built:
            continue
        page, _, frag = entry.partition("#")
        if entry in moved and moved[entry] in built:
            continue
        if page in page_moves:
            target = page_moves[page] + (f"#{frag}" if frag else "")
            if target in built or (frag and moved.get(target) in built):
                continue
        out.append(entry)
    return out


HEADER = (
    "# Every page and section address GenAI Atlas has shipped. It only grows: `make anchors` adds new\n"
    "# ones; tests/test_anchors.py fails when a build loses one that no redirect covers.\n"
)


def write_manifest(path: Path, manifest: list[str], built: set[str]) -> int:
    merged = sorted(set(manifest) | built)
    path.write_text(HEADER + "\n".join(merged) + "\n", encoding="utf-8")
    return len(merged) - len(set(manifest))


def main(argv: list[str] | None = None) -> int:
    """`atlas-tools anchors [SITE]`: add the built site's addresses to anchors.txt (never removes any)."""
    site = Path(argv[0]) if argv else ROOT / "site"
    if not (site / "index.html").is_file():
        print(f"error: no built site in {site}; run `make build` first", file=sys.stderr)
        return 1
    added = write_manifest(ANCHORS, read_manifest(ANCHORS), site_anchors(site))
    print(f"anchors.txt: {added} new addresses, {len(read_manifest(ANCHORS))} in all")
    return 0
