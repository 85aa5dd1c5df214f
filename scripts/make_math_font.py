#!/usr/bin/env python3
"""Remake docs/assets/fonts/latinmodern-math.woff2: Latin Modern Math cut down to what formulas use (~52 KiB).

Why: Chromium stretches brackets around fractions only with an OpenType MATH font, and the full
font is ~700 KB. Keeping Latin, Greek, operators, arrows and the mathematical alphanumerics
(with their MATH-table size variants) gives a file small enough for the page-weight budget.

Source font: Debian's fonts-lmodern (GUST Font License), /usr/share/texmf/fonts/opentype/public/lm-math/.
Run by hand when formulas need new symbols:  .venv/bin/python scripts/make_math_font.py
"""

from pathlib import Path

from fontTools import subset

SOURCE = Path("/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")
TARGET = Path(__file__).resolve().parent.parent / "docs/assets/fonts/latinmodern-math.woff2"
UNICODES = (
    # Latin, Greek, a few operators and delimiters, letterlike symbols (ℒ ℕ ℝ), arrows
    "U+0020-007E,U+00B1,U+00B7,U+00D7,U+0391-03C9,U+03D1,U+03D5,U+03F5,U+2016,U+2032,U+2112,U+211D,"
    "U+2115,U+2190-2192,U+21D2,U+2200-222B,U+2248-2265,U+22C5,U+22EF,U+27E8-27E9,"
    # mathematical bold, italic, script, double-struck Latin and italic Greek (MathML Core maps <mi> to italic)
    "U+1D400-1D4CF,U+1D538-1D56B,U+1D6FC-1D71B"
)


def main() -> None:
    options = subset.Options()
    options.flavor = "woff2"
    # No OpenType layout features: the MATH table (size variants, stretching) is kept regardless,
    # and features such as ssty would double the file.
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(TARGET), options)
    print(f"{TARGET}: {TARGET.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
