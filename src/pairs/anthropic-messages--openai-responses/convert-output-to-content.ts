import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { RequestContext } from '../../core/options.js';
import { parseToolArguments } from '../../formats/openai-chat/tool-arguments.js';
import { annotationsToCitations } from './map-citations.js';
import { serverToolUseId } from './map-ids.js';
import { reasoningText, signatureForUpstreamReasoning } from './map-reasoning.js';
import { restoreToolName } from './map-tool-names.js';

type Report = (path: JsonPath, reason: string) => void;

/**
 * Responses output items -> Anthropic content blocks (docs/mappings-anthropic-responses.md, "Responses"):
 * `message` parts -> text blocks (`url_citation` annotations -> citations), a `refusal` part -> the refusal
 * explanation; `reasoning` -> thinking (signature `<id>:<encrypted_content>`, map-reasoning.ts);
 * `function_call` -> tool_use; `web_search_call` -> `server_tool_use` + `web_search_tool_result`. Other items have
 * no Anthropic block: losses.
 */

export interface ItemBlocks {
  blocks: JsonObject[];
  /** refusal text of the item's refusal parts */
  refusal: string | undefined;
  /** the item is a call (function_call) */
  call: boolean;
}

const MESSAGE_KEYS = new Set(['id', 'type', 'status', 'content', 'role', 'phase']);
const TEXT_KEYS = new Set(['type', 'text', 'annotations', 'logprobs']);
const REASONING_KEYS = new Set(['id', 'type', 'summary', 'content', 'encrypted_content', 'status']);
const CALL_KEYS = new Set(['id', 'type', 'status', 'arguments', 'call_id', 'name', 'namespace', 'caller']);
const WEB_SEARCH_KEYS = new Set(['id', 'type', 'status', 'action']);

function unknown(obj: JsonObject, known: ReadonlySet<string>, path: JsonPath, report: Report): void {
  for (const k in obj) {
    const v = obj[k];
    if (!known.has(k) && v !== null && v !== undefined) report(childPath(path, k), 'field has no Anthropic equivalent');
  }
}

export function thinkingBlock(item: JsonObject): JsonObject {
  return {
    type: 'thinking',
    thinking: reasoningText(item),
    signature: signatureForUpstreamReasoning(item.id, item.encrypted_content),
  };
}

export function webSearchBlocks(item: JsonObject): JsonObject[] {
  const id = serverToolUseId(typeof item.id === 'string' ? item.id : 'ws');
  const action = isRecord(item.action) ? item.action : {};
  const sources = Array.isArray(action.sources) ? action.sources : [];
  const content =
    item.status === 'failed'
      ? { type: 'web_search_tool_result_error', error_code: 'unavailable' }
      : sources
          .filter((s) => isRecord(s) && typeof s.url === 'string')
          .map((s) => ({
            type: 'web_search_result',
            url: (s as JsonObject).url,
            title: '',
            encrypted_content: '',
            page_age: null,
          }));
  return [
    {
      type: 'server_tool_use',
      id,
      name: 'web_search',
      input: { query: typeof action.query === 'string' ? action.query : '' },
    },
    { type: 'web_search_tool_result', tool_use_id: id, content },
  ];
}

/** One output item at `path` -> its Anthropic blocks. */
export function convertItemToBlocks(
  item: unknown,
  path: JsonPath,
  context: RequestContext | undefined,
  losses: LossCollector,
): ItemBlocks {
  const report: Report = (p, r) => losses.add(p, r);
  const out: ItemBlocks = { blocks: [], refusal: undefined, call: false };
  if (!isRecord(item)) {
    report(path, 'output item is not an object');
    return out;
  }
  switch (item.type) {
    case 'message': {
      unknown(item, MESSAGE_KEYS, path, report);
      if (item.phase !== undefined && item.phase !== null)
        report(childPath(path, 'phase'), 'message phase has no Anthropic equivalent');
      const cp = childPath(path, 'content');
      const parts = Array.isArray(item.content) ? item.content : [];
      parts.forEach((part, i) => {
        const pp = childPath(cp, i);
        if (!isRecord(part)) {
          report(pp, 'content part is not an object');
          return;
        }
        if (part.type === 'output_text' && typeof part.text === 'string') {
          unknown(part, TEXT_KEYS, pp, report);
          if (Array.isArray(part.logprobs) && part.logprobs.length > 0)
            report(childPath(pp, 'logprobs'), 'Anthropic has no log probabilities');
          const citations = annotationsToCitations(part.annotations, part.text, childPath(pp, 'annotations'), report);
          if (part.text === '' && citations.length === 0) return;
          out.blocks.push(
            citations.length > 0 ? { type: 'text', text: part.text, citations } : { type: 'text', text: part.text },
          );
        } else if (part.type === 'refusal' && typeof part.refusal === 'string') {
          out.refusal = (out.refusal ?? '') + part.refusal;
        } else report(pp, `content part type ${JSON.stringify(part.type)} has no Anthropic equivalent`);
      });
      return out;
    }
    case 'reasoning':
      unknown(item, REASONING_KEYS, path, report);
      out.blocks.push(thinkingBlock(item));
      return out;
    case 'function_call': {
      unknown(item, CALL_KEYS, path, report);
      if (typeof item.namespace === 'string')
        report(childPath(path, 'namespace'), 'tool namespaces have no Anthropic equivalent');
      if (typeof item.call_id !== 'string' || typeof item.name !== 'string') {
        report(path, 'function_call without a call_id or name is not carried');
        return out;
      }
      out.call = true;
      out.blocks.push({
        type: 'tool_use',
        id: item.call_id,
        name: restoreToolName(item.name, context?.toolNames),
        input: parseToolArguments(item.arguments, childPath(path, 'arguments'), losses),
      });
      return out;
    }
    case 'web_search_call': {
      unknown(item, WEB_SEARCH_KEYS, path, report);
      const action = isRecord(item.action) ? item.action : {};
      if (action.type !== undefined && action.type !== 'search') {
        report(
          childPath(path, 'action'),
          `web search action ${JSON.stringify(action.type)} has no Anthropic equivalent`,
        );
        return out;
      }
      out.blocks.push(...webSearchBlocks(item));
      return out;
    }
    default:
      report(path, `output item type ${JSON.stringify(item.type)} has no Anthropic equivalent`);
      return out;
  }
}
