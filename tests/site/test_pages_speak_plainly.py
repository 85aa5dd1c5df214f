"""Facts about every built page that readers rely on: unique ids, no talk of the site's workshop,
and a catalogue row for every system the prose names."""

from __future__ import annotations

import re
from collections import Counter

import yaml

from atlas_tools.built import article, read
from sitemap import ROOT

ID = re.compile(r'\sid="([^"]+)"')
WORKSHOP = re.compile(r"seed articles?|the seeds|one seed|both seeds|the seed's|this site's sources|seed example", re.I)


def test_every_id_on_every_built_page_is_unique(site):
    dupes = {}
    for page in site.rglob("*.html"):
        counts = Counter(ID.findall(read(page)))
        bad = sorted(i for i, n in counts.items() if n > 1)
        if bad:
            dupes[page.relative_to(site).as_posix()] = bad[:8]
    assert not dupes, f"ids given twice on one page: {dupes}"


def test_the_unique_id_check_can_fail():
    assert Counter(ID.findall('<h2 id="a"></h2><dt id="a"></dt><p id="b"></p>'))["a"] == 2


def test_no_page_speaks_of_its_sources_as_seeds(site):
    hits = []
    for page in site.rglob("index.html"):
        text = re.sub(r"<[^>]+>", " ", article(read(page)))
        hits += [f"{page.parent.relative_to(site)}: …{m.group(0)}…" for m in WORKSHOP.finditer(text)]
    assert not hits, "pages speak of the site's own sources:\n" + "\n".join(hits[:20])
    assert WORKSHOP.search("as one seed article says") and not WORKSHOP.search("a random seed of 42")


def test_every_system_the_prose_names_has_a_catalogue_row(site):
    atlas = yaml.safe_load((ROOT / "docs/data/atlas.yaml").read_text(encoding="utf-8"))
    rows = {n for s in atlas["systems"] for n in [s["name"], *s.get("aliases", [])]}
    names = atlas.get("named_systems") or []
    assert len(names) >= 40, "named_systems in atlas.yaml lists the system names the prose may use"
    prose = " ".join(re.sub(r"<[^>]+>", " ", article(read(p))) for p in site.rglob("index.html") if "models" not in p.parts)
    missing = [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", prose) and n not in rows]
    assert not missing, f"named in the pages but without a row (name or alias) in the catalogue: {missing}"
