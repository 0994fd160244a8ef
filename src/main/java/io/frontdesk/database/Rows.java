package io.frontdesk.database;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads a statement's rows the three ways repositories need: the one row, maybe one, all. */
public final class Rows {

  private Rows() {}

  /**
   * The first row of a statement that always answers one (an aggregate, {@code insert … returning},
   * {@code select exists(…)}); a missing row is a bug, not an answer, so it throws.
   */
  public static Row first(RowSet<Row> rows) {
    RowIterator<Row> it = rows.iterator();
    if (!it.hasNext()) {
      throw new IllegalStateException("the statement answered no row where one was certain");
    }
    return it.next();
  }

  /** The first row mapped, or empty when the statement answered none (a look-up by id). */
  public static <T> Optional<T> optional(RowSet<Row> rows, Function<Row, T> mapper) {
    RowIterator<Row> it = rows.iterator();
    return it.hasNext() ? Optional.of(mapper.apply(it.next())) : Optional.empty();
  }

  /** Every row mapped, in the statement's order. */
  public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(mapper.apply(row));
    }
    return out;
  }
}
