// Minimal chat box: posts to Rasa's REST channel and shows replies as text.
(function () {
  const root = document.getElementById("chat");
  const serverUrl = root.dataset.serverUrl.replace(/\/$/, "");
  const log = document.getElementById("log");
  const input = document.getElementById("message");
  const sender = crypto.randomUUID();

  function show(text, who) {
    const item = document.createElement("li");
    item.className = who;
    item.textContent = text;
    log.appendChild(item);
  }

  async function send(text, silent) {
    if (!silent) show(text, "user");
    try {
      const response = await fetch(serverUrl + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message: text }),
      });
      const messages = await response.json();
      messages.forEach((m) => m.text && show(m.text, "bot"));
    } catch (error) {
      show("The assistant cannot be reached. In an emergency call 999.", "bot");
    }
  }

  document.getElementById("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) { input.value = ""; send(text, false); }
  });
  send("/start_conversation", true);
})();
