"""Headless Chromium as the tests and benchmarks drive it: one home for its path, flags and sizes."""

from __future__ import annotations

import os

# Debian's Chromium (never `playwright install`, which cannot download here); CHROMIUM overrides.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# The two screens every page is checked on: a phone and a laptop.
VIEWPORTS = {"375px": {"width": 375, "height": 812}, "1280px": {"width": 1280, "height": 900}}
PHONE, DESKTOP = VIEWPORTS["375px"], VIEWPORTS["1280px"]


def launch(playwright):
    """A Chromium browser from a `sync_playwright()` context."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
