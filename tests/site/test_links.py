"""Every internal link and #anchor in the built HTML resolves to a file and an id that exist."""

from __future__ import annotations

from atlas_tools.built import parse
from atlas_tools.links import broken, target


def test_every_internal_link_and_anchor_resolves(site):
    checked, bad = broken(site)
    assert checked > 100, f"only {checked} internal links found: is the parser reading the pages?"
    assert not bad, "broken internal links:\n" + "\n".join(bad[:50])


def test_the_checker_catches_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="real">x</h2><a href="#real">ok</a>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<a href="a/#real">ok</a><a href="a/#gone">bad</a><a href="b/">bad</a>', encoding="utf-8")
    results = [target(tmp_path, page, h) for h in parse(page).links]
    assert results[0][0].exists() and results[0][1] in parse(results[0][0]).ids
    assert results[1][1] not in parse(results[1][0]).ids
    assert not results[2][0].exists()
    checked, bad = broken(tmp_path)
    assert checked == 4 and sorted(bad) == ["index.html -> a/#gone: no #gone", "index.html -> b/: no such file"]
