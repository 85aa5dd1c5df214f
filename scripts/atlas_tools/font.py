#!/usr/bin/env python3
"""Remake docs/assets/fonts/latinmodern-math.woff2: Latin Modern Math cut down to the glyphs
the site's formulas use (`make font`, after `make build`).

Why: Chromium stretches brackets around fractions only with an OpenType MATH font, and the full
font is ~700 KB; the page-weight budget allows a few tens of KB. The MATH table (size variants,
stretchy parts) of the kept glyphs is kept; OpenType layout features are not.
tests/site/test_math_font.py fails, naming this command, when a formula needs a glyph the font lacks.

Source font: Debian's fonts-lmodern (GUST Font License); `make font` installs it if missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

from atlas_build.paths import ROOT
from atlas_tools.mathfont import site_characters

SOURCE = Path("/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")
TARGET = ROOT / "docs/assets/fonts/latinmodern-math.woff2"
# Always kept, so a new formula with ordinary symbols rarely needs a remake.
BASE = "+-=()[]{}|/.,:;!<>'*^_" + "∑∏∫√∞∂∇≈≠≤≥±×·−∈∼⊤→←⇒‖⟨⟩"


def main(argv: list[str] | None = None) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    if not SOURCE.is_file():
        print(f"error: {SOURCE} is missing: install Debian's fonts-lmodern", file=sys.stderr)
        return 1
    chars = site_characters(site) | set(BASE)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []  # the MATH table is kept regardless; features like ssty double the size
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    subset.save_font(font, str(TARGET), options)
    print(f"{TARGET.relative_to(ROOT)}: {len(chars)} characters, {TARGET.stat().st_size / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
