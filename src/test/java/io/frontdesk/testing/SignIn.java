package io.frontdesk.testing;

/** Signing in on the pages by pasting a token, as a customer or agent outside demo mode does. */
public final class SignIn {

  private SignIn() {}

  /** The chat page at {@code url}, signed in as {@code customerId}, its socket connected. */
  public static void customer(Browser browser, String url, String customerId) {
    browser.get(url);
    browser.find("#token").type(TestTokens.customer(customerId));
    browser.find("[data-paste] button[type=submit]").click();
    browser.waitForText(".conn", "Connected");
  }

  /** The console under {@code root}, signed in as {@code agentId}, its live socket open. */
  public static void agent(Browser browser, String root, String agentId) {
    browser.get(root + "console");
    browser.find("#token").type(TestTokens.agent(agentId));
    browser.find("[data-paste] button[type=submit]").click();
    // "Live": the console socket is open (not the fallback that re-reads the queues)
    browser.waitForText(".conn", "Live"::equals, "the live console socket");
  }
}
