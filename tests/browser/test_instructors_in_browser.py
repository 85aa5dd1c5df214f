"""/for-instructors/ in Chromium (issue #16): an instructor builds a reading list and copies it, on
a phone and a laptop; every control is on screen; axe finds nothing with the builder open, in
light and dark."""

from __future__ import annotations

import json

import pytest

from atlas_tools.browser import VIEWPORTS
from axe import SCHEMES, describe, open_page, run_axe

pytestmark = pytest.mark.browser

SITE = "https://genai-atlas.github.io/genai-atlas/"
CONTROLS = ".atlas-si-tools input, .atlas-si-tools button, .atlas-si-builder button, .atlas-si-builder textarea, .atlas-pick, .atlas-path button"


def ready(page, server: str, width: str, scheme: str = "light", hash_: str = "#reading-paths"):
    page.set_viewport_size(VIEWPORTS[width])
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    open_page(page, f"{server}/for-instructors/{hash_}", scheme)
    page.locator("[data-atlas-figure='section-index'][data-atlas-figure-ready]").wait_for(timeout=20000)


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_build_and_copy_a_reading_list(browser, server, width):
    context = browser.new_context(viewport=VIEWPORTS[width], permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    ready(page, server, width)
    # Find one section with the filter, tick it; then add a whole reading path.
    page.fill("#atlas-index-filter", "mode collapse")
    matches = int(page.locator(".atlas-si-count").inner_text().split(" of ")[0])
    shown = page.evaluate("() => Array.from(document.querySelectorAll('.atlas-index-item')).filter((li) => li.getClientRects().length).length")
    assert 1 <= matches == shown < 20, (matches, shown)  # the rows that do not match are gone from the screen
    row = page.locator(".atlas-index-item[data-atlas-section='concepts/gans/#mode-collapse']")
    row.locator(".atlas-pick").check()
    path = page.locator(".atlas-path[data-atlas-path='transformer-from-scratch']")
    path.locator("button[data-action='add-path']").click()
    n_path = path.locator("ol > li").count()
    assert f"{1 + n_path} sections" in page.locator(".atlas-si-picked").inner_text()

    copied = {}
    for kind in ("markdown", "html", "links"):
        page.locator(f".atlas-si-builder button[data-format='{kind}']").click()
        page.wait_for_function("() => /Copied/.test(document.querySelector('[data-role=live]').textContent)")
        copied[kind] = page.evaluate("() => navigator.clipboard.readText()")
        assert copied[kind] == page.locator("#atlas-list-preview").input_value()
        page.evaluate("() => { document.querySelector('[data-role=live]').textContent = ''; }")
    md = copied["markdown"].splitlines()
    assert md[0] == f"- [Generative adversarial networks: Mode collapse]({SITE}concepts/gans/#mode-collapse) (1 min)"
    assert md[1].startswith(f"- [Neural networks: Neurons and layers]({SITE}concepts/neural-networks/#neurons-and-layers) (")
    assert len(md) == 1 + n_path
    assert copied["html"].startswith(f'<ul>\n  <li><a href="{SITE}concepts/gans/#mode-collapse">Generative adversarial networks: Mode collapse</a>')
    assert copied["html"].endswith("</ul>")
    assert copied["links"].splitlines()[:2] == [f"{SITE}concepts/gans/#mode-collapse", f"{SITE}concepts/neural-networks/#neurons-and-layers"]
    # Every copied address exists on the site: its row is in the index.
    for url in copied["links"].splitlines():
        assert page.locator(f".atlas-index-item[data-atlas-section='{url.removeprefix(SITE)}']").count() == 1
    page.locator(".atlas-si-builder button[data-action='clear']").click()
    assert "Nothing picked" in page.locator(".atlas-si-picked").inner_text()
    context.close()


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_every_control_is_on_screen(page, server, width):
    ready(page, server, width)
    page.locator("button[data-action='open']").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[width]["width"]
    controls = page.locator(CONTROLS)
    assert controls.count() > 200
    off = page.evaluate(f"""() => Array.from(document.querySelectorAll({json.dumps(CONTROLS)})).filter((el) => {{
      const r = el.getBoundingClientRect();
      return !(r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth);
    }}).map((el) => el.outerHTML.slice(0, 80))""")
    assert not off, off[:5]
    small = page.evaluate(f"""() => Array.from(document.querySelectorAll({json.dumps(CONTROLS)})).filter((el) =>
      el.getBoundingClientRect().height < (el.type === 'checkbox' ? 16 : 32)).map((el) => el.outerHTML.slice(0, 80))""")
    assert not small, small[:5]


def test_a_page_group_opens_when_linked(page, server):
    ready(page, server, "1280px", hash_="#index-concepts-gans")
    assert page.locator("#index-concepts-gans").evaluate("d => d.open")
    assert not page.locator("#index-concepts-vaes").evaluate("d => d.open")


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_axe_finds_nothing_with_the_builder_in_use(browser, server, width, scheme):
    context = browser.new_context(viewport=VIEWPORTS[width], color_scheme="dark" if scheme == "dark" else "light")
    page = context.new_page()
    ready(page, server, width, scheme)
    page.locator("button[data-action='open']").click()
    page.locator(".atlas-path[data-atlas-path='image-generators'] button").click()
    page.fill("#atlas-index-filter", "diffusion")
    violations = run_axe(page)
    context.close()
    assert not violations, "\n".join(describe(f"for-instructors/ {width} {scheme}", violations))
