"""The site's own scripts and stylesheets ship minified (hook atlas_build/minify.py, esbuild), and a
file esbuild cannot read fails the build instead of shipping half-written."""

from __future__ import annotations

import pytest

from atlas_build.minify import minifiable, minify
from atlas_build.paths import DOCS


def test_our_scripts_and_styles_ship_minified(site):
    files = minifiable(site)
    assert len(files) >= 8, f"only {len(files)} of our scripts and stylesheets found in the build"
    for built in files:
        source = DOCS / built.relative_to(site)
        text = built.read_text(encoding="utf-8")
        assert len(text) < 0.85 * source.stat().st_size, f"{built.relative_to(site)} ships as written (not minified)"
        assert "\n  " not in text, f"{built.relative_to(site)} keeps its indentation"


def test_a_script_esbuild_cannot_parse_fails_the_build(tmp_path):
    (tmp_path / "javascripts").mkdir()
    (tmp_path / "javascripts/broken.js").write_text("function (\n", encoding="utf-8")
    (tmp_path / "javascripts/fine.js").write_text("const answer = 42; // why\nconsole.log(answer);\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"broken\.js"):
        minify(tmp_path)
    assert (tmp_path / "javascripts/broken.js").read_text(encoding="utf-8") == "function (\n"
