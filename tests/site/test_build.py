"""The whole site builds strictly (zero warnings), and every public URL exists."""

from __future__ import annotations

import re
import subprocess

import yaml

from sitemap import GENERATE, ROOT, URLS, parse


def test_strict_build_has_zero_warnings(site):
    # The `site` fixture builds in-process with strict=True: any warning raises before we get here.
    assert (site / "index.html").is_file()


def test_every_public_url_exists(site):
    missing = [url for url in URLS if not (site / url / "index.html").is_file()]
    assert not missing, f"public URLs missing from the build: {missing}"


def test_committed_fragments_are_fresh():
    result = subprocess.run([*GENERATE, "--check"], capture_output=True, text=True)
    assert result.returncode == 0, f"{result.stderr}\n{result.stdout[:3000]}"


def test_data_files_are_published(site):
    for name in ("atlas.yaml", "references.yaml", "glossary.yaml"):
        published = site / "data" / name
        assert published.is_file(), f"/data/{name} is not published"
        assert yaml.safe_load(published.read_text(encoding="utf-8")) == yaml.safe_load((ROOT / "docs/data" / name).read_text(encoding="utf-8"))


def test_pages_show_when_they_were_last_reviewed(site):
    for url in URLS:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert re.search(r'Last reviewed: <time datetime="\d{4}-\d{2}-\d{2}">', html), f"/{url} lacks 'Last reviewed'"


def test_sitemap_and_search_index_are_built(site):
    assert "<loc>https://genai-atlas.github.io/genai-atlas/concepts/gans/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "search" / "search_index.json").is_file()


def test_comparison_anchors_hold_generated_tables(site):
    page = parse(site / "generative-ai-vs-llms/index.html")
    for anchor in ("at-a-glance", "purpose", "what-they-generate", "architectures", "applications", "challenges", "how-they-relate"):
        assert anchor in page.ids
    html = (site / "generative-ai-vs-llms/index.html").read_text(encoding="utf-8")
    assert html.count("<table>") >= 7
