"""Every internal link and #anchor in the built HTML resolves to a file and an id that exist."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from atlas_build.urls import site_path, site_url
from sitemap import parse

SITE_PREFIX = site_url()
SITE_PATH = site_path() + "/"  # the 404 page links absolutely, from the site_url's path


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an href points to, or None for external links."""
    if href.startswith(SITE_PREFIX):
        href = "/" + href[len(SITE_PREFIX):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    path = unquote(parts.path)
    if path.startswith(SITE_PATH):
        target = site / path[len(SITE_PATH):]
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    elif path:
        target = Path(posixpath.normpath((page.parent / path).as_posix()))
    else:
        target = page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(site):
    pages = sorted(site.rglob("*.html"))
    ids = {p: parse(p).ids for p in pages}
    broken = []
    checked = 0
    for page in pages:
        for href in parse(page).links:
            resolved = _target(site, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            checked += 1
            where = f"{page.relative_to(site)} -> {href}"
            if not target.exists():
                broken.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, parse(target).ids):
                broken.append(f"{where}: no #{fragment}")
    assert checked > 100, f"only {checked} internal links found: is the parser reading the pages?"
    assert not broken, "broken internal links:\n" + "\n".join(broken[:50])


def test_the_checker_catches_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="real">x</h2><a href="#real">ok</a>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<a href="a/#real">ok</a><a href="a/#gone">bad</a><a href="b/">bad</a>', encoding="utf-8")
    results = [_target(tmp_path, page, h) for h in parse(page).links]
    assert results[0][0].exists() and results[0][1] in parse(results[0][0]).ids
    assert results[1][1] not in parse(results[1][0]).ids
    assert not results[2][0].exists()
