"""The math font served with the site covers every character its formulas draw."""

from fontTools.ttLib import TTFont

from atlas_tools.mathfont import characters, italic, needs_math_font, site_characters
from sitemap import ROOT


def test_font_covers_every_formula_character(site):
    cmap = TTFont(ROOT / "docs/assets/fonts/latinmodern-math.woff2").getBestCmap()
    missing = sorted(c for c in site_characters(site) if ord(c) not in cmap)
    assert not missing, f"the math font lacks {missing}: run `make font` and commit the font"


def test_single_letter_identifiers_need_their_italic_form():
    chars = characters('<math><mi>x</mi><mi>h</mi><mi mathvariant="normal">d</mi><mi>log</mi><mo>&#x0002B;</mo></math>')
    assert {italic("x"), "\u210e", "d", "l", "o", "g", "+"} <= chars
    assert "x" in chars  # the source letter is collected too, though a fallback font draws it
    assert italic("α") == "\U0001D6FC" and italic("A") == "\U0001D434"


def test_upright_letters_and_digits_are_left_to_the_fallback_font():
    assert not needs_math_font("x") and not needs_math_font("7") and not needs_math_font("α")
    assert needs_math_font("\U0001D465") and needs_math_font("∑") and needs_math_font("(")
