"""Links that courses hold keep working: every shipped address resolves, and redirects land."""

from __future__ import annotations

from atlas_build.urls import address, moved_sections, read_config, redirect_maps
from atlas_tools.manifest import read_manifest, site_anchors, unresolved
from sitemap import ROOT


def redirects() -> tuple[dict[str, str], dict[str, str]]:
    config = read_config(ROOT / "mkdocs.yml")
    return redirect_maps(config), moved_sections(config)


def test_every_shipped_address_still_resolves(site):
    manifest = read_manifest(ROOT / "anchors.txt")
    assert len(manifest) > 100, "anchors.txt looks empty: run `make anchors`"
    missing = unresolved(manifest, site_anchors(site), *redirects())
    assert not missing, "shipped addresses this build lost (add a redirect or restore the id):\n" + "\n".join(missing)


def test_every_address_of_this_build_is_in_the_manifest(site):
    new = sorted(site_anchors(site) - set(read_manifest(ROOT / "anchors.txt")))
    assert not new, f"{len(new)} addresses not yet in anchors.txt; run `make anchors` and commit it: {new[:10]}"


def test_every_redirect_lands_on_an_existing_page_and_anchor(site):
    maps, moved = redirects()
    built = site_anchors(site)
    for old, new in maps.items():
        page, _, frag = new.partition("#")
        target = address(page) + (f"#{frag}" if frag else "")
        assert target in built, f"redirect {old} -> {new}: {target} does not exist"
        assert (site / address(old).lstrip("/") / "index.html").is_file(), f"redirect {old}: mkdocs-redirects wrote no stub"
    for old, new in moved.items():
        assert "/" + new.lstrip("/") in built, f"moved section {old} -> {new}: the target does not exist"


def test_a_lost_section_is_reported_unless_redirected():
    built = {"/", "/concepts/gans/", "/concepts/gans/#generator", "/concepts/new/", "/concepts/new/#elbo"}
    manifest = ["/", "/concepts/gans/#generator", "/concepts/gans/#old-id", "/concepts/old/#elbo"]
    assert unresolved(manifest, built, {}, {}) == ["/concepts/gans/#old-id", "/concepts/old/#elbo"]
    assert unresolved(manifest, built, {"concepts/old.md": "concepts/new.md"}, {"concepts/gans/#old-id": "concepts/gans/#generator"}) == []


def test_every_address_of_every_frozen_edition_resolves_in_the_latest(site):
    """The anchor guarantee across editions (docs/data/editions/): a syllabus that links an
    edition's section can swap in the latest address, which resolves or forwards."""
    from atlas_build import editions

    frozen = editions.load(ROOT / "docs")
    assert frozen, "docs/data/editions.yaml lists no edition"
    addresses = ["/" + s.address for f in frozen for s in f.sections]
    missing = unresolved(addresses, site_anchors(site), *redirects())
    assert not missing, "addresses of a frozen edition the latest lost (add a redirect or a moved section):\n" + "\n".join(missing)
    assert not set(addresses) - set(read_manifest(ROOT / "anchors.txt")), "an edition's addresses must be in anchors.txt"
