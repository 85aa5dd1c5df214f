#!/usr/bin/env python3
"""Lighthouse, mobile, on the pages readers land on most: median of N runs per page; fails under the target.

    atlas-tools lighthouse [--runs 5] [--site site] [PAGE ...]

Lighthouse comes from npm (tools/lighthouse/, pinned by its own package-lock.json and installed
only for `make bench`). It drives Debian's Chromium through CHROME_PATH with the same flags as the
browser tests; it never downloads a browser. Lighthouse's default mobile settings are used: a
Moto G Power-sized screen, simulated slow 4G and a 4x slower CPU.

The built site is served from 127.0.0.1 with gzip, as a static host such as GitHub Pages serves
text, so transfer sizes (and the simulated load times that follow from them) are what readers get.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from atlas_build.paths import ROOT
from atlas_tools.browser import CHROMIUM, CHROMIUM_ARGS
from atlas_tools.serve import serve

LIGHTHOUSE = ROOT / "tools/lighthouse/node_modules/.bin/lighthouse"
PERFORMANCE_TARGET = 98  # mobile performance, median of the runs, on every page measured
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
def chapters(site: Path) -> list[str]:
    """Every concept chapter of the built site (issue #15 holds the target on each)."""
    return [f"concepts/{p.parent.name}/" for p in sorted((site / "concepts").glob("*/index.html"))]


def lighthouse(url: str, workdir: Path) -> dict[str, float]:
    out = workdir / "report.json"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    subprocess.run(cmd, check=True, env=env, cwd=workdir, capture_output=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"{url}: {report['runtimeError']}")
    return {c: report["categories"][c]["score"] * 100 for c in CATEGORIES} | {"_audits": failing(report)}


def failing(report: dict) -> list[str]:
    """Audits that cost points in the categories (for the notes under the table)."""
    out = []
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            a = report["audits"][ref["id"]]
            if ref["weight"] and a.get("score") is not None and a["score"] < 1:
                out.append(f"{c}: {ref['id']}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("pages", nargs="*", help="URL paths such as concepts/gans/ (default: home, the head-to-head page, every chapter and the glossary)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: `make bench` installs it (npm ci in tools/lighthouse)", file=sys.stderr)
        return 1
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    pages = args.pages or ["", "generative-ai-vs-llms/", *chapters(args.site), "glossary/"]

    print(f"Lighthouse {version}, mobile (default settings), {CHROMIUM}; median of {args.runs} runs per page")
    print(f"  {'page':36} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}   (runs: performance)")
    notes: dict[str, set[str]] = {}
    below: list[str] = []
    with serve(args.site, gzip=True) as base, tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            runs = [lighthouse(f"{base}/{page}", Path(tmp)) for _ in range(args.runs)]
            med = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
            perf = ", ".join(f"{r['performance']:.0f}" for r in runs)
            print(f"  /{page:35} {med['performance']:5.0f} {med['accessibility']:5.0f} {med['best-practices']:5.0f} "
                  f"{med['seo']:5.0f}   ({perf})", flush=True)
            if med["performance"] < PERFORMANCE_TARGET:
                below.append(f"/{page} {med['performance']:.0f}")
            for r in runs:
                for a in r["_audits"]:
                    notes.setdefault(a, set()).add(page)
    if notes:
        print("\naudits below full marks in at least one run (category: audit):")
        for a, where in sorted(notes.items()):
            print(f"  {a}  on {', '.join('/' + p for p in sorted(where))}")
    if below:
        print(f"\nFAIL: mobile performance under {PERFORMANCE_TARGET}: {', '.join(below)}", file=sys.stderr)
        return 1
    print(f"\nok: mobile performance at least {PERFORMANCE_TARGET} on every page measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
