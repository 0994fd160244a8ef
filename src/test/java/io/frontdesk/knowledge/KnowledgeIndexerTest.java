package io.frontdesk.knowledge;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The demo content is embedded once; a start embeds only what changed. */
@QuarkusTest
class KnowledgeIndexerTest {

  @Inject Pool pool;
  @Inject KnowledgeIndexer indexer;

  @Test
  void everyDocumentHasPassagesOfTheCurrentModelAndText() {
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from kb_article d where not exists (select 1 from knowledge_chunk c"
                + " where c.document_id = d.id and c.source_hash = md5(d.title || E'\\n' ||"
                + " d.body))"));
    assertTrue(
        count(pool, "select count(*) from knowledge_chunk where collection = 'doc_page'") > 34);
  }

  @Test
  void aStartReEmbedsOnlyADocumentChangedBehindItsBack() {
    OffsetDateTime untouched = embeddedAt("KB-1002");
    rows(pool, "update kb_article set body = body || ' Updated by hand.' where id = 'KB-1003'");
    OffsetDateTime before = embeddedAt("KB-1003");

    indexer.onStart(null);

    assertTrue(embeddedAt("KB-1003").isAfter(before), "the changed article was re-embedded");
    assertEquals(untouched, embeddedAt("KB-1002"), "the others were not");
    assertTrue(
        rows(
                pool,
                "select content from knowledge_chunk where document_id = 'KB-1003' order by"
                    + " ordinal desc limit 1")
            .getFirst()
            .getString(0)
            .contains("Updated by hand."));
  }

  private OffsetDateTime embeddedAt(String id) {
    return rows(pool, "select max(created_at) from knowledge_chunk where document_id = $1", id)
        .getFirst()
        .getOffsetDateTime(0);
  }
}
