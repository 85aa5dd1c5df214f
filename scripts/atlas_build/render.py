"""Pure functions: validated data -> Markdown fragments. No I/O here.

Each fragment is written for one host page (the page that includes it), so internal links are
made relative to that page and MkDocs can check and rewrite them like hand-written links. All
text from the data goes through atlas_build/inline.py, the one renderer of data text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas_build.inline import escape, inline, link
from atlas_build.schema import FAMILIES, TOPICS, Atlas, ComparisonRow, Reference, System, Term, TimelineEvent


@dataclass(frozen=True)
class Host:
    """The page a fragment is written for, and the short titles of the pages it may link to."""

    path: str                                   # docs-root path, e.g. "models.md"
    titles: dict[str, str] = field(default_factory=dict)  # page path -> title (mkdocs.yml nav)

    def title(self, target: str) -> str:
        page = target.split("#")[0]
        return self.titles.get(page) or page.removesuffix(".md").rsplit("/", 1)[-1].replace("-", " ").capitalize()


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def cards(markdown_table: str, *, wide: bool = False) -> str:
    """A table that becomes a stack of cards on a phone (stylesheets/phone.css, atlas-phone.js):
    one card per row, each value under its column's name; `wide`: every value on a line of its own."""
    css = "atlas-cards atlas-wide" if wide else "atlas-cards"
    return f'<div class="{css}" markdown>\n\n{markdown_table}\n</div>\n'


def _see(paths: list[str], host: Host) -> str:
    return ", ".join(link(escape(host.title(p)), p, host.path) for p in paths)


def comparison(rows: list[ComparisonRow], host: Host) -> str:
    """The head-to-head table: one row per dimension, a short value for each side."""
    return cards(table(
        ["Dimension", "Generative AI", "Large language models", "Explained in"],
        [[f"**{escape(r.dimension)}**", inline(r.generative_ai, host.path), inline(r.llms, host.path), _see(r.explained_in, host)] for r in rows],
    ), wide=True)


def _yes_no(flag: bool | None) -> str:
    return "n/a" if flag is None else ("open" if flag else "closed")


def _cite(key: str, host: Host, label: str = "source") -> str:
    return link(label, f"references.md#{key}", host.path)


def systems(items: list[System], host: Host, *, with_concept: bool = True) -> str:
    headers = ["System", "Maker", "First release", "Modality", "Family", "Weights"]
    if with_concept:
        headers.append("Explained in")
    headers.append("Source")
    rows = []
    for s in sorted(items, key=lambda s: (s.released, s.name)):
        row = [
            f"**{escape(s.name)}**" + (f"<br>{inline(s.note, host.path)}" if s.note else ""),
            escape(s.maker), escape(s.released), ", ".join(s.modality), escape(FAMILIES[s.family]), _yes_no(s.open_weights),
        ]
        if with_concept:
            row.append(_see([s.concept], host))
        row.append(_cite(s.source, host))
        rows.append(row)
    return cards(table(headers, rows))


def timeline(events: list[TimelineEvent], host: Host) -> str:
    rows = [
        [escape(e.date), f"**{escape(e.title)}**: {inline(e.description, host.path)}", _see([e.concept], host), _cite(e.source, host)]
        for e in sorted(events, key=lambda e: e.date)
    ]
    return table(["Date", "Event", "Explained in", "Source"], rows)


def _authors(names: list[str]) -> str:
    if len(names) > 3:
        return escape(names[0]) + " et al."
    return escape(", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1])


def locator(ref: Reference, host: Host) -> str:
    """The reference's primary link(s): arXiv, DOI, or the maker's page."""
    links = []
    if ref.arxiv:
        links.append(link(escape(f"arXiv:{ref.arxiv}"), f"https://arxiv.org/abs/{ref.arxiv}", host.path))
    if ref.doi:
        links.append(link(escape(f"doi:{ref.doi}"), f"https://doi.org/{ref.doi}", host.path))
    if ref.url and not links:
        links.append(link(escape(ref.url.split("/")[2]), ref.url, host.path))
    return " · ".join(links)


def reference_entry(ref: Reference, host: Host) -> str:
    return f"{_authors(ref.authors)} ({ref.year}). *{escape(ref.title)}*. {escape(ref.venue)}. {locator(ref, host)}"


def key_papers(refs: list[Reference], host: Host) -> str:
    """The "Key papers" list of a page: full entries, each linking to its /references/ anchor."""
    return "".join(f"- {reference_entry(r, host)} ({_cite(r.id, host, 'in references')})\n" for r in refs)


def references(refs: list[Reference], cited_on: dict[str, list[str]], host: Host) -> str:
    """All references grouped by topic; each entry has a stable anchor (its key) and back-links."""
    out = []
    for topic, title in TOPICS.items():
        group = sorted((r for r in refs if r.topic == topic), key=lambda r: (r.authors[0].split()[-1], r.year))
        if not group:
            continue
        out.append(f"## {escape(title)} {{ #topic-{topic} }}\n")
        for r in group:
            pages = cited_on.get(r.id, [])
            back = f" Cited on: {_see(pages, host)}." if pages else ""
            out.append(f"- {reference_entry(r, host)}.{back}\n{{: #{r.id} }}\n")
        out.append("")
    return "\n".join(out)


def glossary(terms: list[Term], host: Host) -> str:
    """A definition list; each term's <dt> carries its stable anchor."""
    out = []
    for t in sorted(terms, key=lambda t: t.term.lower()):
        label = escape(t.term, line_start=True) + (f" ({escape(t.abbr)})" if t.abbr and t.abbr != t.term else "")
        see = link(f"Explained in {escape(host.title(t.see))}", t.see, host.path)
        out.append(f"{label} {{: #{t.id} }}\n:   {inline(t.definition, host.path)} {see}.\n")
    return "\n".join(out)


def abbreviations(terms: list[Term]) -> str:
    """`*[GAN]: ...` lines that the `abbr` extension turns into tooltips on every page.

    The expansion becomes a title attribute, which Python-Markdown escapes itself; the schema has
    already refused line breaks and control characters, so a line can never end early."""
    lines = [f"*[{t.abbr}]: {t.expansion or t.term}" for t in sorted(terms, key=lambda t: t.abbr or "") if t.abbr]
    return "\n".join(lines) + "\n"


def systems_slice(items: list[System], host: Host) -> str:
    """The catalogue rows filed under one concept page, as the data describes them: systems whose
    maker has not disclosed the architecture are named apart, not listed as built on it."""
    known = [s for s in items if s.family != "undisclosed"]
    hidden = sorted((s for s in items if s.family == "undisclosed"), key=lambda s: s.name)
    out = systems(known, host, with_concept=False) if known else ""
    if hidden:
        rows = [[f"**{escape(s.name)}**", escape(s.maker), escape(s.released), _cite(s.source, host)] for s in hidden]
        out += ("\n" if out else "") + cards(table(["Filed here; architecture not disclosed by the maker", "Maker", "First release", "Source"], rows))
    return out


def systems_for(atlas: Atlas, page: str) -> list[System]:
    return [s for s in atlas.systems if s.concept.split("#")[0] == page]
