"""Facts about the site shared by several tests: its public URLs and how to read built pages."""

from __future__ import annotations

import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import yaml

from atlas_build.paths import ROOT

# The generator, as `make generate` runs it (the installed package, not a path into scripts/).
GENERATE = [sys.executable, "-m", "atlas_build.generate"]

# The public URL contract (DEVELOPERS.md). Every entry must exist, forever.
CONCEPTS = ["neural-networks", "rnns", "gans", "vaes", "diffusion-models", "transformers", "tokenization", "large-language-models"]
URLS = (
    ["", "generative-ai-vs-llms/"]
    + [f"concepts/{c}/" for c in CONCEPTS]
    + ["applications/", "challenges/", "models/", "timeline/", "glossary/", "references/", "for-instructors/"]
)


def required_anchors() -> dict[str, list[str]]:
    return yaml.safe_load((ROOT / "tests/required_anchors.yaml").read_text(encoding="utf-8"))


class PageParser(HTMLParser):
    """Collects ids, links and image/svg accessibility facts from one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.images: list[dict] = []
        self.svgs: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a)
        if tag == "svg":
            self.svgs.append(a)


@cache
def parse(path: Path) -> PageParser:
    """A built page's ids and links, parsed once per test session (every site is built afresh
    into its own folder, so a path always names the same content)."""
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def example_fragment(name: str) -> str:
    """The committed worked-example fragment docs/_generated/examples/<name>.md, as the page shows it."""
    path = ROOT / "docs" / "_generated" / "examples" / f"{name}.md"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `make generate`"
    return path.read_text(encoding="utf-8")
