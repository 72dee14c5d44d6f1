"""Page object for the chat widget, so the tests read like what a person does."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Dialog, Locator, Page, expect

FALLBACK = "Sorry, I didn't understand"

# WCAG 2.x contrast of every visible text node in the widget against its opaque background.
CONTRAST_FAILURES_JS = """
root => {
    const rgba = (c) => {
        const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number);
        return [r, g, b, a];
    };
    const channel = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c[3] > 0.9) return c;
        }
        return [255, 255, 255, 1];
    };
    const failures = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (!node.textContent.trim() || el.closest('.aza-visually-hidden, button:disabled')) continue;
        if (!el.checkVisibility()) continue;
        const style = getComputedStyle(el);
        const [l1, l2] = [luminance(rgba(style.color)), luminance(background(el))];
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
        if (ratio < (large ? 3 : 4.5)) {
            failures.push(`${node.textContent.trim().slice(0, 40)}: ${ratio.toFixed(2)}`
                + ` (${style.color} on ${background(el)})`);
        }
    }
    return failures;
}
"""
STORAGE_PREFIX = "azathioprine-chat:v1:"


def store_history(context: BrowserContext, server_url: str, state: dict, minutes_ago: float | None) -> None:
    """Puts a conversation in localStorage before the page loads, saved `minutes_ago` (None: no time)."""
    key = f"{STORAGE_PREFIX}{server_url}"
    saved_at = "undefined" if minutes_ago is None else f"Date.now() - {minutes_ago} * 60000"
    context.add_init_script(
        f"(() => {{ const state = {json.dumps(state)}; state.savedAt = {saved_at};"
        f"localStorage.setItem({json.dumps(key)}, JSON.stringify(state)); }})();"
    )


@dataclass
class Widget:
    page: Page
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def watch(self) -> Widget:
        """Record JavaScript dialogs (dismissed), uncaught errors and CSP violations."""

        def on_dialog(dialog: Dialog) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_console(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                self.csp_violations.append(message.text)

        self.page.on("dialog", on_dialog)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("console", on_console)
        return self

    # ---- parts of the widget ----

    @property
    def launcher(self) -> Locator:
        return self.page.locator("button.aza-launcher")

    @property
    def panel(self) -> Locator:
        return self.page.locator("section.aza-panel")

    @property
    def input(self) -> Locator:
        return self.page.get_by_role("textbox", name="Your message")

    @property
    def bot_messages(self) -> Locator:
        return self.page.locator(".aza-msg--bot")

    @property
    def user_messages(self) -> Locator:
        return self.page.locator(".aza-msg--user")

    @property
    def cards(self) -> Locator:
        return self.page.locator(".aza-card")

    @property
    def error(self) -> Locator:
        return self.page.locator(".aza-msg--error")

    @property
    def notice(self) -> Locator:
        return self.page.locator(".aza-notice")

    @property
    def announcer(self) -> Locator:
        return self.page.locator(".aza-announcer")

    @property
    def active_quick_replies(self) -> Locator:
        return self.page.locator(".aza-quick-reply:not([disabled])")

    # ---- what a person does ----

    def goto(self, url: str) -> Widget:
        self.page.goto(url)
        expect(self.launcher).to_be_visible()
        return self

    def open(self, *, wait_for_welcome: bool = True) -> Widget:
        self.launcher.click()
        expect(self.panel).to_be_visible()
        if wait_for_welcome:
            self.wait_for_bot_messages(1)
        return self

    def wait_for_bot_messages(self, at_least: int) -> None:
        expect(self.bot_messages.nth(at_least - 1)).to_be_visible()
        expect(self.page.locator(".aza-typing")).to_be_hidden()

    def send(self, text: str) -> Locator:
        """Types a message, presses Enter and returns the bot's reply to it."""
        before = self.bot_messages.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.wait_for_bot_messages(before + 1)
        return self.bot_messages.nth(before)

    # ---- state ----

    def stored_conversation(self) -> dict[str, Any]:
        raw = self.page.evaluate(
            """prefix => {
                const key = Object.keys(localStorage).find(k => k.startsWith(prefix));
                return key ? localStorage.getItem(key) : null;
            }""",
            STORAGE_PREFIX,
        )
        return json.loads(raw) if raw else {}

    def focused(self) -> dict[str, str]:
        return self.page.evaluate(
            """() => {
                const el = document.activeElement;
                return {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim().slice(0, 80)};
            }"""
        )

    def contrast_failures(self) -> list[str]:
        return self.page.locator(".aza-chat").evaluate(CONTRAST_FAILURES_JS)

    def assert_healthy(self) -> None:
        assert not self.page_errors, f"JavaScript errors: {self.page_errors}"
        assert not self.csp_violations, f"Content-Security-Policy violations: {self.csp_violations}"
        assert not self.dialogs, f"unexpected dialogs: {self.dialogs}"
