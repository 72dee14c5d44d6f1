"""Advice over several messages in the browser: a later card replaces the earlier ones, so the
person sees one current piece of advice."""

from __future__ import annotations

import re

from playwright.sync_api import expect

CURRENT = ".aza-card:not(.aza-card--replaced)"


def test_a_correction_replaces_the_card(widget, screenshots):
    widget.open()
    first = widget.send("thermometer says 38.9")
    expect(first.locator(".aza-card")).to_have_attribute("data-level", "urgent")

    reply = widget.send("no wait, I misread it, it's 36.9")
    # The urgent card is now one quiet line saying it was replaced; the new card says what stands.
    old = first.locator(".aza-card")
    expect(old).to_have_class(re.compile(r"\baza-card--replaced\b"))
    expect(old).to_contain_text("Replaced by the advice below")
    expect(old.get_by_role("heading")).to_have_count(0)
    current = widget.page.locator(CURRENT)
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("data-level", "routine")
    expect(current).to_contain_text("No warning sign now")
    expect(current).to_contain_text("999")  # the way out is still on the card
    expect(reply).to_contain_text("taken that back")
    expect(widget.announcer).to_contain_text("No warning sign now")
    widget.page.screenshot(path=screenshots / "desktop-correction-replaces-card.png")

    # The replaced card stays replaced after a reload.
    widget.page.reload()
    expect(widget.page.locator(".aza-card--replaced")).to_have_count(1)
    expect(widget.page.locator(CURRENT)).to_have_attribute("data-level", "routine")
    widget.assert_healthy()


def test_a_detail_that_raises_the_level_replaces_the_card_with_the_more_urgent_one(widget):
    widget.open()
    widget.send("my nose is bleeding")
    reply = widget.send("it's been going for ages and it won't stop")
    current = widget.page.locator(CURRENT)
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("data-level", "emergency")
    expect(reply.locator('a[href="tel:999"]')).to_be_visible()
    expect(widget.page.locator(".aza-card--replaced")).to_have_attribute("data-level", "urgent")


def test_an_everyday_question_does_not_replace_the_card(widget):
    widget.open()
    widget.send("I've got a temperature of 38.4")
    widget.send("can i take paracetamol with azathioprine?")
    expect(widget.page.locator(".aza-card--replaced")).to_have_count(0)
    expect(widget.page.locator(CURRENT)).to_have_attribute("data-level", "urgent")
