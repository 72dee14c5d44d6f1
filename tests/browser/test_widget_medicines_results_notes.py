"""In the widget: the medicine checker's answer, a blood result's card, and the note for the call
(which copies exactly its text and prints alone)."""

import re

from playwright.sync_api import expect


def test_a_medicine_question_gets_the_answer_for_that_medicine(widget):
    widget.open()
    reply = widget.send("my GP gave me trimethoprim for a water infection, is that ok with my aza?")
    expect(reply).to_contain_text("Trimethoprim")
    expect(reply).to_contain_text("999")
    expect(reply.locator(".aza-card")).to_have_count(0)  # an answer, not a triage card


def test_a_blood_result_outside_the_limit_shows_the_urgent_card(widget, screenshots):
    widget.open()
    reply = widget.send("my neutrophils are 1.2, is that bad?")
    card = reply.locator(".aza-card")
    expect(card).to_have_attribute("data-level", "urgent")
    expect(card).to_contain_text("neutrophils 1.2")
    expect(reply).to_contain_text("under 1.6 x10^9/L, the limit many specialist teams use")
    widget.page.screenshot(path=screenshots / "desktop-blood-result.png")


def test_the_note_for_the_call_appears_copies_exactly_and_prints_alone(widget, context, stack, screenshots):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.settings.web_url)
    widget.page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    widget.page.reload()
    widget.open()
    reply = widget.send("temp 38.6 since this morning and a sore throat")
    expect(reply.locator(".aza-card")).to_have_attribute("data-level", "urgent")
    offer = widget.page.get_by_role("button", name="Make a note for the call")
    expect(offer).to_be_enabled()
    offer.click()
    note = widget.page.get_by_role("group", name="Note for the call")
    expect(note).to_be_visible()
    text = note.locator(".aza-note-text")
    expect(text).to_contain_text('"temp 38.6 since this morning and a sore throat"')
    expect(text).to_contain_text("Temperature given: 38.6°C (101.5°F)")
    expect(text).to_contain_text("Advice the assistant gave: urgent")
    note.get_by_role("button", name="Copy").click()
    expect(note.get_by_role("status")).to_have_text("Copied")
    copied = widget.page.evaluate("navigator.clipboard.readText()")
    assert copied == text.text_content() and copied.startswith("Note for the call")
    widget.page.screenshot(path=screenshots / "desktop-clinician-note.png")

    # Print: only the note is visible on paper.
    note.get_by_role("button", name="Print").click()
    assert widget.page.evaluate("window.__printed") == 1
    widget.page.emulate_media(media="print")
    assert text.evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert widget.page.locator(".aza-card").first.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    widget.page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    widget.page.emulate_media(media="screen")
    expect(note).not_to_have_class(re.compile(r"aza-note--printing"))

    # The note survives a reload, as the rest of the conversation does.
    widget.page.reload()
    expect(widget.panel).to_be_visible()  # it was open, so it opens again
    expect(widget.page.get_by_role("group", name="Note for the call").locator(".aza-note-text")).to_have_text(copied)
