package io.frontdesk.toolgate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolOutputScreenTest {

  record Line(String text, int number) {}

  record Result(String title, BigDecimal amount, List<Line> lines, Map<String, Object> details) {}

  @Test
  void everyTextIsScreenedAndEverythingElseKept() {
    Result in =
        new Result(
            "a title",
            new BigDecimal("9.50"),
            List.of(new Line("bad line", 3)),
            Map.of("note", "bad note", "count", 2));

    Result out = ToolOutputScreen.screen(in, t -> t.replace("bad", "ok"));

    assertEquals(
        new Result(
            "a title",
            new BigDecimal("9.50"),
            List.of(new Line("ok line", 3)),
            Map.of("note", "ok note", "count", 2)),
        out);
  }
}
