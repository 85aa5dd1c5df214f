"""The one renderer for text that comes from data: it emits exactly the documented inline Markdown.

Data text is either plain (`PlainText`: names, titles, venues) or `Inline`: plain text plus
*emphasis*, **strong** and links `[label](target)` whose target is an https:// URL or a page of
this site (`concepts/vaes.md#elbo`). Nothing else can reach a page, whatever the text holds:

- every ASCII character that could start markup in one of the site's Markdown extensions
  (HTML `<` `&`, attribute lists `{...}`, math `$`, keys `++`, marks `==`, tables `|`, code
  backticks, footnotes and links `[`, escapes `\\`, emphasis `*` `_`, headings `#`, and more) is
  written as a numeric character reference, which Markdown shows as the character and never
  parses; the first character of a text is escaped too if it is punctuation, so no text can start
  a block construct (a snippet line `--8<--`, a list, a definition);
- the only markup written is the renderer's own: `*`, `**`, and `[label](href)` with an href it
  has checked and encoded itself.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

# A link in data text: [label](target). The label may hold emphasis but no brackets.
LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
LINK_START = re.compile(r"\]\(([^)\s]*)")  # anything written like a link target, well formed or not
# A page of this site, written from the docs root; `\Z`, not `$`, so a trailing newline fails.
PAGE = re.compile(r"(?:[a-z0-9-]+/)*[a-z0-9-]+\.md(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?\Z")
# An https URL made of unreserved and reserved characters only (no quotes, brackets, spaces).
HTTPS = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~!$&'*+,;=:@%/?#-]*)?\Z")
EMPHASIS = re.compile(r"(\*\*|\*)(?=[^\s*])(.+?)(?<=[^\s*])\1")

# Always escaped: each can open markup in Markdown or in one of the site's extensions.
_MARKUP = frozenset("\\`*_{}[]()<>#+!|$~^=&")


def escape(text: str, *, line_start: bool = False) -> str:
    """Plain text as Markdown that shows exactly these characters and parses as nothing.

    With `line_start` (text that begins a line of Markdown), a first character that is not a
    letter is escaped too, so the text cannot open a block (`- item`, `1. item`, `--8<-- file`)."""
    return "".join(
        f"&#{ord(ch)};" if ch in _MARKUP or (line_start and i == 0 and not ch.isalpha()) else ch for i, ch in enumerate(text)
    )


def page_link(target: str, host: str) -> str:
    """A docs-root page path (`concepts/vaes.md#elbo`) as a link relative to the host page."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(host) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def href(target: str, host: str) -> str:
    """A checked link target, written so Markdown can neither break nor extend it."""
    if PAGE.match(target):
        return page_link(target, host)
    if HTTPS.match(target):
        return quote(target, safe="/:?#@!$&'*+,;=%~-._")
    raise ValueError(f"link target {target!r} is neither https://... nor a page such as concepts/vaes.md#elbo")


def link(label_markdown: str, target: str, host: str) -> str:
    """A link whose label is already rendered Markdown (from `escape` or `inline`)."""
    return f"[{label_markdown}]({href(target, host)})"


def _emphasis(text: str) -> str:
    parts, pos = [], 0
    for m in EMPHASIS.finditer(text):
        parts.append(escape(text[pos : m.start()]))
        parts.append(f"{m.group(1)}{escape(m.group(2))}{m.group(1)}")
        pos = m.end()
    parts.append(escape(text[pos:]))
    return "".join(parts)


def inline(text: str, host: str) -> str:
    """Render an `Inline` data value: escaped text, *emphasis*, **strong** and links only."""
    out, pos = [], 0
    for m in LINK.finditer(text):
        out.append(_emphasis(text[pos : m.start()]))
        out.append(link(_emphasis(m.group(1)), m.group(2), host))
        pos = m.end()
    out.append(_emphasis(text[pos:]))
    return "".join(out)


def links_in(text: str) -> list[str]:
    """The targets of the links an `Inline` value holds."""
    return [target for _, target in LINK.findall(text)]
