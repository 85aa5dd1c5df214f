"""`atlas-tools COMMAND [ARGS]`: the one entry point of the tools package.

Each command is a module with `main(argv) -> int`; `atlas-tools COMMAND --help` explains it.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "anchors": ("atlas_tools.manifest", "add a built site's page#section addresses to anchors.txt"),
    "bench": ("atlas_tools.bench", "every benchmark, failing when a budget is missed"),
    "bench-lab": ("atlas_tools.bench_lab", "the lab figures' weight and step time at 4x CPU slowdown"),
    "book": ("atlas_tools.book.cli", "the whole book as site/downloads/genai-atlas.pdf and .epub"),
    "edition": ("atlas_tools.editions", "freeze an edition (new), or build every edition into the site (build)"),
    "figures": ("atlas_tools.figures", "the gallery's PNGs at twice the size, drawn from its standalone SVGs (or --check)"),
    "font": ("atlas_tools.font", "re-subset the math font to the glyphs the formulas use"),
    "lighthouse": ("atlas_tools.lighthouse", "Lighthouse mobile scores, median of N runs"),
    "search": ("atlas_tools.bench_search", "search recall and speed, typed into the real search box"),
    "stats": ("atlas_tools.page_stats", "prose words, figures and primary sources per built page"),
    "vendor": ("atlas_tools.vendor", "copy the npm files the site serves into docs/ (or --check)"),
    "zensical": ("atlas_tools.zensical", "build the site with Zensical and compare it with the MkDocs build"),
    "weight": ("atlas_tools.weight", "first-visit weight of every built page, against the budget"),
}


def usage() -> str:
    return "usage: atlas-tools COMMAND [ARGS]\n\n" + "\n".join(f"  {name:12} {why}" for name, (_, why) in COMMANDS.items())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(usage(), file=sys.stderr if argv else sys.stdout)
        return 2 if argv else 0
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
