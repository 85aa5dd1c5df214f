"""Internal links of a built site: where each one points, and which do not resolve.

Used by tests/site/test_links.py on the MkDocs build and by the Zensical comparison on its build.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from atlas_build import editions
from atlas_build.paths import DOCS
from atlas_build.urls import site_path, site_url
from atlas_tools.book import FILES as BOOK_FILES
from atlas_tools.built import parse

SITE_PREFIX = site_url()
SITE_PATH = site_path() + "/"  # the 404 page links absolutely, from the site_url's path


def target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an href on `page` points to, or None for a link that leaves the site."""
    if href.startswith(SITE_PREFIX):
        href = "/" + href[len(SITE_PREFIX):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    path = unquote(parts.path)
    if path.startswith(SITE_PATH):
        resolved = site / path[len(SITE_PATH):]
    elif path.startswith("/"):
        resolved = site / path.lstrip("/")
    elif path:
        resolved = Path(posixpath.normpath((page.parent / path).as_posix()))
    else:
        resolved = page
    if resolved.is_dir() or path.endswith("/"):
        resolved = resolved / "index.html"
    return resolved, unquote(parts.fragment)


def broken_one(site: Path, page: Path, href: str) -> str | None:
    """Why one internal link does not resolve, or None when it does (or leaves the site)."""
    resolved = target(site, page, href)
    if resolved is None:
        return None
    file, fragment = resolved
    if not file.exists() and not made_after_the_build(file.as_posix().removeprefix(site.as_posix() + "/")):
        return "no such file"
    if fragment and file.suffix == ".html" and fragment not in parse(file).ids:
        return f"no #{fragment}"
    return None


@functools.cache
def _edition_ids() -> frozenset[str]:
    return frozenset(f.edition.id for f in editions.load(DOCS))


def made_after_the_build(path: str) -> bool:
    """The book's files (`make book`; tests/browser/test_book.py checks them) and the frozen editions
    (`atlas-tools edition build`; tests/browser/test_editions_flow.py) are written into the site later."""
    if path in BOOK_FILES:
        return True
    parts = path.split("/")
    return len(parts) > 2 and parts[0] == "editions" and parts[1] in _edition_ids()


def broken(site: Path) -> tuple[int, list[str]]:
    """(internal links checked, `page -> href: why` for each that does not resolve)."""
    checked, out = 0, []
    for page in sorted(site.rglob("*.html")):
        for href in parse(page).links:
            resolved = target(site, page, href)
            if resolved is None:
                continue
            checked += 1
            why = broken_one(site, page, href)
            if why:
                out.append(f"{page.relative_to(site)} -> {href}: {why}")
    return checked, out
