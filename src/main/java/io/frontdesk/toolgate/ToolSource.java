package io.frontdesk.toolgate;

import java.util.List;

/**
 * Tools that come from somewhere other than a {@code @Tool} method (connector files, MCP servers):
 * the {@link ToolCatalog} describes them beside the built-in ones, and agents are offered them
 * through {@link OfferedTools}. The list may change while the service runs (an MCP server that
 * comes back).
 */
public interface ToolSource {

  List<ToolDescriptor> tools();
}
