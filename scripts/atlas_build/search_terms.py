"""MkDocs hook: a product's name finds the chapter that explains what it is, and a year the timeline.

Every system in docs/data/atlas.yaml names the chapter that explains it (`concept`); its name and
aliases ("ChatGPT", "GitHub Copilot", "Copilot", "Nano Banana") become search tags of that page, so
typing a product name lists that chapter first, not only the catalogue row. Tags are search
synonyms only: the results do not show them (stylesheets/atlas.css, "Search results").

Why a hook and not front matter: the names live in the data, once; copying them into each
chapter's front matter by hand would drift from it. Zensical does not run MkDocs hooks, so a
Zensical build lacks these synonyms (its search still finds the names in the systems tables).
"""

from __future__ import annotations

from pathlib import Path

from atlas_build.load import SiteData, load_site_data

TIMELINE = "timeline.md"
_TERMS: dict[str, list[str]] = {}


def search_terms(data: SiteData) -> dict[str, list[str]]:
    """{page file from docs/: names and aliases of the systems it explains}, in data order."""
    out: dict[str, list[str]] = {}
    for system in data.atlas.systems:
        out.setdefault(system.concept.split("#", 1)[0], []).extend([system.name, *system.aliases])
    # A year ("what happened in 2017") finds the timeline, which lists that year's events.
    out.setdefault(TIMELINE, []).extend(sorted({event.date[:4] for event in data.atlas.timeline}))
    return {page: list(dict.fromkeys(names)) for page, names in out.items()}


def on_config(config, **_):
    _TERMS.clear()
    _TERMS.update(search_terms(load_site_data(Path(config["docs_dir"]))))
    return config


def on_page_markdown(markdown, page, **_):
    names = _TERMS.get(page.file.src_uri)
    if names:
        tags = page.meta.get("tags") or []
        page.meta["tags"] = list(dict.fromkeys([*tags, *names]))
    return markdown
