package io.frontdesk.demo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** The whole demo data set, generated the same way every time from a fixed seed and date. */
public final class DemoDataset {

  /** The demo world's "today": all generated dates are relative to it, so the data never varies. */
  public static final OffsetDateTime ANCHOR =
      OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private static final long SEED = 20261101L;

  private DemoDataset() {}

  /** Tables in foreign-key order, ready to insert. */
  public static List<DemoTable> generate() {
    Random random = new Random(SEED);
    DemoBusiness business = new DemoBusiness(random, ANCHOR);
    business.generate();
    DemoServices services = new DemoServices(random, ANCHOR);
    services.generate();
    return List.of(
        business.customers,
        business.subscriptions,
        business.orders,
        business.invoices,
        business.payments,
        business.refunds,
        services.services,
        services.logs,
        documents("kb_article", DemoDocuments.knowledgeBase()),
        documents("doc_page", DemoDocuments.documentation()));
  }

  private static DemoTable documents(String table, List<DemoDocuments.Entry> entries) {
    String group = table.equals("kb_article") ? "category" : "section";
    DemoTable rows = DemoTable.of(table, "id, " + group + ", title, tags, body, updated_at");
    for (int i = 0; i < entries.size(); i++) {
      DemoDocuments.Entry e = entries.get(i);
      rows.add(e.id(), e.category(), e.title(), e.tags(), e.body(), ANCHOR.minusDays(7L * i % 180));
    }
    return rows;
  }
}
