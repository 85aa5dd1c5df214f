"""Measurements of built HTML pages, shared by tests and scripts/page_stats.py."""

from __future__ import annotations

import html
import re

PRIMARY = re.compile(
    r'href="(https?://(?:arxiv\.org|doi\.org|aclanthology\.org|openreview\.net|proceedings\.|papers\.nips\.cc'
    r'|(?:www\.)?jmlr\.org|dl\.acm\.org|ieeexplore\.ieee\.org)[^"]*)"'
)


def article(page_html: str) -> str:
    """The page's own content: Material wraps it in the one <article> element."""
    m = re.search(r"(?s)<article\b.*?</article>", page_html)
    return m.group(0) if m else page_html


def prose_words(body: str) -> int:
    """Words of running text: tables, formulas, code, diagrams and the Key papers bibliography aside
    (the chapter standard counts prose, 1,000 to 2,500 words)."""
    body = re.split(r'<h2 id="key-papers"', body, maxsplit=1)[0]
    prose = re.sub(r"(?s)<(script|style|math|svg|table|pre)\b.*?</\1>", " ", body)
    return len(html.unescape(re.sub(r"<[^>]+>", " ", prose)).split())


def figures(body: str) -> int:
    """Diagrams drawn for the page (not the theme's icon SVGs, such as the edit button)."""
    return len(re.findall(r'<svg class="atlas-diagram"|<img\b', body))


def primary_sources(body: str) -> set[str]:
    return set(PRIMARY.findall(body))
