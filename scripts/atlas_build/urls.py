"""Addresses: the one mapping from a page's file to its URL, and the site's own prefix."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from atlas_build.paths import CONFIG


def page_url(md: str) -> str:
    """`concepts/gans.md` -> `concepts/gans/`; `index.md` -> `` (the site root); relative to the site."""
    stem = md.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def address(md_or_url: str) -> str:
    """The absolute-path form the anchor manifest uses: `/concepts/gans/`, `/` for the home page."""
    return "/" + (page_url(md_or_url) if md_or_url.endswith(".md") else md_or_url.lstrip("/"))


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data; its !!python tags are irrelevant here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config: Path = CONFIG) -> dict:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)


@cache
def site_url() -> str:
    """The published address (mkdocs.yml `site_url`), ending in `/`."""
    return str(read_config().get("site_url", "/")).rstrip("/") + "/"


def site_path() -> str:
    """The path the site is served under, without the trailing slash: `/genai-atlas`."""
    return urlsplit(site_url()).path.rstrip("/")


def moved_sections(config: dict) -> dict[str, str]:
    """mkdocs.yml `extra.moved_sections`: "old/page/#old-id" -> "new/page/#new-id" (no leading slash)."""
    return dict((config.get("extra") or {}).get("moved_sections") or {})


def redirect_maps(config: dict) -> dict[str, str]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            return dict((plugin["redirects"] or {}).get("redirect_maps") or {})
    return {}
