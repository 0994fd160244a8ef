// The human agent's console (/console): escalated tickets, the approvals queue and live
// conversations, kept current by /ws/console (the REST lists are the truth; an event says which
// list to read again), plus the KPI panel from /api/v1/admin/stats.
"use strict";

(() => {
  const { el, api } = Frontdesk;
  const $ = (id) => document.getElementById(id);
  const conn = $("conn");
  const detail = $("detail");

  // every path the console calls, in one place
  const API = {
    tickets: "/api/v1/console/tickets?status=open",
    ticket: (id) => "/api/v1/console/tickets/" + encodeURIComponent(id),
    resolve: (id) => "/api/v1/console/tickets/" + encodeURIComponent(id) + "/resolve",
    approvals: "/api/v1/console/approvals?status=pending",
    decide: (id) => "/api/v1/console/approvals/" + encodeURIComponent(id) + "/decision",
    conversations: "/api/v1/console/conversations",
    conversation: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id),
    takeover: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/takeover",
    reply: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/messages",
    handback: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/handback",
    stats: "/api/v1/admin/stats",
  };

  const state = { token: null, agent: null, selected: null, known: { tickets: null, approvals: null, conversations: null }, socket: null, poll: null };
  const call = (path, options = {}) => api(path, Object.assign({ token: state.token }, options));

  function toast(message) {
    const t = $("toast");
    t.replaceChildren(el("div", "notice error", message));
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => t.replaceChildren(), 6000);
  }

  const time = (iso) => (iso ? new Date(iso).toLocaleString([], { dateStyle: "short", timeStyle: "short" }) : "–");
  const pct = (x) => (x === null || x === undefined ? "–" : (100 * x).toFixed(1) + " %");

  function setConn(s, text) {
    conn.hidden = false;
    conn.dataset.state = s;
    conn.textContent = text;
  }

  // --- queues -------------------------------------------------------------------------------

  function item(list, key, title, meta, onOpen) {
    const li = el("li");
    const b = el("button", "item");
    b.type = "button";
    b.dataset.key = key;
    b.append(el("span", "title", title), el("span", "meta", meta));
    b.addEventListener("click", onOpen);
    if (state.selected && state.selected.key === key) b.setAttribute("aria-current", "true");
    li.append(b);
    return li;
  }

  function fillList(name, rows, toItem, emptyText) {
    const list = $(name);
    const before = state.known[name];
    const now = new Set();
    const items = rows.map((row) => {
      const li = toItem(row);
      const key = li.firstChild.dataset.key;
      now.add(key);
      if (before && !before.has(key)) li.firstChild.classList.add("new");
      return li;
    });
    state.known[name] = now;
    list.replaceChildren(...(items.length ? items : [el("li", "empty", emptyText)]));
    $(name + "-count").textContent = String(rows.length);
  }

  async function loadTickets() {
    try {
      const rows = await call(API.tickets);
      fillList("tickets", rows, (t) =>
        item("tickets", "ticket:" + t.ticketId, t.ticketId + " · " + (t.category || "general"),
          t.customerId + " · " + (t.reason || "") + " · confidence " + Number(t.confidence).toFixed(2),
          () => openTicket(t.ticketId)), "No open tickets.");
    } catch (e) {
      queueError("tickets", e);
    }
  }

  async function loadApprovals() {
    try {
      const rows = await call(API.approvals);
      fillList("approvals", rows, (a) =>
        item("approvals", "approval:" + a.id, a.tool + " · " + a.customerId,
          (a.summary || "") + " · until " + time(a.expiresAt), () => openApproval(a)), "Nothing waiting for approval.");
    } catch (e) {
      queueError("approvals", e);
    }
  }

  async function loadConversations() {
    try {
      const rows = await call(API.conversations);
      fillList("conversations", rows, (c) =>
        item("conversations", "conversation:" + c.id, c.customerId + (c.takenOverBy ? " · with " + c.takenOverBy : " · " + (c.activeAgent || "bot")),
          (c.lastMessage ? "“" + c.lastMessage.slice(0, 60) + "” · " : "") + time(c.updatedAt), () => openConversation(c.id)), "No live conversations.");
    } catch (e) {
      queueError("conversations", e);
    }
  }

  function queueError(name, e) {
    if (e.status === 401) return reauthenticate().then(refreshAll);
    $(name).replaceChildren(el("li", "empty", e.status === 404 ? "Not available on this server." : e.message));
  }

  function refreshAll() {
    return Promise.all([loadTickets(), loadApprovals(), loadConversations(), loadStats()]);
  }

  // --- details ------------------------------------------------------------------------------

  function select(key, title) {
    state.selected = { key };
    document.querySelectorAll(".item").forEach((b) =>
      b.dataset.key === key ? b.setAttribute("aria-current", "true") : b.removeAttribute("aria-current"));
    const h = el("h2", null, title);
    h.id = "detail-title";
    detail.replaceChildren(h);
    return detail;
  }

  function facts(pairs) {
    const dl = el("dl");
    for (const [k, v] of pairs) dl.append(el("dt", null, k), el("dd", null, v === null || v === undefined || v === "" ? "–" : String(v)));
    return dl;
  }

  function transcript(messages) {
    const ol = el("ol", "transcript");
    ol.setAttribute("aria-label", "Transcript");
    for (const m of messages || []) {
      if (m.role === "tool") {
        ol.append(line("tool", "tool result · " + (m.toolName || ""), m.content));
      } else if (m.role === "assistant" && m.toolCalls && m.toolCalls.length && !m.content) {
        ol.append(line("call", (m.agent || "agent") + " calls", m.toolCalls.map((c) => c.name + " " + c.arguments).join("\n")));
      } else if (m.role === "assistant" && m.agent && m.agent.startsWith("human:")) {
        ol.append(line("human", "human agent " + m.agent.slice(6), m.content));
      } else {
        const who = m.role === "user" ? (m.content && m.content.startsWith("[Frontdesk]") ? "system note" : "customer") : m.agent || m.role;
        ol.append(line(m.role, who, m.content));
      }
    }
    if (!ol.childElementCount) ol.append(el("li", "empty", "No messages yet."));
    return ol;
  }

  function line(kind, who, text) {
    const li = el("li", kind);
    li.append(el("span", "role", who), document.createTextNode(text || ""));
    return li;
  }

  function trace(calls) {
    const ol = el("ol", "transcript trace");
    ol.setAttribute("aria-label", "Tool trace");
    for (const c of calls || []) {
      const ok = c.success === undefined ? c.status : c.success ? "ok" : "failed";
      const args = c.arguments ? (typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments)) : "";
      ol.append(line("tool", (c.tool || c.name) + " · " + (ok || "") + (c.durationMs !== undefined ? " · " + c.durationMs + " ms" : ""),
        args + (c.error ? "\n→ " + c.error : "")));
    }
    if (!ol.childElementCount) ol.append(el("li", "empty", "No tools were called."));
    return ol;
  }

  function actionsRow(...nodes) {
    const div = el("div", "actions");
    div.append(...nodes);
    return div;
  }

  function field(id, labelText, tag = "textarea") {
    const wrap = el("div", "grow");
    const label = el("label", null, labelText);
    label.htmlFor = id;
    const input = el(tag);
    input.id = id;
    if (tag === "textarea") input.rows = 2;
    wrap.append(label, input);
    return { wrap, input };
  }

  function button(text, onClick, kind) {
    const b = el("button", kind || "", text);
    b.type = "button";
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        await onClick();
      } catch (e) {
        toast(e.message);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  }

  async function openTicket(id) {
    const d = select("ticket:" + id, "Ticket " + id);
    d.append(el("p", "empty", "Loading…"));
    let t;
    try {
      t = await call(API.ticket(id));
    } catch (e) {
      d.lastChild.textContent = e.message;
      return;
    }
    if (!state.selected || state.selected.key !== "ticket:" + id) return;
    d.lastChild.remove();
    d.append(facts([
      ["Customer", t.customerId + (t.tier ? " (" + t.tier + ")" : "")],
      ["Status", t.status],
      ["Reason", t.reason],
      ["Confidence", t.confidence === undefined ? "–" : Number(t.confidence).toFixed(2)],
      ["Category", t.category],
      ["Priority", t.priority],
      ["Agent", t.agent],
      ["Opened", time(t.createdAt)],
      ["Summary", t.summary],
    ]));
    d.append(el("h3", null, "Transcript"), transcript(t.transcript || t.messages));
    d.append(el("h3", null, "Tool trace"), trace(t.toolTrace || t.toolCalls));
    if (t.status !== "resolved") {
      const note = field("resolve-note", "Note to the customer (optional)");
      d.append(actionsRow(note.wrap, button("Resolve ticket", async () => {
        await call(API.resolve(id), { method: "POST", body: { note: note.input.value.trim() || null } });
        await loadTickets();
        openTicket(id);
      })));
    }
    if (t.conversationId) {
      d.append(actionsRow(button("Open the conversation", () => openConversation(t.conversationId), "secondary")));
    }
  }

  function openApproval(a) {
    const d = select("approval:" + a.id, "Approval: " + a.tool);
    d.append(facts([
      ["Customer", a.customerId],
      ["Asked by", a.agent],
      ["What", a.summary],
      ["Arguments", JSON.stringify(a.arguments)],
      ["Risk", a.risk],
      ["Confidence", Number(a.confidence).toFixed(2)],
      ["Policy", a.policy + " — " + (a.reason || "")],
      ["Requested", time(a.requestedAt)],
      ["Expires", time(a.expiresAt)],
    ]));
    const feedback = field("feedback", "Feedback (the customer sees it)");
    const decide = (decision) => async () => {
      const done = await call(API.decide(a.id), { method: "POST", body: { decision, feedback: feedback.input.value.trim() } });
      d.append(el("p", "notice", "Decided: " + done.status + "."));
      await loadApprovals();
    };
    d.append(actionsRow(feedback.wrap, button("Approve", decide("approve")), button("Reject", decide("reject"), "danger")));
    if (a.conversationId) d.append(actionsRow(button("Open the conversation", () => openConversation(a.conversationId), "secondary")));
    feedback.input.focus();
  }

  async function openConversation(id) {
    const d = select("conversation:" + id, "Conversation");
    let c;
    try {
      c = await call(API.conversation(id));
    } catch (e) {
      d.append(el("p", "empty", e.message));
      return;
    }
    if (!state.selected || state.selected.key !== "conversation:" + id) return;
    const conv = c.conversation || c;
    const mine = conv.takenOverBy && conv.takenOverBy === state.agent;
    d.firstChild.textContent = "Conversation with " + conv.customerId;
    const badge = el("span", "badge " + (conv.takenOverBy ? "human" : "live"), conv.takenOverBy ? "taken over by " + conv.takenOverBy : "bot answering");
    badge.id = "conversation-mode";
    d.append(actionsRow(badge));
    d.append(facts([["Status", conv.status], ["Agent", conv.activeAgent], ["Last activity", time(conv.updatedAt || conv.lastActivityAt)]]));
    d.append(el("h3", null, "Transcript"), transcript(c.messages || c.transcript));
    if (mine) {
      const reply = field("reply", "Reply to the customer");
      const sendReply = async () => {
        const text = reply.input.value.trim();
        if (!text) return;
        await call(API.reply(id), { method: "POST", body: { text } });
        reply.input.value = "";
        await openConversation(id);
        const again = $("reply");
        if (again) again.focus();
      };
      d.append(actionsRow(reply.wrap, button("Send reply", sendReply)));
      d.append(actionsRow(button("Hand back to the bot", async () => {
        await call(API.handback(id), { method: "POST", body: {} });
        await Promise.all([loadConversations(), openConversation(id)]);
      }, "secondary")));
    } else if (!conv.takenOverBy) {
      d.append(actionsRow(button("Take over", async () => {
        await call(API.takeover(id), { method: "POST", body: {} });
        await Promise.all([loadConversations(), openConversation(id)]);
      })));
    }
  }

  function showTyping(conversationId, customerId) {
    if (!state.selected || state.selected.key !== "conversation:" + conversationId) return;
    let line = $("customer-typing");
    if (!line) {
      line = el("p", "hint");
      line.id = "customer-typing";
      line.setAttribute("aria-live", "polite");
      detail.append(line);
    }
    line.textContent = customerId + " is typing…";
    clearTimeout(showTyping.timer);
    showTyping.timer = setTimeout(() => line.remove(), 4000);
  }

  function refreshSelected(kind, id) {
    if (state.selected && state.selected.key === kind + ":" + id) {
      if (kind === "conversation") openConversation(id);
      if (kind === "ticket") openTicket(id);
    }
  }

  // --- KPIs ---------------------------------------------------------------------------------

  function statsWindow() {
    const since = $("kpi-since").value;
    const until = $("kpi-until").value;
    const q = new URLSearchParams();
    if (since) q.set("since", since);
    if (until) q.set("until", until);
    return q.toString();
  }

  const money = (x, currency) =>
    currency + " " + (x === 0 ? "0" : x >= 0.01 ? x.toFixed(2) : x.toPrecision(3));

  async function loadStats() {
    const panel = $("kpis");
    let s;
    try {
      s = await call(API.stats + (statsWindow() ? "?" + statsWindow() : ""));
    } catch (e) {
      panel.replaceChildren(el("p", "empty", e.status === 403 ? "The KPIs need an admin token." : e.status === 404 ? "KPIs are not available on this server." : "KPIs unavailable: " + e.message));
      return;
    }
    const kpi = (id, label, value, sub) => {
      const div = el("div", "kpi");
      div.id = "kpi-" + id;
      div.append(el("span", "label", label), el("span", "value", value));
      if (sub) div.append(el("span", "sub", sub));
      return div;
    };
    const reasons = Object.entries(s.escalationsByReason || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    $("kpi-range").textContent = time(s.since) + " – " + time(s.until);
    panel.replaceChildren(
      kpi("automation", "Automation rate", pct(s.automationRate), s.automatedTurns + " of " + s.turns + " turns without a human"),
      kpi("first-response", "Avg first response", s.answeredConversations ? s.averageFirstResponseSeconds.toFixed(1) + " s" : "–", s.answeredConversations + " conversations answered"),
      kpi("resolution", "Resolution rate", pct(s.resolutionRate), s.resolvedConversations + " of " + s.conversations + " conversations"),
      kpi("cost", "Cost per resolved conversation", !s.priced ? "not priced" : s.resolvedConversations ? money(s.costPerResolvedConversation, s.currency) : "–",
        s.inputTokens + " in / " + s.outputTokens + " out tokens · " + s.model),
      kpi("escalations", "Escalations", String(s.escalations), reasons.map(([r, n]) => r + " " + n).join(" · ") || "none")
    );
  }

  // --- live ---------------------------------------------------------------------------------

  function onEvent(e) {
    if (typeof e.seq === "number") state.seq = Math.max(state.seq || 0, e.seq);
    switch (e.type) {
      case "console_ready":
        return;
      case "customer_typing":
        showTyping(e.conversationId, e.customerId);
        return;
      case "ticket_created":
      case "ticket_resolved":
        loadTickets();
        loadStats();
        if (e.ticketId) refreshSelected("ticket", e.ticketId);
        break;
      case "approval_requested":
      case "approval_decided":
        loadApprovals();
        break;
      case "conversation_active":
      case "customer_message":
      case "conversation_taken_over":
      case "conversation_handed_back":
        loadConversations();
        if (e.conversationId) refreshSelected("conversation", e.conversationId);
        break;
      default:
        break;
    }
    const conversation = e.conversationId || (e.ticket && e.ticket.conversationId) || (e.approval && e.approval.conversationId);
    if (conversation && !e.type.startsWith("conversation_") && e.type !== "customer_message") refreshSelected("conversation", conversation);
  }

  function connect(attempt = 0, everOpened = false) {
    setConn("connecting", everOpened ? "Reconnecting…" : "Connecting…");
    // a reconnect replays what it missed after the last sequence number it saw
    const after = state.seq ? "?after=" + state.seq : "";
    const ws = new WebSocket(Frontdesk.wsUrl("/ws/console" + after), ["bearer", state.token]);
    state.socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      setConn("open", "Live");
    };
    ws.onmessage = (m) => {
      try {
        onEvent(JSON.parse(m.data));
      } catch (x) {
        /* not an event */
      }
    };
    ws.onclose = (c) => {
      if (c.code === Frontdesk.TOKEN_EXPIRED) {
        // the token expired: a fresh one, then the feed resumes after the last seq seen
        return reauthenticate().then(() => connect(0, true));
      }
      if (c.code === 4403) return signedOut();
      if (!opened && !everOpened && attempt === 0 && c.code === 1006) {
        // no live channel on this server: read the queues again every few seconds
        setConn("open", "Live (refreshing every 3 s)");
        state.poll = setInterval(() => Promise.all([loadTickets(), loadApprovals(), loadConversations()]), 3000);
        return;
      }
      const delay = Math.min(10000, 500 * 2 ** attempt);
      setConn("closed", "Disconnected — reconnecting in " + Math.round(delay / 1000) + " s");
      setTimeout(() => connect(attempt + 1, everOpened || opened), delay);
    };
  }

  let renewing = null;

  /**
   * The token expired: a fresh one the way the first one came (a demo token is minted again),
   * else the sign-in form once more. Everything waiting for it shares one renewal.
   */
  function reauthenticate() {
    if (!renewing) {
      renewing = renewToken().finally(() => (renewing = null));
    }
    return renewing;
  }

  async function renewToken() {
    setConn("connecting", "Session expired — signing in again…");
    const fresh = await Frontdesk.renew("agent");
    if (fresh && Frontdesk.claims(fresh).sub === state.agent) {
      state.token = fresh;
      return;
    }
    await new Promise((resolve) => {
      $("console").hidden = true;
      $("signin").hidden = false;
      Frontdesk.signIn($("signin"), "agent", (t) => {
        if (Frontdesk.claims(t).sub !== state.agent) {
          location.reload();
          return;
        }
        state.token = t;
        $("signin").hidden = true;
        $("console").hidden = false;
        resolve();
      });
    });
  }

  function signedOut() {
    Frontdesk.signOut("agent");
    location.reload();
  }

  function start(token) {
    state.token = token;
    state.agent = Frontdesk.claims(token).sub;
    $("signin").hidden = true;
    $("console").hidden = false;
    $("who").textContent = "Signed in as " + state.agent;
    $("sign-out").hidden = false;
    refreshAll();
    connect();
    // ordinary bot conversations raise no console event: their list is read again now and then
    setInterval(loadConversations, 10000);
  }

  $("sign-out").addEventListener("click", signedOut);
  // the KPI window: from the address (?since=&until=, shareable) or the form
  const params = new URLSearchParams(location.search);
  $("kpi-since").value = (params.get("since") || "").slice(0, 10);
  $("kpi-until").value = (params.get("until") || "").slice(0, 10);
  $("kpi-window").addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", location.pathname + (statsWindow() ? "?" + statsWindow() : ""));
    loadStats();
  });
  // a stored token that expired is renewed the way it was got, where that needs nobody
  Promise.resolve(Frontdesk.token("agent") || Frontdesk.renew("agent")).then((saved) => {
    if (saved) {
      start(saved);
    } else {
      $("signin").hidden = false;
      Frontdesk.signIn($("signin"), "agent", start);
    }
  });
})();
