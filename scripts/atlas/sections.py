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
    text = re.sub(r"[*_`]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def first_sentence(paragraph: str, limit: int = 200) -> str:
    sentence = SENTENCE_END.split(plain(paragraph), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


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
        summary = ""
        para: list[str] = []
        for nxt in lines[i + 1 :]:
            if HEADING.match(nxt):
                break
            if not nxt.strip():
                if para:
                    break
                continue
            if not para and (SKIP.match(nxt) or nxt.startswith("    ")):
                continue
            para.append(nxt.strip())
        summary = first_sentence(" ".join(para)) if para else ""
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
    out = ['<div class="atlas-section-index" markdown>', ""]
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
            summary = s.summary.replace("|", "\\|").replace("<", "&lt;") or "—"
            out.append(f"| [{s.title.replace('|', '/')}]({link}) | {summary} | `/{s.url}` |")
        out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data; its !!python tags are irrelevant here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config: Path) -> dict:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)


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
