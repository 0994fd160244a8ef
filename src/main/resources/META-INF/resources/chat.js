// The customer's chat (/): one conversation over the WebSocket /ws/chat (token as subprotocol),
// resumed by sequence number after a reconnect. Where a WebSocket cannot open at all (a proxy
// that refuses upgrades), the same events come over SSE (POST /api/v1/inquiries/stream) and the
// conversation's feed (EventSource).
"use strict";

(() => {
  const { el } = Frontdesk;
  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const composer = $("composer");
  const input = $("message");
  const send = $("send");
  const conn = $("conn");
  const typingLine = $("typing");
  const key = (name) => "frontdesk.customer." + name;

  const state = {
    token: null,
    conversationId: localStorage.getItem(key("conversation")),
    lastSeq: Number(localStorage.getItem(key("seq")) || 0),
    bubble: null, // the bot message being streamed
    told: new Set(), // what this turn's notices already told the customer
    calls: new Map(), // this turn's tool status lines by call id (ids repeat across turns)
    typed: null, // the message being answered, given back if it is refused
    busy: false,
    transport: null,
    language: "en", // the conversation's, as the server reads it from the customer's messages
    headings: {}, // the notices' headings in that language (GET /api/v1/notices/{language})
  };

  const TOOL_LABELS = {
    search_knowledge_base: "Searching the help centre",
    search_documentation: "Searching the documentation",
    perform_account_action: "Working on your account",
    lookup_invoice: "Looking up the invoice",
    list_invoices: "Looking up your invoices",
    lookup_payment: "Checking the payment",
    process_refund: "Preparing the refund",
    get_service_logs: "Reading the service logs",
    restart_service: "Restarting the service",
    run_diagnostics: "Running diagnostics",
    list_services: "Checking your services",
    escalate_to_human: "Asking a person to help",
  };
  // the server's transcript (CustomerText) says the same, so a reload shows what was seen live
  const toolLabel = (tool) => TOOL_LABELS[tool] || "Working on it";
  const routing = (tool) => (tool || "").startsWith("transfer_to_");
  // a message refused before anything was stored: the customer gets their text back to send again
  // (the headings' texts are the server's notice table, in the conversation's language; these
  // English ones stand in until it has answered)
  const REFUSED = {
    rate_limited: ["limit.rate_limited.title", "Please wait a moment."],
    busy: ["limit.busy.title", "We are very busy right now."],
    invalid_request: ["refused.title", "This message could not be sent."],
  };
  const DECISIONS = {
    approved: ["approval.approved.title", "Approved."],
    rejected: ["approval.rejected.title", "Not approved."],
    expired: ["approval.expired.title", "Nobody approved in time."],
  };
  const heading = ([key, english], arg) => (state.headings[key] || english).replace("{0}", arg || "");

  /** The conversation's language: its notices' headings are fetched once per language. */
  async function speak(language) {
    if (!language || language === state.language) return;
    state.language = language;
    document.documentElement.lang = language;
    try {
      state.headings = await Frontdesk.api("/api/v1/notices/" + encodeURIComponent(language), { token: state.token });
    } catch (e) {
      state.headings = {}; // the English headings then
    }
    // the page's own words follow, and the labels already drawn (a reload draws them so)
    document.querySelector("label[for=message]").textContent = heading(["page.message", "Your message"]);
    input.placeholder = heading(["page.placeholder", "Type your question…"]);
    send.textContent = state.busy ? heading(["page.answering", "Answering…"]) : heading(["page.send", "Send"]);
    log.querySelectorAll(".msg.me > .from").forEach((n) => (n.textContent = heading(["page.you", "You"])));
    log.querySelectorAll(".msg.bot > .from").forEach((n) => (n.textContent = heading(["page.assistant", "Skyline assistant"])));
  }

  // Markdown of the assistant and the team, rendered by a maintained renderer (marked) and made safe
  // by a maintained sanitizer (DOMPurify): no script, no event handler, no javascript: link, no
  // image fetched from elsewhere; every link opens apart, without a handle on this page.
  const rich = !!(window.marked && window.DOMPurify);
  if (rich) {
    DOMPurify.addHook("afterSanitizeAttributes", (node) => {
      if (node.tagName === "A" && node.hasAttribute("href")) {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer nofollow");
      }
    });
  }
  const SANITIZE = { FORBID_TAGS: ["img", "style", "form", "input", "button", "iframe"], ALLOW_DATA_ATTR: false };

  /** What a message says, as written (streamed deltas, withdrawals and done compare this). */
  const said = (node) => (node.dataset.raw !== undefined ? node.dataset.raw : node.textContent);

  function say(node, text) {
    node.dataset.raw = text;
    if (rich) node.innerHTML = DOMPurify.sanitize(marked.parse(text, { gfm: true, breaks: true }), SANITIZE);
    else node.textContent = text;
  }

  function remember() {
    if (state.conversationId) localStorage.setItem(key("conversation"), state.conversationId);
    else localStorage.removeItem(key("conversation"));
    localStorage.setItem(key("seq"), String(state.lastSeq));
  }

  function add(node) {
    const stick = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    log.append(node);
    if (stick) log.scrollTop = log.scrollHeight;
    return node;
  }

  function message(kind, text, from) {
    const li = el("li", "msg " + kind);
    if (from) li.append(el("span", "from", from));
    const body = el(kind === "me" ? "span" : "div", "text");
    // the customer's own words stay plain text; an answer or a person's reply may be Markdown
    if (kind === "me") body.textContent = text;
    else say(body, text);
    li.append(body);
    return add(li);
  }

  function status(text, extra) {
    return add(el("li", "status" + (extra ? " " + extra : ""), text));
  }

  function notice(kind, id) {
    const existing = id && document.getElementById(id);
    if (existing) return existing;
    const li = el("li", "notice " + kind);
    if (id) li.id = id;
    return add(li);
  }

  /** A resolved conversation: 1 to 5 stars and an optional comment (CSAT), sent once. */
  function askRating() {
    if (!state.conversationId || document.getElementById("rating")) return;
    const n = notice("rating", "rating");
    const form = el("form", "rating-form");
    const ask = heading(["page.rating.ask", "How did we do?"]);
    const stars = el("div", "stars");
    stars.setAttribute("role", "radiogroup");
    stars.setAttribute("aria-label", ask);
    let score = 0;
    const sendIt = el("button", null, heading(["page.rating.send", "Send rating"]));
    sendIt.type = "submit";
    sendIt.disabled = true;
    for (let i = 1; i <= 5; i++) {
      const star = el("button", "star", "★");
      star.type = "button";
      star.dataset.score = String(i);
      star.setAttribute("role", "radio");
      star.setAttribute("aria-checked", "false");
      star.setAttribute("aria-label", heading(["page.rating.star", "{0} of 5"], String(i)));
      star.addEventListener("click", () => {
        score = i;
        stars.querySelectorAll(".star").forEach((b) => {
          b.setAttribute("aria-checked", String(Number(b.dataset.score) === i));
          b.classList.toggle("lit", Number(b.dataset.score) <= i);
        });
        sendIt.disabled = false;
      });
      stars.append(star);
    }
    const label = el("label", null, heading(["page.rating.comment", "Anything to add? (optional)"]));
    label.htmlFor = "rating-comment";
    const comment = el("textarea");
    comment.id = "rating-comment";
    comment.rows = 2;
    comment.maxLength = 1000;
    const problem = el("p", "error");
    problem.hidden = true;
    form.append(el("strong", null, ask), stars, label, comment, sendIt, problem);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      sendIt.disabled = true;
      try {
        await Frontdesk.api("/api/v1/conversations/" + encodeURIComponent(state.conversationId) + "/rating", {
          method: "POST", token: state.token, body: { score, comment: comment.value.trim() || null },
        });
        n.replaceChildren(el("strong", null, heading(["page.rating.thanks", "Thank you for your rating."])));
      } catch (e) {
        problem.hidden = false;
        problem.textContent = e.message;
        sendIt.disabled = false;
      }
    });
    n.append(form);
  }

  function fill(node, strong, rest) {
    node.replaceChildren(el("strong", null, strong), document.createTextNode(rest ? " " + rest : ""));
  }

  function setBusy(busy) {
    state.busy = busy;
    send.disabled = busy || !connected();
    send.textContent = busy ? heading(["page.answering", "Answering…"]) : heading(["page.send", "Send"]);
  }

  function connected() {
    return state.transport && state.transport.ready();
  }

  function setConn(s, text) {
    conn.hidden = false;
    conn.dataset.state = s;
    conn.textContent = text;
    send.disabled = state.busy || !connected();
  }

  /** The refused message goes back into the box (it was not stored: a reload would not show it). */
  function giveBack() {
    if (!state.typed) return;
    state.typed.line.remove();
    if (!input.value) input.value = state.typed.text;
    state.typed = null;
    input.focus();
  }

  function finishBubble() {
    if (state.bubble) {
      state.bubble.classList.remove("streaming");
      state.bubble.removeAttribute("aria-busy");
    }
    state.bubble = null;
  }

  /**
   * Every event, from whichever channel, comes here and is drawn in order; a turn in another
   * language first fetches that language's headings, so its notices are headed in it.
   */
  let drawn = Promise.resolve();
  function render(e) {
    drawn = drawn
      .then(() => (e.type === "turn_started" ? speak(e.language) : null))
      .then(() => draw(e))
      .catch((x) => console.error("event not drawn", e.type, x));
  }

  /** One event drawn; seq-numbered ones at most once. */
  function draw(e) {
    if (typeof e.seq === "number") {
      if (e.seq <= state.lastSeq) return;
      state.lastSeq = e.seq;
      remember();
    }
    switch (e.type) {
      case "turn_started":
        if (e.conversationId && e.conversationId !== state.conversationId) {
          state.conversationId = e.conversationId;
          remember();
          state.transport.follow();
        }
        finishBubble();
        state.told.clear();
        state.calls.clear();
        setBusy(true);
        break;
      case "text":
        if (!state.bubble) {
          state.bubble = message("bot streaming", "", heading(["page.assistant", "Skyline assistant"]));
          // announced once it is complete, not word by word
          state.bubble.setAttribute("aria-busy", "true");
        }
        const streamed = state.bubble.querySelector(".text");
        say(streamed, said(streamed) + e.delta);
        if (log.scrollHeight - log.scrollTop - log.clientHeight < 160) log.scrollTop = log.scrollHeight;
        break;
      case "answer_withdrawn": {
        // the answer being streamed broke off: its text is taken back (what answers instead follows)
        if (!state.bubble) break;
        const text = state.bubble.querySelector(".text");
        say(text, said(text).slice(0, Math.max(0, said(text).length - (e.characters || 0))));
        if (!said(text)) {
          state.bubble.remove();
          state.bubble = null;
        }
        break;
      }
      case "tool_call": {
        // a hand-off between agents is not work done for the customer: no line (nor after a reload)
        if (routing(e.tool)) break;
        const line = status(toolLabel(e.tool) + "…", "tool");
        line.dataset.tool = e.tool;
        state.calls.set(e.id, line);
        break;
      }
      case "tool_result": {
        if (routing(e.tool)) break;
        const line = state.calls.get(e.id) || status(toolLabel(e.tool), "tool");
        state.calls.delete(e.id);
        line.textContent = toolLabel(e.tool) + (e.success ? " — done" : " — it did not work");
        line.classList.add(e.success ? "ok" : "failed");
        break;
      }
      case "guard":
        if (e.blocked) status("A safety check held part of this back.", "guard");
        break;
      case "approval_required": {
        const n = notice("approval", "approval-" + e.approvalId);
        state.told.add(e.message);
        const waiting = [...log.querySelectorAll(".status.tool")].filter((l) => l.dataset.tool === e.tool).pop();
        if (waiting) {
          waiting.textContent = toolLabel(e.tool) + " — waiting for approval";
          waiting.classList.remove("failed");
        }
        fill(n, heading(["approval.waiting.title", "Waiting for approval."]), e.message);
        n.dataset.status = "pending";
        break;
      }
      case "approval_decided": {
        // a notice of its own, after the request's: the transcript keeps both
        const n = notice("approval decided", "approval-" + e.approvalId + "-decided");
        n.dataset.status = e.decision;
        fill(n, heading(DECISIONS[e.decision] || DECISIONS.expired), e.feedback ? "“" + e.feedback + "”" : "");
        break;
      }
      case "escalated": {
        // one per escalation: a later one in the conversation adds to the same ticket, and says so
        const n = notice("ticket");
        state.told.add(e.message);
        fill(n, heading(["ticket.title", "Ticket {0}."], e.ticketId), e.message || "A person from our team will follow up.");
        n.dataset.ticket = e.ticketId;
        break;
      }
      case "ticket_resolved":
        // the person's note, as the transcript keeps it; then the customer may rate the help
        finishBubble();
        message("human", e.text || e.note || "", (e.agent || "Support agent") + " (Skyline team)");
        askRating();
        break;
      case "agent_joined":
        finishBubble();
        status((e.agent || "A support agent") + " joined the conversation", "human");
        break;
      case "agent_message":
        finishBubble();
        message("human", e.text, (e.agent || "Support agent") + " (Skyline team)");
        break;
      case "agent_left":
        status((e.agent || "The support agent") + " left; the assistant is back", "human");
        break;
      case "error": {
        const n = notice("error");
        // the refused turn's done repeats the message: the notice has said it
        state.told.add(e.message);
        fill(n, heading(REFUSED[e.code] || ["error.title", "Something went wrong."]), e.message || e.code);
        if (REFUSED[e.code]) giveBack();
        break;
      }
      case "done": {
        const bots = log.querySelectorAll(".msg.bot .text");
        const last = bots.length ? said(bots[bots.length - 1]) : null;
        if ((typeof e.seq === "number" && !state.bubble && last === e.response) || state.told.has(e.response)) {
          // a replayed answer the restored transcript already shows, or what a notice just said
          // (an answer streamed before a ticket's notice stays as it was)
        } else if (e.response && (!state.bubble || !said(state.bubble.querySelector(".text")))) {
          if (!state.bubble) state.bubble = message("bot", "", heading(["page.assistant", "Skyline assistant"]));
          say(state.bubble.querySelector(".text"), e.response);
        } else if (e.response && state.bubble) {
          // the stored answer is the truth (an output guard may have redacted a streamed piece)
          say(state.bubble.querySelector(".text"), e.response);
        }
        finishBubble();
        state.typed = null;
        setBusy(false);
        break;
      }
      case "typing":
        typingLine.textContent = (e.agent || "Someone") + " is typing…";
        clearTimeout(render.typingTimer);
        render.typingTimer = setTimeout(() => (typingLine.textContent = ""), 4000);
        break;
      default:
        break;
    }
  }

  /** /ws/chat: many messages on one connection; reconnects and resumes after the last seq. */
  class SocketTransport {
    constructor(onFallback) {
      this.onFallback = onFallback;
      this.everOpened = false;
      this.attempt = 0;
      this.socket = null;
      this.stopped = false;
    }
    name() { return "websocket"; }
    ready() { return this.socket && this.socket.readyState === WebSocket.OPEN; }
    open() {
      if (this.stopped) return;
      setConn("connecting", this.everOpened ? "Reconnecting…" : "Connecting…");
      const ws = new WebSocket(Frontdesk.wsUrl("/ws/chat"), ["bearer", state.token]);
      this.socket = ws;
      ws.onopen = () => {
        this.everOpened = true;
        this.attempt = 0;
        setConn("open", "Connected");
        if (state.conversationId) {
          ws.send(JSON.stringify({ type: "resume", conversationId: state.conversationId, after: state.lastSeq }));
        }
      };
      ws.onmessage = (m) => {
        let e;
        try { e = JSON.parse(m.data); } catch (x) { return; }
        render(e);
      };
      ws.onclose = (c) => {
        if (this.socket !== ws || this.stopped) return;
        if (!this.everOpened && this.attempt === 0 && c.code === 1006) {
          // the upgrade itself was refused or never answered: try the HTTP channels instead
          this.stopped = true;
          this.onFallback();
          return;
        }
        if (c.code === Frontdesk.TOKEN_EXPIRED) {
          // the token expired: a fresh one, then the same conversation resumes after lastSeq
          if (state.busy) setBusy(false);
          reauthenticate().then(() => this.open());
          return;
        }
        if (c.code === 4403) {
          setConn("closed", "Signed out: " + (c.reason || "the token was refused"));
          Frontdesk.signOut("customer");
          setTimeout(() => location.reload(), 1500);
          return;
        }
        if (state.busy) setBusy(false);
        const delay = Math.min(10000, 500 * 2 ** this.attempt++);
        setConn("closed", "Disconnected — reconnecting in " + Math.round(delay / 1000) + " s");
        setTimeout(() => this.open(), delay);
      };
    }
    send(text) {
      const m = { type: "message", text };
      if (state.conversationId) m.conversationId = state.conversationId;
      this.socket.send(JSON.stringify(m));
    }
    typing() {
      if (this.ready() && state.conversationId) {
        this.socket.send(JSON.stringify({ type: "typing", conversationId: state.conversationId }));
        return true;
      }
      return false;
    }
    follow() {} // the socket already carries the conversation's feed
    close() { this.stopped = true; if (this.socket) this.socket.close(1000, "bye"); }
  }

  /** The same conversation over HTTP: each turn as SSE, the feed through an EventSource. */
  class HttpTransport {
    constructor() { this.source = null; this.followed = null; }
    name() { return "http"; }
    ready() { return true; }
    open() {
      setConn("open", "Connected");
      this.follow();
    }
    follow() {
      if (!state.conversationId || this.followed === state.conversationId) return;
      if (this.source) this.source.close();
      this.followed = state.conversationId;
      const url = "/api/v1/conversations/" + encodeURIComponent(state.conversationId) +
        "/events?after=" + state.lastSeq + "&token=" + encodeURIComponent(state.token);
      this.source = new EventSource(url);
      this.source.onmessage = (m) => {
        try {
          const f = JSON.parse(m.data);
          render(Object.assign({}, f.event, { seq: f.seq }));
        } catch (x) { /* not an event */ }
      };
      this.source.onopen = () => setConn("open", "Connected");
      this.source.onerror = () => {
        if (this.source.readyState !== EventSource.CLOSED) {
          setConn("closed", "Reconnecting…"); // EventSource retries itself
          return;
        }
        // refused for good (an expired token is a 401): renew it and follow again
        reauthenticate().then(() => {
          this.followed = null;
          this.follow();
        });
      };
    }
    async send(text, retried) {
      const body = { message: text };
      if (state.conversationId) body.conversationId = state.conversationId;
      let response;
      try {
        response = await fetch("/api/v1/inquiries/stream", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream", Authorization: "Bearer " + state.token },
          body: JSON.stringify(body),
        });
      } catch (x) {
        render({ type: "error", code: "offline", message: "The service cannot be reached." });
        setBusy(false);
        return;
      }
      if (response.status === 401 && !retried) {
        await reauthenticate();
        return this.send(text, true);
      }
      if (response.status === 401) {
        Frontdesk.signOut("customer");
        location.reload();
        return;
      }
      if (!response.ok) {
        const err = await response.json().catch(() => ({}));
        render({ type: "error", code: err.error, message: err.message || response.statusText });
        setBusy(false);
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, "")).join("\n");
          if (data) {
            try { render(JSON.parse(data)); } catch (x) { /* not JSON */ }
          }
        }
      }
      if (state.busy) setBusy(false);
    }
    typing() { return false; }
    close() { if (this.source) this.source.close(); }
  }

  async function restoreTranscript() {
    if (!state.conversationId) return;
    try {
      const t = await Frontdesk.api("/api/v1/conversations/" + encodeURIComponent(state.conversationId), { token: state.token });
      await speak(t.conversation && t.conversation.language);
      // the customer's view, filtered on the server (CustomerTranscript): drawn as it was live
      for (const m of t.messages) {
        if (m.kind === "customer") message("me", m.content, m.title);
        else if (m.kind === "assistant") message("bot", m.content, m.title);
        else if (m.kind === "human") message("human", m.content, m.title);
        else if (m.kind === "status") status(m.content, "tool restored");
        else {
          const decided = Object.keys(DECISIONS).find((d) => heading(DECISIONS[d]) === m.title);
          const n = notice(m.kind === "approval" && decided ? "approval decided" : m.kind);
          fill(n, m.title, m.content);
          if (m.kind === "approval") n.dataset.status = decided || "pending";
          const ticket = m.kind === "ticket" && /TCK-\d+/.exec(m.title);
          if (ticket) n.dataset.ticket = ticket[0];
        }
      }
      // the view holds the feed up to here: follow it after, so nothing shows twice
      state.lastSeq = Math.max(state.lastSeq, t.seq || 0);
      remember();
      log.scrollTop = log.scrollHeight;
    } catch (e) {
      // a purged or foreign conversation: start afresh
      state.conversationId = null;
      state.lastSeq = 0;
      remember();
    }
  }

  /**
   * The token expired: a fresh one the way the first one came (a demo token is minted again),
   * else the sign-in form once more; the conversation stays where it was. Another person's token
   * starts afresh.
   */
  async function reauthenticate() {
    setConn("connecting", "Session expired — signing in again…");
    const who = Frontdesk.claims(state.token).sub;
    const fresh = await Frontdesk.renew("customer");
    if (fresh && Frontdesk.claims(fresh).sub === who) {
      state.token = fresh;
      return;
    }
    await new Promise((resolve) => {
      $("chat").hidden = true;
      $("signin").hidden = false;
      Frontdesk.signIn($("signin"), "customer", (t) => {
        if (Frontdesk.claims(t).sub !== who) {
          state.conversationId = null;
          state.lastSeq = 0;
          remember();
          location.reload();
          return;
        }
        state.token = t;
        $("signin").hidden = true;
        $("chat").hidden = false;
        resolve();
      });
    });
  }

  function start(token) {
    state.token = token;
    const who = Frontdesk.claims(token).sub;
    $("signin").hidden = true;
    $("chat").hidden = false;
    $("who").replaceChildren(el("span", "visually-hidden", "Signed in as "), document.createTextNode(who));
    // the customer's name, not their account id, once the account is read
    Frontdesk.api("/api/v1/me", { token }).then((me) => {
      if (me && me.name && state.token === token) {
        $("who").replaceChildren(el("span", "visually-hidden", "Signed in as "), document.createTextNode(me.name));
      }
    }).catch(() => {});
    $("sign-out").hidden = false;
    $("new-chat").hidden = false;
    const forced = new URLSearchParams(location.search).get("transport");
    const useHttp = () => {
      state.transport = new HttpTransport();
      document.body.dataset.transport = state.transport.name();
      state.transport.open();
    };
    restoreTranscript().then(() => {
      if (forced === "http" || !("WebSocket" in window)) {
        useHttp();
      } else {
        state.transport = new SocketTransport(useHttp);
        document.body.dataset.transport = state.transport.name();
        state.transport.open();
      }
    });
    input.focus();
  }

  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || state.busy || !connected()) return;
    state.typed = { text, line: message("me", text, heading(["page.you", "You"])) };
    log.scrollTop = log.scrollHeight;
    input.value = "";
    setBusy(true);
    state.transport.send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  let lastTyping = 0;
  input.addEventListener("input", () => {
    // throttled by what was actually sent: typing before the conversation exists sends nothing
    if (Date.now() - lastTyping > 3000 && state.transport && state.transport.typing()) {
      lastTyping = Date.now();
    }
  });
  $("sign-out").addEventListener("click", () => {
    Frontdesk.signOut("customer");
    location.reload();
  });
  $("new-chat").addEventListener("click", () => {
    state.conversationId = null;
    state.lastSeq = 0;
    remember();
    log.replaceChildren();
    if (state.transport) state.transport.close();
    start(state.token);
  });

  // a stored token that expired is renewed the way it was got, where that needs nobody
  Promise.resolve(Frontdesk.token("customer") || Frontdesk.renew("customer")).then((saved) => {
    if (saved) {
      start(saved);
    } else {
      $("signin").hidden = false;
      Frontdesk.signIn($("signin"), "customer", start);
    }
  });
})();
