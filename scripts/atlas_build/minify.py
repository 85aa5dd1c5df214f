"""MkDocs hook: the site's own scripts and stylesheets ship minified.

The sources in docs/javascripts/ and docs/stylesheets/ keep their comments (they say why); readers
download them without, which saves a few KiB of every page's 120 KiB first-visit budget. esbuild
(pinned in package.json) rewrites the built copies in site/ once, after the build; vendored files
(figures/vendor/) are minified already and left alone. A builder that runs no hooks (Zensical)
ships the sources as they are: the same code, heavier.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from atlas_build.paths import NODE_MODULES

ESBUILD = NODE_MODULES / ".bin/esbuild"
FOLDERS = ("javascripts", "stylesheets")


def minifiable(site: Path) -> list[Path]:
    """The built copies of our own .js and .css files (vendored ones aside)."""
    return sorted(
        p for folder in FOLDERS for p in (site / folder).rglob("*")
        if p.suffix in (".js", ".css") and "vendor" not in p.relative_to(site).parts
    )


def minify(site: Path) -> list[Path]:
    """Minify those files in place with one esbuild run; the files it rewrote. Raises on failure,
    which fails the build: a page must never ship a half-written script."""
    files = minifiable(site)
    if not files:
        return []
    if not ESBUILD.exists():
        raise RuntimeError(f"{ESBUILD} is missing: run `make setup` (npm ci installs esbuild)")
    run = subprocess.run(
        [str(ESBUILD), "--minify", "--allow-overwrite", "--log-level=warning", "--charset=utf8",
         f"--outbase={site}", f"--outdir={site}", *map(str, files)],
        capture_output=True, text=True,
    )
    if run.returncode != 0 or run.stderr.strip():
        raise RuntimeError(f"esbuild could not minify the site's scripts and styles:\n{run.stderr}")
    return files


def on_post_build(config, **_):
    minify(Path(config["site_dir"]))
