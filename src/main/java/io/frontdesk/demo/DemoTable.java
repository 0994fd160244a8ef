package io.frontdesk.demo;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows for one table of the demo data set, with the statement that inserts one row. */
public record DemoTable(String name, String insertSql, List<Tuple> rows) {

  static DemoTable of(String name, String columns) {
    String[] names = columns.split(",\\s*");
    StringBuilder params = new StringBuilder();
    for (int i = 1; i <= names.length; i++) {
      params.append(i > 1 ? ", " : "").append('$').append(i);
    }
    String sql = "insert into " + name + " (" + columns + ") values (" + params + ")";
    return new DemoTable(name, sql, new ArrayList<>());
  }

  void add(Object... values) {
    rows.add(Tuple.from(Arrays.asList(values)));
  }
}
