"""Which characters the site's formulas need from the math font.

MathML Core draws a single-letter <mi> in mathematical italic (the `math-auto` text transform),
so the font must carry U+1D434... for those letters as well as the characters written.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

MATH = re.compile(r"(?s)<math\b.*?</math>")
MI = re.compile(r"<mi(?P<attrs>[^>]*)>(?P<text>[^<]*)</mi>")
TAG = re.compile(r"<[^>]+>")
_GREEK_LOWER = "αβγδεζηθικλμνξοπρςστυφχψω"  # U+03B1..U+03C9, in order
_GREEK_UPPER = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ΢ΣΤΥΦΧΨΩ"


def italic(ch: str) -> str:
    """The mathematical italic form Chromium substitutes for a single-letter <mi>."""
    if ch == "h":
        return "\u210e"  # PLANCK CONSTANT: the italic h lives outside the block
    if "A" <= ch <= "Z":
        return chr(0x1D434 + ord(ch) - ord("A"))
    if "a" <= ch <= "z":
        return chr(0x1D44E + ord(ch) - ord("a"))
    if ch in _GREEK_UPPER:
        return chr(0x1D6E2 + _GREEK_UPPER.index(ch))
    if ch in _GREEK_LOWER:
        return chr(0x1D6FC + _GREEK_LOWER.index(ch))
    return ch


def characters(page_html: str) -> set[str]:
    chars: set[str] = set()
    for formula in MATH.findall(page_html):
        formula = re.sub(r'alttext="[^"]*"', "", formula)
        for m in MI.finditer(formula):
            text = html.unescape(m.group("text"))
            if len(text) == 1 and "mathvariant" not in m.group("attrs"):
                chars.add(italic(text))
        chars.update(html.unescape(TAG.sub("", formula)))
    return {c for c in chars if not c.isspace()}


def needs_math_font(ch: str) -> bool:
    """Upright Latin letters, digits and upright Greek look right in any fallback font, so the
    served subset leaves them out (page-weight budget); the math font is needed for the italic
    math alphabet, operators and the stretchy delimiters, which ordinary fonts lack."""
    return not (ch.isascii() and ch.isalnum()) and not ("\u0370" <= ch <= "\u03ff")


def site_characters(site: Path) -> set[str]:
    """Characters the site's formulas need from the math font."""
    out: set[str] = set()
    for page in site.rglob("*.html"):
        out |= characters(page.read_text(encoding="utf-8"))
    return {c for c in out if needs_math_font(c)}
