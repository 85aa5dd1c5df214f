"""ruff is clean on every Python file of the project."""

import subprocess

from sitemap import ROOT


def test_ruff_is_clean():
    result = subprocess.run([str(ROOT / ".venv/bin/ruff"), "check", "scripts", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
