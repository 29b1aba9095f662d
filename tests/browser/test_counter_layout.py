"""The cashier screen on the sizes counters come in: a 1024×768 all-in-one POS terminal, a 1366×768 touch screen
and a 1920×1080 monitor. With a resident and six order lines, no dish name wraps a character or two a line, the
order list scrolls inside its box, and the totals and Settle stay in view, uncovered. Screenshots of each size in
test-artifacts/counter-<size>.png (and the smallest in English, whose words are longer)."""
from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SIZES = [(1024, 768, "zh"), (1366, 768, "zh"), (1920, 1080, "zh"), (1024, 768, "en")]
DISHES = [("西红柿炒鸡蛋", 1000), ("香菇油菜", 600), ("红烧肉", 1200), ("清蒸鲈鱼配姜丝", 1800), ("小米南瓜粥", 300),
          ("紫菜蛋花汤", 200)]

# Each order line's name box against its font's line height, and the boxes that must stay in view.
MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const names = [...document.querySelectorAll('#order .line-name')].map((el) => {
    const style = getComputedStyle(el);
    return {text: el.textContent, width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height,
            line: parseFloat(style.lineHeight), font: parseFloat(style.fontSize)};
  });
  const settle = document.getElementById('settle');
  const [l, t, r, b] = box(settle);
  const [x, y] = [(l + r) / 2, (t + b) / 2];  // the middle of each edge (the corners are rounded) and the centre
  const points = [[l + 4, y], [r - 4, y], [x, t + 4], [x, b - 4], [x, y]];
  const covered = points.filter(([x, y]) => !settle.contains(document.elementFromPoint(x, y)));
  const order = document.getElementById('order');
  const header = document.querySelector('header.bar');
  const clipped = [...header.querySelectorAll('.notice:not([hidden]):not(.warn)')].filter((n) => n.scrollWidth > n.clientWidth + 1);
  return {names, settle: [l, t, r, b], covered, clipped: clipped.map((n) => n.id),
          headerFits: header.scrollWidth <= innerWidth, viewport: [innerWidth, innerHeight],
          order: box(order), totals: box(document.getElementById('totals')),
          scrolls: order.scrollHeight > order.clientHeight, pageScrolls: document.documentElement.scrollHeight > innerHeight};
}"""


@pytest.mark.parametrize(("width", "height", "language"), SIZES, ids=[f"{w}x{h}-{lang}" for w, h, lang in SIZES])
def test_six_order_lines_fit_each_screen(counter, make, artifacts, width, height, language):
    resident = make.resident(name="张桂兰", born=date(1951, 6, 1), categories=("dibao",), balance_fen=20_000)
    make.card(resident, "04A1B2C3")
    dishes = [make.dish(name, price) for name, price in DISHES]
    page = counter.page
    page.set_viewport_size({"width": width, "height": height})
    if language == "en":
        page.click("a[lang=en]")
        page.wait_for_selector("body[data-ready=true]")
    else:
        counter.reload()
    counter.scan("04A1B2C3")
    expect(page.locator("#resident-name")).to_have_text("张桂兰")
    for dish in dishes:
        counter.tap(dish)
    expect(page.locator("#order .line-name")).to_have_count(6)
    counter.payable("¥46.00")  # 51 − 5 (低保: district 3, street 2)
    seen = page.evaluate(MEASURE)
    counter.screenshot(artifacts, f"counter-{width}x{height}" + ("-en" if language == "en" else ""))

    for name in seen["names"]:
        assert name["height"] <= 2 * name["line"] + 1, name  # at most two lines
        assert name["width"] >= 4 * name["font"], name  # room for four characters a line, not one or two
    left, top, right, bottom = seen["settle"]
    assert 0 <= left and right <= width and 0 <= top and bottom <= height, seen["settle"]
    assert seen["covered"] == [], "something covers the Settle button"
    assert seen["order"][3] <= seen["totals"][1] + 1, "the order list runs under the totals"
    assert seen["totals"][3] <= top + 1, "the totals run under the Settle button"
    assert not seen["pageScrolls"], "the page itself scrolls"
    assert seen["headerFits"] and seen["clipped"] == [], "the header's notices do not fit"
    # The last line can be scrolled to inside the order list.
    page.locator("#order .line-name").last.scroll_into_view_if_needed()
    expect(page.locator("#order .line-name").last).to_be_in_viewport()
