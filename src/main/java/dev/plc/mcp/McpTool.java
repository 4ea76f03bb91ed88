package dev.plc.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;

/** One MCP tool: its definition (name, description, annotations, schemas) and its handler, in one class. */
interface McpTool {

    McpServerFeatures.SyncToolSpecification specification();
}
