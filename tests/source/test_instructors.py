"""/for-instructors/ from the sources (issue #16): every section has a one-line summary an
instructor can use and a reading time; the reading paths exist and are long enough to teach from."""

from __future__ import annotations

import json

import pytest

from atlas_build import instructors, sections, urls
from atlas_build.fragments import HEADER, build_fragments
from atlas_build.pages import read_pages
from atlas_build.paths import DOCS
from atlas_build.schema import summary_problem


@pytest.fixture(scope="session")
def built():
    fragments = {k.removeprefix("_generated/"): v.removeprefix(HEADER) for k, v in build_fragments(DOCS).items()}
    nav = sections.nav(urls.read_config())
    loaded = instructors.load(DOCS)
    after = {"for-instructors/reading-paths.md", "for-instructors/section-index.md"}  # made from the sections
    before = {k: v for k, v in fragments.items() if k not in after}
    index = sections.collect(read_pages(DOCS), [p for _, p in nav], before, instructors.overrides(loaded))
    return index, loaded, fragments


def test_every_section_has_a_summary_an_instructor_can_use(built):
    index, _, _ = built
    bad = [f"docs/{s.source}#{s.id}: {summary_problem(s.summary) or 'empty'}: {s.summary[:80]!r}" for s in index
           if not s.summary or summary_problem(s.summary)]
    assert not bad, "write a summary in docs/data/instructors.yaml (summaries:) for:\n" + "\n".join(bad)
    assert len(index) > 200


def test_summary_rules_refuse_what_the_old_index_showed():
    assert summary_problem("—")
    assert summary_problem(r"The gradient $\partial L / \partial \theta_i$ of the loss.")
    assert summary_problem("Three precise statements replace the framing:")
    assert summary_problem("A single artificial neuron computes")
    assert summary_problem("Five well-known models, placed.")
    assert summary_problem("x" * 150 + " a long one that goes on and on past the limit of a line.")
    assert summary_problem("Where diffusion models meet transformers and what that changes for video.") is None


def test_every_section_has_a_reading_time(built):
    index, _, _ = built
    assert all(isinstance(s.minutes, int) and s.minutes >= 1 for s in index)
    by = {f"{s.source}#{s.id}": s for s in index}
    # A long chapter's whole-section times add up to more than its introduction's.
    assert by["concepts/transformers.md#transformers"].minutes < sum(s.minutes for s in index if s.source == "concepts/transformers.md" and s.level == 2)


def test_reading_paths_are_real_syllabi(built):
    index, loaded, fragments = built
    assert loaded is not None
    paths = loaded[0].reading_paths
    assert len(paths) >= 4
    known = {f"{s.source}#{s.id}" for s in index}
    for path in paths:
        assert len(path.sections) >= 8, path.id
        assert set(path.sections) <= known and set(path.prerequisites) <= known
        assert f"{{ #path-{path.id} data-search-exclude }}" in fragments["for-instructors/reading-paths.md"]
    assert {"llm-introduction", "image-generators", "risks-and-society", "transformer-from-scratch"} <= {p.id for p in paths}


def test_sections_json_carries_the_same_summaries_and_reading_times(built):
    index, _, _ = built
    doc = json.loads((DOCS / "sections.json").read_text(encoding="utf-8"))
    published = {(s["page"], s["id"]): (s["summary"], s["minutes"]) for s in doc["sections"]}
    assert published == {(s.page, s.id): (s.summary, s.minutes) for s in index}, "run `make generate`"


def test_the_index_keeps_its_page_anchors_and_links_every_section(built):
    index, _, fragments = built
    html = fragments["for-instructors/section-index.md"]
    for page in {s.page for s in index}:
        assert f'id="index-{page.strip("/").replace("/", "-") or "home"}"' in html
    assert html.count('class="atlas-index-item') == len(index)
    assert "—" not in html and "$" not in html
