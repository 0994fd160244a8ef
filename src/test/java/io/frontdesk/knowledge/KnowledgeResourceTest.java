package io.frontdesk.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KnowledgeResourceTest {

  @Test
  void searchRanksThePasswordArticleFirstForACustomerSentence() {
    given()
        .queryParam("q", "I forgot my password and can't sign in")
        .queryParam("limit", 3)
        .get("/api/v1/knowledge/articles")
        .then()
        .statusCode(200)
        .body("size()", lessThanOrEqualTo(3))
        .body("[0].title", containsString("assword"))
        .body("passage", everyItem(not(emptyString())));
  }

  @Test
  void documentationSearchFindsRateLimits() {
    given()
        .queryParam("q", "API rate limit 429")
        .get("/api/v1/documentation/pages")
        .then()
        .statusCode(200)
        .body("[0].group", equalTo("api"));
  }

  @Test
  void articleAndPageById() {
    given()
        .get("/api/v1/knowledge/articles/KB-1001")
        .then()
        .statusCode(200)
        .body("id", equalTo("KB-1001"));
    given()
        .get("/api/v1/documentation/pages/DOC-2001")
        .then()
        .statusCode(200)
        .body("id", equalTo("DOC-2001"));
    given()
        .get("/api/v1/knowledge/articles/KB-0000")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }

  @Test
  void nothingMatchesGivesAnEmptyList() {
    given()
        .queryParam("q", "zzqxv")
        .get("/api/v1/knowledge/articles")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
  }

  @Test
  void badSearchInputIsA400WithAReason() {
    given()
        .get("/api/v1/knowledge/articles")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("message", containsString("must not be blank"));
    given()
        .queryParam("q", "refund")
        .queryParam("limit", 0)
        .get("/api/v1/knowledge/articles")
        .then()
        .statusCode(400)
        .body("message", containsString("greater than or equal to 1"));
    given()
        .queryParam("q", "refund")
        .queryParam("limit", "many")
        .get("/api/v1/knowledge/articles")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("message", containsString("\"many\""));
  }
}
