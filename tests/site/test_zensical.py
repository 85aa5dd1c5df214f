"""Zensical, Material's successor, builds the same site as MkDocs: the same pages, section
addresses (every shipped one in anchors.txt), generated tables and no broken link. What differs by
design is listed by `atlas-tools zensical` and in README, "Lifecycle"."""

from __future__ import annotations

from atlas_tools.zensical import compare
from sitemap import URLS


def test_zensical_builds_the_same_site(site, zensical_site):
    c = compare(site, zensical_site)
    assert c.pages == len(URLS), f"Zensical built {c.pages} pages, the contract has {len(URLS)}"
    assert c.anchors > 300 and c.tables > 50 and c.links_checked > 1000, "too little compared: is the build empty?"
    assert not c.problems, "the Zensical build differs where it must not:\n" + "\n".join(c.problems)


def _page(root, url, body):
    (root / url).mkdir(parents=True, exist_ok=True)
    (root / url / "index.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")


def test_the_comparison_sees_a_changed_table_a_lost_id_and_a_broken_link(tmp_path):
    ours, theirs = tmp_path / "mkdocs", tmp_path / "zensical"
    _page(ours, "a", '<h2 id="x">X</h2><table><tr><td>1</td></tr></table>')
    _page(theirs, "a", '<h2 id="y">X</h2><table><tr><td>2</td></tr></table><a href="../b/">b</a>')
    problems = "\n".join(compare(ours, theirs).problems)
    assert "section ids differ" in problems and "tables differ" in problems and "no such file" in problems
