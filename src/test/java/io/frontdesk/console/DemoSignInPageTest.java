package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The console's demo sign-in in headless Chromium: agent or admin, and the way to the chat. */
@QuarkusTest
@TestProfile(DemoModeProfile.class)
class DemoSignInPageTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void aDemoAdminSignsInOnTheConsoleAndSeesTheKpis() {
    try (Browser browser = Browser.open()) {
      browser.get(root + "console");
      browser.waitFor("the demo sign-in", () -> browser.find("[data-demo]").displayed());
      assertTrue(browser.find("[data-demo] a").attribute("href").endsWith("/"), "customers: chat");
      browser.find("#demo-role").select("admin");
      browser.find("#demo-agent").clear().type("adm_kim");
      browser.find("[data-demo] button[type=submit]").click();
      browser.waitForText("#kpi-automation", "Automation rate");
      browser.waitForText("#who", "Signed in as adm_kim");
      browser.waitForText(".conn", "Live"::equals, "the live console socket");
    }
  }

  @Test
  void aDemoAgentSignsInWithoutTheKpis() {
    try (Browser browser = Browser.open()) {
      browser.get(root + "console");
      browser.waitFor("the demo sign-in", () -> browser.find("[data-demo]").displayed());
      browser.find("[data-demo] button[type=submit]").click();
      browser.waitForText("#who", "Signed in as agt_demo");
      browser.waitFor(
          "the KPI section to be hidden from an agent",
          () -> browser.script("return document.querySelector('.kpi-panel').hidden").asBoolean());
    }
  }
}
