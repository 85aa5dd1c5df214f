"""Helpers shared by the interactive figures' build-time modules (atlas_build/examples/*_live.py).

A figure is a `<div class="atlas-figure" data-atlas-figure="NAME">` (see docs/javascripts/atlas.js,
`mountFigures`), which docs/javascripts/figures/NAME.js makes interactive. Its data travels in a
`data-atlas-data` attribute as JSON, so it is not indexed by search, and its children are the plain
HTML shown when scripts are off or the figure fails: a table with the same numbers. A paragraph of
class `atlas-figure-fallback` is shown only then (figures.css hides it once the figure is ready).
"""

from __future__ import annotations

import html
import json


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def container(figure: str, data: object, inner: list[str], label: str) -> str:
    """The figure `figure` (its script's name) as one raw-HTML block (no blank lines inside, so
    Markdown leaves it alone)."""
    payload = esc(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    lines = [
        f'<div class="atlas-figure" data-atlas-figure="{esc(figure)}" role="group" aria-label="{esc(label)}" data-atlas-data="{payload}">',
        *[line for line in inner if line.strip()],
        "</div>",
        "",
    ]
    return "\n".join(lines)


def table(head: list[str], rows: list[list[str]], caption: str) -> list[str]:
    """An HTML table; cells are given already escaped."""
    out = ["<table>", f"<caption>{caption}</caption>", "<thead><tr>"]
    out += [f'<th scope="col">{h}</th>' for h in head] + ["</tr></thead>", "<tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(f'<th scope="row">{c}</th>' if i == 0 else f"<td>{c}</td>" for i, c in enumerate(row)) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out
