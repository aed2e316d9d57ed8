import { isRecord } from '../../../src/core/narrow.js';
import { isWebSearchToolType } from '../../../src/formats/anthropic-messages/server-tools.js';
import type { Script } from '../../scripted-model/script.js';
import { stableHash } from '../../scripted-model/stable-hash.js';

type Block = Record<string, unknown>;

/**
 * The scripted model with a web search tool (docs/conformance-mocks.md): when the request offers a `web_search_…`
 * tool and the model answers in plain text, it first searches for the last user text, then answers with that text
 * citing the one result, as Claude does: `server_tool_use` (input `{query}`), `web_search_tool_result` (one
 * `web_search_result` with deterministic url, title and encrypted content), the text block with a
 * `web_search_result_location` citation; the usage counts one web search request.
 */
export function webSearchContent(body: Record<string, unknown>, script: Script, query: string): Block[] | undefined {
  if (!Array.isArray(body.tools) || !body.tools.some((t) => isRecord(t) && isWebSearchToolType(t.type)))
    return undefined;
  if (script.toolCalls.length > 0 || script.thinking !== null || script.text === '') return undefined;
  const h = stableHash(`search:${query}`);
  const id = `srvtoolu_${h}`;
  const url = `https://search.example/${h}`;
  const title = `Result ${h}`;
  return [
    { type: 'server_tool_use', id, name: 'web_search', input: { query } },
    {
      type: 'web_search_tool_result',
      tool_use_id: id,
      content: [{ type: 'web_search_result', url, title, encrypted_content: `enc_${h}`, page_age: null }],
    },
    {
      type: 'text',
      text: script.text,
      citations: [{ type: 'web_search_result_location', url, title, cited_text: query, encrypted_index: `idx_${h}` }],
    },
  ];
}

/** the usage of a turn that searched once */
export const WEB_SEARCH_USAGE = { server_tool_use: { web_search_requests: 1 } };
