"""axe-core on every page at 375 px, light then dark (tests/axe.py; the method is in
tests/browser/test_accessibility.py). One module per width, so the two sweeps run on two workers."""

import pytest

from axe import page_audit

pytestmark = pytest.mark.browser

audit, test_no_axe_violations_on_any_page = page_audit("375px")
