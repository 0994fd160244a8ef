// What the assistant did, in words an agent reads at a glance: tool calls, their outcomes,
// approvals, escalation reasons and confidence. The raw JSON stays one click away (console.js).
"use strict";

const ConsoleWords = (() => {
  const parse = (s) => {
    if (s && typeof s === "object") return s;
    try {
      return JSON.parse(s);
    } catch (e) {
      return null;
    }
  };
  const amount = (a) => (a === undefined || a === null || isNaN(Number(a)) ? String(a) : Number(a).toFixed(2));

  /** What a call does or asked for, e.g. "Refund 10.00 on order ord_1". */
  function call(name, args) {
    const a = parse(args) || {};
    switch (name) {
      case "process_refund":
        return "Refund " + amount(a.amount) + (a.currency ? " " + a.currency : "") + " on order " + a.order_id;
      case "lookup_invoice":
        return "Looked up invoice " + a.invoice_id;
      case "list_invoices":
        return "Listed the customer's invoices";
      case "lookup_payment":
        return "Looked up payment " + a.payment_id;
      case "get_service_logs":
        return "Read the logs of service " + a.service_id;
      case "restart_service":
        return "Restart service " + a.service_id;
      case "run_diagnostics":
        return "Ran diagnostics on service " + a.service_id;
      case "search_knowledge_base":
        return "Searched the help centre for “" + a.query + "”";
      case "search_documentation":
        return "Searched the documentation for “" + a.query + "”";
      case "perform_account_action":
        return "Account action: " + String(a.action || "").replace(/_/g, " ");
      case "escalate_to_human":
        return "Handed the conversation to a person";
      default:
        if (name && name.startsWith("transfer_to_")) return "Passed the conversation to the " + name.slice(12).replace(/_/g, " ") + " agent";
        return generic(name, a);
    }
  }

  /**
   * A tool with no wording of its own (an operator's connector, e.g. shop_cancel_order): its name
   * and arguments in words, "Shop cancel order (order id SHOP-9003)".
   */
  function generic(name, a) {
    if (!name) return "";
    const words = name.replace(/_/g, " ");
    const args = Object.keys(a)
      .sort()
      .map((k) => k.replace(/_/g, " ") + " " + (typeof a[k] === "object" ? JSON.stringify(a[k]) : a[k]));
    return words.charAt(0).toUpperCase() + words.slice(1) + (args.length ? " (" + args.join(", ") + ")" : "");
  }

  /** How a recorded call ended, in words. */
  function outcome(step) {
    switch (step.status) {
      case "succeeded": {
        const r = parse(step.result);
        const said = r && typeof r === "object" && typeof r.message === "string" ? r.message : null;
        return "done" + (said ? ": " + said : "");
      }
      case "denied":
        return "refused: " + (step.error || "not allowed");
      case "pending_approval":
        return "waiting for a person's approval";
      case "running":
        return "running…";
      default:
        return "failed: " + (step.error || "unknown error");
    }
  }

  const REASONS = {
    agent_request: "Handed over by the assistant",
    customer_request: "Asked for a person",
    low_confidence: "The assistant was unsure",
    iteration_limit: "Too many steps for the assistant",
    handoff_limit: "Passed around too often",
    guard_blocks: "Messages blocked repeatedly",
    abuse: "Abuse aimed at people, refused",
    timeout: "The assistant ran out of time",
    agent_error: "The assistant failed",
    model_unavailable: "The model was unavailable",
    approval_rejected: "An action was not approved",
    approval_expired: "An approval was not decided in time",
    approval_failed: "An approved action failed",
    language_unsupported: "Written in a language the assistant cannot read offline",
  };

  const reason = (code) => (code ? REASONS[code] || code.replace(/_/g, " ") : null);

  /** "fairly sure (72 %)": the score in words, the number after it. */
  function confidence(x) {
    if (x === null || x === undefined) return null;
    const words = x >= 0.85 ? "sure" : x >= 0.7 ? "fairly sure" : x >= 0.4 ? "unsure" : "guessing";
    return "The assistant was " + words + " (" + Math.round(100 * x) + " %)";
  }

  /** An approval's decision in words. */
  function decision(a) {
    const by = a.decidedBy ? " by " + a.decidedBy : "";
    switch (a.status) {
      case "executed":
        return "Approved" + by + " and done.";
      case "approved":
        return "Approved" + by + ".";
      case "rejected":
        return "Rejected" + by + ".";
      case "expired":
        return "Expired: nobody decided in time.";
      case "failed":
        return "Approved" + by + ", but it failed: " + (a.error || "unknown error");
      default:
        return "Waiting for approval.";
    }
  }

  return { call, outcome, reason, REASONS, confidence, decision, parse };
})();
