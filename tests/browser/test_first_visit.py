"""One cold first visit to every page, shared by three checks (atlas_tools/weight.py): the visit
transfers at most BUDGET_KIB (gzip, images aside; on every `make test`), makes no request to another
host, and shows its formulas typeset, not as raw TeX."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from atlas_tools.built import pages
from atlas_tools.weight import BUDGET_KIB, Visit, first_visit, report

pytestmark = pytest.mark.browser

# Read in the loaded page: the article's text and the width of each formula.
INSPECT = """() => ({ text: document.querySelector('article')?.innerText || '',
  math: [...document.querySelectorAll('article math')].map((e) => e.getBoundingClientRect().width) })"""


@pytest.fixture(scope="module")
def visits(browser, server, site) -> list[Visit]:
    found = [first_visit(browser, f"{server}/{page}", INSPECT) for page in pages(site)]
    assert len(found) >= 17
    return found


def test_every_page_first_visit_is_within_budget(visits):
    over = [v for v in visits if v.over_budget]
    assert not over, f"over {BUDGET_KIB} KiB:\n" + report(visits)


def test_the_budget_check_can_fail():
    assert Visit("x", {"script": (BUDGET_KIB + 1) * 1024}).over_budget
    assert not Visit("x", {"script": BUDGET_KIB * 1024, "image": 10**7}).over_budget


def test_no_page_requests_another_host(visits):
    """Fonts, scripts, styles and images all come from the site itself."""
    outside = sorted({u for v in visits for u in v.requested if urlsplit(u).hostname not in (None, "127.0.0.1")})
    assert all(v.requested for v in visits)
    assert not outside, f"requests to other hosts: {outside[:10]}"


def test_formulas_are_typeset_not_raw_tex(visits):
    checked = 0
    for v in visits:
        assert not re.search(r"\$\$|\\frac|\\mathbb|\\sum_|\\left\(", v.inspected["text"]), f"{v.url} shows raw TeX"
        assert all(w > 0 for w in v.inspected["math"]), f"{v.url}: a <math> element renders with zero width"
        checked += len(v.inspected["math"])
    assert checked > 20, f"only {checked} formulas found across the site"
