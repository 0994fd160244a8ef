// Shared by the chat (/) and the console (/console): tokens, demo sign-in, the JSON API.
"use strict";

const Frontdesk = (() => {
  const store = window.localStorage;

  /** The token's claims (the page never trusts them: the server checks every call). */
  function claims(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "=")));
    } catch (e) {
      return null;
    }
  }

  function isAgent(c) {
    const groups = (c && c.groups) || [];
    return groups.includes("agent") || groups.includes("admin");
  }

  /** The stored token for this page's role, if it is still valid. */
  function token(role) {
    const t = store.getItem("frontdesk." + role + ".token");
    const c = t && claims(t);
    if (!c || (c.exp && c.exp * 1000 < Date.now())) {
      return null;
    }
    return t;
  }

  function saveToken(role, t, source) {
    store.setItem("frontdesk." + role + ".token", t);
    if (source) store.setItem("frontdesk." + role + ".source", source);
  }

  /**
   * A fresh token the way the first one was got, without asking: a demo token is minted again for
   * the same subject; a pasted token cannot be renewed here (null: ask the person again).
   */
  async function renew(role) {
    const source = store.getItem("frontdesk." + role + ".source") || "";
    if (!source.startsWith("demo:")) return null;
    try {
      // the demo role chosen at sign-in (an admin on the console), else the page's
      const t = await mintDemo(source.slice(5), store.getItem("frontdesk." + role + ".demoRole") || role);
      saveToken(role, t);
      return t;
    } catch (e) {
      return null;
    }
  }

  function signOut(role) {
    Object.keys(store)
      .filter((k) => k.startsWith("frontdesk." + role + "."))
      .forEach((k) => store.removeItem(k));
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** A call to the JSON API; failures become ApiError with the server's {error, message}. */
  async function api(path, { method = "GET", body, token: t } = {}) {
    const headers = { Accept: "application/json" };
    if (t) headers.Authorization = "Bearer " + t;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, "offline", "The service cannot be reached. Check your connection.");
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      throw new ApiError(
        response.status,
        (json && json.error) || "http_" + response.status,
        (json && json.message) || response.statusText || "Request failed"
      );
    }
    return json;
  }

  /** Demo mode (no key configured) answers the demo token endpoint; otherwise it is a 404. */
  async function mintDemo(subject, role) {
    const minted = await api("/api/v1/demo/tokens", { method: "POST", body: { subject, role } });
    return minted.token;
  }

  async function demoAvailable() {
    try {
      await mintDemo("demo_probe", "agent");
      return true;
    } catch (e) {
      return !(e instanceof ApiError) || (e.status !== 404 && e.status !== 0);
    }
  }

  const signInCallbacks = new WeakMap();

  /**
   * Fills the sign-in form: demo choices in demo mode, else a field to paste a token. Calls
   * onToken(token) once a token of the right kind is in hand; called again (to sign in once more
   * after a token expired), the form calls the newest onToken only.
   */
  async function signIn(form, role, onToken) {
    const bound = signInCallbacks.has(form);
    signInCallbacks.set(form, onToken);
    const demo = form.querySelector("[data-demo]");
    const paste = form.querySelector("[data-paste]");
    const error = form.querySelector("[data-error]");
    const fail = (message) => {
      error.textContent = message;
      error.hidden = false;
    };
    const accept = (t, source) => {
      const c = claims(t);
      if (!c || !c.sub) return fail("That is not a token.");
      if (role === "agent" && !isAgent(c)) return fail("That token is not a support agent's.");
      if (role === "customer" && isAgent(c)) return fail("That token is an agent's, not a customer's.");
      error.hidden = true;
      saveToken(role, t, source);
      signInCallbacks.get(form)(t);
    };
    demo.hidden = !(await demoAvailable());
    paste.hidden = !demo.hidden;
    if (bound) return;
    // a page may offer more than one demo role (the console: agent or admin)
    const roleChoice = demo.querySelector("[name=role]");
    if (roleChoice) {
      roleChoice.addEventListener("change", () => {
        const name = demo.querySelector("[name=subject]");
        if (/^(agt|adm)_demo$/.test(name.value)) name.value = roleChoice.value === "admin" ? "adm_demo" : "agt_demo";
      });
    }
    demo.addEventListener("submit", async (event) => {
      event.preventDefault();
      const subject = demo.querySelector("[name=subject]").value.trim();
      const as = roleChoice ? roleChoice.value : role;
      try {
        store.setItem("frontdesk." + role + ".demoRole", as);
        accept(await mintDemo(subject, as), "demo:" + subject);
      } catch (e) {
        fail(e.message);
      }
    });
    paste.addEventListener("submit", (event) => {
      event.preventDefault();
      accept(paste.querySelector("[name=token]").value.trim(), "paste");
    });
  }

  /** Text in a new element (never innerHTML with data from the server or the model). */
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function wsUrl(path) {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + path;
  }

  /** Close code of a socket whose token expired: renew the token and reconnect. */
  const TOKEN_EXPIRED = 4401;

  return { claims, token, saveToken, renew, signOut, api, ApiError, signIn, el, wsUrl, isAgent, TOKEN_EXPIRED };
})();
