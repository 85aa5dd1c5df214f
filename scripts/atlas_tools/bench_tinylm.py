"""The tiny language model's figures for `make bench`: sizes on the wire and first-prediction time.

    atlas-tools bench (runs this too) | python -m atlas_tools.bench_tinylm [--site site]

- the engine (tiny-lm.js) at most ENGINE_BUDGET_KIB gzip; each checkpoint at most
  WEIGHTS_BUDGET_KIB gzip;
- the first prediction for a 32-token prompt, after the weights are loaded, at 4x CPU slowdown
  (Chromium's Emulation.setCPUThrottlingRate), within FIRST_PREDICTION_BUDGET_MS.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
from pathlib import Path

from atlas_build.paths import DOCS, ROOT
from atlas_build.tinylm import weights
from atlas_tools.browser import DESKTOP, launch
from atlas_tools.serve import serve
from atlas_tools.throttle import SLOWDOWN, cpu_slowdown

ENGINE = [DOCS / "javascripts/figures" / name for name in ("tiny-lm.js", "_matmul.js", "_shared.js")]  # and what it imports
ENGINE_BUDGET_KIB, WEIGHTS_BUDGET_KIB, FIRST_PREDICTION_BUDGET_MS = 20, 300, 100
PROMPT = "the cat that the dogs chase sees the bird . some old horses that a girl feeds run . the red fox that chases two mice sleeps . every child laughs"


def measure(site: Path, repeats: int = 7) -> dict:
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport=DESKTOP)
            page.goto(f"{url}/concepts/large-language-models/", wait_until="networkidle")
            page.evaluate("""async () => {
                window.tinylm = await import(new URL("../../javascripts/figures/tiny-lm.js", location.href).href);
                const man = await window.tinylm.loadManifest();
                window.tinymodel = await window.tinylm.loadCheckpoint(man.checkpoints[man.checkpoints.length - 1].step);
            }""")
            # At 4x first, so that "first" is the first prediction after loading (whose one short
            # warm-up pass is part of the load), then one run without slowdown for comparison.
            with cpu_slowdown(page, SLOWDOWN):
                times = page.evaluate("""([prompt, repeats]) => {
                    const m = window.tinylm, model = window.tinymodel;
                    const ids = m.tokenize(prompt, model.man).map((t) => t.id).slice(0, 32);
                    const out = [];
                    for (let i = 0; i < repeats; i++) {
                        const t0 = performance.now();
                        m.run(model, ids);
                        out.push(performance.now() - t0);
                    }
                    return { ids: ids.length, times: out };
                }""", [PROMPT, repeats])
            unthrottled = page.evaluate("""(prompt) => {
                const m = window.tinylm, model = window.tinymodel;
                const ids = m.tokenize(prompt, model.man).map((t) => t.id).slice(0, 32);
                const t0 = performance.now();
                m.run(model, ids);
                return performance.now() - t0;
            }""", PROMPT)
        finally:
            browser.close()
    return {**times, "unthrottled": unthrottled}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    failed = []
    engine = sum(len(gzip.compress(f.read_bytes(), 6)) for f in ENGINE) / 1024
    ckpts = {c["file"]: weights.gzip_kib(c["file"]) for c in weights.manifest()["checkpoints"]}
    print(f"tiny LM engine tiny-lm.js with its imports: {engine:.1f} KiB gzip (budget {ENGINE_BUDGET_KIB})")
    print("tiny LM checkpoints: " + ", ".join(f"{k} {v:.0f} KiB" for k, v in ckpts.items()) + f" gzip (budget {WEIGHTS_BUDGET_KIB} each)")
    if engine > ENGINE_BUDGET_KIB:
        failed.append("engine")
    if max(ckpts.values()) > WEIGHTS_BUDGET_KIB:
        failed.append("weights")
    r = measure(args.site)
    first, median = r["times"][0], statistics.median(r["times"])
    print(f"tiny LM first prediction, {r['ids']}-token prompt at {SLOWDOWN}x CPU slowdown: first {first:.1f} ms, "
          f"median {median:.1f} ms of {len(r['times'])} (budget {FIRST_PREDICTION_BUDGET_MS} ms); "
          f"{r['unthrottled']:.1f} ms without slowdown (after those; load average {os.getloadavg()[0]:.1f})")
    if first > FIRST_PREDICTION_BUDGET_MS:
        failed.append("first prediction")
    if failed:
        print("FAIL: tiny LM over budget: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
