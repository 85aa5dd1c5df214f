#!/usr/bin/env python3
"""Benchmarks that print figures (never asserted here): build time, the weight of a first visit
to every page, and the search figures. Run with `make bench` (which builds first).

    python scripts/bench.py [--builds 3] [--skip-search]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from atlas.serve import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from atlas.weight import first_visit  # noqa: E402

BUDGET_KIB = 120


def build_times(runs: int) -> list[float]:
    """Seconds for `generate` plus `mkdocs build --strict`, the whole of `make build`'s work."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "scripts/generate.py")], check=True, capture_output=True, env=env)
            subprocess.run([str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "-d", out], check=True, capture_output=True, cwd=ROOT, env=env)
            times.append(time.perf_counter() - t0)
    return times


def pages(site: Path) -> list[str]:
    out = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if 'http-equiv="refresh"' not in index.read_text(encoding="utf-8")[:2000]:
            out.append("" if rel == "." else rel + "/")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()

    times = build_times(args.builds)
    print(f"build (generate + mkdocs build --strict): median {statistics.median(times):.2f} s over {len(times)} runs "
          f"({', '.join(f'{t:.2f}' for t in times)})\n")

    from playwright.sync_api import sync_playwright

    print(f"first visit, cold cache, gzip as served (budget {BUDGET_KIB} KiB, images aside):")
    print(f"  {'page':36} {'total':>8} {'document':>9} {'script':>8} {'css':>7} {'font':>7} {'other':>7} {'images':>7}  requests")
    with serve(args.site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        worst = 0.0
        for page in pages(args.site):
            v = first_visit(browser, f"{url}/{page}")
            kib = {k: n / 1024 for k, n in v.bytes_by_type.items()}
            other = sum(n for k, n in kib.items() if k not in ("document", "script", "stylesheet", "font", "image"))
            worst = max(worst, v.total / 1024)
            flag = "  <- over budget" if v.total / 1024 > BUDGET_KIB else ""
            print(f"  /{page:35} {v.total / 1024:7.1f}K {kib.get('document', 0):8.1f}K {kib.get('script', 0):7.1f}K "
                  f"{kib.get('stylesheet', 0):6.1f}K {kib.get('font', 0):6.1f}K {other:6.1f}K {v.images / 1024:6.1f}K  {len(v.requests)}{flag}")
        browser.close()
    print(f"  heaviest first visit: {worst:.1f} KiB")

    if not args.skip_search:
        print()
        subprocess.run([sys.executable, str(ROOT / "scripts/bench_search.py"), "--site", str(args.site),
                        str(ROOT / "tests/search_queries.tsv"), str(ROOT / "tests/search_queries_holdout.tsv")] +
                       ([str(ROOT.parent / "shared/search-queries.tsv")] if (ROOT.parent / "shared/search-queries.tsv").is_file() else []),
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
