r"""Markdown extension: LaTeX between `$...$` / `$$...$$` becomes MathML when the site is built.

Why: readers get typeset formulas with no math script at all (every current browser renders
MathML Core), and pages without math ship nothing for it. Parsing reuses pymdownx.arithmatex's
patterns (smart dollars, escapes), so only the output differs from the stock extension.

The converter is Temml (npm, pinned in package.json), run by Node at build time through
temml.cjs: one process per build, one line of JSON per formula. It was chosen over latex2mathml
(PyPI) by converting the site's formulas both ways and comparing them in Chromium (issue #15):
latex2mathml wrote `-\infty` after `=` as two infix operators (`= − ∞`, spaced as a subtraction),
`\operatorname{LayerNorm}` as an operator with operator spacing on both sides, `\log p` with no
space, `x_{<t}` and `p(x | y)` with relation spacing, and display limits beside sums, which needed
a post-processing pass; Temml writes each of these as TeX sets it (prefix minus, `<mi>` plus
U+2061 function application, explicit `movablelimits`).

Two changes are made to what Temml writes. The accent of `\bar` (U+203E OVERLINE, which Latin
Modern Math lacks) becomes the font's macron (U+00AF), as latex2mathml wrote it. And brackets from
`\left( ... \right)` stretch only when what they hold is taller than a bracket (a fraction, a big
operator with limits, a matrix, a root, or brackets that stretch). Chromium gives a stretchy
bracket the width of its widest size variant (at 32 px, 28 px against 12 px for the same
unstretched bracket), so `\left( R(s\theta) q \right)^\top` showed small brackets with wide gaps
and a floating transpose; TeX would set normal brackets there, which is what the reader now gets.
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown import util as md_util
from pymdownx import arithmatex

from atlas_build.paths import NODE_MODULES

SCRIPT = Path(__file__).with_name("temml.cjs")
_MATH_TAG = re.compile(r"\A<math\b[^>]*>")


class MathError(ValueError):
    """A formula the converter cannot convert; names the TeX so the author can find it."""


class _Temml:
    """One Node process running temml.cjs, started on first use and stopped at exit."""

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        node = shutil.which("node")
        if not node:
            raise MathError("Node.js is missing: the formulas are converted by Temml at build time (`make setup`)")
        if not (NODE_MODULES / "temml").is_dir():
            raise MathError(f"{NODE_MODULES / 'temml'} is missing: run `make setup` (npm ci installs Temml)")
        proc = subprocess.Popen(
            [node, str(SCRIPT), str(NODE_MODULES)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1,
        )
        atexit.register(proc.kill)
        return proc

    def convert(self, tex: str, display: bool) -> str:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self.proc = self._start()
            self.proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        if not line:
            raise MathError(f"Temml stopped while converting {tex!r}")
        reply = json.loads(line)
        if "error" in reply:
            raise MathError(f"cannot convert formula {tex!r}: {reply['error']}")
        return reply["mathml"]


_TEMML = _Temml()


@functools.lru_cache(maxsize=4096)
def to_mathml(tex: str, display: bool) -> str:
    """Convert one TeX formula to a MathML string, with an `alttext` for assistive tools.

    The <math> start tag is the site's own (Temml's class and inline style go: the site's CSS and
    the browser's style `display="block"`), and characters outside ASCII are written as character
    references, so the page's HTML is the same whatever its encoding is taken to be."""
    tex = tex.strip()
    mathml = _TEMML.convert(tex, display)
    alt = tex.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    start = f'<math alttext="{alt}" xmlns="http://www.w3.org/1998/Math/MathML" display="{"block" if display else "inline"}">'
    mathml = _unstretch_short_fences(mathml)
    mathml = _MATH_TAG.sub(lambda _: start, mathml, count=1)
    # \bar's accent: Temml writes U+203E OVERLINE, which Latin Modern Math lacks; its macron is the same mark.
    mathml = mathml.replace("\u203e", "\u00af")
    return "".join(ch if ord(ch) < 128 else f"&#x{ord(ch):05X};" for ch in mathml)


_TALL = {"mfrac", "munder", "mover", "munderover", "mtable", "msqrt", "mroot"}


def _stretchy_fence(el, form: str) -> bool:
    return el.tag == "mo" and el.get("stretchy") == "true" and el.get("form") == form


def _unstretch_short_fences(mathml: str) -> str:
    r"""`\left( ... \right)` around content no taller than a bracket: the brackets do not stretch."""
    if 'stretchy="true"' not in mathml:
        return mathml
    root = etree.fromstring(mathml)
    for row in reversed(list(root.iter("mrow"))):  # inner brackets first: they may unstretch the outer
        kids = list(row)
        if len(kids) < 2 or not (_stretchy_fence(kids[0], "prefix") and _stretchy_fence(kids[-1], "postfix")):
            continue
        inside = [el for kid in kids[1:-1] for el in kid.iter()]
        if not any(el.tag in _TALL or el.get("stretchy") == "true" for el in inside):
            kids[0].set("stretchy", "false")
            kids[-1].set("stretchy", "false")
    return etree.tostring(root, encoding="unicode", short_empty_elements=False)


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
