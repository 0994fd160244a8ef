// The human agent's console (/console): escalated tickets, the approvals queue and the inbox of
// conversations (status, assignee, SLA, filters, search), kept current by /ws/console (the REST
// lists are the truth; an event says which list to read again), plus the KPI panel from
// /api/v1/admin/stats.
"use strict";

(() => {
  const { el, api } = Frontdesk;
  const $ = (id) => document.getElementById(id);
  const conn = $("conn");
  const detail = $("detail");

  // every path the console calls, in one place
  const API = {
    ticket: (id) => "/api/v1/console/tickets/" + encodeURIComponent(id),
    resolve: (id) => "/api/v1/console/tickets/" + encodeURIComponent(id) + "/resolve",
    approvals: "/api/v1/console/approvals?status=pending",
    approvalsOf: (customer) => "/api/v1/console/approvals?customer=" + encodeURIComponent(customer),
    decide: (id) => "/api/v1/console/approvals/" + encodeURIComponent(id) + "/decision",
    inbox: (q) => "/api/v1/console/inbox?" + q,
    inboxItem: (id) => "/api/v1/console/inbox/" + encodeURIComponent(id),
    inboxSet: (id, what) => "/api/v1/console/inbox/" + encodeURIComponent(id) + "/" + what,
    labels: "/api/v1/console/inbox/labels",
    label: (id, label) => "/api/v1/console/inbox/" + encodeURIComponent(id) + "/labels/" + encodeURIComponent(label),
    conversation: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id),
    panel: (customer, except) => "/api/v1/console/customers/" + encodeURIComponent(customer) + "/panel?except=" + encodeURIComponent(except),
    takeover: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/takeover",
    reply: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/messages",
    handback: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/handback",
    notes: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/notes",
    canned: (id) => "/api/v1/console/conversations/" + encodeURIComponent(id) + "/canned-replies",
    stats: "/api/v1/admin/stats",
    gaps: "/api/v1/admin/knowledge-gaps",
    articles: "/api/v1/admin/knowledge/articles",
  };

  const state = { token: null, agent: null, selected: null, known: { approvals: null, inbox: null }, view: { status: "open", assignee: "all", q: "", tier: "", reason: "", label: "", language: "" }, socket: null, poll: null };
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

  async function loadApprovals() {
    try {
      const rows = await call(API.approvals);
      fillList("approvals", rows, (a) =>
        item("approvals", "approval:" + a.id, ConsoleWords.call(a.tool, a.arguments),
          (a.summary || "") + " · until " + time(a.expiresAt), () => openApproval(a)), "Nothing waiting for approval.");
    } catch (e) {
      queueError("approvals", e);
    }
  }

  const REASONS = ConsoleWords.REASONS;
  const STATUS_WORDS = { open: "Open", pending: "Waiting on the customer", snoozed: "Snoozed", resolved: "Resolved" };
  const reasonText = ConsoleWords.reason;

  /** "in 3 h" / "12 min ago" from now to the time. */
  function fromNow(iso) {
    const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60000);
    const m = Math.abs(minutes);
    const span = m < 90 ? m + " min" : m < 48 * 60 ? Math.round(m / 60) + " h" : Math.round(m / 1440) + " days";
    return minutes >= 0 ? "in " + span : span + " ago";
  }

  /** The SLA line of an inbox item: the next target and when it is due (or how late it is). */
  function slaText(c) {
    if (!c.slaDue) return null;
    const what = c.firstResponseDue === c.slaDue ? "First response" : "Resolution";
    const late = new Date(c.slaDue).getTime() < Date.now();
    return { text: what + (late ? " overdue since " : " due ") + (late ? fromNow(c.slaDue).replace(" ago", "") : fromNow(c.slaDue)), late };
  }

  function inboxQuery() {
    const q = new URLSearchParams({ status: state.view.status, assignee: state.view.assignee });
    if (state.view.q) q.set("q", state.view.q);
    if (state.view.tier) q.set("tier", state.view.tier);
    if (state.view.reason) q.set("reason", state.view.reason);
    if (state.view.label) q.set("label", state.view.label);
    if (state.view.language) q.set("language", state.view.language);
    return q.toString();
  }

  const LANGUAGE_NAMES = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames(["en"], { type: "language" }) : null;
  const languageName = (code) => (LANGUAGE_NAMES && LANGUAGE_NAMES.of(code)) || code;

  function inboxItem(c) {
    const li = el("li");
    const b = el("button", "item");
    b.type = "button";
    b.dataset.key = "conversation:" + c.id;
    const meta = [
      c.status === "snoozed" && c.snoozedUntil ? "Snoozed until " + time(c.snoozedUntil) : STATUS_WORDS[c.status] || c.status,
      c.priority && c.priority !== "normal" ? c.priority[0].toUpperCase() + c.priority.slice(1) + " priority" : null,
      c.assignee ? "Assigned to " + c.assignee : "Unassigned",
      c.takenOverBy ? "with " + c.takenOverBy : null,
      c.language && c.language !== "en" ? "Writes in " + languageName(c.language) : null,
      reasonText(c.reason),
    ].filter(Boolean).join(" · ");
    b.append(el("span", "title", (c.customerName || "A customer") + " · " + (c.subject || "no message yet")), el("span", "meta", meta));
    if (c.labels && c.labels.length) b.append(labelChips(c.labels));
    const sla = slaText(c);
    if (sla) b.append(el("span", "sla" + (sla.late ? " breached" : ""), sla.text));
    b.addEventListener("click", () => openConversation(c.id));
    if (state.selected && state.selected.key === b.dataset.key) b.setAttribute("aria-current", "true");
    li.append(b);
    return li;
  }

  async function loadInbox() {
    const asked = inboxQuery();
    try {
      const view = await call(API.inbox(asked));
      if (asked !== inboxQuery()) return; // the view changed meanwhile: its own load shows it
      fillList("inbox", view.conversations, inboxItem, state.view.q ? "No conversation matches." : "Nothing in this view.");
      for (const [k, n] of Object.entries(view.statuses)) $("count-" + k).textContent = String(n);
      for (const [k, n] of Object.entries(view.assignees)) $("count-" + (k === "all" ? "everyone" : k)).textContent = String(n);
    } catch (e) {
      queueError("inbox", e);
    }
  }

  // many events arrive together (a turn's end, a takeover): one read of the inbox for them
  function inboxChanged() {
    clearTimeout(inboxChanged.timer);
    inboxChanged.timer = setTimeout(loadInbox, 150);
  }

  function pressed(group, attribute, value) {
    group.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset[attribute] === value)));
  }

  function wireInbox() {
    const reason = $("inbox-reason");
    for (const [code, words] of Object.entries(REASONS)) {
      const o = el("option", null, words);
      o.value = code;
      reason.append(o);
    }
    $("inbox-statuses").addEventListener("click", (event) => {
      const b = event.target.closest("button[data-status]");
      if (!b) return;
      state.view.status = b.dataset.status;
      pressed($("inbox-statuses"), "status", state.view.status);
      loadInbox();
    });
    $("inbox-assignees").addEventListener("click", (event) => {
      const b = event.target.closest("button[data-assignee]");
      if (!b) return;
      state.view.assignee = b.dataset.assignee;
      pressed($("inbox-assignees"), "assignee", state.view.assignee);
      loadInbox();
    });
    $("inbox-filters").addEventListener("submit", (event) => {
      event.preventDefault();
      state.view.q = $("inbox-q").value.trim();
      state.view.tier = $("inbox-tier").value;
      state.view.reason = reason.value;
      state.view.label = $("inbox-label").value;
      state.view.language = $("inbox-language").value;
      loadInbox();
    });
    $("inbox-label").addEventListener("change", () => $("inbox-filters").requestSubmit());
    $("inbox-language").addEventListener("change", () => $("inbox-filters").requestSubmit());
    loadLabels();
    $("inbox-tier").addEventListener("change", () => $("inbox-filters").requestSubmit());
    reason.addEventListener("change", () => $("inbox-filters").requestSubmit());
  }

  function labelChips(labels, remove) {
    const span = el("span", "labels");
    for (const l of labels) {
      const chip = el("span", "label-chip", l);
      if (remove) {
        const x = el("button", "label-remove", "×");
        x.type = "button";
        x.setAttribute("aria-label", "Remove label " + l);
        x.addEventListener("click", () => remove(l));
        chip.append(x);
      }
      span.append(chip);
    }
    return span;
  }

  // the label filter offers the labels in use; the chosen one stays chosen
  async function loadLabels() {
    if (!state.token) return;
    let inUse;
    try {
      inUse = await call(API.labels);
    } catch (e) {
      return;
    }
    const select = $("inbox-label");
    const chosen = select.value;
    select.replaceChildren(el("option", null, "All labels"));
    select.firstChild.value = "";
    for (const [label, n] of Object.entries(inUse)) {
      const o = el("option", null, label + " (" + n + ")");
      o.value = label;
      select.append(o);
    }
    select.value = chosen;
  }

  /** The conversation's labels, each removable, and a field to add one. */
  function labelBar(id, item) {
    const change = async (request) => {
      await request();
      await Promise.all([loadInbox(), loadLabels(), openConversation(id)]);
    };
    const chips = labelChips(item.labels || [], (l) => change(() => call(API.label(id, l), { method: "DELETE" })));
    const add = field("label-add", "Add a label", "input");
    add.input.setAttribute("list", "label-suggestions");
    const suggestions = el("datalist");
    suggestions.id = "label-suggestions";
    for (const o of $("inbox-label").options) if (o.value) suggestions.append(Object.assign(el("option"), { value: o.value }));
    const addIt = () => {
      const label = add.input.value.trim();
      return label && change(() => call(API.inboxSet(id, "labels"), { method: "POST", body: { label } }));
    };
    add.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        addIt();
      }
    });
    const bar = actionsRow(chips, add.wrap, suggestions, button("Add label", addIt, "secondary"));
    bar.classList.add("inbox-bar", "label-bar");
    return bar;
  }

  function queueError(name, e) {
    if (e.status === 401) return reauthenticate().then(refreshAll);
    $(name).replaceChildren(el("li", "empty", e.status === 404 ? "Not available on this server." : e.message));
  }

  function refreshAll() {
    return Promise.all([loadApprovals(), loadInbox(), loadStats(), loadLabels(), loadGaps()]);
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

  /** The transcript as the customer saw it: their words, the answers, the notes; no tool traffic. */
  function transcript(messages) {
    const ol = el("ol", "transcript");
    ol.setAttribute("aria-label", "Transcript");
    for (const m of messages || []) {
      if (m.role === "tool" || m.role === "system" || !m.content) continue;
      if (m.role === "assistant" && m.agent && m.agent.startsWith("human:")) {
        ol.append(line("human", "agent " + m.agent.slice(6), m.content));
      } else if (m.role === "user") {
        const note = m.content.startsWith("[Frontdesk]");
        ol.append(line(note ? "note" : "user", note ? "note" : "customer", m.content));
      } else {
        ol.append(line("assistant", "assistant" + (m.agent ? " (" + m.agent + ")" : ""), m.content));
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

  /** What the assistant looked up or changed, in words; the raw JSON behind a toggle. */
  function timeline(steps) {
    const ol = el("ol", "transcript timeline");
    ol.setAttribute("aria-label", "What the assistant did");
    for (const step of steps || []) {
      const li = el("li", "step " + (step.status || ""));
      li.append(el("span", "what", ConsoleWords.call(step.tool, step.arguments) + " — " + ConsoleWords.outcome(step)));
      const raw = el("details");
      raw.append(el("summary", null, "Raw JSON"));
      const args = ConsoleWords.parse(step.arguments);
      const result = ConsoleWords.parse(step.result);
      raw.append(el("pre", null, JSON.stringify({ tool: step.tool, arguments: args || step.arguments, status: step.status,
        result: result === null ? step.result || null : result, error: step.error || null, durationMs: step.durationMs }, null, 2)));
      li.append(raw);
      ol.append(li);
    }
    if (!ol.childElementCount) ol.append(el("li", "empty", "No tools were called."));
    return ol;
  }

  /** Who escalated and why, in words, above the transcript. */
  function escalationFacts(summary, reason, confidence) {
    return facts([
      ["Summary", summary],
      ["Why a person", reasonText(reason)],
      ["Confidence", ConsoleWords.confidence(confidence)],
    ]);
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

  function openApproval(a) {
    const d = select("approval:" + a.id, "Approval: " + ConsoleWords.call(a.tool, a.arguments));
    d.append(facts([
      ["Customer", a.customerId],
      ["Asked by", a.agent],
      ["What", ConsoleWords.call(a.tool, a.arguments)],
      ["Risk", String(a.risk || "").replace(/_/g, " ")],
      ["Confidence", ConsoleWords.confidence(a.confidence)],
      ["Policy", a.policy + " — " + (a.reason || "")],
      ["Requested", time(a.requestedAt)],
      ["Expires", time(a.expiresAt)],
    ]));
    const raw = el("details");
    raw.append(el("summary", null, "Raw JSON"), el("pre", null, JSON.stringify({ tool: a.tool, arguments: a.arguments }, null, 2)));
    d.append(raw);
    d.append(approvalBox(a, "feedback", () => loadApprovals()));
    if (a.conversationId) d.append(actionsRow(button("Open the conversation", () => openConversation(a.conversationId), "secondary")));
    const feedback = $("feedback");
    if (feedback) feedback.focus();
  }

  /**
   * A pending approval's decision: feedback, Approve and Reject; once decided, the decision in
   * words replaces them (so nobody decides twice).
   */
  function approvalBox(a, feedbackId, afterwards) {
    const box = el("div", "approval-box");
    if (a.status !== "pending") {
      box.append(el("p", "notice", ConsoleWords.decision(a)));
      return box;
    }
    const feedback = field(feedbackId, "Feedback (the customer sees it)");
    const decide = (decision) => async () => {
      const done = await call(API.decide(a.id), { method: "POST", body: { decision, feedback: feedback.input.value.trim() } });
      box.replaceChildren(el("p", "notice", "Decided: " + done.status + ". " + ConsoleWords.decision(done)));
      await afterwards();
    };
    box.append(actionsRow(feedback.wrap, button("Approve", decide("approve")), button("Reject", decide("reject"), "danger")));
    return box;
  }

  /** What the agent is typing in the open conversation: kept when it is drawn again (a live event). */
  function drafts(id) {
    if (!state.selected || state.selected.key !== "conversation:" + id) return () => {};
    const kept = ["reply", "note", "assign-to"].map((f) => [f, $(f) ? $(f).value : ""]).filter(([, v]) => v);
    return () => kept.forEach(([f, v]) => $(f) && !$(f).value && ($(f).value = v));
  }

  async function openConversation(id) {
    const restore = drafts(id);
    const d = select("conversation:" + id, "Conversation");
    let c;
    let item;
    try {
      [c, item] = await Promise.all([call(API.conversation(id)), call(API.inboxItem(id))]);
      const [approvals, panel] = await Promise.all([
        call(API.approvalsOf(item.customerId)),
        call(API.panel(item.customerId, id)).catch(() => null),
      ]);
      item.approvals = approvals.filter((a) => a.conversationId === id);
      item.panel = panel;
    } catch (e) {
      d.append(el("p", "empty", e.message));
      return;
    }
    if (!state.selected || state.selected.key !== "conversation:" + id) return;
    const conv = c.conversation || c;
    const mine = conv.takenOverBy && conv.takenOverBy === state.agent;
    d.firstChild.textContent = "Conversation with " + (item.customerName || "a customer");
    const badge = el("span", "badge " + (conv.takenOverBy ? "human" : "live"), conv.takenOverBy ? "taken over by " + conv.takenOverBy : "bot answering");
    badge.id = "conversation-mode";
    d.append(actionsRow(badge));
    const sla = slaText(item);
    d.append(facts([
      ["Customer", item.customerName + " (" + item.tier + ")"],
      ["Language", item.language ? languageName(item.language) : null],
      ["Status", item.status === "snoozed" ? "Snoozed until " + time(item.snoozedUntil) : STATUS_WORDS[item.status]],
      ["Assigned to", item.assignee || "nobody"],
      ["Priority", item.priority],
      ["Ticket", item.ticketId ? item.ticketId + " · " + reasonText(item.reason) : null],
      ["SLA", sla ? sla.text : null],
    ]));
    d.append(...inboxBar(id, item));
    if (item.ticketId) {
      // a ticket is a state of its conversation: resolved here, with a note to the customer
      const note = field("resolve-note", "Note to the customer (optional)");
      d.append(actionsRow(note.wrap, button("Resolve ticket " + item.ticketId, async () => {
        await call(API.resolve(item.ticketId), { method: "POST", body: { note: note.input.value.trim() || null } });
        await Promise.all([loadInbox(), loadStats(), openConversation(id)]);
      })));
    }
    d.append(labelBar(id, item));
    if (item.summary || item.reason) d.append(escalationFacts(item.summary, item.reason, item.confidence));
    if (item.panel) d.append(customerPanel(item.panel));
    for (const a of item.approvals.filter((x) => x.status === "pending" || x.decidedAt)) {
      const box = el("section", "approval-inline");
      box.append(el("h3", null, (a.status === "pending" ? "Waiting for approval: " : "Approval: ") + ConsoleWords.call(a.tool, a.arguments)));
      box.append(approvalBox(a, "feedback-" + a.id.slice(0, 8), () => Promise.all([loadApprovals(), loadInbox()])));
      d.append(box);
    }
    d.append(el("h3", null, "Transcript"), transcript(c.messages || c.transcript));
    d.append(el("h3", null, "What the assistant did"), timeline(c.toolSteps));
    d.append(...privateNotes(id, c.notes));
    if (mine) {
      const reply = field("reply", "Reply to the customer");
      d.append(await cannedPicker(id, reply.input));
      if (!state.selected || state.selected.key !== "conversation:" + id) return;
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
        await Promise.all([loadInbox(), openConversation(id)]);
      }, "secondary")));
    } else if (!conv.takenOverBy) {
      d.append(actionsRow(button("Take over", async () => {
        await call(API.takeover(id), { method: "POST", body: {} });
        await Promise.all([loadInbox(), openConversation(id)]);
      })));
    }
    restore();
  }

  const SERVICE_WORDS = { running: "running", degraded: "degraded", down: "down", restarting: "restarting", stopped: "stopped" };
  const day = (iso) => (iso ? new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) : "");
  const stars = (n) => "★".repeat(n) + "☆".repeat(5 - n);
  const PAST_WORDS = { open: "open", resolved: "resolved", escalated: "with a person", awaiting_approval: "waiting for an approval", closed: "closed" };

  /** The customer beside the conversation: plan, services, invoices, past conversations. */
  function customerPanel(p) {
    const box = el("section", "customer-panel");
    box.id = "customer-panel";
    const who = p.customer;
    box.append(el("h3", null, "About " + who.name));
    const plan = who.plan
      ? who.plan[0].toUpperCase() + who.plan.slice(1) + (who.billingCycle && who.billingCycle !== "none" ? ", " + who.billingCycle : "")
        + " — " + who.planStatus.replace("_", " ") + (who.renewsAt ? ", renews " + day(who.renewsAt) : "")
      : null;
    box.append(facts([
      ["E-mail", who.email],
      ["Company", who.company],
      ["Plan", plan],
      ["Customer since", day(who.since)],
    ]));
    const list = (title, items, line, empty) => {
      box.append(el("h4", null, title));
      if (!items.length) {
        box.append(el("p", "empty", empty));
        return;
      }
      const ul = el("ul", "panel-list");
      for (const x of items) ul.append(line(x));
      box.append(ul);
    };
    list("Services", p.services, (x) => {
      const li = el("li", "service " + x.status);
      li.append(el("span", "name", x.name), el("span", "state", " " + SERVICE_WORDS[x.status] + " · " + x.type + ", " + x.region));
      return li;
    }, "No services.");
    list("Latest invoices", p.invoices, (x) =>
      el("li", null, x.number + " · " + Number(x.total).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " " + x.currency + " · " + x.status + " · issued " + day(x.issuedAt)), "No invoices.");
    list("Earlier conversations", p.conversations, (x) => {
      const li = el("li", "past");
      const link = el("button", "link", (x.subject || "no message") + " — " + (PAST_WORDS[x.status] || x.status) + ", " + day(x.startedAt));
      link.type = "button";
      link.addEventListener("click", () => openConversation(x.id));
      li.append(link);
      if (x.rating) li.append(el("span", "rating", " " + stars(x.rating)));
      return li;
    }, "This is their first conversation.");
    return box;
  }

  /** What an agent does to a conversation in the inbox: assign, status (snooze), priority. */
  function inboxBar(id, item) {
    const after = async (what, body) => {
      await call(API.inboxSet(id, what), { method: "POST", body });
      await Promise.all([loadInbox(), openConversation(id)]);
    };
    const who = [];
    if (item.assignee !== state.agent) who.push(button("Assign to me", () => after("assignee", { agent: state.agent })));
    if (item.assignee) who.push(button("Release", () => after("assignee", { agent: null }), "secondary"));
    const other = field("assign-to", "Assign to agent", "input");
    who.push(other.wrap, button("Assign", () => other.input.value.trim() && after("assignee", { agent: other.input.value.trim() }), "secondary"));

    const status = choice("inbox-status", "Status", Object.entries(STATUS_WORDS), item.status);
    const until = field("snooze-until", "Snooze until", "input");
    until.input.type = "datetime-local";
    until.wrap.hidden = item.status !== "snoozed";
    status.input.addEventListener("change", () => (until.wrap.hidden = status.input.value !== "snoozed"));
    const setStatus = button("Set status", () => {
      const snoozed = status.input.value === "snoozed";
      if (snoozed && !until.input.value) throw new Error("Pick the time the snooze ends.");
      return after("status", { status: status.input.value, snoozedUntil: snoozed ? new Date(until.input.value).toISOString() : null });
    });
    const priority = choice("inbox-priority", "Priority", ["low", "normal", "high", "urgent"].map((p) => [p, p[0].toUpperCase() + p.slice(1)]), item.priority);
    const setPriority = button("Set priority", () => after("priority", { priority: priority.input.value }), "secondary");
    const bar = (...nodes) => {
      const div = actionsRow(...nodes);
      div.classList.add("inbox-bar");
      return div;
    };
    return [bar(...who), bar(status.wrap, until.wrap, setStatus), bar(priority.wrap, setPriority)];
  }

  /** Notes for the other agents, never shown to the customer; and a field to add one. */
  function privateNotes(id, notes) {
    const ol = el("ol", "transcript notes");
    ol.setAttribute("aria-label", "Private notes");
    for (const n of notes || []) ol.append(line("private", "private note · " + n.author + " · " + time(n.createdAt), n.text));
    if (!ol.childElementCount) ol.append(el("li", "empty", "No private notes."));
    const note = field("note", "Private note (agents only, never sent to the customer)");
    const add = button("Add note", async () => {
      const text = note.input.value.trim();
      if (!text) return;
      await call(API.notes(id), { method: "POST", body: { text } });
      note.input.value = "";
      await openConversation(id);
    }, "secondary");
    return [el("h3", null, "Private notes"), ol, actionsRow(note.wrap, add)];
  }

  /** The canned replies, filled in for this customer: picking one puts it in the reply to edit. */
  async function cannedPicker(id, replyInput) {
    let replies = [];
    try {
      replies = await call(API.canned(id));
    } catch (e) {
      replies = [];
    }
    const options = [["", replies.length ? "Pick a canned reply…" : "No canned replies"]].concat(replies.map((r) => [String(r.id), r.title + " (/" + r.shortcut + ")"]));
    const picker = choice("canned", "Canned reply", options, "");
    picker.input.addEventListener("change", () => {
      const r = replies.find((x) => String(x.id) === picker.input.value);
      if (r) {
        replyInput.value = r.text;
        replyInput.focus();
      }
    });
    return actionsRow(picker.wrap);
  }

  function choice(id, labelText, options, value) {
    const wrap = el("div");
    const label = el("label", null, labelText);
    label.htmlFor = id;
    const input = el("select");
    input.id = id;
    for (const [v, words] of options) {
      const o = el("option", null, words);
      o.value = v;
      input.append(o);
    }
    input.value = value;
    wrap.append(label, input);
    return { wrap, input };
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

  // the offline model costs nothing; an estimate is said to be one
  function costValue(s) {
    if (s.costBasis === "NONE") return money(0, s.currency);
    if (!s.priced) return "not priced";
    const value = s.resolvedConversations ? money(s.costPerResolvedConversation, s.currency) : "–";
    return s.costBasis === "REPORTED" ? value : "≈ " + value;
  }

  function costBasis(s) {
    const tokens = s.inputTokens + " in / " + s.outputTokens + " out tokens";
    switch (s.costBasis) {
      case "NONE": return "no language model was called (offline model)";
      case "REPORTED": return tokens + " as reported by " + s.models.join(", ");
      case "ESTIMATED": return "estimated: the endpoint reported no usage · " + tokens;
      default: return "partly estimated · " + tokens + " · " + s.models.join(", ");
    }
  }

  async function loadStats() {
    const panel = $("kpis");
    let s;
    try {
      s = await call(API.stats + (statsWindow() ? "?" + statsWindow() : ""));
    } catch (e) {
      // an agent without the admin role has no KPIs to see: the section goes
      document.querySelector(".kpi-panel").hidden = e.status === 403;
      panel.replaceChildren(el("p", "empty", e.status === 404 ? "KPIs are not available on this server." : "KPIs unavailable: " + e.message));
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
      kpi("first-response-tiers", "First response by tier", (s.tiers || []).filter((t) => t.answeredConversations).map((t) => t.tier + " " + t.averageFirstResponseSeconds.toFixed(1) + " s").join(" · ") || "–",
        (s.tiers || []).map((t) => t.tier + ": " + t.resolvedConversations + " of " + t.conversations + " resolved").join(" · ")),
      kpi("csat", "Customer satisfaction", s.ratings ? pct(s.csatRate) : "–",
        s.ratings ? s.ratings + (s.ratings === 1 ? " rating" : " ratings") + " · average " + s.csatAverage.toFixed(1) + " of 5" : "no ratings yet"),
      kpi("reopen", "Reopen rate", pct(s.reopenRate), s.reopenedConversations + " reopened after a person resolved them"),
      kpi("cost", "Cost per resolved conversation", costValue(s), costBasis(s)),
      kpi("escalations", "Escalations", String(s.escalations), reasons.map(([r, n]) => reasonText(r) + " " + n).join(" · ") || "none")
    );
  }

  // --- knowledge gaps (admins) --------------------------------------------------------------

  async function loadGaps() {
    let topics;
    try {
      topics = await call(API.gaps + (statsWindow() ? "?" + statsWindow() : ""));
    } catch (e) {
      $("gaps-panel").hidden = true; // agents: not theirs to see
      return;
    }
    $("gaps-panel").hidden = false;
    $("gaps-count").textContent = String(topics.length);
    const list = $("gaps");
    if (!topics.length) {
      list.replaceChildren(el("li", "empty", "No gaps: every escalation in this window had its own reason."));
      return;
    }
    list.replaceChildren(...topics.map((t, i) => {
      const li = el("li", "gap");
      li.append(el("span", "title", t.question), el("span", "meta", t.escalations + " escalations · last asked " + fromNow(t.lastAsked)));
      const ul = el("ul", "examples");
      for (const e of t.examples) ul.append(el("li", null, e));
      li.append(ul, button("Draft an article", () => li.replaceChildren(draftEditor(t.draft, "gap-" + i)), "secondary"));
      return li;
    }));
  }

  /** The drafted article, editable, published through the knowledge admin API. */
  function draftEditor(draft, id) {
    const box = el("div", "draft");
    const title = field(id + "-title", "Title", "input");
    title.input.value = draft.title;
    const tags = field(id + "-tags", "Tags (comma separated)", "input");
    tags.input.value = draft.tags;
    const body = field(id + "-body", "Article (Markdown)");
    body.input.rows = 10;
    body.input.value = draft.body;
    const publish = button("Publish", async () => {
      const article = await call(API.articles, { method: "POST", body: { group: draft.group, title: title.input.value.trim(), tags: tags.input.value.trim(), body: body.input.value } });
      box.replaceChildren(el("p", "notice", "Published " + article.id + ": “" + article.title + "”. The assistant answers from it now."));
    });
    box.append(title.wrap, tags.wrap, body.wrap, actionsRow(publish));
    return box;
  }

  // --- alerts -------------------------------------------------------------------------------

  // what needs a person (a new escalation, an approval, a missed SLA) raises the header's badge
  // until the agent looks; with their permission, a browser notification while they are elsewhere
  const alerts = { count: 0, latest: null };

  function raise(title, body, conversationId) {
    alerts.count++;
    alerts.latest = conversationId || alerts.latest;
    const badge = $("alerts");
    badge.hidden = false;
    badge.textContent = alerts.count + " new";
    badge.title = title + (body ? ": " + body : "");
    badge.setAttribute("aria-label", alerts.count + " new alerts; latest: " + badge.title);
    if ("Notification" in window && Notification.permission === "granted" && !document.hasFocus()) {
      const shown = new Notification(title, { body: body || "", tag: conversationId || title });
      shown.onclick = () => { window.focus(); if (conversationId) openConversation(conversationId); };
    }
  }

  function wireAlerts() {
    $("alerts").addEventListener("click", () => {
      const latest = alerts.latest;
      alerts.count = 0;
      alerts.latest = null;
      $("alerts").hidden = true;
      if (latest) openConversation(latest);
    });
    const allow = $("notify-allow");
    allow.hidden = !("Notification" in window) || Notification.permission !== "default";
    allow.addEventListener("click", () =>
      Notification.requestPermission().then(() => { allow.hidden = true; }));
  }

  // the customer by name (the inbox knows it), never by id
  async function customerOf(conversationId) {
    if (!conversationId) return "A customer";
    try {
      const item = await call(API.inboxItem(conversationId));
      return item.customerName || "A customer";
    } catch (e) {
      return "A customer";
    }
  }

  async function alertFor(e) {
    const ticket = e.ticket || {};
    const approval = e.approval || {};
    switch (e.type) {
      case "ticket_created":
        return raise("New escalation", (await customerOf(ticket.conversationId)) + " — " + reasonText(ticket.reason), ticket.conversationId);
      case "approval_requested":
        return raise("Approval needed", (await customerOf(approval.conversationId)) + " — " + ConsoleWords.call(approval.tool, approval.arguments), approval.conversationId);
      case "sla_breached":
        return raise("SLA missed", (e.customerName || "A customer") + " — " + (e.kind === "first_response" ? "first response" : "resolution") + " overdue (" + e.ticketId + ")", e.conversationId);
      default:
        return undefined;
    }
  }

  // --- live ---------------------------------------------------------------------------------

  function onEvent(e) {
    if (typeof e.seq === "number") state.seq = Math.max(state.seq || 0, e.seq);
    alertFor(e);
    switch (e.type) {
      case "console_ready":
        return;
      case "customer_typing":
        showTyping(e.conversationId, e.customerId);
        return;
      case "ticket_created":
      case "ticket_resolved":
        inboxChanged();
        loadStats();
        break;
      case "approval_requested":
      case "approval_decided":
        inboxChanged();
        loadApprovals();
        break;
      case "conversation_active":
      case "customer_message":
      case "conversation_taken_over":
      case "conversation_handed_back":
      case "conversation_updated":
      case "sla_breached":
        inboxChanged();
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
        state.poll = setInterval(() => Promise.all([loadApprovals(), loadInbox()]), 3000);
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
    setInterval(loadInbox, 10000);
  }

  $("sign-out").addEventListener("click", signedOut);
  wireInbox();
  wireAlerts();
  // the KPI window: from the address (?since=&until=, shareable) or the form
  const params = new URLSearchParams(location.search);
  $("kpi-since").value = (params.get("since") || "").slice(0, 10);
  $("kpi-until").value = (params.get("until") || "").slice(0, 10);
  $("kpi-window").addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", location.pathname + (statsWindow() ? "?" + statsWindow() : ""));
    loadStats();
    loadGaps();
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
