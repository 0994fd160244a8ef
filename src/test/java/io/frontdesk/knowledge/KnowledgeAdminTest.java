package io.frontdesk.knowledge;

import static io.frontdesk.testing.Database.count;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Administrators write articles and pages; each write is embedded and searchable at once. */
@QuarkusTest
class KnowledgeAdminTest {

  private static final String RENAME =
      "Go to Settings → Organization and click **Rename**. The new name shows on invoices from the"
          + " next billing date; links and service URLs keep working.";

  @Inject Pool pool;

  /** A JSON request made as an administrator. */
  private static RequestSpecification admin(Object body) {
    return Inquiries.asAdmin().contentType(ContentType.JSON).body(body);
  }

  @Test
  void anArticleIsAddedFoundByMeaningUpdatedAndDeleted() {
    String id =
        admin(
                Map.of(
                    "group", "account",
                    "title", "How do I rename my organization?",
                    "tags", "rename organization, organization name",
                    "body", RENAME))
            .post("/api/v1/admin/knowledge/articles")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/knowledge/articles/KB-"))
            .body("title", equalTo("How do I rename my organization?"))
            .extract()
            .path("id");
    assertTrue(id.matches("KB-\\d+") && Integer.parseInt(id.substring(3)) > 1064, id);
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from knowledge_chunk where collection = 'kb_article' and document_id"
                + " = $1 and model = 'all-minilm-l6-v2-q'",
            id));

    // no word of the title: found by meaning
    Inquiries.asAdmin()
        .queryParam("q", "change what our company workspace is called")
        .get("/api/v1/knowledge/articles")
        .then()
        .statusCode(200)
        .body("[0].id", equalTo(id))
        .body("[0].passage", containsString("Rename"));

    admin(
            Map.of(
                "group", "account",
                "title", "How do I rename my organization?",
                "body", "Only the Owner can rename an organization, under Settings → General."))
        .put("/api/v1/admin/knowledge/articles/" + id)
        .then()
        .statusCode(200)
        .body("body", containsString("Only the Owner"));
    Inquiries.asAdmin()
        .queryParam("q", "change what our company workspace is called")
        .get("/api/v1/knowledge/articles")
        .then()
        .body("[0].passage", containsString("Only the Owner"));

    Inquiries.asAdmin().delete("/api/v1/admin/knowledge/articles/" + id).then().statusCode(204);
    Inquiries.asAdmin().get("/api/v1/knowledge/articles/" + id).then().statusCode(404);
    assertEquals(0, count(pool, "select count(*) from knowledge_chunk where document_id = $1", id));
    Inquiries.asAdmin().delete("/api/v1/admin/knowledge/articles/" + id).then().statusCode(404);
  }

  @Test
  void aPageIsCreatedByPutAndTakenIdsConflict() {
    Map<String, String> page =
        Map.of(
            "group", "cli",
            "title", "sky whoami",
            "body", "`sky whoami` prints the signed-in user and organization.");
    admin(page)
        .put("/api/v1/admin/documentation/pages/DOC-2901")
        .then()
        .statusCode(201)
        .body("id", equalTo("DOC-2901"));
    Map<String, String> withId = new java.util.HashMap<>(page);
    withId.put("id", "DOC-2901");
    admin(withId)
        .post("/api/v1/admin/documentation/pages")
        .then()
        .statusCode(409)
        .body("error", equalTo("conflict"));
    Inquiries.asAdmin().delete("/api/v1/admin/documentation/pages/DOC-2901").then().statusCode(204);
  }

  @Test
  void onlyAdministratorsWrite() {
    Map<String, String> article = Map.of("group", "account", "title", "t", "body", "b");
    Inquiries.as("cus_0070")
        .contentType(ContentType.JSON)
        .body(article)
        .post("/api/v1/admin/knowledge/articles")
        .then()
        .statusCode(403);
    Inquiries.asAgent("agent_7")
        .delete("/api/v1/admin/knowledge/articles/KB-1001")
        .then()
        .statusCode(403);
    io.restassured.RestAssured.given()
        .contentType(ContentType.JSON)
        .body(article)
        .post("/api/v1/admin/knowledge/articles")
        .then()
        .statusCode(401);
    Inquiries.as("cus_0070").get("/api/v1/knowledge/articles/KB-1001").then().statusCode(200);
  }

  @Test
  void badInputIsA400WithAReason() {
    admin(Map.of("group", "account", "body", "text"))
        .post("/api/v1/admin/knowledge/articles")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("message", containsString("title"));
    admin(Map.of("group", "Not A Group", "title", "t", "body", "b"))
        .post("/api/v1/admin/knowledge/articles")
        .then()
        .statusCode(400)
        .body("message", containsString("group"));
    admin(Map.of("group", "account", "title", "t", "body", "b"))
        .put("/api/v1/admin/knowledge/articles/DOC-2001")
        .then()
        .statusCode(400)
        .body("message", containsString("KB-"));
    admin("{not json").post("/api/v1/admin/knowledge/articles").then().statusCode(400);
  }
}
