"""The cashier screen as a test drives it: sign in, scan, tap dishes, settle, read the timings."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

TIMEOUT_MS = 15_000  # what a page waits for; generous, as a shared CI machine can be slow (speed is measured apart)


class CounterPage:
    """A Playwright page on /counter."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        page.set_default_timeout(TIMEOUT_MS)

    def sign_in(self, username: str, password: str) -> CounterPage:
        self.page.goto(f"{self.base}/login?next=/counter")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_selector("body[data-ready=true]")
        return self

    def reload(self) -> None:
        self.page.reload()
        self.page.wait_for_selector("body[data-ready=true]")

    def scan(self, text: str) -> None:
        """Type into the always-focused scan field, as a keyboard wedge does, and press Enter."""
        assert self.page.evaluate("document.activeElement.id") == "scan"
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def resident_name(self) -> str:
        return self.page.text_content("#resident-name")

    def tap(self, dish_id: int, qty: int | None = None) -> None:
        if qty:
            self.page.keyboard.type(str(qty))
        self.page.click(f"button[data-dish='{dish_id}']")

    def payable(self, text: str) -> None:
        """Wait until the quote shows this payable amount."""
        try:
            expect(self.page.locator("#payable")).to_have_text(text, timeout=TIMEOUT_MS)
        except Exception as exc:  # noqa: BLE001  (say what the page showed instead)
            raise AssertionError(f"payable never became {text}; the page shows totals "
                                 f"{self.page.inner_text('#totals')!r}, alert {self.page.inner_text('#alert')!r}, "
                                 f"order {self.page.inner_text('#order')!r}") from exc

    def settle(self) -> str:
        """Press Enter on the empty scan field; the receipt number that appears."""
        self.page.keyboard.press("Enter")
        self.page.wait_for_selector("#done:not([hidden]) #receipt-no")
        return self.page.text_content("#receipt-no")

    def alert(self) -> str:
        self.page.wait_for_selector("#alert:not([hidden])")
        return self.page.text_content("#alert-text")

    def timings(self) -> dict[str, list[float]]:
        return self.page.evaluate("window.counterTimings")

    def screenshot(self, folder: Path, name: str) -> Path:
        path = folder / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path
