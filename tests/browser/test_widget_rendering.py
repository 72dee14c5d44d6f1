"""How the widget renders each part of the REST channel's reply, with the server stubbed.

The page is the real demo page; Playwright answers the widget's requests to the Rasa URL
with fixed replies, so every part of the contract (links, source lines, quick replies,
`custom.triage` cards of every level, errors) is checked whatever the model says today.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.widget import Widget, store_history

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
}
WELCOME = [{"text": "Hi, I'm an assistant for people who take azathioprine. I'm not a doctor."}]


class StubServer:
    """Answers POST /webhooks/rest/webhook with `replies[message]` (or a callable's result)."""

    def __init__(self, page: Page, base_url: str):
        self.requests: list[dict[str, Any]] = []
        self.replies: dict[str, Any] = {"/start_conversation": WELCOME}
        self.held: list[Route] = []
        self.hold_next = False
        page.route(f"{base_url}/webhooks/rest/webhook", self._handle)

    def _handle(self, route: Route) -> None:
        request = route.request
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=CORS)
            return
        body = request.post_data_json
        self.requests.append(body)
        if self.hold_next:
            self.hold_next = False
            self.held.append(route)
            return
        self.answer(route, body)

    def answer(self, route: Route, body: dict[str, Any]) -> None:
        reply = self.replies.get(body["message"], [{"text": "OK."}])
        if callable(reply):
            reply = reply(body)
        if isinstance(reply, int):
            route.fulfill(status=reply, headers=CORS, body="error")
            return
        reply = [{"recipient_id": body["sender"], **message} for message in reply]
        route.fulfill(status=200, headers=CORS, content_type="application/json", body=json.dumps(reply))

    def release(self) -> None:
        route = self.held.pop(0)
        self.answer(route, route.request.post_data_json)


@pytest.fixture
def stubbed(offline_widget, unreachable_server_url) -> tuple[Widget, StubServer]:
    server = StubServer(offline_widget.page, unreachable_server_url)
    return offline_widget, server


def _reply(chat: Widget, server: StubServer, message: str, reply: list[dict[str, Any]] | Callable):
    server.replies[message] = reply
    return chat.send(message)


def test_the_conversation_starts_with_a_hidden_start_message_and_a_random_id(stubbed):
    chat, server = stubbed
    chat.open()
    assert server.requests[0]["message"] == "/start_conversation"
    assert re.fullmatch(r"[0-9a-f]{32}", server.requests[0]["sender"])
    expect(chat.user_messages).to_have_count(0)
    chat.send("hello")
    assert server.requests[1] == {"sender": server.requests[0]["sender"], "message": "hello"}


def test_links_in_bot_text_are_safe_and_the_source_line_is_distinct(stubbed):
    chat, server = stubbed
    chat.open()
    text = (
        "Azathioprine calms the immune system (see https://www.nhs.uk/medicines/azathioprine/).\n"
        "Not a link: javascript:alert(1) and <b>not bold</b> <img src=x onerror=alert(2)>\n"
        "Source: NHS, https://www.nhs.uk/medicines/azathioprine/about-azathioprine/"
    )
    reply = _reply(chat, server, "what is it", [{"text": text}])
    links = reply.locator("a")
    expect(links).to_have_count(2)
    first = links.first
    expect(first).to_have_attribute("href", "https://www.nhs.uk/medicines/azathioprine/")
    expect(first).to_have_attribute("target", "_blank")
    expect(first).to_have_attribute("rel", "noopener noreferrer")
    expect(reply).to_contain_text("<b>not bold</b> <img src=x onerror=alert(2)>")
    assert reply.locator("b, img, script").count() == 0
    source = reply.locator(".aza-source")
    expect(source).to_have_count(1)
    expect(source).to_have_text(re.compile(r"^Source: NHS, https://www\.nhs\.uk/.*about-azathioprine/"))
    assert source.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    expect(source.locator("a")).to_have_attribute("rel", "noopener noreferrer")


def test_a_source_sentence_at_the_end_of_a_line_gets_its_own_line(stubbed):
    chat, server = stubbed
    chat.open()
    text = "I noticed: a high temperature. A fever can be a sign of infection. Source: NHS, BSR."
    reply = _reply(chat, server, "fever", [{"text": text}])
    expect(reply.locator(".aza-source")).to_have_text("Source: NHS, BSR.")
    expect(reply.locator("p").first).to_have_text("I noticed: a high temperature. A fever can be a sign of infection.")


def test_quick_replies_send_their_payload_and_show_their_title(stubbed):
    chat, server = stubbed
    chat.open()
    buttons = [
        {"title": "Blood tests", "payload": "/ask_blood_tests"},
        {"title": "Side effects", "payload": "/ask_side_effects"},
    ]
    reply = _reply(chat, server, "menu please", [{"text": "Pick one:", "buttons": buttons}])
    server.replies["/ask_blood_tests"] = [{"text": "You need regular blood tests."}]
    reply.get_by_role("button", name="Blood tests").click()
    chat.wait_for_bot_messages(3)
    assert server.requests[-1]["message"] == "/ask_blood_tests"
    expect(chat.user_messages.last).to_have_text(re.compile(r"Blood tests$"))
    expect(chat.page.get_by_text("/ask_blood_tests")).to_have_count(0)
    expect(reply.get_by_role("button", name="Side effects")).to_be_disabled()
    expect(chat.input).to_be_focused()
    expect(chat.announcer).to_contain_text("You need regular blood tests.")


def test_quick_replies_are_reached_and_used_with_the_keyboard(stubbed):
    chat, server = stubbed
    buttons = [
        {"title": t, "payload": f"/{t.lower().replace(' ', '_')}"}
        for t in ("Side effects", "Blood tests", "I feel unwell")
    ]
    server.replies["/start_conversation"] = [{"text": "Welcome.", "buttons": buttons}]
    chat.launcher.focus()
    chat.page.keyboard.press("Enter")
    chat.wait_for_bot_messages(1)
    expect(chat.input).to_be_focused()
    chat.page.keyboard.press("Shift+Tab")  # from the message box to the last quick reply
    expect(chat.page.get_by_role("button", name="I feel unwell")).to_be_focused()
    chat.page.keyboard.press("Shift+Tab")
    expect(chat.page.get_by_role("button", name="Blood tests")).to_be_focused()
    chat.page.keyboard.press("Enter")
    chat.wait_for_bot_messages(2)
    assert server.requests[-1]["message"] == "/blood_tests"
    expect(chat.user_messages.last).to_have_text(re.compile(r"Blood tests$"))
    expect(chat.input).to_be_focused()
    chat.page.keyboard.press("Escape")
    expect(chat.launcher).to_be_focused()


def test_typing_indicator_shows_while_waiting_for_the_reply(stubbed):
    chat, server = stubbed
    chat.open()
    typing = chat.page.locator(".aza-typing")
    expect(typing).to_be_hidden()
    server.hold_next = True
    chat.input.fill("are you there?")
    chat.input.press("Enter")
    expect(typing).to_be_visible()
    expect(typing).to_contain_text("The assistant is typing")
    expect(chat.page.locator(".aza-log")).to_have_attribute("aria-busy", "true")
    server.release()
    expect(typing).to_be_hidden()
    chat.wait_for_bot_messages(2)


@pytest.mark.parametrize(
    ("triage", "level", "label", "heading"),
    [
        (
            {
                "level": "emergency",
                "findings": ["chest pain"],
                "emergency_number": "999",
                "crisis_line": "Samaritans on 116 123",
            },
            "emergency",
            "Emergency",
            "Call 999 now",
        ),
        (
            {"level": "urgent", "findings": ["fever"], "emergency_number": "999"},
            "urgent",
            "Urgent",
            "Contact your team today",
        ),
        (
            {"level": "soon", "findings": ["mouth_ulcers"], "emergency_number": "999"},
            "soon",
            "Soon",
            "Contact your team in the next few days",
        ),
    ],
)
def test_triage_card_by_level(stubbed, triage, level, label, heading):
    chat, server = stubbed
    chat.open()
    reply = _reply(chat, server, "symptom", [{"text": "Details.", "custom": {"triage": triage}}])
    card = reply.locator(".aza-card")
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-level", level)
    expect(card.locator(".aza-card-label")).to_have_text(label)
    expect(card.get_by_role("heading")).to_have_text(heading)
    expect(card.locator('a[href="tel:999"]')).to_be_visible()
    expect(card).to_contain_text(triage["findings"][0].replace("_", " "))
    if "crisis_line" in triage:
        expect(card).to_contain_text("You can also talk to Samaritans on 116 123.")
    assert card.locator("svg[aria-hidden=true]").count() >= 1
    expect(chat.announcer).to_contain_text(f"{label}: {heading}.")


def test_routine_triage_shows_no_card(stubbed):
    chat, server = stubbed
    chat.open()
    reply = _reply(
        chat,
        server,
        "mild",
        [{"text": "Mention it at your next review.", "custom": {"triage": {"level": "routine", "findings": ["x"]}}}],
    )
    expect(reply).to_contain_text("Mention it")
    expect(reply.locator(".aza-card")).to_have_count(0)


def test_one_card_per_reply_merging_the_payloads(stubbed):
    chat, server = stubbed
    chat.open()
    messages = [
        {
            "text": "This could be serious.",
            "custom": {"triage": {"level": "emergency", "findings": [], "emergency_number": "911"}},
        },
        {
            "text": "Because you have chest pain...",
            "custom": {"triage": {"level": "emergency", "findings": ["chest_pain"], "emergency_number": ""}},
        },
    ]
    reply = _reply(chat, server, "chest pain", messages)
    card = reply.locator(".aza-card")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading")).to_have_text("Call 911 now")
    expect(card.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    expect(card).to_contain_text("chest pain")
    expect(reply.locator(".aza-bubble")).to_have_count(2)
    # The card comes first: the action before the explanation.
    assert reply.locator(":scope > *").first.evaluate("e => e.classList.contains('aza-card')")


@pytest.mark.parametrize(
    "triage",
    [
        {"level": "routine", "hypothetical": True, "if_it_happens": "urgent", "findings": ["fever"]},
        {"level": None, "findings": [], "mentioned": ["fever"], "if_it_happens": "urgent"},
    ],
)
def test_hypothetical_payload_is_an_information_card(stubbed, triage):
    chat, server = stubbed
    chat.open()
    reply = _reply(
        chat, server, "what if I get a fever", [{"text": "If you get a fever...", "custom": {"triage": triage}}]
    )
    card = reply.locator(".aza-card")
    expect(card).to_have_class(re.compile(r"\baza-card--info\b"))
    expect(card.locator(".aza-card-label")).to_have_text("For information")
    expect(card.get_by_role("heading")).to_have_text("If this happens: contact your team today")


def test_a_symptom_the_person_has_wins_over_a_hypothetical_one(stubbed):
    chat, server = stubbed
    chat.open()
    triage = {"level": "urgent", "findings": ["fever"], "if_it_happens": "emergency"}
    reply = _reply(chat, server, "fever, what if chest pain", [{"text": "...", "custom": {"triage": triage}}])
    card = reply.locator(".aza-card")
    expect(card).to_have_attribute("data-level", "urgent")
    expect(card.get_by_role("heading")).to_have_text("Contact your team today")


def test_server_error_then_try_again(stubbed):
    chat, server = stubbed
    chat.open()
    server.replies["flaky"] = 500
    chat.input.fill("flaky")
    chat.input.press("Enter")
    expect(chat.error).to_be_visible()
    expect(chat.error).to_contain_text("call 999")
    server.replies["flaky"] = [{"text": "Back again."}]
    chat.error.get_by_role("button", name="Try again").click()
    expect(chat.error).to_have_count(0)
    chat.wait_for_bot_messages(2)
    expect(chat.bot_messages.last).to_have_text(re.compile("Back again"))
    expect(chat.user_messages).to_have_count(1)  # the retry does not repeat the message


def test_history_from_storage_is_revalidated_and_rendered_as_text(context, offline_page_url, unreachable_server_url):
    stored = {
        "sender": "a" * 32,
        "open": True,
        "entries": [
            {"type": "user", "text": "<script>alert(1)</script>"},
            {
                "type": "bot",
                "messages": [
                    {"text": "<img src=x onerror=alert(2)>", "buttons": [{"title": "<b>x</b>", "payload": "/x"}]}
                ],
                "triage": {"level": "urgent", "findings": ["<i>fever</i>", 42], "emergency_number": {"x": 1}},
            },
            {"type": "bot", "messages": "not a list"},
            {"type": "user", "text": {"not": "text"}},
            "junk",
            None,
        ],
    }
    store_history(context, unreachable_server_url, stored, minutes_ago=5)
    chat = Widget(context.new_page()).watch().goto(offline_page_url)
    expect(chat.panel).to_be_visible()
    expect(chat.user_messages).to_have_count(1)
    expect(chat.bot_messages).to_have_count(1)
    expect(chat.user_messages.first).to_contain_text("<script>alert(1)</script>")
    expect(chat.bot_messages.first).to_contain_text("<img src=x onerror=alert(2)>")
    expect(chat.bot_messages.first.get_by_role("button", name="<b>x</b>")).to_be_visible()
    expect(chat.bot_messages.first.locator(".aza-card")).to_contain_text("<i>fever</i>")
    assert chat.page.locator(".aza-chat img, .aza-chat b, .aza-chat i, .aza-chat script").count() == 0
    chat.page.wait_for_timeout(300)
    chat.assert_healthy()


def test_history_unused_for_an_hour_is_forgotten(context, offline_page_url, unreachable_server_url):
    stored = {"sender": "b" * 32, "open": True, "entries": [{"type": "user", "text": "my daughter has a temperature"}]}
    store_history(context, unreachable_server_url, stored, minutes_ago=61)
    chat = Widget(context.new_page()).watch().goto(offline_page_url)
    expect(chat.launcher).to_be_visible()
    expect(chat.panel).to_be_hidden()
    expect(chat.user_messages).to_have_count(0)
    assert chat.page.evaluate("Object.keys(localStorage)") == []
    chat.assert_healthy()


def test_history_without_a_save_time_is_not_restored(context, offline_page_url, unreachable_server_url):
    stored = {"sender": "c" * 32, "open": True, "entries": [{"type": "user", "text": "hello"}]}
    store_history(context, unreachable_server_url, stored, minutes_ago=None)
    chat = Widget(context.new_page()).watch().goto(offline_page_url)
    expect(chat.launcher).to_be_visible()
    expect(chat.user_messages).to_have_count(0)
    chat.assert_healthy()


def test_region_sets_the_emergency_number(context, page_server, unreachable_server_url):
    url = page_server(unreachable_server_url, region="us")
    chat = Widget(context.new_page()).watch().goto(url)
    chat.open(wait_for_welcome=False)
    expect(chat.notice).to_contain_text("In an emergency call 911")
    expect(chat.error).to_contain_text("call 911")
    chat.assert_healthy()


def test_every_text_in_the_widget_meets_wcag_aa_contrast(stubbed, screenshots):
    """On the demo page, whose own h2/p/a styles must not leak into the widget."""
    chat, server = stubbed
    chat.open()
    expect(chat.page.locator(".aza-title")).to_have_css("color", "rgb(255, 255, 255)")
    cards = {
        "emergency": {"level": "emergency", "findings": ["chest_pain"], "emergency_number": "999"},
        "urgent": {"level": "urgent", "findings": ["fever"]},
        "soon": {"level": "soon", "findings": ["rash"]},
        "info": {"level": "routine", "hypothetical": True, "if_it_happens": "emergency"},
    }
    for name, triage in cards.items():
        _reply(
            chat,
            server,
            name,
            [{"text": f"About {name}.\nSource: NHS https://www.nhs.uk/", "custom": {"triage": triage}}],
        )
    _reply(chat, server, "buttons", [{"text": "Choose:", "buttons": [{"title": "One", "payload": "/one"}]}])
    server.replies["broken"] = 500
    chat.input.fill("broken")
    chat.input.press("Enter")
    expect(chat.error).to_be_visible()
    chat.page.keyboard.insert_text("x" * 990)  # the counter
    expect(chat.page.locator(".aza-counter")).to_be_visible()
    assert chat.contrast_failures() == []
    chat.page.locator(".aza-card--urgent").scroll_into_view_if_needed()
    chat.page.screenshot(path=screenshots / "desktop-cards-stubbed.png")
    chat.page.get_by_role("button", name="Close chat").click()
    assert chat.contrast_failures() == []  # the launcher


def test_a_card_that_supersedes_replaces_earlier_advice_but_never_a_crisis_card(stubbed):
    chat, server = stubbed
    chat.open()
    crisis = {"level": "emergency", "findings": ["self_harm"], "emergency_number": "999", "crisis_line": "Samaritans"}
    urgent = {"level": "urgent", "findings": ["fever"], "emergency_number": "999"}
    updated = {"level": "routine", "findings": [], "emergency_number": "999", "supersedes": True}
    _reply(chat, server, "crisis", [{"text": "You don't have to go through this alone.", "custom": {"triage": crisis}}])
    _reply(chat, server, "fever", [{"text": "Contact your team today.", "custom": {"triage": urgent}}])
    _reply(chat, server, "correction", [{"text": "OK, I've taken that back.", "custom": {"triage": updated}}])
    cards = chat.page.locator(".aza-card")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_have_attribute("data-level", "emergency")
    expect(cards.nth(0)).not_to_have_class(re.compile(r"\baza-card--replaced\b"))  # the crisis line stays in view
    expect(cards.nth(1)).to_have_class(re.compile(r"\baza-card--replaced\b"))
    expect(cards.nth(2)).to_have_attribute("data-level", "routine")
    expect(chat.announcer).to_contain_text("This replaces the earlier advice.")
    expect(chat.input).to_be_focused()


def test_a_card_from_an_earlier_session_is_never_replaced(context, offline_page_url, unreachable_server_url):
    old_card = {"level": "urgent", "findings": ["fever"], "emergency_number": "999"}
    stored = {
        "sender": "d" * 32,
        "open": True,
        "entries": [{"type": "bot", "messages": [{"text": "Earlier advice."}], "triage": old_card, "at": 0}],
    }
    store_history(context, unreachable_server_url, stored, minutes_ago=5)
    chat = Widget(context.new_page()).watch().goto(offline_page_url)
    server = StubServer(chat.page, unreachable_server_url)
    updated = {"level": "routine", "findings": [], "emergency_number": "999", "supersedes": True}
    _reply(chat, server, "it's all gone now", [{"text": "I'm glad it's over.", "custom": {"triage": updated}}])
    expect(chat.page.locator(".aza-card--replaced")).to_have_count(0)
    expect(chat.page.locator(".aza-card").first).to_have_attribute("data-level", "urgent")
    chat.assert_healthy()
