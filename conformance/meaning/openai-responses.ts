import { isRecord } from '../../src/core/narrow.js';
import { foldResponsesEvents } from '../arbitraries/fold-responses-events.js';
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
  parseArguments,
  rec,
} from './common.js';
import { messageAt, statusMeaning } from './errors.js';
import { tidy } from './schema-tidy.js';
import { schemaOf } from './schemas.js';
import type { FormatMeaning, StreamMeaning } from './types.js';

/**
 * OpenAI Responses by meaning.
 *
 * Request, as the API reads it: the spec's fields only (vendor keys dropped; null ≡ absent where optional or
 * nullable); `input` as a string ≡ one user message; a message's `type: "message"` ≡ absent; `developer` ≡ `system`;
 * content as a string ≡ one text part; `detail: "auto"` ≡ absent; item `id` and `status` ≡ absent (they name stored
 * items); function arguments parsed; call ids by order of appearance; tool schemas canonical; `include` as a set;
 * defaults ≡ absent (`stream: false`, `store: true`, `temperature` / `top_p` 1, `tool_choice: "auto"`,
 * `parallel_tool_calls: true`, `truncation: "disabled"`); `tools: []`, `include: []`, `metadata: {}` ≡ absent.
 *
 * Answer, as the SDK's final `Response` (`finalResponse()` of its stream helper, the terminal event's response):
 * status and `incomplete_details.reason`, the error's code, the output items without their ids (a gateway mints
 * them) — messages' `output_text` (text, annotations; `[]` ≡ absent) and `refusal` parts, reasoning (summary texts,
 * `encrypted_content`), function calls (call ids by order, arguments parsed, namespace), custom tool calls, web
 * searches — and usage: input, output and total tokens, cached and reasoning tokens (absent ≡ 0). The settings the
 * response echoes (`instructions`, `tools`, `temperature`, …) are the request's, not the answer.
 */

const REQUEST_DEFAULTS: Json = {
  stream: false,
  store: true,
  temperature: 1,
  top_p: 1,
  parallel_tool_calls: true,
  tool_choice: 'auto',
  truncation: 'disabled',
};

type Namer = (id: unknown) => unknown;

function part(p: unknown): unknown {
  if (!isRecord(p)) return p;
  return defined({
    ...p,
    detail: p.detail === 'auto' ? undefined : p.detail,
    annotations: isEmpty(p.annotations) ? undefined : p.annotations,
    logprobs: isEmpty(p.logprobs) ? undefined : p.logprobs,
  });
}

function content(c: unknown, role: unknown): unknown {
  if (typeof c === 'string')
    return c === '' ? [] : [role === 'assistant' ? { type: 'output_text', text: c } : { type: 'input_text', text: c }];
  return Array.isArray(c) ? c.map(part) : c;
}

function inputItem(item: unknown, ids: Namer): unknown {
  if (!isRecord(item)) return item;
  const { id: _id, status: _status, ...rest } = item;
  if (rest.type === undefined || rest.type === 'message') {
    const role = rest.role === 'developer' ? 'system' : rest.role;
    return defined({ ...rest, type: undefined, role, content: content(rest.content, role) });
  }
  return defined({
    ...rest,
    call_id: rest.call_id === undefined ? undefined : ids(rest.call_id),
    arguments: rest.type === 'function_call' ? parseArguments(rest.arguments) : undefined,
    output: Array.isArray(rest.output) ? rest.output.map(part) : rest.output,
  });
}

function tools(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((t) => {
    if (!isRecord(t)) return t;
    if (t.type === 'namespace') return { ...t, tools: tools(t.tools) };
    return defined({
      ...t,
      description: t.description === '' ? undefined : t.description,
      parameters: t.parameters === undefined || t.parameters === null ? undefined : canonicalSchema(t.parameters),
    });
  });
}

function textFormat(text: unknown): unknown {
  if (!isRecord(text) || !isRecord(text.format)) return text;
  const f = text.format;
  if (f.type === 'text' && Object.keys(text).length === 1) return undefined;
  return { ...text, format: f.type === 'json_schema' ? { ...f, schema: canonicalSchema(f.schema) } : f };
}

function request(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const ids = idNamer();
  let t = tidy(schemaOf('openai-responses', 'request'), body) as Json;
  t = dropDefaults(t, REQUEST_DEFAULTS);
  const input = typeof t.input === 'string' ? [{ role: 'user', content: t.input }] : arr(t.input);
  t = {
    ...t,
    input: input.map((i) => inputItem(i, ids)),
    tools: tools(t.tools),
    text: textFormat(t.text),
    include: Array.isArray(t.include) ? [...t.include].map(String).sort() : t.include,
  };
  return defined(dropEmpty(t, ['tools', 'include', 'metadata']));
}

function outputItem(item: unknown, ids: Namer): unknown {
  if (!isRecord(item)) return item;
  switch (item.type) {
    case 'message':
      return { type: 'message', content: arr(item.content).map(part) };
    case 'reasoning':
      return defined({
        type: 'reasoning',
        summary: arr(item.summary)
          .map((s) => rec(s).text)
          .join('\n\n'),
        encrypted_content: item.encrypted_content ?? undefined,
      });
    case 'function_call':
      return defined({
        type: 'function_call',
        call_id: ids(item.call_id),
        name: item.name,
        namespace: item.namespace,
        arguments: parseArguments(item.arguments),
      });
    case 'custom_tool_call':
      return defined({
        type: 'custom_tool_call',
        call_id: ids(item.call_id),
        name: item.name,
        namespace: item.namespace,
        input: item.input,
      });
    default: {
      const { id: _id, status: _status, ...rest } = item;
      return rest;
    }
  }
}

function usage(u: unknown): unknown {
  if (!isRecord(u)) return undefined;
  return {
    input_tokens: num(u.input_tokens),
    output_tokens: num(u.output_tokens),
    total_tokens: num(u.total_tokens),
    cached_tokens: num(rec(u.input_tokens_details).cached_tokens),
    reasoning_tokens: num(rec(u.output_tokens_details).reasoning_tokens),
  };
}

/** A Responses `response` (non-stream answer, or the terminal event's response) as the SDK's user reads it. */
export function responsesAnswerMeaning(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const ids = idNamer();
  const t = tidy(schemaOf('openai-responses', 'response'), body) as Json;
  return defined({
    status: t.status,
    incomplete_reason: rec(t.incomplete_details).reason,
    error: isRecord(t.error) ? t.error.code : undefined,
    output: arr(t.output).map((i) => outputItem(i, ids)),
    usage: usage(t.usage),
  });
}

function stream(events: readonly unknown[]): StreamMeaning {
  const error = events.find((e) => isRecord(e) && (e.type === 'error' || e.type === 'response.failed'));
  const clean = events.some(
    (e) => isRecord(e) && (e.type === 'response.completed' || e.type === 'response.incomplete'),
  );
  if (error !== undefined) {
    const e = rec(error);
    const code =
      e.type === 'error' ? (e.code ?? rec(e.error).code ?? rec(e.error).type) : rec(rec(e.response).error).code;
    return { end: clean ? 'error, then a clean end' : 'error', error: code ?? 'error' };
  }
  if (!clean) return { end: 'cut short' };
  return { end: 'complete', message: responsesAnswerMeaning(foldResponsesEvents(events).message) };
}

/** A Responses HTTP error as the SDK reads it: the OpenAI error class (status) and a body with `error.message`. */
function error(status: number, body: unknown): unknown {
  return { status: statusMeaning(status), message: messageAt(body, 'error', 'message') };
}

export const openaiResponsesMeaning: FormatMeaning = { request, response: responsesAnswerMeaning, stream, error };
