"""The gallery's standalone SVGs (docs/figures/, atlas_build/gallery.py) in Chromium, each opened alone:

- it asks for nothing but itself (no stylesheet, font or image from anywhere), draws at its width
  and height, and draws something: ink on its paper, not a blank or one-colour box;
- its light and dark variants differ in background and in ink;
- its PNG (atlas-tools figures) is twice the size Chromium draws the SVG at;
- it paints like the page: every element's computed fill, stroke, opacity, stroke width and font
  equal those of the same diagram inline under the site's real stylesheets, in both schemes.
No built site is needed: the files are the committed ones.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from atlas_build import gallery
from atlas_build.paths import DOCS, ROOT
from atlas_tools.figures import png_facts

pytestmark = pytest.mark.browser
FOLDER = DOCS / gallery.FIGURES
# Each drawn element's computed paint, in document order; the standalone's metadata and the paper
# it adds (the <rect> right after <metadata>) left out, so both lists line up element for element.
PAINT = """root => [...root.querySelectorAll('*')]
  .filter(e => !e.closest('metadata') && e !== root.querySelector(':scope > metadata + rect'))
  .map(e => { const s = getComputedStyle(e);
    return [e.tagName, s.fill, s.fillOpacity, s.stroke, s.strokeOpacity, s.strokeWidth, s.fontSize, s.fontWeight]; })"""


def paint(rows: list[list[str]]) -> list[tuple]:
    """Computed paint made comparable: a colour and its opacity folded into one (#rrggbb, alpha)."""
    out = []
    for tag, fill, fill_opacity, stroke, stroke_opacity, width, size, weight in rows:
        f, k = gallery.colour(fill), gallery.colour(stroke)
        out.append((tag, f and (f[0], round(f[1] * float(fill_opacity), 2)), k and (k[0], round(k[1] * float(stroke_opacity), 2)),
                    width, size, weight))
    return out


def ink(shot: bytes) -> tuple[tuple[int, ...], tuple[int, ...], float]:
    """(background colour, commonest other colour, share of pixels that are not background)."""
    img = Image.open(io.BytesIO(shot)).convert("RGB")
    counts = {colour: n for n, colour in img.getcolors(img.width * img.height)}
    background = img.getpixel((0, 0))
    others = [(n, c) for c, n in counts.items() if max(abs(a - b) for a, b in zip(c, background, strict=True)) > 40]
    inked = sum(n for n, _ in others) / (img.width * img.height)
    return background, max(others)[1] if others else background, inked


def screenshot(page, clip) -> bytes:
    """The clip as a JPEG. Chromium sometimes answers "Unable to capture screenshot" when the
    machine is busy (it had no frame ready); a second try after a frame is then the real answer."""
    try:
        return page.screenshot(clip=clip, type="jpeg", quality=90)
    except Exception as error:
        if "Unable to capture screenshot" not in str(error):
            raise
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return page.screenshot(clip=clip, type="jpeg", quality=90)


@pytest.fixture(scope="session")
def drawn(browser):
    """name-variant -> (CSS size Chromium draws it at, background, ink, inked share, other requests)."""
    context = browser.new_context(viewport={"width": 800, "height": 800})  # larger than every diagram
    page = context.new_page()
    out, requests = {}, []
    page.on("request", lambda r: requests.append(r.url))
    for svg in sorted(FOLDER.glob("*.svg")):
        requests.clear()
        own = svg.resolve().as_uri()
        page.goto(own)
        box = page.evaluate("(() => { const r = document.documentElement.getBoundingClientRect(); return [r.width, r.height]; })()")
        clip = {"x": 0, "y": 0, "width": max(1, box[0]), "height": max(1, box[1])}
        out[svg.stem] = (tuple(round(v) for v in box), *ink(screenshot(page, clip)),
                         [u for u in requests if u != own], paint(page.evaluate(f"({PAINT})(document.documentElement)")))
    context.close()
    return out


def test_each_svg_renders_alone_and_its_variants_differ(drawn):
    assert len(drawn) >= 34
    problems = []
    for stem, (size, _background, _ink, inked, requests, _paint) in drawn.items():
        if requests:
            problems.append(f"{stem}: asked for {requests}")
        if min(size) < 100:
            problems.append(f"{stem}: drawn at {size}")
        if inked < 0.01:
            problems.append(f"{stem}: only {inked:.2%} of it is ink")
    for stem in (s for s in drawn if s.endswith("-light")):
        light, dark = drawn[stem], drawn[stem.replace("-light", "-dark")]
        if light[1] == dark[1] or light[2] == dark[2]:
            problems.append(f"{stem}: light and dark share their background or ink ({light[1:3]} / {dark[1:3]})")
        if sum(light[1]) < sum(dark[1]):
            problems.append(f"{stem}: the light variant's paper is darker than the dark one's")
    assert not problems, "\n".join(problems)


def test_each_png_is_twice_the_size_the_svg_is_drawn_at(drawn):
    wrong = []
    for stem, (size, *_rest) in drawn.items():
        (w, h), _texts = png_facts((FOLDER / f"{stem}.png").read_bytes())
        if (w, h) != (size[0] * gallery.PNG_SCALE, size[1] * gallery.PNG_SCALE):
            wrong.append(f"{stem}.png: {w} x {h}, the SVG draws at {size[0]} x {size[1]}")
    assert not wrong, "run `atlas-tools figures`:\n" + "\n".join(wrong)


def test_standalone_copies_paint_like_the_pages(browser, drawn, tmp_path):
    """Each diagram file inline in a page with the site's real stylesheets (Material's, atlas.css,
    a11y.css), in each scheme, against its standalone copy opened alone: every element's fill,
    stroke, opacities, stroke width and font the same. gallery.MATERIAL copies Material's colours:
    a theme update or an a11y.css change that moves them fails here."""
    material = sorted((ROOT / ".venv").glob("lib/python3*/site-packages/material/templates/assets/stylesheets/*.min.css"))
    assert material, "Material's stylesheets are missing from .venv"
    sheets = [*material, DOCS / "stylesheets/atlas.css", DOCS / "stylesheets/a11y.css"]
    links = "".join(f'<link rel="stylesheet" href="{s.resolve().as_uri()}">' for s in sheets)
    sources = sorted((DOCS / gallery.DIAGRAMS).glob("*.svg"))
    figures = "".join(f'<div class="atlas-svg" data-name="{f.stem}">{f.read_text(encoding="utf-8")}</div>' for f in sources)
    page = browser.new_page()
    mismatches = []
    for variant, scheme in gallery.SCHEMES.items():
        (tmp_path / f"{scheme}.html").write_text(
            f'<!doctype html><html><head>{links}</head><body data-md-color-scheme="{scheme}" data-md-color-primary="indigo">'
            f'<article class="md-content__inner md-typeset">{figures}</article></body></html>', encoding="utf-8")
        page.goto((tmp_path / f"{scheme}.html").as_uri())
        seen = page.evaluate(f"[...document.querySelectorAll('[data-name]')].map(d => [d.dataset.name, ({PAINT})(d.querySelector('svg'))])")
        for name, rows in seen:
            alone = drawn[f"{name}-{variant}"][-1]
            page_paint = paint(rows)
            if len(alone) != len(page_paint):
                mismatches.append(f"{name}-{variant}: {len(alone)} elements alone, {len(page_paint)} on the page")
                continue
            for i, (a, b) in enumerate(zip(alone, page_paint, strict=True)):
                if a != b:
                    mismatches.append(f"{name}-{variant}.svg element {i}: {a} alone, {b} on the page")
    page.close()
    assert len(seen) == len(sources) >= 16
    assert not mismatches, "the standalone copies drift from the pages (gallery.MATERIAL or the cascade in gallery.py):\n" + "\n".join(mismatches[:20])
