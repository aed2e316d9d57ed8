import type * as z from 'zod';
import { isRecord } from '../../src/core/narrow.js';
import { foldAnthropicEvents } from '../arbitraries/fold-anthropic-events.js';
import {
  arr,
  canonicalSchema,
  defined,
  dropDefaults,
  dropEmpty,
  idNamer,
  isEmpty,
  type Json,
  num,
  rec,
} from './common.js';
import { messageAt, statusMeaning } from './errors.js';
import { tidy } from './schema-tidy.js';
import { COUNT_TOKENS_SCHEMAS, schemaOf } from './schemas.js';
import type { FormatMeaning, RequestMeaningOptions, StreamEnd, StreamMeaning } from './types.js';

/**
 * Anthropic Messages by meaning (also the body of Bedrock InvokeModel and Vertex rawPredict, see their modules).
 *
 * Request, as Claude reads it: the spec's fields only (vendor keys dropped, null ≡ absent where optional or nullable),
 * `stream: false`, `thinking: {type: "disabled"}`, `tool_choice: {type: "auto"}`, `disable_parallel_tool_use: false`,
 * `is_error: false`, `cache_control.ttl: "5m"` ≡ absent; `system` and any content as a string ≡ one text block;
 * `system: []` / `""`, `stop_sequences: []`, `tools: []`, `metadata: {}` ≡ absent; consecutive messages of one role ≡
 * one message (the API merges them); tool ids by order of appearance; tool schemas in canonical form
 * (`canonicalSchema`); a tool result whose text starts with `[tool_error] ` ≡ that text without it, `is_error: true`.
 *
 * Answer, as the SDK's final `Message`: content blocks (adjacent text blocks joined, empty ones dropped; thinking with
 * its signature; tool calls with their input; ids by order), `stop_reason`, `stop_sequence`, usage (input, output,
 * cache reads and writes, absent ≡ 0, and the cache-write breakdown when given). Ids, model and timestamps are not
 * part of the meaning.
 */

type Namer = (id: unknown) => unknown;

const TOOL_ERROR_PREFIX = '[tool_error] ';

function cacheControl(c: unknown): unknown {
  if (!isRecord(c)) return c;
  return c.ttl === '5m' ? defined({ ...c, ttl: undefined }) : c;
}

function withCacheControl(b: Json): Json {
  return b.cache_control === undefined ? b : { ...b, cache_control: cacheControl(b.cache_control) };
}

function textBlocks(content: unknown): unknown {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function toolResult(b: Json, ids: Namer): Json {
  let content = textBlocks(b.content);
  let isError = b.is_error === true;
  if (Array.isArray(content)) {
    const first = content[0];
    if (
      isRecord(first) &&
      first.type === 'text' &&
      typeof first.text === 'string' &&
      first.text.startsWith(TOOL_ERROR_PREFIX)
    ) {
      isError = true;
      content = [{ ...first, text: first.text.slice(TOOL_ERROR_PREFIX.length) }, ...content.slice(1)];
    }
    content = (content as unknown[]).map((c) => (isRecord(c) ? withCacheControl(c) : c));
  }
  return defined({
    ...b,
    tool_use_id: ids(b.tool_use_id),
    content: isEmpty(content) ? undefined : content,
    is_error: isError ? true : undefined,
    cache_control: b.cache_control === undefined ? undefined : cacheControl(b.cache_control),
  });
}

function requestBlock(block: unknown, ids: Namer): unknown {
  if (!isRecord(block)) return block;
  const b = withCacheControl(block);
  switch (b.type) {
    case 'tool_use':
    case 'server_tool_use':
      return { ...b, id: ids(b.id) };
    case 'tool_result':
      return toolResult(b, ids);
    default:
      return b;
  }
}

function messages(list: unknown, ids: Namer): unknown {
  if (!Array.isArray(list)) return list;
  const out: Json[] = [];
  for (const m of list) {
    if (!isRecord(m)) {
      out.push({ invalid: m });
      continue;
    }
    const content = arr(textBlocks(m.content)).map((b) => requestBlock(b, ids));
    const prev = out.at(-1);
    if (prev && prev.role === m.role) prev.content = [...arr(prev.content), ...content];
    else out.push({ ...m, content });
  }
  return out;
}

function tools(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((t) => {
    if (!isRecord(t)) return t;
    const out = withCacheControl(t);
    return defined({
      ...out,
      description: t.description === '' ? undefined : t.description,
      input_schema: t.input_schema === undefined ? undefined : canonicalSchema(t.input_schema),
      strict: t.strict === false ? undefined : t.strict,
    });
  });
}

function toolChoice(tc: unknown): unknown {
  if (!isRecord(tc)) return tc;
  const out = tc.disable_parallel_tool_use === false ? defined({ ...tc, disable_parallel_tool_use: undefined }) : tc;
  return out.type === 'auto' && Object.keys(out).length === 1 ? undefined : out;
}

/** A Messages body (or the Invoke / Vertex body, `schema` telling which) as Claude reads it. */
export function anthropicBodyMeaning(body: unknown, schema: z.ZodType): unknown {
  if (!isRecord(body)) return { invalid: body };
  const ids = idNamer();
  let t = tidy(schema, body) as Json;
  t = dropDefaults(t, { stream: false, thinking: { type: 'disabled' } });
  const system = typeof t.system === 'string' ? (t.system === '' ? undefined : textBlocks(t.system)) : t.system;
  t = {
    ...t,
    system: Array.isArray(system) ? system.map((b) => (isRecord(b) ? withCacheControl(b) : b)) : system,
    messages: messages(t.messages, ids),
    tools: tools(t.tools),
    tool_choice: toolChoice(t.tool_choice),
    anthropic_beta: Array.isArray(t.anthropic_beta) ? [...t.anthropic_beta].map(String).sort() : t.anthropic_beta,
  };
  return defined(dropEmpty(t, ['system', 'stop_sequences', 'tools', 'metadata', 'anthropic_beta', 'tool_choice']));
}

function request(body: unknown, options?: RequestMeaningOptions): unknown {
  return anthropicBodyMeaning(
    body,
    options?.endpoint === 'count_tokens' ? COUNT_TOKENS_SCHEMAS.request : schemaOf('anthropic-messages', 'request'),
  );
}

function answerBlocks(content: unknown): unknown[] {
  // one namer per block type: an extra server tool call does not renumber the client's tool calls
  const namers = new Map<unknown, Namer>();
  const ids = (type: unknown): Namer => {
    let n = namers.get(type);
    if (!n) {
      n = idNamer();
      namers.set(type, n);
    }
    return n;
  };
  const out: unknown[] = [];
  for (const b of arr(content)) {
    if (!isRecord(b)) {
      out.push(b);
      continue;
    }
    if (b.type === 'text') {
      if (b.text === '' && b.citations === undefined) continue;
      const prev = out.at(-1);
      if (isRecord(prev) && prev.type === 'text' && prev.citations === undefined && b.citations === undefined) {
        prev.text = `${String(prev.text)}${String(b.text)}`;
        continue;
      }
      out.push({ ...b });
    } else if (b.type === 'tool_use' || b.type === 'server_tool_use') {
      out.push({ ...b, id: ids(b.type)(b.id) });
    } else if (typeof b.tool_use_id === 'string') {
      out.push({ ...b, tool_use_id: ids('server_tool_use')(b.tool_use_id) });
    } else {
      out.push(b);
    }
  }
  return out;
}

/** A `Message` (non-stream answer, or the fold of a stream) as the SDK's user reads it. */
export function anthropicMessageMeaning(message: unknown): unknown {
  if (!isRecord(message)) return { invalid: message };
  const m = tidy(schemaOf('anthropic-messages', 'response'), message) as Json;
  const u = rec(m.usage);
  const breakdown = rec(u.cache_creation);
  const hasBreakdown = Object.values(breakdown).some((v) => num(v) !== 0);
  return defined({
    content: answerBlocks(m.content),
    stop_reason: m.stop_reason,
    stop_sequence: m.stop_sequence,
    stop_details: m.stop_details,
    usage: defined({
      input_tokens: num(u.input_tokens),
      output_tokens: num(u.output_tokens),
      cache_creation_input_tokens: num(u.cache_creation_input_tokens),
      cache_read_input_tokens: num(u.cache_read_input_tokens),
      cache_creation: hasBreakdown ? breakdown : undefined,
    }),
  });
}

/** An Anthropic error body and status as the SDK reads them: the error class (status) and the error's `type`. */
export function anthropicErrorMeaning(status: number, body: unknown): unknown {
  const b = rec(body);
  return {
    status: statusMeaning(status),
    body: b.type === 'error' ? 'an Anthropic error' : `not an Anthropic error (type ${JSON.stringify(b.type)})`,
    type: rec(b.error).type,
    message: messageAt(b, 'error', 'message'),
  };
}

/** How an Anthropic event sequence ends: `message_stop`, an `error` event, both, or neither. */
export function anthropicStreamEnd(events: readonly unknown[]): StreamEnd {
  const error = events.some((e) => isRecord(e) && e.type === 'error');
  const stop = events.some((e) => isRecord(e) && e.type === 'message_stop');
  if (error) return stop ? 'error, then a clean end' : 'error';
  return stop ? 'complete' : 'cut short';
}

/** Anthropic events (SSE, Bedrock Invoke chunks, Vertex) as the SDK's `MessageStream` rebuilds them. */
export function anthropicStreamMeaning(events: readonly unknown[]): StreamMeaning {
  const end = anthropicStreamEnd(events);
  const errorEvent = events.find((e) => isRecord(e) && e.type === 'error');
  if (end !== 'complete') return errorEvent === undefined ? { end } : { end, error: rec(rec(errorEvent).error).type };
  return { end, message: anthropicMessageMeaning(foldAnthropicEvents(events).message) };
}

function response(body: unknown): unknown {
  // count_tokens answers `{input_tokens}`: the number is the meaning
  if (isRecord(body) && Object.keys(body).length === 1 && typeof body.input_tokens === 'number')
    return { input_tokens: body.input_tokens };
  return anthropicMessageMeaning(body);
}

export const anthropicMessagesMeaning: FormatMeaning = {
  request,
  response,
  stream: anthropicStreamMeaning,
  error: anthropicErrorMeaning,
};
