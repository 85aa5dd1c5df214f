"""The one reader of the hand-written Markdown pages: front matter, headings, includes, citations.

Front matter is found with MkDocs' own pattern (`mkdocs.utils.meta.YAML_RE`), then parsed by the
site's strict YAML reader and validated against `schema.PageMeta`, so a bad page gets one line
`docs/page.md:line: field: why`. A heading's `{ #id }` is read with Python-Markdown's own
attribute-list parser. Everything that needs to know about pages (citations, key papers, the
section index, anchor checks) reads the `Page` objects made here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.attr_list import get_attrs_and_remainder
from mkdocs.utils.meta import YAML_RE
from pydantic import BaseModel

from atlas_build import urls, yamlfile
from atlas_build.schema import PageMeta
from atlas_build.yamlfile import DataError

CITATION = re.compile(r"\]\((?:\.\./)*references\.md#([a-z0-9-]+)\)")
ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
TRAILING_ATTRS = re.compile(r"\{:?\s*([^{}]*)\}\s*$")
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}[ \t]+["']([^"']+)["']\s*$""")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str       # the heading's Markdown, attribute list removed
    id: str | None   # the explicit { #id }, if any
    line: int        # 1-based line in the file


@dataclass(frozen=True)
class Page:
    path: str                      # docs-root relative, e.g. "concepts/gans.md"
    meta: PageMeta
    body: str                      # the Markdown after the front matter
    body_line: int                 # line of the file on which `body` starts
    headings: list[Heading] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)        # snippet paths, in order
    citations: dict[str, int] = field(default_factory=dict)  # reference key -> first line citing it
    meta_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> its line

    @property
    def url(self) -> str:
        return urls.page_url(self.path)

    def ids(self) -> list[str]:
        return [h.id for h in self.headings if h.id]


def heading_id(markdown_title: str) -> tuple[str, str | None]:
    """Split `Title { #id .class }` into the title and its id, with Python-Markdown's parser."""
    m = TRAILING_ATTRS.search(markdown_title)
    if not m:
        return markdown_title, None
    attrs, _ = get_attrs_and_remainder(m.group(1))
    ids = [v for k, v in attrs if k == "#" or k == "id"]
    return markdown_title[: m.start()].rstrip(), (ids[-1] if ids else None)


def read_page(docs: Path, rel: str) -> Page:
    shown = f"docs/{rel}"
    text = yamlfile.decode((docs / rel).read_bytes(), shown)
    meta_data: object = {}
    meta_lines: dict[str, int] = {}
    body, body_line = text, 1
    m = YAML_RE.match(text)
    if m:
        located = yamlfile.parse(m.group(1), shown, first_line=2)
        meta_data = located.data
        meta_lines = {loc[0]: n for loc, n in located.lines.items() if len(loc) == 1}
        body, body_line = text[m.end():], text.count("\n", 0, m.end()) + 1
    elif text.startswith("---"):
        raise DataError([f"{shown}:1: (front matter): the block opened on line 1 is never closed with ---"])
    if not isinstance(meta_data, dict):
        raise DataError([f"{shown}:2: (front matter): must be a mapping of keys to values"])
    meta = _validate_meta(meta_data, shown, meta_lines)

    headings, includes, citations = [], [], {}
    in_code = False
    for n, line in enumerate(body.split("\n"), body_line):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        for key in CITATION.findall(line):
            citations.setdefault(key, n)
        inc = INCLUDE.match(line)
        if inc:
            includes.append(inc.group(1))
            continue
        h = ATX.match(line)
        if h:
            title, hid = heading_id(h.group(2))
            headings.append(Heading(len(h.group(1)), title, hid, n))
    return Page(rel, meta, body, body_line, headings, includes, citations, meta_lines)


def _validate_meta(data: dict, shown: str, lines: dict[str, int]) -> PageMeta:
    from pydantic import ValidationError

    try:
        return PageMeta.model_validate(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            key = str(loc[0]) if loc else "(front matter)"
            where = lines.get(key, 2)
            out.append(f"{shown}:{where}: {yamlfile.field_name(loc) or key}: {err['msg'].removeprefix('Value error, ')}")
        raise DataError(list(dict.fromkeys(out))) from None


def read_pages(docs: Path) -> list[Page]:
    """Every hand-written page (generated fragments aside), sorted by path; all errors at once."""
    pages, errors = [], []
    for file in sorted(docs.rglob("*.md")):
        rel = file.relative_to(docs).as_posix()
        if rel.startswith("_generated/"):
            continue
        try:
            pages.append(read_page(docs, rel))
        except DataError as exc:
            errors += exc.lines
    if errors:
        raise DataError(errors)
    return pages


def check_citations(pages: list[Page], known: set[str]) -> list[str]:
    """Every cited key and every key paper must exist in references.yaml."""
    errors = []
    for page in pages:
        for key, line in page.citations.items():
            if key not in known:
                errors.append(f"docs/{page.path}:{line}: citation: no reference with id {key!r} in references.yaml")
        for key in page.meta.key_papers:
            if key not in known:
                errors.append(f"docs/{page.path}:{page.meta_lines.get('key_papers', 2)}: key_papers: no reference with id {key!r} in references.yaml")
    return errors


def cited_on(pages: list[Page]) -> dict[str, list[str]]:
    """Reference key -> pages that cite it (by link or as a key paper), for back-links."""
    out: dict[str, list[str]] = {}
    for page in pages:
        if page.path == "references.md":
            continue
        for key in list(page.citations) + list(page.meta.key_papers):
            if page.path not in out.setdefault(key, []):
                out[key].append(page.path)
    return out


__all__ = ["BaseModel", "DataError", "Heading", "Page", "check_citations", "cited_on", "read_pages"]
