"""Frozen editions: the registry, each edition's snapshot of its sections, and what changed since.

An edition is the whole site as it stood at one commit, published at /editions/<id>/ beside the
latest (atlas_tools/editions.py builds it from that commit; README, "Editions"). The build reads:

  docs/data/editions.yaml         the registry: id, title and the date each edition was frozen
  docs/data/editions/<id>.json    the edition's sections (address, title, content digest, review
                                  date), written by `atlas-tools edition new` when it was frozen;
                                  the commit that adds this file IS the edition (no tag needed)

and generates the "what changed since edition X" lists of /editions/: sections added, moved,
changed (by content digest) and pages re-reviewed. Both files are validated like the rest of the
data (`file:line: field: why`, nothing written on an error); the JSON snapshot is read by the same
YAML reader, which JSON is a subset of, so its errors have lines too.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from atlas_build import yamlfile
from atlas_build.inline import escape
from atlas_build.load import validate
from atlas_build.schema import PlainText, Strict
from atlas_build.sections import Section
from atlas_build.yamlfile import DataError

REGISTRY = "docs/data/editions.yaml"
SNAPSHOTS = "docs/data/editions"
EditionId = Annotated[str, Field(pattern=r"^[0-9]{4}[a-z]$")]  # year and a letter per edition: 2027a, 2027b
Address = Annotated[str, Field(pattern=r"^(?:[a-z0-9-]+/)*#[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=200)]
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
# /editions/ itself is the changelog: its sections are left out of snapshots and of the lists.
SKIP_PAGES = ("editions/",)


class Digested(Strict):
    address: Address
    digest: Digest


class Unchanged(Strict):
    """Sections whose digest changed although nothing a reader sees did (numbers stored in a
    figure's data rounded differently, say): the registry records their new digests and why, so
    that "what changed" does not send instructors looking for a change that is not there."""
    why: PlainText
    sections: list[Digested] = Field(min_length=1, max_length=5000)


class Edition(Strict):
    id: EditionId
    title: PlainText
    frozen: datetime.date
    unchanged: list[Unchanged] = Field(default_factory=list, max_length=5000)


class Registry(Strict):
    editions: list[Edition] = Field(max_length=100)


class SnapshotSection(Strict):
    address: Address  # "concepts/gans/#mode-collapse"
    title: PlainText
    page_title: PlainText
    digest: Digest
    reviewed: datetime.date | None = None


class Snapshot(Strict):
    edition: EditionId
    sections: list[SnapshotSection] = Field(min_length=1, max_length=5000)


@dataclass(frozen=True)
class Frozen:
    edition: Edition
    sections: list[SnapshotSection]


def load(docs: Path) -> list[Frozen]:
    """Every edition in the registry with its snapshot, newest first; [] without a registry."""
    path = docs / "data" / "editions.yaml"
    if not path.is_file():
        return []
    located = yamlfile.read(path, REGISTRY)
    registry = validate(located, Registry)
    out, errors = [], []
    seen: set[str] = set()
    for i, edition in enumerate(registry.editions):
        if edition.id in seen:
            errors.append(f"{located.where(('editions', i, 'id'))}: editions[{i}].id: duplicate id {edition.id!r}")
            continue
        seen.add(edition.id)
        name = f"{SNAPSHOTS}/{edition.id}.json"
        snap_file = docs / "data" / "editions" / f"{edition.id}.json"
        if not snap_file.is_file():
            errors.append(f"{located.where(('editions', i, 'id'))}: editions[{i}].id: no snapshot {name} (`atlas-tools edition new` writes it)")
            continue
        snap_located = yamlfile.read(snap_file, name)
        snapshot = validate(snap_located, Snapshot)
        if snapshot.edition != edition.id:
            errors.append(f"{snap_located.where(('edition',))}: edition: {snapshot.edition!r} is not {edition.id!r}, the file's name")
        addresses = {s.address for s in snapshot.sections}
        for j, u in enumerate(edition.unchanged):
            for k, d in enumerate(u.sections):
                if d.address not in addresses:
                    loc = ("editions", i, "unchanged", j, "sections", k, "address")
                    errors.append(f"{located.where(loc)}: editions[{i}].unchanged[{j}].sections[{k}].address: "
                                  f"{d.address!r} is not a section of edition {edition.id}")
        out.append(Frozen(edition, list(snapshot.sections)))
    if errors:
        raise DataError(errors)
    return sorted(out, key=lambda f: (f.edition.frozen, f.edition.id), reverse=True)


def snapshot_json(edition_id: str, index: list[Section]) -> str:
    """The snapshot `atlas-tools edition new` commits: one field per line, so errors have lines."""
    doc = {"edition": edition_id, "sections": [
        {"address": s.url, "title": s.title, "page_title": s.page_title, "digest": s.digest, **({"reviewed": s.reviewed} if s.reviewed else {})}
        for s in index if s.page not in SKIP_PAGES
    ]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


@dataclass
class Changes:
    added: list[Section] = field(default_factory=list)
    moved: list[tuple[SnapshotSection, Section]] = field(default_factory=list)
    changed: list[Section] = field(default_factory=list)
    reviewed: list[tuple[str, str, datetime.date | None, str]] = field(default_factory=list)  # page, title, was, now
    unchanged: list[tuple[Section, str]] = field(default_factory=list)  # digest differs, nothing shown does: why
    gone: list[SnapshotSection] = field(default_factory=list)  # must stay empty: the anchor guarantee

    def count(self) -> int:
        return len(self.added) + len(self.moved) + len(self.changed) + len(self.reviewed)


def changes(frozen: Frozen, index: list[Section], moved_sections: dict[str, str], redirects: dict[str, str]) -> Changes:
    """What differs between an edition's sections and the latest index.

    A section of the edition whose address is gone has moved when mkdocs.yml says so
    (extra.moved_sections, or its page in redirect_maps, id kept) or when its id now lives on
    exactly one other page; otherwise it is `gone`, which tests/site/test_editions.py forbids."""
    index = [s for s in index if s.page not in SKIP_PAGES]
    by_url = {s.url: s for s in index}
    by_id: dict[str, list[Section]] = {}
    for s in index:
        by_id.setdefault(s.id, []).append(s)
    page_of_source = {s.source: s.page for s in index}
    same = {(d.address, d.digest): u.why for u in frozen.edition.unchanged for d in u.sections}
    out = Changes()
    kept: set[str] = set()
    for old in frozen.sections:
        now = by_url.get(old.address)
        if now is not None:
            kept.add(now.url)
            if (old.address, now.digest) in same:
                out.unchanged.append((now, same[(old.address, now.digest)]))
            elif now.digest != old.digest:
                out.changed.append(now)
            continue
        page, _, anchor = old.address.partition("#")
        target = moved_sections.get(old.address)
        if target is None:
            for source, dest in redirects.items():
                if source.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/" == page and dest in page_of_source:
                    target = f"{page_of_source[dest]}#{anchor}"
        if target is None and len(by_id.get(anchor, [])) == 1:
            target = by_id[anchor][0].url
        if target in by_url:
            kept.add(target)
            out.moved.append((old, by_url[target]))
        else:
            out.gone.append(old)
    out.added = [s for s in index if s.url not in kept]
    was: dict[str, tuple[str, datetime.date | None]] = {}
    for old in frozen.sections:
        was.setdefault(old.address.partition("#")[0], (old.page_title, old.reviewed))
    seen: set[str] = set()
    for s in index:
        if s.page in seen or s.page not in was or not s.reviewed:
            continue
        seen.add(s.page)
        before = was[s.page][1]
        if before is None or datetime.date.fromisoformat(s.reviewed) > before:
            out.reviewed.append((s.source, s.page_title, before, s.reviewed))
    return out


def _day(d: datetime.date | str | None) -> str:
    if d is None or d == "":
        return "never"
    d = datetime.date.fromisoformat(d) if isinstance(d, str) else d
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _link(s: Section) -> str:
    return f"[{escape(s.title)}]({s.source}#{s.id}) ({escape(s.page_title)})"


def render(editions: list[Frozen], index: list[Section], moved_sections: dict[str, str], redirects: dict[str, str],
           site_url: str = "/") -> str:
    """The /editions/ fragment: every edition, newest first, and what changed since it. The editions
    are linked by their full address (site_url): MkDocs does not know them, they are built later."""
    base = site_url.rstrip("/") + "/editions/"
    if not editions:
        return "No edition had been frozen when this page was built.\n"
    out = []
    for frozen in editions:
        e = frozen.edition
        c = changes(frozen, index, moved_sections, redirects)
        out += [f"## Edition {e.id}: {escape(e.title)} {{ #edition-{e.id} }}", "",
                f"Frozen on {_day(e.frozen)}. **[Read edition {e.id}]({base}{e.id}/)**"
                f" · its [section index]({base}{e.id}/sections.json) · the book as it was: [PDF]({base}{e.id}/downloads/genai-atlas.pdf),"
                f" [EPUB]({base}{e.id}/downloads/genai-atlas.epub).", "",
                f"### What changed since edition {e.id} {{ #since-{e.id} }}", ""]
        if not c.count():
            out += ["Nothing: every section reads as it did in this edition.", ""]
        else:
            out += _listed(c)
        whys: dict[str, list[Section]] = {}
        for s, why in c.unchanged:
            whys.setdefault(why, []).append(s)
        for why, sections in whys.items():
            out += [f"Not counted as changed: {len(sections)} {'section' if len(sections) == 1 else 'sections'} "
                    f"({', '.join(_link(s) for s in sections)}) whose stored form differs while what a reader sees does not: "
                    f"{escape(why)}", ""]
    return "\n".join(out)


def _listed(c: Changes) -> list[str]:
    """The counts and the lists of sections added, moved, changed and pages re-reviewed."""
    out = []
    out += [f"{len(c.added)} sections added, {len(c.moved)} moved, {len(c.changed)} changed, "
            f"{len(c.reviewed)} pages re-reviewed.", ""]
    if c.added:
        out += ["**Added**", ""] + [f"- {_link(s)}" for s in c.added] + [""]
    if c.moved:
        out += ["**Moved** (the old address still leads here)", ""]
        out += [f"- {escape(old.title)}: `{old.address}` is now {_link(new)}" for old, new in c.moved] + [""]
    if c.changed:
        out += ["**Changed** (text, formulas, tables or figures)", ""] + [f"- {_link(s)}" for s in c.changed] + [""]
    if c.reviewed:
        out += ["**Re-reviewed** (facts checked again)", ""]
        out += [f"- [{escape(title)}]({source}): on {_day(now)} (the edition: {_day(was)})" for source, title, was, now in c.reviewed] + [""]
    return out
