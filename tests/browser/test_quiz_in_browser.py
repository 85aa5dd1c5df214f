"""The chapter quiz in Chromium (issue #19): with the keyboard only, a wrong answer shows its own
feedback and the link to the section that corrects it, and a right one says so; the live region
reads the result out; progress survives a reload and Reset clears it; without JavaScript every
item shows, its answer and feedback folded away in <details>."""

from __future__ import annotations

import json

import pytest

from atlas_build import quiz
from atlas_build.paths import DOCS
from atlas_tools.browser import DESKTOP

pytestmark = pytest.mark.browser

CHAPTER = "concepts/neural-networks.md"
URL = "/concepts/neural-networks/#quiz"
READY = "[data-atlas-figure='quiz'][data-atlas-figure-ready]"


@pytest.fixture(scope="session")
def items():
    loaded = quiz.load(DOCS)
    return {i.id: i for i in loaded[0].chapters[CHAPTER]}


def first(items, kind: str):
    return next(i for i in items.values() if i.kind == kind)


def open_quiz(page, server):
    page.goto(server + URL, wait_until="load")
    page.locator(READY).wait_for(timeout=20000)


def test_wrong_then_right_with_the_keyboard_only(browser, server, items):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_quiz(page, server)
    item = first(items, "single")
    box = page.locator(f".atlas-quiz-item[data-atlas-item='{item.id}']")
    assert not box.locator("details").is_visible(), "with scripts, the answers are not shown before an attempt"
    radios = box.locator("input[type=radio]")
    assert radios.count() == len(item.choices)
    shown = [int(v) for v in radios.evaluate_all("els => els.map(e => e.value)")]
    assert sorted(shown) == list(range(len(item.choices)))
    right = next(j for j, c in enumerate(item.choices) if c.correct)
    wrong = next(j for j in shown if j != right)

    # The keyboard only: focus enters the group, arrows pick a choice, Tab reaches Check, Enter sends.
    radios.nth(0).focus()
    page.keyboard.press("Space")
    for _ in range(shown.index(wrong)):
        page.keyboard.press("ArrowDown")
    assert box.locator(f"input[value='{wrong}']").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "check"
    page.keyboard.press("Enter")
    result = box.locator("[data-role=feedback]")
    result.wait_for(state="visible")
    text = result.inner_text()
    assert text.startswith("Not quite.")
    assert "Your choice, wrong:" in text and item.choices[wrong].feedback.split(":")[0] in text
    link = result.locator("a").last
    assert link.get_attribute("href").endswith("#" + item.choices[wrong].see.split("#")[1])
    page.wait_for_function("() => /Question \\d+: Not quite\\./.test(document.querySelector('.atlas-quiz [data-role=live]').textContent)")

    # Now the right one.
    box.locator(f"input[value='{wrong}']").focus()
    for _ in range(len(shown)):
        if box.locator(f"input[value='{right}']").is_checked():
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.startsWith('Correct.')", arg=result.element_handle())
    assert "Your choice, right:" in result.inner_text()
    assert result.get_attribute("data-atlas-result") == "right"
    context.close()


def test_progress_survives_a_reload_and_reset_clears_it(browser, server, items):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_quiz(page, server)
    numeric, multiple = first(items, "numeric"), first(items, "multiple")
    value = quiz.shown(quiz.answer_value(numeric.answer), numeric.answer.tolerance)
    num = page.locator(f".atlas-quiz-item[data-atlas-item='{numeric.id}']")
    num.locator("input.atlas-quiz-number").fill(value)
    num.locator("input.atlas-quiz-number").press("Enter")  # Enter in the field checks it
    num.locator("[data-atlas-result='right']").wait_for()
    mult = page.locator(f".atlas-quiz-item[data-atlas-item='{multiple.id}']")
    for j, c in enumerate(multiple.choices):
        if c.correct:
            mult.locator(f"input[value='{j}']").check()
    mult.locator("button[data-action=check]").click()
    mult.locator("[data-atlas-result='right']").wait_for()
    assert page.locator("[data-role=score]").inner_text().startswith(f"2 of {len(items)} right, 2 answered")
    stored = json.loads(page.evaluate("localStorage.getItem('atlas-quiz:neural-networks')"))
    assert set(stored) == {numeric.id, multiple.id}

    page.reload(wait_until="load")
    page.locator(READY).wait_for(timeout=20000)
    assert page.locator(f".atlas-quiz-item[data-atlas-item='{numeric.id}'] input.atlas-quiz-number").input_value() == value
    assert page.locator(f".atlas-quiz-item[data-atlas-item='{numeric.id}'] [data-atlas-result='right']").is_visible()
    assert page.locator(f".atlas-quiz-item[data-atlas-item='{multiple.id}'] input:checked").count() == sum(c.correct for c in multiple.choices)
    assert page.locator("[data-role=score]").inner_text().startswith(f"2 of {len(items)} right")

    page.locator("button[data-action=reset]").click()
    assert page.evaluate("localStorage.getItem('atlas-quiz:neural-networks')") is None
    assert page.locator(".atlas-quiz [data-role=feedback]:visible").count() == 0
    assert page.locator(".atlas-quiz input:checked").count() == 0
    assert page.locator("[data-role=score]").inner_text().startswith(f"0 of {len(items)} right, 0 answered")
    context.close()


def test_without_javascript_every_item_shows_with_its_answer_folded(browser, server, items):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + URL, wait_until="load")
    frame = page.frame_locator("iframe.atlas-quiz-frame")  # the items come in a frame of their own
    boxes = frame.locator(".atlas-quiz-item")
    assert boxes.count() == len(items)
    assert frame.locator(".atlas-quiz-item details:not([open])").count() == len(items)
    assert page.locator(".atlas-quiz input").count() == 0
    item = first(items, "single")
    box = frame.locator(f".atlas-quiz-item[data-atlas-item='{item.id}']")
    assert box.locator(".atlas-quiz-prompt").is_visible() and box.locator("ol li").count() == len(item.choices)
    assert not box.locator(".atlas-quiz-feedback").is_visible()
    box.locator("summary").click()  # <details> opens without any script
    feedback = box.locator(".atlas-quiz-feedback")
    assert feedback.is_visible()
    right = next(j for j, c in enumerate(item.choices) if c.correct)
    assert feedback.locator(f"[data-atlas-feedback='{right}']").inner_text().startswith(f"{quiz.LETTERS[right]}: correct.")
    assert box.locator(".atlas-quiz-feedback a").first.get_attribute("target") is None  # <base target="_top">: links leave the frame
    assert page.locator("a[href$='downloads/quiz/neural-networks.qti.zip']").count() == 1
    context.close()
