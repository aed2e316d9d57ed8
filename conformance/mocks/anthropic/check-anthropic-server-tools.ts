import { childPath } from '../../../src/core/json-path.js';
import { isRecord } from '../../../src/core/narrow.js';
import { isServerToolBlockType } from '../../../src/formats/anthropic-messages/server-tools.js';
import type { RuleViolation } from '../mock-types.js';

/**
 * Server tool blocks in a request, as the Messages API checks them (docs/wire-formats.md#anthropic-server-tools):
 * they are echoes of an assistant turn, so they appear only in assistant messages; in each assistant message every
 * `server_tool_use` but in the last message (a paused turn handed back to continue) is followed by its result
 * block (`tool_use_id` = its id) and every result block answers a
 * `server_tool_use` before it; a replayed `web_search_result_location` citation carries the `encrypted_index`
 * Anthropic issued (never empty).
 */
export function checkAnthropicServerTools(body: Record<string, unknown>): RuleViolation[] {
  const messages = body.messages;
  if (!Array.isArray(messages)) return [];
  const out: RuleViolation[] = [];
  messages.forEach((message, i) => {
    if (!isRecord(message) || !Array.isArray(message.content)) return;
    const cp = childPath(childPath('messages', i), 'content');
    const open = new Map<string, string>();
    message.content.forEach((block: unknown, j: number) => {
      if (!isRecord(block)) return;
      const path = childPath(cp, j);
      if (isServerToolBlockType(block.type) && message.role !== 'assistant') {
        out.push({ path, message: `${path}: ${String(block.type)} blocks may only appear in assistant messages` });
        return;
      }
      if (block.type === 'server_tool_use' && typeof block.id === 'string') open.set(block.id, path);
      else if (isServerToolBlockType(block.type)) {
        const id = block.tool_use_id;
        if (typeof id !== 'string' || !open.delete(id))
          out.push({
            path,
            message: `${path}: ${String(block.type)} block with tool_use_id ${JSON.stringify(id)} has no server_tool_use block before it`,
          });
      } else if (block.type === 'text' && Array.isArray(block.citations)) {
        block.citations.forEach((c: unknown, k: number) => {
          if (
            isRecord(c) &&
            c.type === 'web_search_result_location' &&
            (typeof c.encrypted_index !== 'string' || c.encrypted_index === '')
          ) {
            const cpath = childPath(childPath(path, 'citations'), k);
            out.push({ path: cpath, message: `${cpath}: encrypted_index must be the one the API returned` });
          }
        });
      }
    });
    if (i < messages.length - 1)
      for (const [id, path] of open)
        out.push({
          path,
          message: `${path}: server_tool_use with id ${id} was found without a corresponding result block`,
        });
  });
  return out;
}
