package io.frontdesk.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows for one table of the demo data set, each row's values in the order of {@code columns}. */
public record DemoTable(String name, List<String> columns, List<List<Object>> rows) {

  static DemoTable of(String name, String columns) {
    return new DemoTable(name, List.of(columns.split(",\\s*")), new ArrayList<>());
  }

  void add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "%s has %d columns, got %d values".formatted(name, columns.size(), values.length));
    }
    // Arrays.asList, not List.of: a value may be null (a refund not yet failed, no card)
    rows.add(Arrays.asList(values));
  }
}
