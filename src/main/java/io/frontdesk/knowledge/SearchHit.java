package io.frontdesk.knowledge;

/** One search result: the document, its group, and the passage that matched the query. */
public record SearchHit(String id, String title, String group, String passage, double score) {}
