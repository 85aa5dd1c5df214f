"""The first-visit budget, on every `make test`: a cold visit to any page transfers at most
BUDGET_KIB (gzip, images aside), measured in Chromium (atlas_tools/weight.py)."""

from __future__ import annotations

import pytest

from atlas_tools.built import pages
from atlas_tools.weight import BUDGET_KIB, Visit, first_visit, report

pytestmark = pytest.mark.browser


def test_every_page_first_visit_is_within_budget(browser, server, site):
    visits = [first_visit(browser, f"{server}/{page}") for page in pages(site)]
    assert len(visits) >= 17
    over = [v for v in visits if v.over_budget]
    assert not over, f"over {BUDGET_KIB} KiB:\n" + report(visits)


def test_the_budget_check_can_fail():
    assert Visit("x", {"script": (BUDGET_KIB + 1) * 1024}).over_budget
    assert not Visit("x", {"script": BUDGET_KIB * 1024, "image": 10**7}).over_budget
