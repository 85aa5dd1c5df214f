"""A value changed in the data reaches the built pages: tables are generated, not typed."""

from __future__ import annotations

import subprocess

from conftest import build_site
from sitemap import GENERATE


def test_changed_value_reaches_built_pages(project_copy, tmp_path_factory):
    data = project_copy / "docs/data/atlas.yaml"
    text = data.read_text(encoding="utf-8")
    marker = "Zz-marker-value-Qq"
    assert "    maker: OpenAI\n" in text
    data.write_text(text.replace("    maker: OpenAI\n", f"    maker: {marker}\n", 1)
                        .replace("generative_ai: Produce new content", f"generative_ai: {marker} produce new content", 1), encoding="utf-8")
    subprocess.run([*GENERATE, "--docs", str(project_copy / "docs")], check=True)
    site = build_site(project_copy, tmp_path_factory.mktemp("changed-site"))
    assert marker in (site / "models/index.html").read_text(encoding="utf-8")
    assert marker in (site / "generative-ai-vs-llms/index.html").read_text(encoding="utf-8")
    assert marker in (site / "data/atlas.yaml").read_text(encoding="utf-8")
