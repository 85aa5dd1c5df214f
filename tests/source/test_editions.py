"""atlas_build/editions.py: the registry and snapshots are validated like the rest of the data, and
"what changed since" sorts every section of an edition into kept, changed, moved or gone."""

from __future__ import annotations

import datetime
import json

import pytest

from atlas_build import editions
from atlas_build.sections import Section
from atlas_build.yamlfile import DataError


def section(page, sid, digest="0" * 16, title=None, reviewed="2026-12-01", source=None):
    return Section(source or (page.rstrip("/") or "index") + ".md", page, page.strip("/").title() or "Home", sid,
                   title or sid.replace("-", " ").capitalize(), 2, "A summary.", 1, digest, reviewed)


def frozen(sections, reviewed=datetime.date(2026, 12, 1)):
    snap = [editions.SnapshotSection(address=s.url, title=s.title, page_title=s.page_title, digest=s.digest,
                                     reviewed=reviewed) for s in sections]
    return editions.Frozen(editions.Edition(id="2027a", title="Spring term 2027", frozen=datetime.date(2026, 12, 2)), snap)


THEN = [section("concepts/gans/", "mode-collapse"), section("concepts/gans/", "old-name"),
        section("concepts/rnns/", "systems"), section("old-page/", "kept-id"), section("concepts/vaes/", "elbo"),
        section("concepts/vaes/", "lost")]


def test_changes_sort_every_section():
    now = [section("concepts/gans/", "mode-collapse", digest="1" * 16),           # text changed
           section("concepts/gans/", "new-name"),                                   # moved by moved_sections
           section("models/", "catalogue"),                                         # target of a moved section
           section("new-page/", "kept-id", source="new-page.md"),                  # its page redirected
           section("concepts/vaes/", "elbo", reviewed="2027-03-01"),               # page re-reviewed
           section("concepts/vaes/", "posterior-collapse", reviewed="2027-03-01"),  # added
           section("editions/", "since-2027a")]                                     # the changelog itself: never listed
    c = editions.changes(frozen(THEN), now, {"concepts/gans/#old-name": "concepts/gans/#new-name",
                                             "concepts/rnns/#systems": "models/#catalogue"}, {"old-page.md": "new-page.md"})
    assert [s.url for s in c.changed] == ["concepts/gans/#mode-collapse"]
    assert sorted((old.address, new.url) for old, new in c.moved) == [
        ("concepts/gans/#old-name", "concepts/gans/#new-name"), ("concepts/rnns/#systems", "models/#catalogue"),
        ("old-page/#kept-id", "new-page/#kept-id")]
    assert [s.url for s in c.added] == ["concepts/vaes/#posterior-collapse"]
    assert [source for source, *_ in c.reviewed] == ["concepts/vaes.md"]
    assert [s.address for s in c.gone] == ["concepts/vaes/#lost"]  # the anchor guarantee would fail on it


def test_an_id_found_on_one_other_page_has_moved_but_not_when_it_is_ambiguous():
    now = [section("applications/", "lost")]
    assert [(o.address, n.url) for o, n in editions.changes(frozen(THEN), now, {}, {}).moved] == [("concepts/vaes/#lost", "applications/#lost")]
    now.append(section("challenges/", "lost"))
    assert "concepts/vaes/#lost" in [s.address for s in editions.changes(frozen(THEN), now, {}, {}).gone]


def test_nothing_changed_reads_as_such_and_text_is_escaped():
    same = editions.render([frozen(THEN)], THEN, {}, {})
    assert "{ #edition-2027a }" in same and "{ #since-2027a }" in same and "Nothing: every section reads as it did" in same
    hostile = [section("concepts/gans/", "mode-collapse", digest="2" * 16, title="<script>alert(1)</script>")]
    text = editions.render([frozen(THEN)], hostile, {}, {})
    assert "<script>" not in text and "&#60;script&#62;" in text


REGISTRY = 'editions:\n  - id: "2027a"\n    title: Spring term 2027\n    frozen: 2026-12-02\n'
UNCHANGED = ('    unchanged:\n      - why: "numbers stored rounded"\n        sections:\n'
             '          - { address: "concepts/gans/#mode-collapse", digest: "1111111111111111" }\n')


def write(docs, registry=REGISTRY, snapshot=None):
    (docs / "data" / "editions").mkdir(parents=True)
    (docs / "data" / "editions.yaml").write_text(registry, encoding="utf-8")
    if snapshot is not False:
        body = snapshot if snapshot is not None else editions.snapshot_json("2027a", THEN)
        (docs / "data" / "editions" / "2027a.json").write_text(body, encoding="utf-8")


def errors(docs) -> str:
    with pytest.raises(DataError) as caught:
        editions.load(docs)
    return str(caught.value)


def test_a_good_registry_loads(tmp_path):
    write(tmp_path)
    (only,) = editions.load(tmp_path)
    assert only.edition.id == "2027a" and len(only.sections) == len(THEN)


@pytest.mark.parametrize(("registry", "snapshot", "expected"), [
    (REGISTRY.replace('"2027a"', '"spring"'), None, "docs/data/editions.yaml:2: editions[0].id: String should match pattern"),
    (REGISTRY + REGISTRY.split("\n", 1)[1], None, "docs/data/editions.yaml:5: editions[1].id: duplicate id '2027a'"),
    (REGISTRY.replace("2026-12-02", "2026-13-02"), None, "docs/data/editions.yaml:4: editions[0].frozen:"),
    (REGISTRY + "    colour: red\n", None, "docs/data/editions.yaml:5: editions[0].colour: unknown field"),
    (REGISTRY, False, "docs/data/editions.yaml:2: editions[0].id: no snapshot docs/data/editions/2027a.json"),
    (REGISTRY, editions.snapshot_json("2027b", THEN), "docs/data/editions/2027a.json:2: edition: '2027b' is not '2027a'"),
    (REGISTRY, editions.snapshot_json("2027a", THEN).replace('"digest": "0000000000000000"', '"digest": "<b>x</b>"', 1),
     "docs/data/editions/2027a.json:8: sections[0].digest: String should match pattern"),
    (REGISTRY, '{"edition": "2027a", "sections": [\n', "docs/data/editions/2027a.json:2: (syntax)"),  # ends early
    (REGISTRY, json.dumps({"edition": "2027a", "sections": []}), "sections: List should have at least 1 item"),
    (REGISTRY + UNCHANGED.replace("concepts/gans/#mode-collapse", "concepts/gans/#nowhere"), None,
     "docs/data/editions.yaml:8: editions[0].unchanged[0].sections[0].address: 'concepts/gans/#nowhere' is not a section of edition 2027a"),
    (REGISTRY + UNCHANGED.replace("1111111111111111", "111"), None,
     "docs/data/editions.yaml:8: editions[0].unchanged[0].sections[0].digest: String should match pattern"),
])
def test_bad_registry_or_snapshot_gets_one_clear_line(tmp_path, registry, snapshot, expected):
    write(tmp_path, registry, snapshot)
    assert expected in errors(tmp_path)


def test_snapshots_leave_the_changelog_out():
    body = json.loads(editions.snapshot_json("2027a", [*THEN, section("editions/", "since-2027a")]))
    assert [s["address"] for s in body["sections"]] == [s.url for s in THEN]


def test_a_recorded_unchanged_digest_is_not_listed_as_changed_but_any_other_digest_is(tmp_path):
    write(tmp_path, REGISTRY + UNCHANGED)
    (recorded,) = editions.load(tmp_path)
    now = [section("concepts/gans/", "mode-collapse", digest="1" * 16), *THEN[1:]]
    c = editions.changes(recorded, now, {}, {})
    assert c.changed == [] and [(s.url, why) for s, why in c.unchanged] == [("concepts/gans/#mode-collapse", "numbers stored rounded")]
    text = editions.render([recorded], now, {}, {})
    assert "Nothing: every section reads as it did" in text and "Not counted as changed: 1 section" in text
    later = [section("concepts/gans/", "mode-collapse", digest="2" * 16), *THEN[1:]]  # then really edited
    assert [s.url for s in editions.changes(recorded, later, {}, {}).changed] == ["concepts/gans/#mode-collapse"]
