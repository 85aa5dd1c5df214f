"""The diffusion lab (concepts/diffusion-models/#diffusion-lab) driven in Chromium.

- the weights and the photo come from this site, only when the figure mounts;
- the forward slider shows the chapter's weights sqrt(abar_t), sqrt(1 - abar_t) for both schedules,
  and the photo changes with t;
- more sampling steps bring the samples closer to the data (mean distance to the nearest data
  point, measured in the page), for DDPM and DDIM, and the page's numbers are the NumPy reference's;
- a larger guidance scale puts the samples on the asked moon with less spread;
- the sampling-step slider and the Step button move through the run;
- "copy link to this view" writes an address that restores the view;
- at 375 px in the dark scheme with reduced motion: no sideways scroll, no Play (a Step button),
  every control labelled and reached by Tab, the points drawn light on the dark page.
"""

from __future__ import annotations

import math

import pytest

import labfigure
from atlas_build.examples import diffusion_models_lab as lab
from atlas_build.lab import diffusion as d
from atlas_tools.browser import DESKTOP, PHONE

pytestmark = pytest.mark.browser
PAGE = "concepts/diffusion-models/"
FIG = "[data-atlas-figure=diffusion-lab]"
TOL = 1e-9


def open_figure(page, server, query: str = "") -> list[str]:
    """The chapter with the lab's settings in `query`, scrolled to the figure once it is ready."""
    return labfigure.open_figure(page, f"{server}/{PAGE}{query}#diffusion-lab", FIG)


def settled(page, key: str) -> dict:
    """The measures once the run `key` (schedule|sampler|steps|class|w|seed) is sampled and shown at its end."""
    sel = f"{FIG} [data-role=stats]"
    page.wait_for_function(f"() => document.querySelector('{sel}').dataset.key === {key!r}", timeout=20_000)
    return page.eval_on_selector(sel, "e => ({...e.dataset})")


def choose(page, role: str, value: str):
    page.select_option(f"{FIG} [data-role={role}]", value)


def slide(page, role: str, value: float):
    page.fill(f"{FIG} [data-role={role}]", str(value))


def test_forward_steps_guidance_and_the_link(browser, server):
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    seen = open_figure(page, server, "?diffusion.cls=none&diffusion.seed=3&diffusion.steps=5")
    assert all(u.startswith(server) for u in seen), "a request left the site"
    fetched = {u.rsplit("/", 1)[1] for u in seen if "/assets/models/diffusion/" in u}
    assert fetched == {"model.json", "china-96x64.png", "linear.bin"}, fetched

    # forward process: the chapter's weights, for both schedules, and the photo follows t
    pic = f"{FIG} [data-role=pic]"
    slide(page, "t", 0)
    clean = page.eval_on_selector(pic, "c => c.toDataURL()")
    assert float(page.get_attribute(f"{FIG} [data-role=weights]", "data-signal")) == 1.0
    for sched in ("linear", "cosine"):
        choose(page, "schedule", sched)
        _, abars = d.schedule(sched)
        for t in (10, 500, 1000):
            slide(page, "t", t)
            got = page.eval_on_selector(f"{FIG} [data-role=weights]", "e => [Number(e.dataset.signal), Number(e.dataset.noise)]")
            assert got == pytest.approx([math.sqrt(abars[t - 1]), math.sqrt(1 - abars[t - 1])], abs=1e-12), (sched, t)
    assert page.eval_on_selector(pic, "c => c.toDataURL()") != clean
    choose(page, "schedule", "linear")

    # more steps, closer to the data; the page's numbers are the reference's
    for sampler in ("ddpm", "ddim"):
        choose(page, "sampler", sampler)
        dist = {}
        for steps in (5, 20):
            choose(page, "steps", str(steps))
            dist[steps] = float(settled(page, f"linear|{sampler}|{steps}|none|1|3")["distance"])
            assert dist[steps] == pytest.approx(lab.final("linear", sampler, steps)["distance"], abs=TOL)
        assert dist[20] < 0.8 * dist[5], (sampler, dist)

    # guidance: onto the upper moon, less spread
    choose(page, "cls", "a")
    got = {}
    for w in (1, 4):
        slide(page, "w", w)
        m = settled(page, f"linear|ddim|20|a|{w}|3")
        got[w] = (float(m["onClass"]), float(m["spread"]))
        ref = lab.final("linear", "ddim", 20, 0, w)
        assert got[w] == pytest.approx((ref["on_class"], ref["spread"]), abs=TOL)
    assert got[4][0] >= 0.98 and got[4][1] < 0.85 * got[1][1], got

    # the sampling-step slider and Step walk through the run
    slide(page, "i", 0)
    assert page.get_attribute(f"{FIG} [data-role=stats]", "data-step") == "0"
    page.click(f"{FIG} [data-role=step]")
    assert page.get_attribute(f"{FIG} [data-role=stats]", "data-step") == "1"
    page.click(f"{FIG} [data-role=reset]")
    assert page.get_attribute(f"{FIG} [data-role=stats]", "data-step") == "0"
    slide(page, "i", 20)

    # copy link to this view, then open it
    page.click(f"{FIG} .atlas-lab-button")
    page.wait_for_function(f"() => document.querySelector('{FIG} [data-role=live]').textContent.includes('copied')")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith("#diffusion-lab") and "diffusion.sampler=ddim" in link and "diffusion.steps=20" in link
    assert "diffusion.w=4" in link and "diffusion.cls=a" not in link   # the defaults stay out of the address
    other = context.new_page()
    other.goto(link, wait_until="networkidle")
    other.locator(FIG).scroll_into_view_if_needed()
    other.wait_for_selector(f"{FIG}[data-atlas-figure-ready]")
    m = settled(other, "linear|ddim|20|a|4|3")
    assert float(m["spread"]) == pytest.approx(got[4][1], abs=TOL)
    assert other.input_value(f"{FIG} [data-role=sampler]") == "ddim" and other.input_value(f"{FIG} [data-role=w]") == "4"
    context.close()


def test_phone_dark_reduced_motion_and_keyboard(browser, server):
    context = browser.new_context(viewport=PHONE, color_scheme="dark", reduced_motion="reduce")
    page = context.new_page()
    open_figure(page, server, "?diffusion.steps=10")
    settled(page, "linear|ddpm|10|a|1|1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "sideways scroll at 375 px"
    assert page.is_hidden(f"{FIG} [data-role=play]") and page.is_visible(f"{FIG} [data-role=step]")
    controls = page.eval_on_selector_all(f"{FIG} :is(input, select, button):not([hidden])", """els => els.map(e => ({
        role: e.dataset.role || e.textContent || e.getAttribute('aria-label'),
        label: e.labels && e.labels.length ? e.labels[0].textContent.trim() : (e.getAttribute('aria-label') || e.textContent.trim())}))""")
    assert len(controls) >= 12
    assert all(c["label"] for c in controls), controls
    # Tab from the schedule select reaches every visible control, in order
    page.focus(f"{FIG} [data-role=schedule]")
    reached = set()
    for _ in range(len(controls) + 2):
        reached.add(page.evaluate("document.activeElement.dataset.role || document.activeElement.textContent"))
        page.keyboard.press("Tab")
    assert {c["role"] for c in controls} <= reached, {c["role"] for c in controls} - reached
    # Step, not animation; the points are drawn light on the dark page
    page.click(f"{FIG} [data-role=reset]")
    page.click(f"{FIG} [data-role=step]")
    assert page.get_attribute(f"{FIG} [data-role=stats]", "data-step") == "1"
    bright = page.eval_on_selector(f"{FIG} [data-role=plane]", """c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let best = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200) best = Math.max(best, (d[i] + d[i + 1] + d[i + 2]) / 3);
        return best; }""")
    assert bright > 170, f"the brightest point on the dark plane is {bright}"
    context.close()
