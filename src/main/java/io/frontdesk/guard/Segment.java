package io.frontdesk.guard;

/** One sentence or fenced code block of a text: offsets, and whether a paragraph starts here. */
record Segment(int start, int end, boolean code, boolean paragraphStart) {}
