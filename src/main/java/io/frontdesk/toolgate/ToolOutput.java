package io.frontdesk.toolgate;

/** Marks a tool's result record: it reaches the model as compact JSON (see CompactToolOutput). */
public interface ToolOutput {}
