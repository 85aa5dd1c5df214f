r"""Markdown extension: diagrams and formulas stay out of the search index.

Why: Material's search indexes every text node of a section, so a result's excerpt showed the
labels of an SVG diagram and flattened MathML ("zi is the logit ..."). An element marked
`data-search-exclude` is skipped by Material's indexer (material/plugins/search/plugin.py,
Parser.handle_starttag); the diagram keeps its <title>/<desc> and the formula its `alttext` for
assistive tools, and the prose around both is still indexed. A short inline formula (a symbol
such as `z_i`, `T = 1`, `\sqrt{d_k}`) is followed by its readable form in a `hidden` span, so
the excerpt reads "z_i is the logit", not "is the logit"; longer formulas are left out.

It is a Markdown extension, not a MkDocs hook, so every builder that runs the site's
`markdown_extensions` (MkDocs, and Zensical, which reads mkdocs.yml) writes the same HTML; whether
a builder's own indexer honours the attribute is that builder's business (see README, "Search").
"""

from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

EXCLUDED = re.compile(r"<(svg|math)(?=[\s>])(?![^>]*\bdata-search-exclude\b)")
INLINE_MATH = re.compile(r'<math\b[^>]*\balttext="([^"]*)"[^>]*\bdisplay="inline"[^>]*>.*?</math>', re.S)
SYMBOLS = {
    "\\alpha": "α", "\\beta": "β", "\\gamma": "γ", "\\delta": "δ", "\\epsilon": "ε", "\\varepsilon": "ε",
    "\\theta": "θ", "\\lambda": "λ", "\\mu": "μ", "\\pi": "π", "\\rho": "ρ", "\\sigma": "σ", "\\tau": "τ",
    "\\phi": "φ", "\\psi": "ψ", "\\omega": "ω", "\\Sigma": "Σ", "\\Delta": "Δ", "\\cdot": "·", "\\times": "×",
    "\\approx": "≈", "\\leq": "≤", "\\geq": "≥", "\\le": "≤", "\\ge": "≥", "\\neq": "≠", "\\to": "→",
    "\\infty": "∞", "\\sim": "~", "\\log": "log", "\\exp": "exp", "\\sqrt": "√", "\\,": " ", "\\;": " ",
}
WRAPPERS = re.compile(r"\\(?:mathbf|mathrm|mathcal|mathbb|boldsymbol|text|operatorname)\s*")
READABLE_MAX = 16


def readable(tex: str) -> str | None:
    """A short formula as plain text a search excerpt can show, or None to leave it out."""
    text = html.unescape(tex)
    for command in sorted(SYMBOLS, key=len, reverse=True):
        text = re.sub(re.escape(command) + r"(?![A-Za-z])", SYMBOLS[command], text)
    text = WRAPPERS.sub("", text).replace("{", "").replace("}", "")
    text = re.sub(r"\s+", " ", text).strip()
    if not text or "\\" in text or len(text) > READABLE_MAX:
        return None
    return text


def _with_alternative(m: re.Match) -> str:
    alt = readable(m.group(1))
    if alt is None:
        return m.group(0)
    return m.group(0) + f'<span class="atlas-search-alt" hidden>{html.escape(alt, quote=False)}</span>'


def exclude_from_search(text: str) -> str:
    """Mark every <svg> and <math> element so the search indexer skips its text; give short
    inline formulas a hidden readable form that the indexer reads instead."""
    return EXCLUDED.sub(r"<\1 data-search-exclude", INLINE_MATH.sub(_with_alternative, text))


class _Exclude(Postprocessor):
    def run(self, text: str) -> str:
        return exclude_from_search(text)


class SearchableExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Below RawHtmlPostprocessor (30): diagrams and MathML are stashed raw HTML until then.
        md.postprocessors.register(_Exclude(md), "atlas-search-exclude", 20)


def makeExtension(**kwargs):
    return SearchableExtension(**kwargs)
