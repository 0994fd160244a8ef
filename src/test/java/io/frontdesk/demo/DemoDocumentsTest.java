package io.frontdesk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDocumentsTest {

  @Test
  void parsesHeaderTagsAndBody() {
    List<DemoDocuments.Entry> entries =
        DemoDocuments.parse(
            """
            # Title

            ## KB-1 | account | Reset a password
            Tags: password, reset

            Open the sign-in page.

            Then follow the link.
            ## KB-2 | billing | Invoices
            Tags: invoice
            Download them.
            """);
    assertEquals(2, entries.size());
    assertEquals(
        new DemoDocuments.Entry(
            "KB-1",
            "account",
            "Reset a password",
            "password, reset",
            "Open the sign-in page.\n\nThen follow the link."),
        entries.get(0));
    assertEquals("Download them.", entries.get(1).body());
  }
}
