"""The latent explorer (concepts/vaes/#latent-explorer) driven in Chromium.

- moving the latent point with the arrow keys changes the decoded image, to the NumPy reference's
  pixels for that z; a click on the plane puts the point there, a drag carries it;
- switching beta redraws the plane with that model's codes; at beta = 8 (posterior collapse) the
  decoding hardly changes when z moves;
- "sample" shows mu, sigma, eps and z = mu + sigma * eps, and z is the reference's for that seed;
- "copy link to this view" writes an address that restores the view (model, image, seed, z);
- at 375 px in the dark scheme with reduced motion: no sideways scroll, every control labelled and
  reached by Tab, the decoding drawn on the dark page, nothing animated;
- axe-core finds nothing in the mounted figure (all rules in light, the colour rules in dark).
"""

from __future__ import annotations

import numpy as np
import pytest

from atlas_build.lab import vae
from atlas_build.lab.rng import Rng
from atlas_tools.browser import DESKTOP, PHONE
from labfigure import axe, open_figure, tab_reach, unlabelled, widest

pytestmark = pytest.mark.browser
PAGE = "concepts/vaes/"
FIG = "[data-atlas-figure=latent-explorer]"


def pixels(page) -> np.ndarray:
    return np.array([float(v) for v in page.get_attribute(f"{FIG} [data-role=decoded]", "data-pixels").split(",")])


def plane_image(page) -> str:
    return page.eval_on_selector(f"{FIG} [data-role=plane]", "c => c.toDataURL()")


def test_moving_the_point_switching_beta_sampling_and_the_link(browser, server):
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    seen = open_figure(page, f"{server}/{PAGE}", FIG)
    models = [u for u in seen if "/assets/models/vae/" in u]
    assert {u.rsplit("/", 1)[1] for u in models} == {"model.json", "codes.bin", "beta-0.1.bin", "beta-1.bin", "beta-8.bin"}
    assert all(u.startswith(server) for u in seen), "a request left the site"

    # the arrow keys move z and the decoding follows, to the reference's pixels
    before = pixels(page)
    page.focus(f"{FIG} [data-role=plane]")
    for key in ["ArrowRight"] * 5 + ["ArrowUp"] * 3:
        page.keyboard.press(key)
    assert "z = (0.50, 0.30)" in page.inner_text(f"{FIG} [data-role=readout]")
    after = pixels(page)
    one = vae.load("1")
    assert np.abs(after - before).max() > 0.05, "the decoding did not change when the point moved"
    assert np.abs(after - vae.decode(one, np.array([0.5, 0.3]))[0]).max() <= 1e-4
    page.wait_for_function(f"() => document.querySelector('{FIG} [data-role=live]').textContent.includes('z = (0.50, 0.30)')")

    # a click on the plane puts the point under the pointer
    box = page.locator(f"{FIG} [data-role=plane]").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.25)   # z = (2.25, 2.25)
    z = [float(page.input_value(f"{FIG} [data-role=z1]")), float(page.input_value(f"{FIG} [data-role=z2]"))]
    assert z == pytest.approx([2.25, 2.25], abs=0.1)
    # and a drag carries it along
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.75, steps=8)   # to z = (-2.25, -2.25)
    page.mouse.up()
    page.wait_for_function(f"() => Math.abs(Number(document.querySelector('{FIG} [data-role=z2]').value) + 2.25) < 0.1")
    assert float(page.input_value(f"{FIG} [data-role=z1]")) == pytest.approx(-2.25, abs=0.1)

    # another beta: another plane; at beta = 8 the decoder ignores z
    drawn = plane_image(page)
    page.check(f"{FIG} [data-role=beta][value='8']")
    page.wait_for_selector(f"{FIG} [data-role=plane][data-beta='8']")
    assert plane_image(page) != drawn
    assert "posterior collapse" in page.inner_text(f"{FIG} [data-role=model-note]")
    page.focus(f"{FIG} [data-role=plane]")
    page.keyboard.press("Home")
    centre = pixels(page)
    for _ in range(3):
        page.keyboard.press("Shift+ArrowLeft")   # z = (-1.5, 0), well inside the prior
    assert np.abs(pixels(page) - centre).max() < 0.05, "at beta = 8 the decoding should not depend on z"
    assert np.abs(vae.decode(one, np.array([-1.5, 0.0])) - vae.decode(one, np.zeros(2))).max() > 0.3   # at beta = 1 it does

    # sampling through the reparameterization trick, seeded
    man = vae.manifest()
    page.select_option(f"{FIG} [data-role=image]", "3")
    x = np.array(man["samples"]["pixels"][3], dtype=np.float64) / 16
    eight = vae.load("8")
    mu, logvar = vae.encode(eight, x[None, :])
    for seed in (1, 2):
        page.click(f"{FIG} [data-role=sample]")
        got = [float(v) for v in page.get_attribute(f"{FIG} [data-role=sample-table]", "data-z").split(",")]
        want = vae.reparameterize(mu[0], logvar[0], np.array(Rng(seed).normals(2)))
        assert np.abs(np.array(got) - want).max() <= 1e-12, f"seed {seed}"
    table = page.inner_text(f"{FIG} [data-role=sample-table]")
    assert all(word in table for word in ("μ", "σ", "ε", "z = μ + σ ε"))
    shown = pixels(page)
    assert axe(page, FIG) == []

    # copy link to this view, and open it
    page.click(f"{FIG} .atlas-lab-button")
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link.endswith("#latent-explorer") and "vae.beta=8" in link and "vae.image=3" in link and "vae.seed=2" in link and "vae.sampled=1" in link
    other = context.new_page()
    open_figure(other, link, FIG)
    assert other.is_checked(f"{FIG} [data-role=beta][value='8']")
    assert other.get_attribute(f"{FIG} [data-role=sample-table]", "data-z") == page.get_attribute(f"{FIG} [data-role=sample-table]", "data-z")
    assert np.array_equal(pixels(other), shown)
    assert other.input_value(f"{FIG} [data-role=image]") == "3"
    context.close()


def test_phone_dark_reduced_motion_keyboard_and_labels(browser, server):
    context = browser.new_context(viewport=PHONE, color_scheme="dark", reduced_motion="reduce")
    page = context.new_page()
    open_figure(page, f"{server}/{PAGE}?vae.beta=0.1&vae.z1=1.5&vae.z2=-1#latent-explorer", FIG)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.is_checked(f"{FIG} [data-role=beta][value='0.1']")
    assert np.abs(pixels(page) - vae.decode(vae.load("0.1"), np.array([1.5, -1.0]))[0]).max() <= 1e-4
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    right = widest(page, f"{FIG} .atlas-vae")
    assert right <= PHONE["width"], f"the figure reaches {right} px"
    assert unlabelled(page, FIG) == []
    # Tab reaches every control
    reached = tab_reach(page, f"{FIG} [data-role=beta][value='0.1']", 12)
    assert {"beta", "plane", "z1", "z2", "image", "sample", "copy"} <= reached, reached
    # the decoding is drawn on the dark page (its empty corner is the page's dark background)
    corner = page.eval_on_selector(f"{FIG} [data-role=decoded]", "c => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data)")
    assert sum(corner[:3]) / 3 < 90, corner
    assert page.get_attribute(f"{FIG} [data-role=decoded]", "aria-label").startswith("Decoding of z = (1.50, −1.00)")
    # reduced motion: nothing animates, and a key press redraws at once
    assert page.evaluate(f"document.querySelector('{FIG}').getAnimations({{subtree: true}}).length") == 0
    before = pixels(page)
    page.focus(f"{FIG} [data-role=plane]")
    page.keyboard.press("Shift+ArrowDown")
    assert np.abs(pixels(page) - before).max() > 0.01
    assert axe(page, FIG, ["color-contrast", "link-in-text-block"]) == []
    context.close()
