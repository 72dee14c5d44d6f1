/*
 * Azathioprine assistant: embeddable chat widget (vanilla JS, no dependencies).
 *
 * Embed with one tag; the widget loads widget.css from the same folder as this script:
 *   <script src="https://assistant.example.org/widget.js" defer
 *           data-server-url="https://assistant.example.org:5005"
 *           data-title="Azathioprine assistant" data-region="uk" data-max-chars="1000"></script>
 *
 * It talks only to the Rasa REST channel (POST {server}/webhooks/rest/webhook) and renders
 * everything it receives as text: no message content ever goes through innerHTML.
 */
(() => {
  "use strict";

  const script =
    document.currentScript || document.querySelector('script[src*="widget.js"][data-server-url]');
  if (!script || window.azathioprineChatWidget) return;

  // Each region's numbers and the urgency cards' headings come from clinical.js beside this
  // script, generated from the project's clinical data (`make domain`). Without it the widget
  // still works, naming "your local emergency number" and the level.
  window.azathioprineChatWidget = { loading: true };
  const clinicalUrl = new URL("clinical.js", script.src || document.baseURI).href;
  if (window.azathioprineClinical) {
    start(window.azathioprineClinical);
  } else {
    const loader = document.createElement("script");
    loader.src = clinicalUrl;
    loader.async = true;
    loader.addEventListener("load", () => start(window.azathioprineClinical || {}));
    loader.addEventListener("error", () => start({}));
    document.head.append(loader);
  }

  function start(clinical) {
    const REGIONS = clinical.regions || {};
    const HEADINGS = clinical.headings || {};
    const heading = (level, fallback) => (number) => (HEADINGS[level] || fallback).replace("{number}", number);
    const UPDATED = clinical.updated || "No warning sign now";
    const REPLACED = clinical.replaced || "Replaced by the advice below";
    // A conversation's episode ends with its session on the server: older cards are never replaced.
    const SESSION_MS = (Number(clinical.sessionMinutes) || 60) * 60000;
    const TRIAGE_LEVELS = {
      emergency: { label: "Emergency", icon: "alert", heading: heading("emergency", "Call {number} now") },
      urgent: { label: "Urgent", icon: "clock", heading: heading("urgent", "Urgent") },
      soon: { label: "Soon", icon: "calendar", heading: heading("soon", "Soon") },
    };
    const START_PAYLOAD = "/start_conversation";
    const REQUEST_TIMEOUT_MS = 45000;
    const MAX_STORED_ENTRIES = 200;
    const COUNTER_FROM = 0.8; // show the character counter from 80 % of the limit
    const SVG_NS = "http://www.w3.org/2000/svg";
    const ICONS = {
      chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
      close: "M6 6l12 12M18 6L6 18",
      alert: "M12 3l10 18H2L12 3zm0 6v5m0 3v.5",
      clock: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 4v5l3 3",
      calendar: "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
      info: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 7v6m0-9v.5",
      phone:
        "M6 3h3l2 5-2.5 1.5a11 11 0 0 0 5 5L15 12l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 4 5a2 2 0 0 1 2-2z",
    };

    // ---------- configuration (from the script tag's data attributes) ----------

    function httpUrl(value, base) {
      try {
        const url = new URL(value, base);
        return url.protocol === "http:" || url.protocol === "https:" ? url : null;
      } catch {
        return null;
      }
    }

    function readConfig(el) {
      const data = el.dataset;
      const server = httpUrl((data.serverUrl || "http://localhost:5005").trim(), document.baseURI);
      const region = (data.region || "uk").trim().toLowerCase();
      const maxChars = Number.parseInt(data.maxChars || "", 10);
      const historyMinutes = Number.parseFloat(data.historyMinutes || "");
      const css = data.css === "none" ? null : httpUrl(data.css || "widget.css", el.src || document.baseURI);
      return {
        serverUrl: server ? (server.origin + server.pathname).replace(/\/+$/, "") : null,
        title: (data.title || "Azathioprine assistant").trim().slice(0, 80) || "Azathioprine assistant",
        region,
        emergencyNumber: (data.emergencyNumber || (REGIONS[region] || {}).emergencyNumber || "").trim(),
        maxChars: Number.isFinite(maxChars) && maxChars > 0 ? maxChars : 1000,
        // A conversation about someone's health should not wait on a shared computer for the next
        // person: stored history unused for this long is forgotten. The default matches the Rasa
        // server's session expiry (domain.yml), after which the server starts afresh anyway.
        historyMinutes: Number.isFinite(historyMinutes) && historyMinutes > 0 ? historyMinutes : 60,
        cssUrl: css ? css.href : null,
      };
    }

    const config = readConfig(script);
    const storageKey = `azathioprine-chat:v1:${config.serverUrl || "none"}`;

    // ---------- small DOM helpers: text only, never HTML ----------

    function el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attrs || {})) {
        if (value === false || value === null || value === undefined) continue;
        if (name === "class") node.className = value;
        else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? "" : String(value));
      }
      for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) node.append(child);
      }
      return node;
    }

    function icon(name) {
      const svg = document.createElementNS(SVG_NS, "svg");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      svg.setAttribute("class", "aza-icon");
      const path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", ICONS[name]);
      svg.append(path);
      return svg;
    }

    const hidden = (text) => el("span", { class: "aza-visually-hidden" }, text);

    function telHref(number) {
      const digits = String(number).replace(/[^0-9+*#]/g, "");
      return digits ? `tel:${digits}` : null;
    }

    function phoneLink(number) {
      const href = telHref(number);
      return href ? el("a", { href, class: "aza-tel" }, number) : number;
    }

    function emergencySentence(prefix, number, suffix) {
      if (!number) return [`${prefix} your local emergency number${suffix}`];
      return [`${prefix} `, phoneLink(number), suffix];
    }

    // ---------- bot text: paragraphs, source lines and safe links ----------

    const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;

    function trimUrl(raw) {
      let url = raw;
      for (;;) {
        const last = url.slice(-1);
        const opens = (url.match(/\(/g) || []).length;
        const closes = (url.match(/\)/g) || []).length;
        if (".,;:!?]}*".includes(last) || (last === ")" && closes > opens)) url = url.slice(0, -1);
        else return url;
      }
    }

    function linkified(text) {
      const parts = [];
      let from = 0;
      for (const match of text.matchAll(URL_PATTERN)) {
        const candidate = trimUrl(match[0]);
        const url = httpUrl(candidate);
        if (!url) continue;
        if (match.index > from) parts.push(text.slice(from, match.index));
        parts.push(
          el(
            "a",
            { href: url.href, target: "_blank", rel: "noopener noreferrer", class: "aza-link" },
            candidate,
            hidden(" (opens in a new tab)"),
          ),
        );
        from = match.index + candidate.length;
      }
      if (from < text.length) parts.push(text.slice(from));
      return parts;
    }

    function botTextNodes(text) {
      return String(text)
        .split(/\r?\n/)
        // A "Source: ..." sentence at the end of a line gets a line of its own.
        .flatMap((line) => line.split(/(?<=[.!?])\s+(?=Sources?:)/))
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) =>
          /^sources?:/i.test(line)
            ? el("p", { class: "aza-source" }, linkified(line))
            : el("p", null, linkified(line)),
        );
    }

    // ---------- triage payload (custom.triage): one card per reply ----------

    const isEmpty = (v) =>
      v === null ||
      v === undefined ||
      v === "" ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);

    function mergeTriage(messages) {
      const merged = {};
      for (const message of messages) {
        const payload = message && message.custom && message.custom.triage;
        if (!payload || typeof payload !== "object") continue;
        for (const [key, value] of Object.entries(payload)) {
          if (!isEmpty(value)) merged[key] = value;
        }
      }
      return Object.keys(merged).length ? merged : null;
    }

    function cardModel(triage) {
      if (!triage) return null;
      const asserted = String(triage.level || "").toLowerCase();
      const ifItHappens = String(triage.if_it_happens || "").toLowerCase();
      // A hypothetical ("what if I get a fever?") gets an information card about what to do if it
      // happens; so does a reply with no actionable level of its own but an `if_it_happens`.
      // An actionable level for something the person has now always wins over that.
      const hypothetical =
        TRIAGE_LEVELS[ifItHappens] !== undefined &&
        (triage.hypothetical === true || TRIAGE_LEVELS[asserted] === undefined);
      const levelName = hypothetical ? ifItHappens : asserted;
      const level = TRIAGE_LEVELS[levelName];
      const number = String(triage.emergency_number || config.emergencyNumber || "").trim();
      if (!level) {
        // Routine: the bot's text says enough, unless it replaces earlier advice (a correction, or
        // an episode that is over): then a plain card says so where the old ones were.
        if (triage.supersedes !== true || asserted !== "routine") return null;
        return { levelName: "routine", hypothetical: false, number, label: "Updated", heading: UPDATED, icon: "info", findings: [], crisisLine: "", supersedes: true };
      }
      const action = level.heading(number || "your emergency number");
      // Prefer the findings in words ("a high temperature (39.0°C)"); fall back to the codes.
      const words = (list) => (Array.isArray(list) ? list : []).filter((f) => typeof f === "string" && f.trim());
      const labels = words(triage.labels);
      const findings = labels.length
        ? labels.map((f) => f.trim())
        : words(triage.findings).map((f) => f.trim().replace(/[_-]+/g, " "));
      return {
        levelName,
        hypothetical,
        number,
        label: hypothetical ? "For information" : level.label,
        heading: hypothetical ? `If this happens: ${action.charAt(0).toLowerCase()}${action.slice(1)}` : action,
        icon: hypothetical ? "info" : level.icon,
        findings,
        crisisLine: typeof triage.crisis_line === "string" ? triage.crisis_line.trim() : "",
        supersedes: triage.supersedes === true && !hypothetical,
      };
    }

    // An earlier card replaced by a later one in the same conversation: one line, so only the
    // latest advice stands out.
    function renderReplacedCard(model) {
      return el(
        "div",
        { class: "aza-card aza-card--replaced", "data-level": model.levelName, role: "group", "aria-label": REPLACED },
        el("p", { class: "aza-card-replaced" }, `${REPLACED}: ${model.heading.charAt(0).toLowerCase()}${model.heading.slice(1)}.`),
      );
    }

    function cardText(model) {
      let text = `${model.label}: ${model.heading}.`;
      if (model.findings.length) text += ` Because you mentioned: ${model.findings.join(", ")}.`;
      return text;
    }

    function renderCard(model) {
      const kind = model.hypothetical ? "info" : model.levelName;
      const body = el(
        "div",
        { class: "aza-card-body" },
        el("p", { class: "aza-card-label" }, model.label),
        el("h3", { class: "aza-card-heading" }, model.heading),
      );
      if (model.findings.length) {
        const what = model.hypothetical ? "About: " : "Because you mentioned: ";
        body.append(el("p", { class: "aza-card-findings" }, what + model.findings.join(", ")));
      }
      if (model.crisisLine && !model.hypothetical) {
        body.append(el("p", { class: "aza-card-safety" }, `You can also talk to ${model.crisisLine}.`));
      }
      if (model.levelName === "emergency" && model.number && telHref(model.number)) {
        body.append(
          el("a", { class: "aza-call", href: telHref(model.number) }, icon("phone"), `Call ${model.number}`),
        );
      } else if (!model.hypothetical) {
        body.append(
          el(
            "p",
            { class: "aza-card-safety" },
            emergencySentence("If you feel very unwell or it gets worse, call", model.number, "."),
          ),
        );
      }
      return el(
        "div",
        { class: `aza-card aza-card--${kind}`, "data-level": model.levelName, role: "group", "aria-label": model.label },
        icon(model.icon),
        body,
      );
    }

    // ---------- conversation state, kept in localStorage ----------

    function randomId() {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    }

    function loadState() {
      try {
        const state = JSON.parse(localStorage.getItem(storageKey) || "null");
        if (!state) return null;
        const age = Date.now() - state.savedAt;
        const fresh = typeof state.savedAt === "number" && age >= 0 && age <= config.historyMinutes * 60000;
        if (fresh && typeof state.sender === "string" && Array.isArray(state.entries)) return state;
        localStorage.removeItem(storageKey);
      } catch {
        // storage blocked or corrupt: start afresh
      }
      return null;
    }

    function saveState() {
      state.entries = state.entries.slice(-MAX_STORED_ENTRIES);
      state.savedAt = Date.now();
      try {
        localStorage.setItem(storageKey, JSON.stringify(state));
      } catch {
        // storage full or blocked: the conversation still works for this page view
      }
    }

    function botEntry(messages) {
      const list = Array.isArray(messages) ? messages : [];
      return {
        type: "bot",
        messages: list
          .map((m) => ({
            text: m && typeof m.text === "string" ? m.text : "",
            buttons: (m && Array.isArray(m.buttons) ? m.buttons : [])
              .filter((b) => b && typeof b.title === "string" && b.title.trim())
              .map((b) => ({ title: b.title, payload: typeof b.payload === "string" ? b.payload : b.title })),
            note: noteText(m),
          }))
          .filter((m) => m.text.trim() || m.buttons.length || m.note),
        triage: mergeTriage(list),
      };
    }

    let state = loadState();
    let generation = 0; // bumped by "start over" so late replies of the old conversation are dropped
    let busy = false;
    let lastFailed = null;
    let limitAnnounced = false;

    // ---------- building the widget ----------

    const ids = {
      panel: "aza-chat-panel",
      title: "aza-chat-title",
      input: "aza-chat-input",
      counter: "aza-chat-counter",
      notice: "aza-chat-notice",
    };

    const launcher = el(
      "button",
      { type: "button", class: "aza-launcher", "aria-expanded": "false", "aria-controls": ids.panel },
      icon("chat"),
      el("span", { class: "aza-launcher-text" }, config.title),
    );
    const title = el("h2", { class: "aza-title", id: ids.title }, config.title);
    const restartButton = el("button", { type: "button", class: "aza-restart" }, "Start over");
    const closeButton = el("button", { type: "button", class: "aza-close", "aria-label": "Close chat" }, icon("close"));
    const notice = el(
      "p",
      { class: "aza-notice", id: ids.notice },
      el("strong", null, "Not a doctor: "),
      "general information only. ",
      el("span", { class: "aza-emergency-line" }, emergencySentence("In an emergency call", config.emergencyNumber, ".")),
    );
    const messageList = el("ol", { class: "aza-messages" });
    const typing = el(
      "div",
      { class: "aza-typing", hidden: true },
      el("span", { class: "aza-dot", "aria-hidden": "true" }),
      el("span", { class: "aza-dot", "aria-hidden": "true" }),
      el("span", { class: "aza-dot", "aria-hidden": "true" }),
      hidden("The assistant is typing"),
    );
    const log = el(
      "div",
      { class: "aza-log", tabindex: "0", role: "region", "aria-label": "Conversation" },
      messageList,
      typing,
    );
    // New messages are announced here (one announcement per reply), not by the log itself.
    const announcer = el("div", {
      class: "aza-visually-hidden aza-announcer",
      role: "status",
      "aria-live": "polite",
      "aria-atomic": "true",
    });
    const input = el("textarea", {
      id: ids.input,
      class: "aza-input",
      rows: "1",
      maxlength: String(config.maxChars),
      autocomplete: "off",
      "aria-describedby": `${ids.counter} ${ids.notice}`,
      placeholder: "Type your question",
    });
    const counter = el("p", { class: "aza-counter", id: ids.counter, hidden: true });
    const sendButton = el("button", { type: "submit", class: "aza-send" }, "Send");
    const form = el(
      "form",
      { class: "aza-composer", novalidate: true },
      el("label", { class: "aza-visually-hidden", for: ids.input }, "Your message"),
      input,
      sendButton,
      counter,
    );
    const panel = el(
      "section",
      { class: "aza-panel", id: ids.panel, role: "dialog", "aria-labelledby": ids.title, hidden: true },
      el("div", { class: "aza-header" }, title, restartButton, closeButton),
      notice,
      log,
      form,
      announcer,
    );
    const root = el("div", { class: "aza-chat", hidden: true, "data-region": config.region }, launcher, panel);

    // ---------- rendering entries ----------

    function quickReplies(buttons, active) {
      const group = el("div", { class: "aza-quick", role: "group", "aria-label": "Suggested replies" });
      for (const button of buttons) {
        group.append(
          el(
            "button",
            {
              type: "button",
              class: "aza-quick-reply",
              disabled: !active,
              onclick: () => {
                // The clicked button is disabled once it is used: keep the focus in the chat.
                if (sendText(button.payload, button.title)) input.focus();
              },
            },
            button.title,
          ),
        );
      }
      return group;
    }

    // ---------- the note for the call (custom.clinician_note) ----------

    function noteText(message) {
      if (!message) return "";
      if (typeof message.note === "string") return message.note; // restored from localStorage
      const payload = message.custom && message.custom.clinician_note;
      return payload && typeof payload.text === "string" ? payload.text : "";
    }

    async function copyText(text) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // No clipboard API (an insecure page, an old browser): select a hidden copy instead.
        const area = el("textarea", { class: "aza-visually-hidden", readonly: true, "aria-hidden": "true" });
        area.value = text;
        root.append(area);
        area.select();
        let copied = false;
        try {
          copied = document.execCommand("copy");
        } catch {
          copied = false;
        }
        area.remove();
        return copied;
      }
    }

    function renderNote(text) {
      const body = el("pre", { class: "aza-note-text", tabindex: "0" }, text);
      const status = el("span", { class: "aza-note-status", role: "status" });
      const copy = el(
        "button",
        {
          type: "button",
          class: "aza-note-copy",
          onclick: async () => {
            const copied = await copyText(text);
            status.textContent = copied ? "Copied" : "Couldn't copy: select the note and copy it yourself";
          },
        },
        "Copy",
      );
      const note = el("div", { class: "aza-note", role: "group", "aria-label": "Note for the call" });
      const print = el(
        "button",
        {
          type: "button",
          class: "aza-note-print",
          onclick: () => {
            // Only this note is printed (widget.css, @media print).
            document.documentElement.classList.add("aza-printing-note");
            note.classList.add("aza-note--printing");
            const done = () => {
              document.documentElement.classList.remove("aza-printing-note");
              note.classList.remove("aza-note--printing");
              window.removeEventListener("afterprint", done);
            };
            window.addEventListener("afterprint", done);
            window.print();
          },
        },
        "Print",
      );
      note.append(body, el("div", { class: "aza-note-actions" }, copy, print, status));
      return note;
    }

    const renderedNode = new WeakMap(); // entry -> its <li>, to re-draw a card once it is replaced

    function renderEntry(entry, isLast) {
      if (entry.type === "user") {
        return el(
          "li",
          { class: "aza-msg aza-msg--user" },
          el("div", { class: "aza-bubble" }, hidden("You said: "), entry.text),
        );
      }
      const item = el("li", { class: "aza-msg aza-msg--bot" });
      renderedNode.set(entry, item);
      const card = cardModel(entry.triage);
      if (card) item.append(entry.replaced ? renderReplacedCard(card) : renderCard(card));
      entry.messages.forEach((message, index) => {
        if (message.note) {
          item.append(hidden("The assistant wrote a note for the call: "), renderNote(message.note));
        } else if (message.text.trim()) {
          item.append(
            el("div", { class: "aza-bubble" }, index === 0 ? hidden("The assistant said: ") : null, botTextNodes(message.text)),
          );
        }
        if (message.buttons.length) item.append(quickReplies(message.buttons, isLast));
      });
      return item;
    }

    function renderAll() {
      messageList.replaceChildren(...state.entries.map((entry, i) => renderEntry(entry, i === state.entries.length - 1)));
      scrollToEnd();
    }

    function scrollToEnd() {
      log.scrollTop = log.scrollHeight;
    }

    function showNew(node) {
      messageList.append(node);
      // Long replies are read from their start; short ones just scroll into view.
      const top = node.offsetTop - messageList.offsetTop;
      log.scrollTop = node.offsetHeight > log.clientHeight ? top : log.scrollHeight;
    }

    function deactivateQuickReplies() {
      for (const button of messageList.querySelectorAll(".aza-quick-reply")) button.disabled = true;
    }

    function announce(text) {
      announcer.textContent = "";
      // A fresh node after a tick, so the same text twice is still announced.
      window.setTimeout(() => {
        announcer.textContent = text;
      }, 50);
    }

    function announcementFor(entry) {
      const parts = [];
      const card = cardModel(entry.triage);
      if (card && entry.replacedEarlier) parts.push("This replaces the earlier advice.");
      if (card) parts.push(cardText(card));
      for (const message of entry.messages) if (message.text.trim()) parts.push(message.text.trim());
      const titles = entry.messages.flatMap((m) => m.buttons.map((b) => b.title));
      if (titles.length) parts.push(`Suggested replies: ${titles.join(", ")}.`);
      return `The assistant said: ${parts.join(" ")}`;
    }

    // Earlier advice a new card replaces: current-advice cards, never a crisis card (its crisis line
    // stays in view) or a "what if" card.
    function replaceableBy(card) {
      if (!card || !card.supersedes) return [];
      const since = Date.now() - SESSION_MS;
      return state.entries.filter((e) => {
        const earlier = e.type === "bot" && !e.replaced && (e.at || 0) >= since ? cardModel(e.triage) : null;
        return earlier && !earlier.hypothetical && !earlier.crisisLine;
      });
    }

    function addEntry(entry) {
      entry.at = Date.now();
      const replacing = entry.type === "bot" ? replaceableBy(cardModel(entry.triage)) : [];
      entry.replacedEarlier = replacing.length > 0;
      for (const earlier of replacing) earlier.replaced = true;
      state.entries.push(entry);
      saveState();
      deactivateQuickReplies();
      if (!replacing.length) {
        showNew(renderEntry(entry, true));
        return;
      }
      // Re-drawn in place: the replaced cards become one line each. The focus stays in the chat.
      const focusWasInChat = root.contains(document.activeElement);
      for (const earlier of replacing) {
        const node = renderedNode.get(earlier);
        if (node && node.isConnected) node.replaceWith(renderEntry(earlier, false));
      }
      showNew(renderEntry(entry, true));
      if (focusWasInChat && !root.contains(document.activeElement)) input.focus();
    }

    function clearErrors() {
      for (const node of messageList.querySelectorAll(".aza-msg--error")) node.remove();
    }

    function showError(retry) {
      clearErrors();
      lastFailed = retry;
      const text = "Sorry, the assistant can't be reached right now.";
      const item = el(
        "li",
        { class: "aza-msg aza-msg--error" },
        // role=alert: announced at once, and only here (not also through the polite announcer).
        el("div", { class: "aza-error-body", role: "alert" },
          icon("alert"),
          el("div", null,
            el("p", { class: "aza-error-title" }, text),
            el("p", { class: "aza-error-emergency" },
              emergencySentence("If you feel very unwell or think it's an emergency, call", config.emergencyNumber, " now.")),
            el("p", null, "For anything else, contact your specialist team, GP or pharmacist."),
            el("button", { type: "button", class: "aza-retry", onclick: retryLast }, "Try again"),
          ),
        ),
      );
      showNew(item);
    }

    function retryLast() {
      if (!lastFailed || busy) return;
      const retry = lastFailed;
      lastFailed = null;
      clearErrors();
      retry();
      input.focus();
    }

    function setBusy(value) {
      busy = value;
      typing.hidden = !value;
      log.setAttribute("aria-busy", value ? "true" : "false");
      if (value) scrollToEnd();
    }

    // ---------- talking to the server ----------

    async function post(text) {
      if (!config.serverUrl) throw new Error("no valid data-server-url");
      const controller = new AbortController();
      const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
      try {
        const response = await fetch(`${config.serverUrl}/webhooks/rest/webhook`, {
          method: "POST",
          mode: "cors",
          credentials: "omit",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ sender: state.sender, message: text }),
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const messages = await response.json();
        if (!Array.isArray(messages)) throw new Error("unexpected reply");
        return messages;
      } finally {
        window.clearTimeout(timer);
      }
    }

    async function deliver(payload) {
      const mine = generation;
      setBusy(true);
      try {
        const messages = await post(payload);
        if (mine !== generation) return;
        let entry = botEntry(messages);
        if (!entry.messages.length && !cardModel(entry.triage)) {
          entry = botEntry([{ text: `Sorry, I can't answer that right now. In an emergency call ${config.emergencyNumber || "your local emergency number"}.` }]);
        }
        addEntry(entry);
        announce(announcementFor(entry));
      } catch {
        if (mine !== generation) return;
        showError(() => deliver(payload));
      } finally {
        if (mine === generation) setBusy(false);
      }
    }

    function sendText(payload, shown) {
      if (busy) return false;
      clearErrors();
      lastFailed = null;
      addEntry({ type: "user", text: shown });
      deliver(payload);
      return true;
    }

    function startConversation() {
      state = { sender: randomId(), entries: [], open: !panel.hidden };
      saveState();
      generation += 1;
      busy = false;
      lastFailed = null;
      messageList.replaceChildren();
      deliver(START_PAYLOAD);
    }

    const hasWelcome = () => state && state.entries.some((e) => e.type === "bot");

    // ---------- opening, closing and the composer ----------

    function setOpen(open, { focus = true } = {}) {
      panel.hidden = !open;
      root.classList.toggle("aza-open", open);
      launcher.setAttribute("aria-expanded", String(open));
      if (state) {
        state.open = open;
        saveState();
      }
      if (open) {
        scrollToEnd();
        if (!state) startConversation();
        else if (!hasWelcome() && !busy && !messageList.querySelector(".aza-msg--error")) deliver(START_PAYLOAD);
        if (focus) input.focus();
      } else if (focus) {
        launcher.focus();
      }
    }

    function updateCounter() {
      const length = input.value.length;
      const near = length >= Math.floor(config.maxChars * COUNTER_FROM);
      counter.hidden = !near;
      counter.textContent = near ? `${length} of ${config.maxChars} characters` : "";
      counter.classList.toggle("aza-counter--full", length >= config.maxChars);
      if (length >= config.maxChars && !limitAnnounced) {
        limitAnnounced = true;
        announce(`You have reached the limit of ${config.maxChars} characters.`);
      } else if (length < config.maxChars) {
        limitAnnounced = false;
      }
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
    }

    function submit() {
      const text = input.value.trim();
      if (!text) {
        input.focus();
        return;
      }
      if (sendText(text, text)) {
        input.value = "";
        updateCounter();
      }
      input.focus();
    }

    launcher.addEventListener("click", () => setOpen(panel.hidden));
    closeButton.addEventListener("click", () => setOpen(false));
    restartButton.addEventListener("click", () => {
      startConversation();
      input.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit();
    });
    input.addEventListener("input", updateCounter);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      }
    });
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        setOpen(false);
      }
    });

    // ---------- start ----------

    // Whatever is in localStorage is re-validated before it is rendered (still only as text).
    function normalisedEntry(entry) {
      if (!entry || typeof entry !== "object") return null;
      if (entry.type === "user" && typeof entry.text === "string") return { type: "user", text: entry.text };
      if (entry.type !== "bot") return null;
      const triage = entry.triage && typeof entry.triage === "object" ? entry.triage : null;
      const restored = botEntry(Array.isArray(entry.messages) ? entry.messages : []);
      if (!restored.messages.length && !cardModel(triage)) return null;
      const at = typeof entry.at === "number" ? entry.at : 0;
      return { type: "bot", messages: restored.messages, triage, replaced: entry.replaced === true, at };
    }

    function mount() {
      if (state) {
        state.entries = state.entries.map(normalisedEntry).filter(Boolean);
        state.open = state.open === true;
        renderAll();
      }
      document.body.append(root);
      if (state && state.open) setOpen(true, { focus: false });
      updateCounter();
    }

    function reveal() {
      root.hidden = false;
    }

    const cssPresent = Array.from(document.querySelectorAll('link[rel~="stylesheet"]')).some(
      (link) => link.href === config.cssUrl,
    );
    if (config.cssUrl && !cssPresent) {
      const link = el("link", { rel: "stylesheet", href: config.cssUrl });
      link.addEventListener("load", reveal);
      link.addEventListener("error", reveal);
      script.after(link);
    } else {
      reveal();
    }

    if (document.body) mount();
    else document.addEventListener("DOMContentLoaded", mount);

    window.azathioprineChatWidget = { open: () => setOpen(true), close: () => setOpen(false), config };
  }
})();
