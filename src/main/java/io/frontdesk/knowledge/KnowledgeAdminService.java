package io.frontdesk.knowledge;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes articles and documentation pages for administrators. The passages are cut and embedded
 * before the transaction and stored in it with the document, so search never sees a document
 * without its passages.
 */
@ApplicationScoped
public class KnowledgeAdminService {

  /** The outcome of a write: the stored document and whether it is new. */
  public record Written(Document document, boolean created) {}

  private final Pool pool;
  private final KnowledgeIndexer indexer;
  private final KnowledgeRepository documents;
  private final KnowledgeChunkRepository chunks;
  private final Vertx vertx;

  KnowledgeAdminService(
      Pool pool,
      KnowledgeIndexer indexer,
      KnowledgeRepository documents,
      KnowledgeChunkRepository chunks,
      Vertx vertx) {
    this.pool = pool;
    this.indexer = indexer;
    this.documents = documents;
    this.chunks = chunks;
    this.vertx = vertx;
  }

  /** A new document; its id is the input's, or the next free one. 409 if the id is taken. */
  public Uni<Document> create(Collection collection, DocumentInput input) {
    if (input.id() != null) {
      requirePrefix(collection, input.id());
    }
    return embed(input)
        .chain(
            embedded ->
                pool.withTransaction(
                    db ->
                        chunks
                            .lockWriters(db)
                            .chain(
                                () ->
                                    input.id() != null
                                        ? free(db, collection, input.id())
                                        : next(db, collection))
                            .chain(id -> write(db, collection, id, input, embedded))))
        .map(Written::document);
  }

  /** Creates or replaces the document with this id. */
  public Uni<Written> put(Collection collection, String id, DocumentInput input) {
    requirePrefix(collection, id);
    return embed(input)
        .chain(
            embedded ->
                pool.withTransaction(
                    db ->
                        chunks
                            .lockWriters(db)
                            .chain(() -> write(db, collection, id, input, embedded))));
  }

  /** Deletes a document and its passages; 404 if there is none. */
  public Uni<Void> delete(Collection collection, String id) {
    return pool.withTransaction(
            db -> chunks.lockWriters(db).chain(() -> documents.delete(db, collection, id)))
        .map(
            deleted -> {
              if (!deleted) {
                throw new NotFound(collection.noun, id);
              }
              return null;
            });
  }

  private Uni<KnowledgeIndexer.Embedded> embed(DocumentInput input) {
    return vertx.executeBlocking(
        Uni.createFrom().item(() -> indexer.embed(input.title(), input.body())), false);
  }

  private Uni<Written> write(
      SqlClient db,
      Collection collection,
      String id,
      DocumentInput input,
      KnowledgeIndexer.Embedded embedded) {
    return documents
        .upsert(db, collection, id, input, OffsetDateTime.now(ZoneOffset.UTC))
        .call(() -> indexer.store(db, collection, id, embedded))
        .chain(created -> documents.find(db, collection, id).map(doc -> new Written(doc, created)));
  }

  private Uni<String> free(SqlClient db, Collection collection, String id) {
    return documents
        .exists(db, collection, id)
        .map(
            taken -> {
              if (taken) {
                throw new Conflict(collection.noun + " " + id + " already exists; PUT replaces it");
              }
              return id;
            });
  }

  /** The next id after the highest in use (KB-1065 after KB-1064). */
  private Uni<String> next(SqlClient db, Collection collection) {
    String prefix = prefix(collection);
    int floor = collection == Collection.KNOWLEDGE_BASE ? 1000 : 2000;
    return documents
        .highestNumber(db, collection, prefix, floor)
        .map(highest -> prefix + (highest + 1));
  }

  private static void requirePrefix(Collection collection, String id) {
    if (id == null || !id.matches(prefix(collection) + "\\d{4,6}")) {
      throw new BadRequest(
          "a %s id looks like %s1065".formatted(collection.noun, prefix(collection)));
    }
  }

  private static String prefix(Collection collection) {
    return collection == Collection.KNOWLEDGE_BASE ? "KB-" : "DOC-";
  }
}
