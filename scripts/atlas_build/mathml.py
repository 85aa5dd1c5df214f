"""Markdown extension: LaTeX between `$...$` / `$$...$$` becomes MathML when the site is built.

Why: readers get typeset formulas with no math script at all (every current browser renders
MathML Core), and pages without math ship nothing for it. Parsing reuses pymdownx.arithmatex's
patterns (smart dollars, escapes), so only the output differs from the stock extension.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from latex2mathml.converter import convert
from markdown import Extension
from markdown import util as md_util
from pymdownx import arithmatex

# latex2mathml writes `\sim` as a tilde and puts the limits of min/max/sum beside them even in
# display mode; MathML Core wants the operator U+223C and <munder> for display limits.
_FIXES = ((re.compile(r"<mi>&#x0007E;</mi>"), "<mo>&#x0223C;</mo>"),)
_LIMIT_OPERATOR = re.compile(r"<msub><mo>(min|max|arg&#x02006;min|arg&#x02006;max|lim)</mo>")
_SUM_LIKE = re.compile(r"<msub><mo>(&#x02211;|&#x0220F;)</mo>")
_SUBSUP_SUM = re.compile(r"<msubsup><mo>(&#x02211;|&#x0220F;)</mo>")


class MathError(ValueError):
    """A formula that latex2mathml cannot convert; names the TeX so the author can find it."""


def to_mathml(tex: str, display: bool) -> str:
    """Convert one TeX formula to a MathML string, with an `alttext` for assistive tools."""
    try:
        mathml = convert(tex.strip(), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many types; one clear message is enough
        raise MathError(f"cannot convert formula {tex!r}: {exc}") from exc
    for pattern, repl in _FIXES:
        mathml = pattern.sub(repl, mathml)
    if display:
        mathml = _retag_limits(mathml)
    alt = tex.strip().replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return mathml.replace("<math ", f'<math alttext="{alt}" ', 1)


def _retag_limits(mathml: str) -> str:
    """Display-mode limits go under/over the operator: msub -> munder, msubsup -> munderover."""
    out = mathml
    for pattern, tag in ((_LIMIT_OPERATOR, "munder"), (_SUM_LIKE, "munder"), (_SUBSUP_SUM, "munderover")):
        while True:
            m = pattern.search(out)
            if not m:
                break
            old = "msubsup" if tag == "munderover" else "msub"
            close = _matching_close(out, m.start(), old)
            out = out[: m.start()] + f"<{tag}>" + out[m.start() + len(old) + 2 : close] + f"</{tag}>" + out[close + len(old) + 3 :]
    return out


def _matching_close(text: str, start: int, tag: str) -> int:
    """Index of the `</tag>` that closes the element opened at `start` (nesting-aware)."""
    depth = 0
    for m in re.finditer(rf"<(/?){tag}>", text[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return start + m.start()
    raise MathError("unbalanced MathML output")


class _InlineMath(arithmatex.InlineArithmatexPattern):
    def __init__(self, pattern, config, md):
        super().__init__(pattern, config)
        self.md = md

    def handleMatch(self, m, data):
        groups = m.groups()
        escapes = groups[0] or (groups[3] if len(groups) > 3 else None)
        if escapes:
            return escapes.replace("\\\\", self.ESCAPED_BSLASH), m.start(0), m.end(0)
        tex = groups[2] or (groups[5] if len(groups) > 3 else "")
        return self.md.htmlStash.store(to_mathml(tex, display=False)), m.start(0), m.end(0)


class _BlockMath(arithmatex.BlockArithmatexProcessor):
    def run(self, parent, blocks):
        blocks.pop(0)
        groups = self.match.groupdict()
        tex = groups.get("math") or groups.get("math2") or groups.get("math3") or ""
        div = etree.SubElement(parent, "div", {"class": "math-display"})
        div.text = self.parser.md.htmlStash.store(to_mathml(tex, display=True))
        return True


class MathMLExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        arithmatex.util.escape_chars(md, ["$"])
        config = {"generic": True}
        inline = f"(?:{arithmatex.RE_SMART_DOLLAR_INLINE}|{arithmatex.RE_BRACKET_INLINE})"
        md.inlinePatterns.register(_InlineMath(inline, config, md), "atlas-math-inline", 189.9)
        block = rf"(?s)^(?:{arithmatex.RE_DOLLAR_BLOCK}|{arithmatex.RE_BRACKET_BLOCK}|{arithmatex.RE_TEX_BLOCK})[ ]*$"
        md.parser.blockprocessors.register(_BlockMath(block, config, md), "atlas-math-block", 79.9)


def makeExtension(**kwargs):
    return MathMLExtension(**kwargs)


__all__ = ["MathError", "MathMLExtension", "makeExtension", "md_util", "to_mathml"]
