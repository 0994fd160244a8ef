package io.frontdesk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDatasetTest {

  private final Map<String, DemoTable> tables =
      DemoDataset.generate().stream().collect(Collectors.toMap(DemoTable::name, t -> t));

  @Test
  void sameDataEveryTime() {
    assertEquals(fingerprint(DemoDataset.generate()), fingerprint(DemoDataset.generate()));
  }

  @Test
  void atLeastTwoHundredCustomersInEveryTier() {
    List<List<Object>> customers = tables.get("customer").rows();
    assertTrue(customers.size() >= 200, "customers: " + customers.size());
    Map<String, Integer> tiers = new HashMap<>();
    customers.forEach(c -> tiers.merge((String) c.get(3), 1, Integer::sum));
    assertEquals(Set.of("free", "pro", "enterprise"), tiers.keySet());
    assertTrue(tiers.values().stream().allMatch(n -> n >= 40), "tiers: " + tiers);
  }

  @Test
  void everyCustomerHasASubscriptionAndPaidCustomersHaveBillingHistory() {
    Set<String> subscribed = column("subscription", 1);
    assertEquals(column("customer", 0), subscribed);
    Set<String> paying =
        tables.get("customer").rows().stream()
            .filter(c -> !c.get(3).equals("free"))
            .map(c -> (String) c.get(0))
            .collect(Collectors.toSet());
    assertTrue(column("invoice", 1).containsAll(paying), "every paying customer has invoices");
    assertTrue(column("payment", 1).containsAll(paying), "every paying customer has payments");
    assertEquals(column("orders", 0), column("invoice", 2), "one invoice per order");
  }

  @Test
  void refundsNeverExceedWhatWasPaid() {
    Map<String, Integer> paidByInvoice = new HashMap<>();
    tables.get("payment").rows().stream()
        .filter(p -> p.get(7).equals("succeeded"))
        .forEach(p -> paidByInvoice.merge((String) p.get(2), (Integer) p.get(3), Integer::sum));
    Map<String, String> invoiceByOrder = new HashMap<>();
    tables
        .get("invoice")
        .rows()
        .forEach(i -> invoiceByOrder.put((String) i.get(2), (String) i.get(0)));
    for (List<Object> refund : tables.get("refund").rows()) {
      int paid = paidByInvoice.getOrDefault(invoiceByOrder.get((String) refund.get(2)), 0);
      assertTrue((Integer) refund.get(4) <= paid, "refund " + refund.get(0) + " > paid");
    }
    assertTrue(tables.get("refund").rows().size() > 0, "some refunds exist");
  }

  @Test
  void servicesHaveLogsAndAllStatusesOccur() {
    assertEquals(column("service", 0), column("service_log", 0));
    Set<String> statuses = column("service", 5);
    assertTrue(
        statuses.containsAll(Set.of("running", "degraded", "down", "stopped")), "" + statuses);
  }

  @Test
  void knowledgeBaseAndDocumentationAreLoadedWithUniqueIds() {
    List<List<Object>> articles = tables.get("kb_article").rows();
    List<List<Object>> pages = tables.get("doc_page").rows();
    assertTrue(articles.size() >= 60, "articles: " + articles.size());
    assertTrue(pages.size() >= 30, "pages: " + pages.size());
    assertEquals(articles.size(), column("kb_article", 0).size());
    assertEquals(pages.size(), column("doc_page", 0).size());
    for (List<Object> t : articles) {
      assertTrue(((String) t.get(4)).split("\\s+").length >= 60, t.get(0) + " has a real body");
      assertTrue(!((String) t.get(3)).isBlank(), t.get(0) + " has tags");
    }
  }

  private Set<String> column(String table, int index) {
    Set<String> values = new HashSet<>();
    tables.get(table).rows().forEach(t -> values.add(String.valueOf(t.get(index))));
    return values;
  }

  private static String fingerprint(List<DemoTable> tables) {
    StringBuilder out = new StringBuilder();
    for (DemoTable table : tables) {
      out.append(table.name()).append(table.columns()).append('\n');
      for (List<Object> row : table.rows()) {
        row.forEach(value -> out.append(value).append('|'));
        out.append('\n');
      }
    }
    return out.toString();
  }
}
