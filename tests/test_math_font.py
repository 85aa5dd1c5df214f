"""The math font served with the site covers every character its formulas draw."""

from fontTools.ttLib import TTFont

from atlas.mathfont import characters, italic, site_characters
from sitemap import ROOT


def test_font_covers_every_formula_character(site):
    cmap = TTFont(ROOT / "docs/assets/fonts/latinmodern-math.woff2").getBestCmap()
    missing = sorted(c for c in site_characters(site) if ord(c) not in cmap)
    assert not missing, f"the math font lacks {missing}: run `make font` and commit the font"


def test_single_letter_identifiers_need_their_italic_form():
    chars = characters('<math><mi>x</mi><mi>h</mi><mi mathvariant="normal">d</mi><mi>log</mi><mo>&#x0002B;</mo></math>')
    assert {italic("x"), "\u210e", "d", "l", "o", "g", "+"} <= chars
    assert "x" in chars  # the source letter is kept too: a fallback font may draw it
    assert italic("α") == "\U0001D6FC" and italic("A") == "\U0001D434"
