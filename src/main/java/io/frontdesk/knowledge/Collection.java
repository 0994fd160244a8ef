package io.frontdesk.knowledge;

/** The two searchable collections: help-centre articles and product documentation. */
public enum Collection {
  KNOWLEDGE_BASE("kb_article", "category", "article"),
  DOCUMENTATION("doc_page", "section", "documentation page");

  final String table;
  final String groupColumn;
  final String noun;

  Collection(String table, String groupColumn, String noun) {
    this.table = table;
    this.groupColumn = groupColumn;
    this.noun = noun;
  }

  static Collection ofTable(String table) {
    for (Collection c : values()) {
      if (c.table.equals(table)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no collection stored in " + table);
  }
}
