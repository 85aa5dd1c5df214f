"""Where the project's files are: the one place that knows the checkout's layout.

The packages are installed in editable mode from this checkout (`make setup`), so the project
root is two folders above this file: scripts/atlas_build/paths.py.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"
NODE_MODULES = ROOT / "node_modules"
ANCHORS = ROOT / "anchors.txt"
