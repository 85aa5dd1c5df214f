"""Small matrices as coloured grids, side by side with the operation that makes each one: the
worked examples' one grid component (issue #15).

    pipeline(grid(X, "X", tokens, ...), op(r"\\times W_Q"), grid(Q, "Q = X W_Q", tokens, ...), ...)

Each grid is a real table (a caption naming the matrix as a formula, a header for every row and
column, the numbers in the cells), so screen readers read it as one; its cells are also shaded by
the size of their number, blue when positive and orange when negative (classes `atlas-l0`..`atlas-l5`
and `atlas-neg`, in stylesheets/atlas.css), in tints that work in light and dark mode. The shade
only repeats the printed number, never replaces it. A row of grids and operations wraps on a narrow
screen; each grid keeps its own width. Text (labels, words in captions) goes through
atlas_build/inline.py's `escape`; formulas through atlas_build/mathml.py, so the page carries
MathML and no script. Returns raw HTML with no blank lines, which Markdown leaves as it is.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence

from atlas_build.inline import escape
from atlas_build.mathml import to_mathml

LEVELS = 5  # shades besides none: atlas-l1 (faint) .. atlas-l5 (strongest)


def number(value: float, digits: int) -> str:
    """A cell's text: `digits` decimals, a true minus sign, no negative zero, −∞ for -inf."""
    if math.isinf(value):
        return "−∞" if value < 0 else "∞"
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def _math(tex: str) -> str:
    return to_mathml(tex, display=False)


def _label(text: str) -> str:
    """A header: `$...$` is a formula; anything else is plain text."""
    if len(text) > 2 and text.startswith("$") and text.endswith("$"):
        return _math(text[1:-1])
    return escape(text)


def _shade(value: float, top: float) -> str:
    if math.isinf(value):
        return "atlas-l5 atlas-neg atlas-inf" if value < 0 else "atlas-l5"
    level = 0 if top == 0 else min(LEVELS, round(LEVELS * abs(value) / top))
    return f"atlas-l{level}" + (" atlas-neg" if value < 0 and level else "")


def grid(
    values: Sequence[Sequence[float]],
    name: str,
    rows: Sequence[str],
    cols: Sequence[str],
    *,
    digits: int = 3,
    top: float | None = None,
    words: str = "",
) -> str:
    """One matrix as a shaded table. `name` is TeX (the caption's formula, e.g. `Q = X W_Q`), `words`
    plain text after it; `rows` and `cols` label the rows and columns (plain text, or `$...$`).
    Shades are relative to `top` (default: the largest finite absolute value in the matrix)."""
    values = [[float(v) for v in row] for row in values]
    if len(values) != len(rows) or any(len(r) != len(cols) for r in values):
        raise ValueError(f"grid {name!r}: {len(values)}x{len(values[0]) if values else 0} values for {len(rows)}x{len(cols)} labels")
    finite = [abs(v) for row in values for v in row if not math.isinf(v)]
    top = top if top is not None else max(finite, default=0.0)
    caption = _math(name) + (f" {escape(words)}" if words else "")
    head = '<tr><td class="atlas-grid-corner"></td>' + "".join(f'<th scope="col">{_label(c)}</th>' for c in cols) + "</tr>"
    body = "".join(
        f'<tr><th scope="row">{_label(label)}</th>'
        + "".join(f'<td class="{_shade(v, top)}">{number(v, digits)}</td>' for v in row)
        + "</tr>"
        for label, row in zip(rows, values, strict=True)
    )
    return f'<table class="atlas-grid"><caption>{caption}</caption><thead>{head}</thead><tbody>{body}</tbody></table>'


def op(tex: str) -> str:
    """The operation between two grids: its formula over an arrow (drawn by the stylesheet). The
    captions say what each grid is, so it is hidden from screen readers, which read the tables in
    order; and it adds no words to the page's prose."""
    return f'<div class="atlas-grid-op" aria-hidden="true">{_math(tex)}</div>'


def pipeline(*parts: str) -> str:
    """Grids and operations in a row that wraps on a narrow screen; one raw HTML block."""
    return '<div class="atlas-grids">' + "".join(parts) + "</div>\n"


def read(fragment: str, caption_tex: str) -> dict[str, list[str]]:
    """The cells of the first grid in `fragment` whose caption's formula is `caption_tex`, as a reader
    gets them: row label -> the cells' text (for tests that recompute a worked example)."""
    start = fragment.index(f'<table class="atlas-grid"><caption><math alttext="{html.escape(caption_tex, quote=True)}"')
    body = fragment[start:fragment.index("</table>", start)].split("<tbody>", 1)[1]
    out = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", body):
        label = re.sub(r"<[^>]+>", "", re.search(r'<th scope="row">(.*?)</th>', tr).group(1))
        out[html.unescape(label)] = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
    return out
