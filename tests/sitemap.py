"""Facts about the site shared by several tests: its public URLs and how to read built pages."""

from __future__ import annotations

import sys

import yaml

from atlas_build.paths import ROOT
from atlas_tools.built import parse  # noqa: F401  (tests read built pages through it)

# The generator, as `make generate` runs it (the installed package, not a path into scripts/).
GENERATE = [sys.executable, "-m", "atlas_build.generate"]

# The public URL contract (DEVELOPERS.md). Every entry must exist, forever.
CONCEPTS = ["neural-networks", "rnns", "gans", "vaes", "diffusion-models", "transformers", "tokenization", "large-language-models"]
URLS = (
    ["", "generative-ai-vs-llms/"]
    + [f"concepts/{c}/" for c in CONCEPTS]
    + ["applications/", "challenges/", "models/", "timeline/", "glossary/", "references/", "for-instructors/", "figures/", "editions/"]
)


def required_anchors() -> dict[str, list[str]]:
    return yaml.safe_load((ROOT / "tests/required_anchors.yaml").read_text(encoding="utf-8"))




def example_fragment(name: str) -> str:
    """The committed worked-example fragment docs/_generated/examples/<name>.md, as the page shows it."""
    path = ROOT / "docs" / "_generated" / "examples" / f"{name}.md"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `make generate`"
    return path.read_text(encoding="utf-8")
