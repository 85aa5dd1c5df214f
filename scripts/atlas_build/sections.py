"""Every linkable section of every page, read from the Markdown sources before the build.

A section is a heading with an explicit id (`## Title { #id }`). Its summary is one line for an
instructor: an override from docs/data/instructors.yaml (`summaries`) where one is written; else,
for the sections every chapter has (misconceptions, questions, key papers, systems), a line made
from what they hold; else the first whole sentence under the heading that reads as a sentence
(short formulas in their readable form, never raw TeX, never a sentence that ends in a colon).
Its reading time counts the words of the section and of the fragments it includes, subsections
included, at WORDS_PER_MINUTE. This feeds /for-instructors/ (reading paths and the index with
copy buttons), /sections.json and /llms.txt, so all three always list the same sections.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from atlas_build.pages import Page
from atlas_build.schema import SUMMARY_MAX, summary_problem
from atlas_build.searchable import readable

SKIP = re.compile(r"^\s*(?:--8<--|<|!!!|\?\?\?|\||\$\$|```|[-*] |\d+\. |:::|\{)")
LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'“])")
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}[ \t]+["']([^"']+)["']\s*$""")
ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s+"([^"]+)"')
TEX = re.compile(r"\$([^$]+)\$")
WORDS_PER_MINUTE = 220


@dataclass(frozen=True)
class Section:
    source: str      # Markdown file from docs/: "concepts/gans.md"
    page: str        # URL path from the site root: "concepts/gans/"
    page_title: str
    id: str
    title: str
    level: int
    summary: str
    minutes: int = 1   # reading time, subsections included (a page title: its introduction only)
    digest: str = ""   # of the section's own text, fragments included: a changed digest is a changed section
    reviewed: str = ""  # the page's last_reviewed date (ISO), or ""

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


def _readable_tex(text: str) -> str | None:
    """Text with every `$...$` in its readable form, or None if a formula has none."""
    out = TEX.split(text)  # prose, formula, prose, ...
    for i in range(1, len(out), 2):
        alt = readable(out[i])
        if alt is None:
            return None
        out[i] = alt
    return "".join(out)


def reads_as_a_sentence(text: str) -> bool:
    """An instructor-facing line: one whole sentence, no TeX, no dash placeholder, not too long."""
    return bool(text) and summary_problem(text) is None


CONTEXT_WORD = re.compile(r"^(?:It|Its|This|These|They|That|Those|Such|Both|Here|So|But|And|Or|Then|Where|Which|Each)\b")
CITATION_AFTER = re.compile(r"\s*\((?:[^()]*\b(?:1[89]|20)\d\d[a-z]?)\)")  # "(Goodfellow et al., 2014)"


def _shorten(sentence: str) -> str:
    """Citations out (the index links to the section, which cites); a long sentence cut at a semicolon."""
    sentence = CITATION_AFTER.sub("", sentence)
    if len(sentence) > SUMMARY_MAX and "; " in sentence[:SUMMARY_MAX]:
        head = sentence[:SUMMARY_MAX].rsplit("; ", 1)[0].rstrip(",:") + "."
        if len(head.split()) >= 5:
            return head
    return sentence


def instructor_summary(lines: list[str]) -> str:
    """The first sentence of one of the first paragraphs (or list items) that reads as a whole
    sentence on its own: never a later sentence, which leans on the one before it."""
    blocks = _blocks(lines)
    candidates = [" ".join(ln.strip() for ln in b) for b in blocks if not SKIP.match(b[0]) and not b[0].startswith((" ", "\t"))][:3]
    candidates += [" ".join([LIST_ITEM.sub("", b[0])] + [ln.strip() for ln in b[1:] if not LIST_ITEM.match(ln)])
                   for b in blocks if LIST_ITEM.match(b[0])][:1]
    for paragraph in candidates:
        first = SENTENCE_END.split(plain(paragraph), maxsplit=1)[0].strip()
        sentence = _readable_tex(_shorten(first))
        if sentence and reads_as_a_sentence(sentence) and not CONTEXT_WORD.match(sentence):
            return sentence
    return ""


def _what_the_section_holds(section_id: str, lines: list[str], page_title: str) -> str:
    """A line for the sections every chapter has (CONTENT.md: intuition, where it fits, misconceptions,
    questions, key papers, systems), made from what they hold."""
    topic = page_title[0].lower() + page_title[1:] if page_title[1:2].islower() else page_title
    titles = [m.group(1) for ln in lines if (m := ADMONITION.match(ln))]
    if section_id == "misconceptions":
        wrong = [t.removeprefix("Misconception: ").rstrip(".") for t in titles if t.startswith("Misconception")]
        named = f": {wrong[0]!s}" if wrong and len(wrong[0]) <= 90 else ""
        return f"{_count(len(wrong))} popular claim{'s' if len(wrong) != 1 else ''} about {topic} corrected with sources{named}."
    if section_id == "check-your-understanding":
        n = sum(1 for t in titles) or sum(1 for ln in lines if ln.lstrip().startswith("???"))
        return f"{_count(n)} exam-style question{'s' if n != 1 else ''} on {topic}, each with its answer folded away."
    if section_id == "intuition":
        return f"The plain-language picture of {topic}, before any equation, for students meeting the idea for the first time."
    if section_id == "where-it-fits":
        return f"Where {topic} sit{'' if topic.endswith('s') else 's'} in the generative AI versus LLM picture, with links to the neighbouring chapters."
    if section_id == "key-papers":
        return f"The primary sources on {topic}, with authors, year and an arXiv or publisher link for each."
    if section_id == "quiz":  # the questions come from docs/data/quiz.yaml (atlas_build/quiz.py)
        return f"Questions on {topic} with feedback on every answer, to try in the page or import into a learning platform."
    if section_id == "systems":
        return f"Released systems built on {topic}, with maker, release date, whether weights are open, and a source."
    return ""


def _count(n: int) -> str:
    words = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
    return words[n] if 0 <= n < len(words) else str(n)


def _words(lines: list[str], fragments: dict[str, str]) -> int:
    """Words a reader reads in these lines, with the fragments they include."""
    text = []
    for line in lines:
        m = INCLUDE.match(line)
        if m:
            text.append(re.sub(r"<[^>]+>|[|*_`#>\[\]()-]", " ", fragments.get(m.group(1), "")))
        else:
            text.append(line)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.,%-]*", "\n".join(text)))


def digest(lines: list[str], fragments: dict[str, str]) -> str:
    """A section's content, as 16 hex digits: its own lines (to the next heading) with the fragments
    they include, whitespace-normalized, so re-wrapping a paragraph is not a change."""
    text = []
    for line in lines:
        m = INCLUDE.match(line)
        text.append(fragments.get(m.group(1), line) if m else line)
    return hashlib.sha256(" ".join("\n".join(text).split()).encode()).hexdigest()[:16]


def read_sections(page: Page, fragments: dict[str, str] | None = None, overrides: dict[str, str] | None = None) -> list[Section]:
    """A page's sections: its headings of levels 1 to 4 that carry an explicit id.

    `fragments` ({include path: Markdown}) count towards reading times; `overrides`
    ({"page.md#id": summary}) replace the summary the section's text would give."""
    fragments, overrides = fragments or {}, overrides or {}
    lines = page.body.split("\n")
    heads = page.headings
    page_title = page.meta.title or plain(heads[0].title)
    out = []
    for i, h in enumerate(heads):
        if not h.id or h.level > 4:
            continue
        start = h.line - page.body_line + 1
        end = heads[i + 1].line - page.body_line if i + 1 < len(heads) else len(lines)
        # Reading time: down to the next heading of the same level or higher (the title: its introduction).
        stop = next((k.line - page.body_line for k in heads[i + 1:] if k.level <= h.level or h.level == 1), len(lines))
        own = lines[start:end]
        text = (overrides.get(f"{page.path}#{h.id}") or _what_the_section_holds(h.id, lines[start:stop], page_title)
                or instructor_summary(own) or summary(own))
        minutes = max(1, round(_words(lines[start:stop], fragments) / WORDS_PER_MINUTE))
        reviewed = page.meta.last_reviewed.isoformat() if page.meta.last_reviewed else ""
        out.append(Section(page.path, page.url, page_title, h.id, plain(h.title), h.level, text, minutes,
                           digest(own, fragments), reviewed))
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


def collect(pages: list[Page], order: list[str], fragments: dict[str, str] | None = None,
            overrides: dict[str, str] | None = None) -> list[Section]:
    """Sections of every page in nav order (pages outside the nav follow, alphabetically)."""
    ranked = sorted(pages, key=lambda p: (p.path not in order, order.index(p.path) if p.path in order else 0, p.path))
    return [s for page in ranked for s in read_sections(page, fragments, overrides)]
