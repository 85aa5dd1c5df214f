"""Helpers shared by the interactive figures' build-time modules (scripts/examples/*_live.py).

A figure is a `<div data-atlas-app="NAME">` (see docs/javascripts/atlas.js, `mountApps`) whose
data travels in a `data-atlas-data` attribute as JSON, so it is not indexed by search, and whose
children are the plain HTML shown when scripts are off: a table with the same numbers.
"""

from __future__ import annotations

import html
import json


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def container(app: str, data: object, inner: list[str], label: str) -> str:
    """One raw-HTML block (no blank lines inside, so Markdown leaves it alone)."""
    payload = esc(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    lines = [
        f'<div class="atlas-app" data-atlas-app="{esc(app)}" role="group" aria-label="{esc(label)}" data-atlas-data="{payload}">',
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
