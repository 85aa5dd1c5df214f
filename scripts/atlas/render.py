"""Pure functions: validated data -> escaped Markdown fragments. No I/O here.

Each fragment is written for one host page (the page that includes it), so internal links
are made relative to that page and MkDocs can check and rewrite them like hand-written links.
"""

from __future__ import annotations

import html
import posixpath
import re

from atlas.schema import LINK, PAGE, Atlas, ComparisonRow, Reference, System, Term, TimelineEvent

_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")


def page_link(target: str, host: str) -> str:
    """A docs-root page path (`concepts/vaes.md#elbo`) as a link relative to the host page."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(host) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _escape_text(text: str) -> str:
    """Escape HTML and the Markdown characters that could start markup we do not allow."""
    text = html.escape(text, quote=False)
    for ch in "\\`_[]!|<>#":
        text = text.replace(ch, "\\" + ch) if ch not in "<>" else text
    return text


def inline(text: str, host: str) -> str:
    """Render an `Inline` data value: escaped text, *emphasis*, **strong** and links only."""
    out, pos = [], 0
    for m in LINK.finditer(text):
        out.append(_emphasis(text[pos : m.start()]))
        label, target = m.group(1), m.group(2)
        href = page_link(target, host) if PAGE.match(target) else html.escape(target)
        out.append(f"[{_emphasis(label)}]({href})")
        pos = m.end()
    out.append(_emphasis(text[pos:]))
    return "".join(out)


def _emphasis(text: str) -> str:
    parts, pos = [], 0
    for m in _EMPHASIS.finditer(text):
        parts.append(_escape_text(text[pos : m.start()]))
        tag = "**" if m.group(1) == "**" else "*"
        parts.append(f"{tag}{_escape_text(m.group(2))}{tag}")
        pos = m.end()
    parts.append(_escape_text(text[pos:]))
    return "".join(parts)


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _page_title(path: str) -> str:
    """Readable label for a page path: `concepts/vaes.md#elbo` -> `VAEs`."""
    stem = posixpath.splitext(path.split("#")[0])[0].rsplit("/", 1)[-1]
    return PAGE_TITLES.get(stem, stem.replace("-", " ").capitalize())


PAGE_TITLES = {
    "neural-networks": "Neural networks", "rnns": "RNNs", "gans": "GANs", "vaes": "VAEs",
    "diffusion-models": "Diffusion models", "transformers": "Transformers",
    "tokenization": "Tokenization", "large-language-models": "LLMs", "applications": "Applications",
    "challenges": "Challenges", "models": "Systems", "timeline": "Timeline", "glossary": "Glossary",
    "generative-ai-vs-llms": "Generative AI vs LLMs", "references": "References",
}


def _see(paths: list[str], host: str) -> str:
    return ", ".join(f"[{_page_title(p)}]({page_link(p, host)})" for p in paths)


def comparison(rows: list[ComparisonRow], host: str) -> str:
    """The head-to-head table: one row per dimension, a short value for each side."""
    return table(
        ["Dimension", "Generative AI", "Large language models", "Explained in"],
        [[f"**{_escape_text(r.dimension)}**", inline(r.generative_ai, host), inline(r.llms, host), _see(r.explained_in, host)] for r in rows],
    )


def _yes_no(flag: bool | None) -> str:
    return "n/a" if flag is None else ("open" if flag else "closed")


def _cite(key: str, host: str, label: str = "source") -> str:
    return f"[{label}]({page_link('references.md#' + key, host)})"


def systems(items: list[System], host: str, *, with_concept: bool = True) -> str:
    headers = ["System", "Maker", "First release", "Modality", "Family", "Weights"]
    if with_concept:
        headers.append("Explained in")
    headers.append("Source")
    rows = []
    for s in sorted(items, key=lambda s: (s.released, s.name)):
        row = [
            f"**{_escape_text(s.name)}**" + (f"<br>{inline(s.note, host)}" if s.note else ""),
            _escape_text(s.maker), s.released, ", ".join(s.modality), FAMILY_LABELS[s.family], _yes_no(s.open_weights),
        ]
        if with_concept:
            row.append(_see([s.concept], host))
        row.append(_cite(s.source, host))
        rows.append(row)
    return table(headers, rows)


FAMILY_LABELS = {
    "perceptron": "perceptron", "feedforward": "feed-forward network", "rnn": "RNN", "gan": "GAN",
    "vae": "VAE", "diffusion": "diffusion", "transformer": "transformer", "flow": "flow",
    "hybrid": "hybrid", "toolkit": "toolkit around a model", "undisclosed": "not disclosed",
}


def timeline(events: list[TimelineEvent], host: str) -> str:
    rows = [
        [e.date, f"**{_escape_text(e.title)}**: {inline(e.description, host)}", _see([e.concept], host), _cite(e.source, host)]
        for e in sorted(events, key=lambda e: e.date)
    ]
    return table(["Date", "Event", "Explained in", "Source"], rows)


def _authors(names: list[str]) -> str:
    if len(names) > 3:
        return _escape_text(names[0]) + " et al."
    return _escape_text(", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1])


def locator(ref: Reference) -> str:
    """The reference's primary link(s): arXiv, DOI, or the maker's page."""
    links = []
    if ref.arxiv:
        links.append(f"[arXiv:{ref.arxiv}](https://arxiv.org/abs/{ref.arxiv})")
    if ref.doi:
        links.append(f"[doi:{_escape_text(ref.doi)}](https://doi.org/{html.escape(ref.doi)})")
    if ref.url and not links:
        links.append(f"[{_escape_text(_host_of(ref.url))}]({html.escape(ref.url)})")
    return " · ".join(links)


def _host_of(url: str) -> str:
    return url.split("/")[2]


def reference_entry(ref: Reference) -> str:
    return f"{_authors(ref.authors)} ({ref.year}). *{_escape_text(ref.title)}*. {_escape_text(ref.venue)}. {locator(ref)}"


def key_papers(refs: list[Reference], host: str) -> str:
    """The "Key papers" list of a page: full entries, each linking to its /references/ anchor."""
    return "".join(f"- {reference_entry(r)} ({_cite(r.id, host, 'in references')})\n" for r in refs)


TOPIC_TITLES = {
    "foundations": "Neural-network foundations", "rnns": "Recurrent networks", "gans": "Generative adversarial networks",
    "vaes": "Variational autoencoders", "diffusion": "Diffusion models", "transformers": "Transformers and attention",
    "tokenization": "Tokenization", "llms": "Large language models", "alignment": "Instruction tuning and alignment",
    "applications": "Applications", "challenges": "Challenges and risks", "systems": "Systems and makers' pages",
}


def references(refs: list[Reference], cited_on: dict[str, list[str]], host: str) -> str:
    """All references grouped by topic; each entry has a stable anchor (its key) and back-links."""
    out = []
    for topic, title in TOPIC_TITLES.items():
        group = sorted((r for r in refs if r.topic == topic), key=lambda r: (r.authors[0].split()[-1], r.year))
        if not group:
            continue
        out.append(f"## {title} {{ #topic-{topic} }}\n")
        for r in group:
            pages = cited_on.get(r.id, [])
            back = f" Cited on: {_see(pages, host)}." if pages else ""
            out.append(f"- {reference_entry(r)}.{back}\n{{: #{r.id} }}\n")
        out.append("")
    return "\n".join(out)


def glossary(terms: list[Term], host: str) -> str:
    """A definition list; each term's <dt> carries its stable anchor."""
    out = []
    for t in sorted(terms, key=lambda t: t.term.lower()):
        label = _escape_text(t.term) + (f" ({t.abbr})" if t.abbr and t.abbr != t.term else "")
        out.append(f"{label} {{: #{t.id} }}\n:   {inline(t.definition, host)} [Explained in {_page_title(t.see)}]({page_link(t.see, host)}).\n")
    return "\n".join(out)


def abbreviations(terms: list[Term]) -> str:
    """`*[GAN]: ...` lines that the `abbr` extension turns into tooltips on every page."""
    lines = [f"*[{t.abbr}]: {t.expansion or t.term}" for t in sorted(terms, key=lambda t: t.abbr or "") if t.abbr]
    return "\n".join(lines) + "\n"


def systems_slice(items: list[System], host: str) -> str:
    """The catalogue rows that belong to one concept page (or a pointer to the catalogue)."""
    if not items:
        return f"No system in the [catalogue]({page_link('models.md', host)}) is filed under this page yet.\n"
    return systems(items, host, with_concept=False)


def systems_for(atlas: Atlas, page: str) -> list[System]:
    return [s for s in atlas.systems if s.concept.split("#")[0] == page]
