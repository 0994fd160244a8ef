package io.frontdesk.knowledge;

/**
 * One search result: the document, its group, the passage that matched the query, its fused rank
 * score, and how close its best passage is in meaning (cosine, 0 when only its words matched).
 */
public record SearchHit(
    String id, String title, String group, String passage, double score, double similarity) {}
