"""Shared fixtures: the strict in-process build, a local server for it, and headless Chromium."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from atlas_build.paths import ROOT
from atlas_tools.browser import CHROMIUM, DESKTOP, launch
from atlas_tools.serve import PREFIX, free_port, serve


def build_site(project: Path, site_dir: Path, **overrides) -> Path:
    """Strict MkDocs build in-process: any warning raises, like `mkdocs build --strict`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = Path.cwd()
    os.chdir(project)  # snippets' base_path is relative to the working directory
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(site_dir), **overrides)
        build(config)
    finally:
        os.chdir(cwd)
    return site_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once per test session from the committed sources."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A scratch copy of the sources (docs, scripts, mkdocs.yml, overrides) to break or change."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    if (ROOT / "node_modules").is_dir():  # front-end packages some generators read
        (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "scripts").symlink_to(ROOT / "scripts")  # mkdocs.yml names its hooks by path
    return tmp_path


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The site built for, and served on, a loopback port, for the browser tests.

    It is built with site_url set to the local address, as `mkdocs serve` does, because Material's
    instant navigation only follows links that match sitemap.xml, port included."""
    port = free_port()
    site_dir = build_site(ROOT, tmp_path_factory.mktemp("served-site"), site_url=f"http://127.0.0.1:{port}{PREFIX}/")
    with serve(site_dir, port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def zensical_site() -> Path:
    """The same sources built by Zensical (from .venv-zensical, which `make test` sets up) into
    site-zensical/, once per test run. Test modules that use it run on different xdist workers: a
    second `zensical build --clean` would empty the folder while the first worker's browser reads it
    (CI saw a page without its search button). So the first worker to take the lock builds, and the
    others of the same run (PYTEST_XDIST_TESTRUNUID) reuse that build."""
    from atlas_tools import zensical

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", f"solo-{os.getpid()}")
    done = Path(tempfile.gettempdir()) / f"atlas-zensical-{run}.built"
    with open(Path(tempfile.gettempdir()) / "atlas-zensical.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            try:
                zensical.build()
            except (FileNotFoundError, RuntimeError) as error:
                pytest.fail(str(error))
            done.touch()
    return zensical.OUT
