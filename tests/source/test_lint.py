"""ruff is clean on every Python file of the project, and Biome on every script the site serves."""

import re
import subprocess

from sitemap import ROOT


def test_ruff_is_clean():
    result = subprocess.run([str(ROOT / ".venv/bin/ruff"), "check", "scripts", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_biome_is_clean_on_the_javascript():
    biome = ROOT / "node_modules/.bin/biome"
    assert biome.exists(), "Biome is missing: run `make setup` (npm ci installs it from package-lock.json)"
    result = subprocess.run([str(biome), "lint", "--error-on-warnings", "docs/javascripts"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_build_package_never_imports_the_tools():
    offenders = [p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts/atlas_build").rglob("*.py")
                 if re.search(r"^\s*(?:from|import) atlas_tools", p.read_text(encoding="utf-8"), re.M)]
    assert not offenders, f"atlas_build must not import atlas_tools (make build never runs the tools): {offenders}"
