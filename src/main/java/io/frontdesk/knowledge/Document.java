package io.frontdesk.knowledge;

import java.time.OffsetDateTime;

/** A whole knowledge-base article or documentation page. */
public record Document(
    String id, String group, String title, String tags, String body, OffsetDateTime updatedAt) {}
