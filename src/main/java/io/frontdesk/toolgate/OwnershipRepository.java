package io.frontdesk.toolgate;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Who owns a resource a tool argument names, over the reactive SQL client. */
@ApplicationScoped
class OwnershipRepository {

  private final Pool pool;

  OwnershipRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The customer ids owning the resource with this id (an invoice is found by its printed number
   * too); none when it does not exist.
   */
  Uni<List<String>> owners(OwnedResource resource, String id) {
    return pool.preparedQuery(ownerQuery(resource))
        .execute(Tuple.of(id))
        .map(rows -> Rows.list(rows, row -> row.getString(0)));
  }

  private static String ownerQuery(OwnedResource resource) {
    return switch (resource) {
      case ORDER -> "select customer_id from orders where id = $1";
      case INVOICE -> "select customer_id from invoice where id = $1 or number = $1";
      case PAYMENT -> "select customer_id from payment where id = $1";
      case SERVICE -> "select customer_id from service where id = $1";
    };
  }
}
