"""The edition flow end to end, on a scratch repository made from this checkout: `edition new`
freezes a commit, later edits change the latest but not the edition, `edition build` publishes it at
/editions/ID/ beside the latest with its own sections.json, search and downloads, and its banner
links to the same section of the latest edition."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from unittest import mock

import pytest

from atlas_build.paths import ROOT
from atlas_tools import editions as tool
from atlas_tools.serve import PREFIX, free_port, serve
from conftest import build_site

pytestmark = pytest.mark.browser

EDITION = "2030a"
SECTION = "concepts/gans/#mode-collapse"
IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}  # CI has no git identity


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def scratch_repo(tmp):
    """This checkout's files as they are (committed or not), as the first commit of a new repository."""
    repo = tmp / "repo"
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    for linked in ("node_modules", ".cache"):  # npm packages, and the worked examples' cache (same code)
        if (ROOT / linked).is_dir():
            (repo / linked).symlink_to(ROOT / linked)
    vendor = ROOT / "docs/javascripts/figures/vendor"
    shutil.copytree(vendor, repo / "docs/javascripts/figures/vendor")
    git(repo, "init", "-q", "-b", "main")
    (repo / ".git/info/exclude").write_text("node_modules\n.cache\n", encoding="utf-8")  # links, not files to commit
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "scratch")
    return repo


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("editions")
    with mock.patch.dict(os.environ, IDENTITY):
        repo = scratch_repo(tmp)
        commit = tool.new(repo, EDITION, "Test term 2030", datetime.date(2030, 1, 15))
    # After the freeze, the latest moves on: one section's text changes.
    page = repo / "docs/concepts/gans.md"
    text = page.read_text(encoding="utf-8")
    marker = "## Mode collapse { #mode-collapse }\n\n"
    assert marker in text
    page.write_text(text.replace(marker, marker + "Added after the edition was frozen.\n\n", 1), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "atlas_build.generate", "--docs", str(repo / "docs")],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(repo / "scripts")})
    with mock.patch.dict(os.environ, IDENTITY):
        git(repo, "commit", "-q", "-am", "after the edition")
    port = free_port()
    latest = f"http://127.0.0.1:{port}{PREFIX}/"
    site = build_site(repo, tmp / "site", site_url=latest)
    tool.build(repo, site, [EDITION], book=False, latest_url=latest)
    with serve(site, port) as url:
        yield {"url": url, "site": site, "commit": commit, "repo": repo}


def test_the_edition_is_the_frozen_commit_not_the_latest(published):
    site = published["site"]
    frozen = (site / "editions" / EDITION / "concepts/gans/index.html").read_text(encoding="utf-8")
    latest = (site / "concepts/gans/index.html").read_text(encoding="utf-8")
    assert "Added after the edition was frozen." in latest
    assert "Added after the edition was frozen." not in frozen
    assert f'data-atlas-edition="{EDITION}"' in frozen and 'class="atlas-edition"' not in latest
    assert published["commit"] != subprocess.run(["git", "-C", str(published["repo"]), "rev-parse", "HEAD"],
                                                 capture_output=True, text=True, check=True).stdout.strip()


def test_the_edition_has_its_own_index_search_and_downloads(published):
    root = published["site"] / "editions" / EDITION
    doc = json.loads((root / "sections.json").read_text(encoding="utf-8"))
    assert any(s["url"].endswith(SECTION) for s in doc["sections"])
    assert (root / "search/search_index.json").is_file()
    assert (root / "downloads/quiz/all.moodle.xml").is_file()


def test_what_changed_lists_the_edited_section(published):
    changes = (published["repo"] / "docs/_generated/editions/changes.md").read_text(encoding="utf-8")
    since = changes.split(f"{{ #since-{EDITION} }}", 1)[1].split("{ #since-", 1)[0]  # not the older editions' lists
    assert "**Changed**" in since and "(concepts/gans.md#mode-collapse)" in since
    assert "**Added**" not in since and "**Moved**" not in since


def test_banner_links_to_the_section_last_read_in_the_latest(published, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    base = published["url"]
    try:
        page.goto(f"{base}/editions/{EDITION}/{SECTION}", wait_until="load")
        bar = page.locator(".atlas-edition")
        bar.wait_for()
        assert f"Edition {EDITION}" in bar.inner_text() and "Test term 2030" in bar.inner_text()
        link = bar.locator("a.atlas-edition__latest")
        # Scrolled into a later section, the link follows the reader ...
        later = page.evaluate("() => [...document.querySelectorAll('article h2[id]')].map(h => h.id).at(-2)")
        page.evaluate("id => document.getElementById(id).scrollIntoView()", later)
        page.wait_for_function("id => document.querySelector('a.atlas-edition__latest').href.endsWith('#' + id)", arg=later)
        # ... and keeps that section while the reader scrolls back up to the bar to follow it.
        page.evaluate("() => document.getElementById('mode-collapse').scrollIntoView()")
        page.wait_for_function("() => document.querySelector('a.atlas-edition__latest').href.endsWith('#mode-collapse')")
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(100)
        assert link.get_attribute("href") == f"{base}/{SECTION}"
        link.click()
        page.wait_for_url(f"{base}/{SECTION}")
        assert page.locator(".atlas-edition").count() == 0  # the latest has no edition bar
        assert page.evaluate("document.getElementById('mode-collapse') !== null")
    finally:
        context.close()


def test_search_in_the_edition_stays_in_the_edition(published, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{published['url']}/editions/{EDITION}/", wait_until="load")
        page.keyboard.press("/")
        page.wait_for_selector("input.md-search__input:focus")
        page.keyboard.type("mode collapse")
        first = page.locator(".md-search-result__item a").first
        first.wait_for(timeout=15000)
        assert f"/editions/{EDITION}/" in first.get_attribute("href")
    finally:
        context.close()
