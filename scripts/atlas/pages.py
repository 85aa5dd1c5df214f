"""Read what the hand-written pages declare: front matter and citations.

A page cites a source by linking to its anchor on the references page, for example
`[Goodfellow et al., 2014](../references.md#goodfellow2014gan)`. Its front matter may list
`key_papers: [key, ...]`, rendered into the page's "Key papers" fragment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from atlas.load import DataError

CITATION = re.compile(r"\]\((?:\.\./)*references\.md#([a-z0-9-]+)\)")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class Page:
    path: str                     # docs-root relative, e.g. "concepts/gans.md"
    meta: dict
    citations: dict[str, int]     # reference key -> first line that cites it
    key_papers_line: int


def read_pages(docs: Path) -> list[Page]:
    pages = []
    for file in sorted(docs.rglob("*.md")):
        rel = file.relative_to(docs).as_posix()
        if rel.startswith("_generated/"):
            continue
        text = file.read_text(encoding="utf-8")
        meta, fm_line = {}, 0
        m = FRONT_MATTER.match(text)
        if m:
            try:
                meta = yaml.safe_load(m.group(1)) or {}
            except yaml.YAMLError as exc:
                raise DataError([f"docs/{rel}:1: (front matter): {exc}"]) from None
            fm_line = next((i + 2 for i, line in enumerate(m.group(1).splitlines()) if line.startswith("key_papers")), 0)
        citations: dict[str, int] = {}
        for n, line in enumerate(text.splitlines(), 1):
            for key in CITATION.findall(line):
                citations.setdefault(key, n)
        pages.append(Page(rel, meta, citations, fm_line))
    return pages


def check_citations(pages: list[Page], known: set[str]) -> list[str]:
    """Every cited key and every key paper must exist in references.yaml."""
    errors = []
    for page in pages:
        for key, line in page.citations.items():
            if key not in known:
                errors.append(f"docs/{page.path}:{line}: citation: no reference with id {key!r} in references.yaml")
        for key in page.meta.get("key_papers", []) or []:
            if key not in known:
                errors.append(f"docs/{page.path}:{page.key_papers_line}: key_papers: no reference with id {key!r} in references.yaml")
    return errors


def cited_on(pages: list[Page]) -> dict[str, list[str]]:
    """Reference key -> pages that cite it (by link or as a key paper), for back-links."""
    out: dict[str, list[str]] = {}
    for page in pages:
        if page.path == "references.md":
            continue
        for key in list(page.citations) + list(page.meta.get("key_papers", []) or []):
            if page.path not in out.setdefault(key, []):
                out[key].append(page.path)
    return out
