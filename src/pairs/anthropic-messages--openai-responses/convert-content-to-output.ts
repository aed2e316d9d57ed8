import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { RequestContext } from '../../core/options.js';
import { invalid } from '../../core/require.js';
import { CUSTOM_INPUT_KEY } from './extensions.js';
import { citationsToAnnotations } from './map-citations.js';
import { itemId, webSearchCallId } from './map-ids.js';
import { encryptedContentFor } from './map-reasoning.js';
import { restoreToolName, toolOrigin } from './map-tool-names.js';

/**
 * Anthropic response content -> Responses output items (docs/mappings-anthropic-responses.md, "Responses"):
 * consecutive text blocks -> one assistant `message` item, a block per `output_text` part; thinking and
 * redacted_thinking -> `reasoning` items (map-reasoning.ts); tool_use -> `function_call` (or, for a client's
 * custom tool or namespace member, `custom_tool_call` / a `function_call` with its `namespace`); a web search
 * (`server_tool_use` + `web_search_tool_result`) -> a `web_search_call`. The stream translation builds the same
 * items event by event (stream-to-responses.ts).
 */

export function outputText(text: string, annotations: JsonObject[]): JsonObject {
  return { type: 'output_text', annotations, logprobs: [], text };
}

export function messageItem(id: string, status: string, content: JsonObject[]): JsonObject {
  return { id, type: 'message', status, content, role: 'assistant' };
}

export function reasoningItem(id: string, text: string, encrypted: string | undefined): JsonObject {
  const item: JsonObject = { id, type: 'reasoning', summary: text === '' ? [] : [{ type: 'summary_text', text }] };
  if (encrypted !== undefined && encrypted !== '') item.encrypted_content = encrypted;
  return item;
}

/** A tool_use as the call item the client declared it as: function_call, or custom_tool_call for a custom tool. */
export function callItem(
  responseId: string,
  index: number,
  status: string,
  call: { id: string; name: string; input: unknown; args?: string },
  context: RequestContext | undefined,
  report: (reason: string) => void,
): JsonObject {
  const origin = toolOrigin(call.name, context);
  if (origin?.kind === 'custom') {
    const input = isRecord(call.input) ? call.input[CUSTOM_INPUT_KEY] : undefined;
    let text: string;
    if (typeof input === 'string') text = input;
    else {
      text = call.args ?? JSON.stringify(call.input ?? {});
      report(`the input of custom tool ${JSON.stringify(origin.name)} is not {"input": string}; sent as its JSON`);
    }
    const item: JsonObject = { id: itemId('ctc', responseId, index), type: 'custom_tool_call', call_id: call.id };
    item.input = text;
    item.name = origin.name;
    if (origin.namespace !== undefined) item.namespace = origin.namespace;
    return item;
  }
  const item: JsonObject = {
    id: itemId('fc', responseId, index),
    type: 'function_call',
    status,
    arguments: call.args ?? JSON.stringify(isRecord(call.input) ? call.input : {}),
    call_id: call.id,
    name: origin?.name ?? restoreToolName(call.name, context?.toolNames),
  };
  if (origin?.namespace !== undefined) item.namespace = origin.namespace;
  return item;
}

/** Sources of a `web_search_tool_result` block's content, or undefined when the search failed. */
export function webSearchSources(content: unknown): JsonObject[] | undefined {
  if (!Array.isArray(content)) return undefined;
  return content
    .filter((r) => isRecord(r) && r.type === 'web_search_result' && typeof r.url === 'string')
    .map((r) => ({ type: 'url', url: (r as JsonObject).url }));
}

export function webSearchItem(id: string, query: unknown, sources: JsonObject[] | undefined): JsonObject {
  const action: JsonObject = { type: 'search', query: typeof query === 'string' ? query : '' };
  if (sources !== undefined) action.sources = sources;
  return { id, type: 'web_search_call', status: sources === undefined ? 'failed' : 'completed', action };
}

/** Anthropic `content` -> output items. `refusal`: the explanation to add as a refusal part, if the model refused. */
export function convertContentToOutput(
  content: readonly unknown[],
  responseId: string,
  context: RequestContext | undefined,
  losses: LossCollector,
  refusal: string | undefined,
  incomplete: boolean,
): JsonObject[] {
  const items: JsonObject[] = [];
  let message: JsonObject[] | undefined;
  const flush = (): void => {
    if (message) items.push(messageItem(itemId('msg', responseId, items.length), 'completed', message));
    message = undefined;
  };
  for (let i = 0; i < content.length; i++) {
    const b: unknown = content[i];
    const p = childPath('content', i);
    if (!isRecord(b)) throw invalid('content block must be an object', p);
    switch (b.type) {
      case 'text': {
        if (typeof b.text !== 'string') throw invalid('text must be a string', childPath(p, 'text'));
        const annotations = citationsToAnnotations(b.citations, b.text.length, childPath(p, 'citations'), (lp, r) =>
          losses.add(lp, r),
        );
        message ??= [];
        message.push(outputText(b.text, annotations));
        break;
      }
      case 'thinking':
        flush();
        items.push(
          reasoningItem(
            itemId('rs', responseId, items.length),
            typeof b.thinking === 'string' ? b.thinking : '',
            typeof b.signature === 'string' && b.signature !== ''
              ? encryptedContentFor({ type: 'thinking', signature: b.signature })
              : undefined,
          ),
        );
        break;
      case 'redacted_thinking':
        flush();
        items.push(
          reasoningItem(
            itemId('rs', responseId, items.length),
            '',
            encryptedContentFor({ type: 'redacted', data: typeof b.data === 'string' ? b.data : '' }),
          ),
        );
        break;
      case 'tool_use': {
        flush();
        if (typeof b.id !== 'string' || typeof b.name !== 'string')
          throw invalid('tool_use needs a string id and name', p);
        items.push(
          callItem(responseId, items.length, 'completed', { id: b.id, name: b.name, input: b.input }, context, (r) =>
            losses.add(childPath(p, 'input'), r),
          ),
        );
        break;
      }
      case 'server_tool_use': {
        flush();
        if (b.name !== 'web_search') {
          losses.add(p, `server tool ${JSON.stringify(b.name)} has no Responses output item`);
          break;
        }
        const next = content[i + 1];
        const result =
          isRecord(next) && next.type === 'web_search_tool_result' && next.tool_use_id === b.id ? next : undefined;
        if (result) i++;
        const fallback = itemId('ws', responseId, items.length);
        items.push(
          webSearchItem(
            typeof b.id === 'string' ? webSearchCallId(b.id, fallback) : fallback,
            isRecord(b.input) ? b.input.query : undefined,
            result ? webSearchSources(result.content) : [],
          ),
        );
        break;
      }
      default:
        flush();
        losses.add(p, `content block type ${JSON.stringify(b.type)} has no Responses output item`);
    }
  }
  if (refusal !== undefined) {
    message ??= [];
    message.push({ type: 'refusal', refusal });
  }
  flush();
  if (incomplete) {
    const last = items[items.length - 1];
    if (last && typeof last.status === 'string') last.status = 'incomplete';
  }
  return items;
}
