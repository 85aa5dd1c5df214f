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

from html.parser import HTMLParser
from pathlib import Path

LINKABLE = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "li"}


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
    """Every page and section address of a built site (404 page excluded)."""
    out: set[str] = set()
    for index in site.rglob("index.html"):
        rel = index.parent.relative_to(site).as_posix()
        html = index.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html[:2000]:
            continue  # a redirect stub written by mkdocs-redirects, not a page
        page = "/" if rel == "." else f"/{rel}/"
        out.add(page)
        out.update(f"{page}#{i}" for i in page_ids(html))
    return out


def read_manifest(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def md_to_url(md: str) -> str:
    """`concepts/gans.md` -> `/concepts/gans/`; `index.md` -> `/`."""
    stem = md[:-3]
    return "/" if stem == "index" else "/" + stem.removesuffix("/index") + "/"


def unresolved(manifest: list[str], built: set[str], redirect_maps: dict[str, str], moved: dict[str, str]) -> list[str]:
    """Manifest entries that neither the build nor a redirect serves."""
    pages = {md_to_url(old): md_to_url(new) for old, new in redirect_maps.items()}
    moved = {"/" + old.lstrip("/"): "/" + new.lstrip("/") for old, new in moved.items()}
    out = []
    for entry in manifest:
        if entry in built:
            continue
        page, _, frag = entry.partition("#")
        if entry in moved and moved[entry] in built:
            continue
        if page in pages:
            target = pages[page] + (f"#{frag}" if frag else "")
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
