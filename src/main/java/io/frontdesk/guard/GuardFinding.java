package io.frontdesk.guard;

/**
 * One thing a guard found: its category (an injection technique, a PII entity type, ...), how sure
 * it is (0..1) and where it is in the checked text ({@code start} inclusive, {@code end} exclusive,
 * character offsets).
 */
public record GuardFinding(String guard, String category, double score, int start, int end) {}
