"""`make build` as a contributor runs it: bad data stops it with exit 2 and leaves site/ as it was,
two builds in one checkout do not trample each other, and npm can rebuild node_modules offline."""

from __future__ import annotations

import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from atlas_build.paths import ROOT

# Set-up is done (the suite runs inside it): tell make the stamps are current, so it only builds.
MAKE = ["make", "-s", "-o", ".venv/.installed", "-o", "node_modules/.installed", "build"]


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A checkout to build in: the sources copied, the installed tools linked."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml", "requirements.lock", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in (".venv", "node_modules", "scripts"):
        (tmp_path / name).symlink_to(ROOT / name)
    return tmp_path


def make_build(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(MAKE, cwd=where, capture_output=True, text=True, timeout=600)


def listing(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")} if site.exists() else {}


def test_two_builds_at_once_both_succeed_and_leave_a_whole_site(checkout):
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(make_build, [checkout, checkout]))
    assert [r.returncode for r in runs] == [0, 0], "\n".join(r.stdout[-1500:] + r.stderr[-1500:] for r in runs)
    site = checkout / "site"
    assert (site / "index.html").is_file() and (site / "search/search_index.json").is_file()
    assert not list(checkout.glob("site.build.*")) and not list(checkout.glob("site.old.*")), "temporary folders left behind"


def test_bad_data_stops_the_build_with_exit_2_and_leaves_site_as_it_was(checkout):
    (checkout / "site").mkdir()
    (checkout / "site/index.html").write_text("the last good build\n", encoding="utf-8")
    before = listing(checkout / "site")
    data = checkout / "docs/data/atlas.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("family: gan", "family: gann", 1), encoding="utf-8")
    run = make_build(checkout)
    assert run.returncode == 2, run.stdout + run.stderr
    errors = [line for line in run.stderr.splitlines() if "atlas.yaml:" in line]
    assert len(errors) == 1 and "systems[" in errors[0] and ".family" in errors[0], run.stderr
    assert listing(checkout / "site") == before


def test_npm_can_rebuild_node_modules_without_the_registry():
    """`npm ci --offline` installs from npm's cache only when the lock names each download."""
    packages = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    missing = [name for name, p in packages.items() if name and not (p.get("resolved") and p.get("integrity"))]
    assert len(packages) > 5 and not missing, f"package-lock.json lacks download addresses for {missing}"
    assert "omit-lockfile-registry-resolved=false" in (ROOT / ".npmrc").read_text(encoding="utf-8")
