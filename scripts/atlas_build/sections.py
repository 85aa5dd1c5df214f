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

from atlas_build.inline import escape
from atlas_build.pages import Page

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


def plain(text: str) -> str:
    """Markdown inline text -> plain words (links keep their label, math its TeX source)."""
    text = MD_LINK.sub(r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)  # code spans keep their text, underscores included
    text = re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", "", text)  # emphasis markers, not snake_case
    return re.sub(r"\s+", " ", text).strip()


def first_sentence(paragraph: str, limit: int = 200) -> str:
    sentence = SENTENCE_END.split(plain(paragraph), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _blocks(lines: list[str]) -> list[list[str]]:
    """The blank-line-separated blocks of some lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def summary(lines: list[str]) -> str:
    """The first sentence of the first paragraph (or, failing that, of the first list item)."""
    blocks = _blocks(lines)
    prose = [b for b in blocks if not SKIP.match(b[0]) and not b[0].startswith((" ", "\t"))]
    items = [b for b in blocks if LIST_ITEM.match(b[0])]
    if prose:
        return first_sentence(" ".join(line.strip() for line in prose[0]))
    if items:  # a section that opens with a list: its first item says what it covers
        item = [LIST_ITEM.sub("", items[0][0])] + [ln.strip() for ln in items[0][1:] if not LIST_ITEM.match(ln)]
        return first_sentence(" ".join(item))
    return ""


def read_sections(page: Page) -> list[Section]:
    """A page's sections: its headings of levels 1 to 4 that carry an explicit id."""
    lines = page.body.split("\n")
    heads = page.headings
    out = []
    for i, h in enumerate(heads):
        if not h.id or h.level > 4:
            continue
        start = h.line - page.body_line + 1
        end = heads[i + 1].line - page.body_line if i + 1 < len(heads) else len(lines)
        out.append(Section(page.path, page.url, page.meta.title or plain(heads[0].title), h.id, plain(h.title), h.level, summary(lines[start:end])))
    return out


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
        out.append(f"### {escape(head.page_title)} {{ #index-{head.page.strip('/').replace('/', '-') or 'home'} }}\n")
        out.append("| Section | What it covers | Address |")
        out.append("| --- | --- | --- |")
        for s in items:
            link = posixpath.relpath(s.source, posixpath.dirname(host) or ".") + f"#{s.id}"
            summary = _tex_as_code(s.summary).replace("|", "\\|").replace("<", "&lt;") or "—"
            out.append(f"| [{escape(s.title)}]({link}) | {summary} | `/{s.url}` |")
        out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"


def _tex_as_code(text: str) -> str:
    """Show `$...$` as its TeX source in a code span: the index then needs no math font."""
    return re.sub(r"\$([^$]+)\$", lambda m: "`" + m.group(1).replace("`", "") + "`", text)


def nav(config: dict) -> list[tuple[str, str]]:
    """(title, page file) for every page in mkdocs.yml's nav, in order."""
    out: list[tuple[str, str]] = []

    def walk(items):
        for item in items:
            pairs = item.items() if isinstance(item, dict) else [(None, item)]
            for title, value in pairs:
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str):
                    out.append((title or value, value))

    walk(config.get("nav", []))
    return out


def collect(pages: list[Page], order: list[str]) -> list[Section]:
    """Sections of every page in nav order (pages outside the nav follow, alphabetically)."""
    ranked = sorted(pages, key=lambda p: (p.path not in order, order.index(p.path) if p.path in order else 0, p.path))
    return [s for page in ranked for s in read_sections(page)]
