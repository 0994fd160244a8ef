package io.frontdesk.guard;

import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The output guard redacts other people's contact details, not the reader's own. */
@QuarkusTest
class OwnContactsTurnTest {

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private String email(String customer) {
    return rows(pool, "select email from customer where id = $1", customer).getFirst().getString(0);
  }

  @Test
  void theCustomersOwnEmailIsKeptAnotherCustomersIsRedacted() {
    String own = email("cus_0073");
    String other = email("cus_0074");
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"password reset link\"}"),
        Reply.text(
            "The reset link went to "
                + own
                + ". The address "
                + other
                + " belongs to another account. Questions: support@skyline.example."));

    JsonPath answer = Inquiries.ask("cus_0073", "Where did you send the reset link?");

    String response = answer.getString("response");
    assertTrue(response.contains(own), response);
    assertFalse(response.contains(other), response);
    assertTrue(response.contains("[EMAIL]"), response);
    assertTrue(response.contains("support@skyline.example"), "the company's own address");
  }

  @Test
  void toAnotherCustomerTheSameAddressIsRedacted() {
    String own = email("cus_0073");
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"password reset link\"}"),
        Reply.text("The reset link went to " + own + "."));

    JsonPath answer = Inquiries.ask("cus_0075", "Where did you send the reset link?");

    assertFalse(answer.getString("response").contains(own), answer.prettify());
    assertTrue(answer.getString("response").contains("[EMAIL]"));
  }
}
