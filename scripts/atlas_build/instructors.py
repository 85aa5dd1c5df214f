"""/for-instructors/: the reading paths (docs/data/instructors.yaml) and the section index.

    load(docs)                     the data file, validated (absent: no paths, no overrides)
    check(data, sections)          every section the data names exists; file:line errors
    reading_paths(data, sections)  Markdown: one block per path, its sections in order with
                                   reading times and summaries, its prerequisites linked
    section_index(sections, site)  raw HTML: one collapsible <details> per page (its old
                                   `index-<page>` id kept), a row per section with its link,
                                   reading time and summary

docs/javascripts/figures/section-index.js (loaded only on that page, as an interactive figure)
adds the filter box, a checkbox per section, "add this path" buttons and the copy buttons; without
it the paths and the index are plain links.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from atlas_build import yamlfile
from atlas_build.inline import escape
from atlas_build.load import validate
from atlas_build.schema import Instructors
from atlas_build.sections import Section
from atlas_build.yamlfile import DataError, field_name

FILE = "docs/data/instructors.yaml"
HOST = "for-instructors.md"


def load(docs: Path) -> tuple[Instructors, yamlfile.Located] | None:
    path = docs / "data" / "instructors.yaml"
    if not path.is_file():
        return None
    located = yamlfile.read(path, FILE)
    return validate(located, Instructors), located


def check(loaded: tuple[Instructors, yamlfile.Located] | None, sections: list[Section]) -> list[str]:
    """One `file:line: field: why` line for every section named in the data that does not exist."""
    if loaded is None:
        return []
    data, located = loaded
    known = {f"{s.source}#{s.id}" for s in sections}
    errors = []

    def missing(loc: tuple, ref: str) -> None:
        if ref not in known:
            page = ref.split("#", 1)[0]
            pages = {s.source for s in sections}
            why = f"docs/{page} has no section #{ref.split('#', 1)[1]}" if page in pages else f"page docs/{page} does not exist"
            errors.append(f"{located.where(loc)}: {field_name(loc)}: {why}")

    seen: dict[str, int] = {}
    for i, path in enumerate(data.reading_paths):
        if path.id in seen:
            errors.append(f"{located.where(('reading_paths', i, 'id'))}: reading_paths[{i}].id: duplicate id {path.id!r} (first at item {seen[path.id]})")
        seen.setdefault(path.id, i)
        for key in ("prerequisites", "sections"):
            for j, ref in enumerate(getattr(path, key)):
                missing(("reading_paths", i, key, j), ref)
        for j, ref in enumerate(path.prerequisites):
            if ref in path.sections:
                errors.append(f"{located.where(('reading_paths', i, 'prerequisites', j))}: reading_paths[{i}].prerequisites[{j}]: {ref!r} is also in the path itself")
    for ref in data.summaries:
        missing(("summaries", ref), ref)
    return errors


def overrides(loaded: tuple[Instructors, yamlfile.Located] | None) -> dict[str, str]:
    return dict(loaded[0].summaries) if loaded else {}


def _link(s: Section) -> str:
    return posixpath.relpath(s.source, posixpath.dirname(HOST) or ".") + f"#{s.id}"


def _name(s: Section) -> str:
    """How a section is named in a list: its page, then its title (a page's title alone)."""
    return s.page_title if s.level == 1 else f"{s.page_title}: {s.title}"


def minutes(n: int) -> str:
    return f"{n} min"


def reading_paths(loaded: tuple[Instructors, yamlfile.Located] | None, sections: list[Section]) -> str:
    if loaded is None:
        return ""
    by_ref = {f"{s.source}#{s.id}": s for s in sections}
    out = []
    for path in loaded[0].reading_paths:
        items = [by_ref[ref] for ref in path.sections]
        total = sum(s.minutes for s in items)
        # Out of search, like the whole list (for-instructors.md): its entries repeat other pages' titles.
        out.append(f"### {escape(path.title)} {{ #path-{path.id} data-search-exclude }}\n")
        out.append(f'<div class="atlas-path" data-atlas-path="{path.id}" markdown>\n')
        out.append(f"{escape(path.audience)}\n")
        before = "; ".join(f"[{escape(_name(s))}]({_link(s)}) ({minutes(s.minutes)})" for s in (by_ref[r] for r in path.prerequisites))
        facts = [f"**{len(items)} sections, about {minutes(total)} of reading.**"]
        facts.append(f"**Before you start:** {before}." if before else "**Before you start:** nothing on this site.")
        if path.background:
            facts.append(f"**Background:** {escape(path.background)}")
        out.append(" ".join(facts) + "\n")
        for n, s in enumerate(items, 1):
            out.append(f"{n}. [{escape(_name(s))}]({_link(s)}) ({minutes(s.minutes)}). {escape(s.summary)}")
        out.append("\n</div>\n")
    return "\n".join(out)


def section_index(sections: list[Section], site_url: str) -> str:
    """One HTML block (no blank lines inside). Each section's link is a Markdown link to its source
    file (`[Title](concepts/gans.md#id)`, in a `markdown="span"` item), so MkDocs checks it and both
    MkDocs and Zensical write it relative to the page; raw-HTML hrefs, which Zensical rewrites as
    if relative to the source, landed one folder too high there."""
    esc = lambda text: html.escape(str(text), quote=True)  # noqa: E731
    pages: dict[str, list[Section]] = {}
    for s in sections:
        pages.setdefault(s.page, []).append(s)
    lines = [f'<div class="atlas-section-index" data-atlas-site="{esc(site_url)}" markdown="1">']
    for page, items in pages.items():
        head = next((s for s in items if s.level == 1), items[0])
        anchor = "index-" + (page.strip("/").replace("/", "-") or "home")
        total = sum(s.minutes for s in items if s.level == 1) + sum(s.minutes for s in items if s.level == 2)
        lines.append(f'<details class="atlas-index-page" id="{anchor}" markdown="1">')
        lines.append(f'<summary><span class="atlas-index-page-title">{esc(head.page_title)}</span> '
                     f'<span class="atlas-index-meta">{len(items)} sections, {minutes(total)}</span></summary>')
        lines.append('<ul class="atlas-index-list" markdown="1">')
        for s in items:
            lines.append(
                f'<li class="atlas-index-item atlas-level-{s.level}" data-atlas-section="{esc(s.url)}" data-atlas-name="{esc(_name(s))}" '
                f'data-atlas-minutes="{s.minutes}" markdown="span">[{escape(s.title)}]({_link(s)}) '
                f'<span class="atlas-index-minutes">{minutes(s.minutes)}</span><br>'
                f'<span class="atlas-index-summary">{escape(s.summary)}</span></li>'
            )
        lines.append("</ul>")
        lines.append("</details>")
    lines.append("</div>")
    return "\n".join(lines) + "\n"


__all__ = ["DataError", "check", "load", "overrides", "reading_paths", "section_index"]
