"""Every linkable section of every page, read from the Markdown sources before the build.

A section is a heading with an explicit id (`## Title { #id }`). Its summary is the first
sentence of the first paragraph under it. This feeds /for-instructors/ (the index with copy
buttons), /sections.json and /llms.txt, so all three always list the same sections.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

HEADING = re.compile(r"^(#{1,4})\s+(.+?)\s*\{[^}]*#([a-z0-9][a-z0-9-]*)[^}]*\}\s*$")
SKIP = re.compile(r"^\s*(?:--8<--|<|!!!|\?\?\?|\||\$\$|```|[-*] |\d+\. |:::|\{)")
LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'“])")


@dataclass(frozen=True)
class Section:
    source: str      # Markdown file from docs/: "concepts/gans.md"
    page: str        # URL path from the site root: "concepts/gans/"
    page_title: str
    id: str
    title: str
    level: int
    summary: str

    @property
    def url(self) -> str:
        return f"{self.page}#{self.id}"


def page_url(rel: str) -> str:
    stem = rel[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def plain(text: str) -> str:
    """Markdown inline text -> plain words (links keep their label, math its TeX source)."""
    text = MD_LINK.sub(r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)  # code spans keep their text, underscores included
    text = re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", "", text)  # emphasis markers, not snake_case
    return re.sub(r"\s+", " ", text).strip()


def first_sentence(paragraph: str, limit: int = 200) -> str:
    sentence = SENTENCE_END.split(plain(paragraph), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _blocks_until_next_heading(lines: list[str]) -> list[list[str]]:
    """The blank-line-separated blocks under a heading, up to the next heading."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if HEADING.match(line):
            break
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def read_sections(rel: str, text: str, page_title: str) -> list[Section]:
    lines = text.split("\n")
    if lines and lines[0] == "---":  # skip front matter
        lines = lines[lines.index("---", 1) + 1 :]
    sections: list[Section] = []
    in_code = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        m = None if in_code else HEADING.match(line)
        if not m:
            continue
        blocks = _blocks_until_next_heading(lines[i + 1 :])
        prose = [b for b in blocks if not SKIP.match(b[0]) and not b[0].startswith((" ", "\t"))]
        items = [b for b in blocks if LIST_ITEM.match(b[0])]
        if prose:
            summary = first_sentence(" ".join(line.strip() for line in prose[0]))
        elif items:  # a section that opens with a list: its first item says what it covers
            item = [LIST_ITEM.sub("", items[0][0])] + [ln.strip() for ln in items[0][1:] if not LIST_ITEM.match(ln)]
            summary = first_sentence(" ".join(item))
        else:
            summary = ""
        sections.append(Section(rel, page_url(rel), page_title, m.group(3), plain(m.group(2)), len(m.group(1)), summary))
    return sections


def sections_json(sections: list[Section], site_url: str) -> str:
    """The machine-readable index; its shape is documented on /for-instructors/."""
    doc = {
        "version": 1,
        "site": site_url,
        "sections": [
            {k: v for k, v in {**asdict(s), "url": site_url + s.url}.items() if k != "source"} for s in sections
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def llms_txt(sections: list[Section], site_url: str, description: str) -> str:
    """/llms.txt (llmstxt.org): a title, a summary, then each page with its sections."""
    out = ["# GenAI Atlas", "", f"> {description}", ""]
    pages: dict[str, list[Section]] = {}
    for s in sections:
        pages.setdefault(s.page, []).append(s)
    out.append("## Pages")
    out.append("")
    for page, items in pages.items():
        head = next((s for s in items if s.level == 1), items[0])
        out.append(f"- [{head.page_title}]({site_url}{page}): {head.summary}")
        for s in items:
            if s.level in (2, 3):
                out.append(f"  - [{s.title}]({site_url}{s.url}){': ' + s.summary if s.summary else ''}")
    return "\n".join(out) + "\n"


def instructors_index(sections: list[Section], host: str) -> str:
    """Markdown for /for-instructors/: one table per page, every section with its address."""
    # data-search-exclude: the index repeats every title and summary, which would outrank the pages.
    out = ['<div class="atlas-section-index" markdown data-search-exclude>', ""]
    pages: dict[str, list[Section]] = {}
    for s in sections:
        pages.setdefault(s.page, []).append(s)
    for items in pages.values():
        head = next((s for s in items if s.level == 1), items[0])
        out.append(f"### {head.page_title} {{ #index-{head.page.strip('/').replace('/', '-') or 'home'} }}\n")
        out.append("| Section | What it covers | Address |")
        out.append("| --- | --- | --- |")
        for s in items:
            link = posixpath.relpath(s.source, posixpath.dirname(host) or ".") + f"#{s.id}"
            summary = _tex_as_code(s.summary).replace("|", "\\|").replace("<", "&lt;") or "—"
            out.append(f"| [{s.title.replace('|', '/')}]({link}) | {summary} | `/{s.url}` |")
        out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data; its !!python tags are irrelevant here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config: Path) -> dict:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def _tex_as_code(text: str) -> str:
    """Show `$...$` as its TeX source in a code span: the index then needs no math font."""
    return re.sub(r"\$([^$]+)\$", lambda m: "`" + m.group(1).replace("`", "") + "`", text)


def nav_order(config: Path) -> list[str]:
    """Page files in the order of mkdocs.yml's nav."""
    nav = read_config(config).get("nav", [])
    order: list[str] = []

    def walk(items):
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str):
                    order.append(value)

    walk(nav)
    return order


def collect(docs: Path, order: list[str], titles: dict[str, str]) -> list[Section]:
    """Sections of every page in nav order (pages outside the nav follow, alphabetically)."""
    files = sorted((f.relative_to(docs).as_posix() for f in docs.rglob("*.md")), key=lambda r: (r not in order, order.index(r) if r in order else 0, r))
    sections = []
    for rel in files:
        if not rel.startswith("_generated/"):
            sections += read_sections(rel, (docs / rel).read_text(encoding="utf-8"), titles.get(rel, rel))
    return sections
