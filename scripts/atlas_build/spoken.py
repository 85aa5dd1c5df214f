"""Markdown extension: a table header that is only a formula gets the formula's spoken form.

Why: axe-core (and some screen readers) take no text from <math>, so a column headed
"$\\sqrt{d_k}$" counted as an empty header (axe's `empty-table-header`). Such a header now holds
the spoken form ("square root of d sub k") as visually hidden text, and its <math> is hidden from
assistive tools, so the header is read once, in words; sighted readers see the formula as before.
Headers with any other text are left alone. A postprocessor on the page's HTML, after the formulas
are in place, so it sees the <th> as the reader gets it.
"""

from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

# A header cell whose only content is one formula (and the hidden search text atlas_build.searchable
# may put after it).
HEADER = re.compile(
    r'(<th\b[^>]*>)\s*(<math\b(?:(?!</th>).)*?\balttext="([^"]*)"(?:(?!</th>).)*?</math>)'
    r'(\s*<span class="atlas-search-alt" hidden>[^<]*</span>)?\s*(</th>)',
    re.S,
)

WORDS = {
    "alpha": "alpha", "beta": "beta", "gamma": "gamma", "delta": "delta", "epsilon": "epsilon", "varepsilon": "epsilon",
    "theta": "theta", "lambda": "lambda", "mu": "mu", "pi": "pi", "rho": "rho", "sigma": "sigma", "tau": "tau",
    "phi": "phi", "psi": "psi", "omega": "omega", "Sigma": "capital sigma", "Delta": "capital delta",
    "cdot": "dot", "times": "times", "approx": "approximately", "leq": "at most", "geq": "at least", "le": "at most",
    "ge": "at least", "neq": "not equal to", "to": "to", "infty": "infinity", "sim": "distributed as", "log": "log",
    "exp": "exp", "top": "transpose", "ell": "l",
}
NAMED = re.compile(r"\\(?:mathrm|text|operatorname|mathbf|mathcal|mathbb|boldsymbol)\s*\{([^{}]*)\}")
SQRT = re.compile(r"\\sqrt\s*\{([^{}]*)\}")
NORM = re.compile(r"\\lVert\s*(.*?)\s*\\rVert")
BAR = re.compile(r"\\bar\s*\\?([A-Za-z]+)")
SCRIPT = re.compile(r"([_^])\s*(\{[^{}]*\}|\\?[A-Za-z0-9*])")


def speak(tex: str) -> str:
    """The spoken form of a short formula, in plain words: "\\sqrt{d_k}" -> "square root of d sub k"."""
    text = html.unescape(tex)
    for _ in range(3):  # nested groups, innermost first
        text = NAMED.sub(r" \1 ", text)
        text = SQRT.sub(r" square root of ⟨ \1 ⟩ ", text)
        text = NORM.sub(r" norm of ⟨ \1 ⟩ ", text)
    text = BAR.sub(r" \1 bar ", text)

    def script(m: re.Match) -> str:
        body = m.group(2).strip("{}").strip()
        if m.group(1) == "_":
            return f" sub {body} "
        return " star " if body == "*" else f" to the power {body} "

    text = SCRIPT.sub(script, text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: f" {WORDS.get(m.group(1), m.group(1))} ", text)
    text = text.replace("\\,", " ").replace("\\;", " ").replace("\\!", "")
    for sign, word in (("-", " minus "), ("+", " plus "), ("=", " equals "), ("*", " star ")):
        text = text.replace(sign, word)
    text = re.sub(r"^\s*minus\b", "minus", text)
    text = re.sub(r"[{}]", " ", text)
    text = re.sub(r"([\w)])\s*\(", r"\1 of (", text)  # f(x): "f of x"
    text = re.sub(r"⟨\s*([^⟨⟩\s]+)\s*⟩", r"\1", text)  # "square root of x", not "of (x)"
    text = text.replace("⟨", "(").replace("⟩", ")")
    text = re.sub(r"\s*,\s*", ", ", text)
    text = re.sub(r"\s*\(\s*", " (", text)
    text = re.sub(r"\s*\)", ")", text)
    return re.sub(r"\s+", " ", text).strip()


def _spoken_header(m: re.Match) -> str:
    open_th, math, alt, search, close = m.group(1), m.group(2), m.group(3), m.group(4) or "", m.group(5)
    words = html.escape(speak(alt), quote=False)
    hidden_math = math.replace("<math ", '<math aria-hidden="true" ', 1)
    return f'{open_th}{hidden_math}{search}<span class="atlas-visually-hidden">{words}</span>{close}'


def speak_headers(text: str) -> str:
    """Give every formula-only <th> in `text` its spoken form (see the module's docstring)."""
    return HEADER.sub(_spoken_header, text)


class _Spoken(Postprocessor):
    def run(self, text: str) -> str:
        return speak_headers(text)


class SpokenExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        # After the raw-HTML postprocessor (30) has put the formulas back.
        md.postprocessors.register(_Spoken(md), "atlas-spoken-headers", 5)


def makeExtension(**kwargs):
    return SpokenExtension(**kwargs)
