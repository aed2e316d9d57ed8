import { isRecord } from '../../src/core/narrow.js';
import { foldOpenAIChunks } from '../arbitraries/fold-openai-chunks.js';
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
 * OpenAI Chat Completions by meaning.
 *
 * Request, as OpenAI reads it: the spec's fields only (vendor keys and crosswire's own extensions dropped; null ≡
 * absent where optional or nullable); `max_tokens` ≡ `max_completion_tokens`; `stop: "x"` ≡ `["x"]`; `developer` ≡
 * `system`; content as a string ≡ one text part; assistant `content` null / `""` / `[]` ≡ absent; tool-call
 * arguments parsed; tool ids by order of appearance; tool schemas canonical; defaults ≡ absent (`stream`, `n: 1`,
 * `logprobs: false`, penalties 0, `temperature` / `top_p` 1, `tool_choice: "auto"`, `parallel_tool_calls: true`,
 * `strict: false`, `stream_options.include_usage: false`); `stop: []`, `tools: []` ≡ absent.
 *
 * Answer, as the SDK's final `ChatCompletion` (its stream helper's accumulation for streams): per choice the role,
 * content (`""` ≡ null), refusal, tool calls (ids by order, arguments parsed), annotations (`[]` ≡ absent),
 * finish reason; crosswire's answer extensions, which clients of a crosswire gateway read: `reasoning_content`
 * (`""` ≡ absent) and the choice's `stop_sequence`; usage: prompt, completion and total tokens,
 * cached and reasoning tokens (absent ≡ 0). Other vendor keys are dropped.
 */

/** The properties `spec/openai-chat-completions.yaml` marks `x-crosswire-extension: true` (a test keeps this true). */
export const OPENAI_EXTENSION_KEYS: ReadonlySet<string> = new Set([
  'content_blocks',
  'reasoning_content',
  'reasoning',
  'cache_control',
  'defer_loading',
  'allowed_callers',
  'input_examples',
  'server_tool_use',
]);

const REQUEST_DEFAULTS: Json = {
  stream: false,
  n: 1,
  logprobs: false,
  presence_penalty: 0,
  frequency_penalty: 0,
  temperature: 1,
  top_p: 1,
  parallel_tool_calls: true,
  tool_choice: 'auto',
};

type Namer = (id: unknown) => unknown;

function parts(content: unknown): unknown {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content;
}

function toolCalls(list: unknown, ids: Namer): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((c) => {
    if (!isRecord(c)) return c;
    const f = rec(c.function);
    return defined({
      ...c,
      index: undefined,
      id: ids(c.id),
      type: c.type ?? 'function',
      function: defined({ ...f, arguments: parseArguments(f.arguments) }),
    });
  });
}

function message(m: unknown, ids: Namer): unknown {
  if (!isRecord(m)) return m;
  const role = m.role === 'developer' ? 'system' : m.role;
  const content = parts(m.content);
  return defined({
    ...m,
    role,
    content: role === 'assistant' && isEmpty(content) ? undefined : content,
    tool_calls: isEmpty(m.tool_calls) ? undefined : toolCalls(m.tool_calls, ids),
    tool_call_id: m.tool_call_id === undefined ? undefined : ids(m.tool_call_id),
  });
}

function tools(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((t) => {
    if (!isRecord(t) || !isRecord(t.function)) return t;
    const f = t.function;
    return {
      ...t,
      function: defined({
        ...f,
        description: f.description === '' ? undefined : f.description,
        parameters: f.parameters === undefined ? undefined : canonicalSchema(f.parameters),
        strict: f.strict === false ? undefined : f.strict,
      }),
    };
  });
}

function responseFormat(rf: unknown): unknown {
  if (!isRecord(rf) || !isRecord(rf.json_schema)) return rf;
  return {
    ...rf,
    json_schema: defined({
      ...rf.json_schema,
      schema: canonicalSchema(rf.json_schema.schema),
      strict: rf.json_schema.strict === false ? undefined : rf.json_schema.strict,
    }),
  };
}

function request(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const ids = idNamer();
  let t = tidy(schemaOf('openai-chat', 'request'), body, { ignoreKeys: OPENAI_EXTENSION_KEYS }) as Json;
  if (t.max_completion_tokens === undefined && t.max_tokens !== undefined)
    t = { ...t, max_completion_tokens: t.max_tokens };
  t = defined({ ...t, max_tokens: undefined });
  t = dropDefaults(t, REQUEST_DEFAULTS);
  const so = rec(t.stream_options);
  t = {
    ...t,
    stop: typeof t.stop === 'string' ? [t.stop] : t.stop,
    messages: Array.isArray(t.messages) ? t.messages.map((m) => message(m, ids)) : t.messages,
    tools: tools(t.tools),
    response_format: responseFormat(t.response_format),
    stream_options:
      t.stream !== true || isEmpty(so)
        ? undefined
        : so.include_usage === false
          ? defined({ ...so, include_usage: undefined })
          : so,
  };
  return defined(dropEmpty(t, ['stop', 'tools', 'stream_options', 'metadata']));
}

/**
 * One choice as its reader sees it. `raw` is the choice before vendor keys were dropped: crosswire's own extensions
 * are read from it — `message.reasoning_content` (`""` ≡ absent), `choice.stop_sequence` (the stop sequence that
 * ended the answer) — as clients of a crosswire gateway read them. (`content_blocks` repeats the answer in
 * Anthropic's blocks and is compared by the servertools tests, not here.)
 */
function choice(c: unknown, raw: unknown): unknown {
  if (!isRecord(c)) return c;
  const ids = idNamer();
  const m = rec(c.message);
  const rawMessage = rec(rec(raw).message);
  const reasoning = rawMessage.reasoning_content;
  return defined({
    index: c.index,
    message: defined({
      role: m.role,
      content: m.content === '' ? undefined : m.content,
      refusal: m.refusal === '' ? undefined : m.refusal,
      reasoning_content: typeof reasoning === 'string' && reasoning !== '' ? reasoning : undefined,
      tool_calls: isEmpty(m.tool_calls) ? undefined : toolCalls(m.tool_calls, ids),
      annotations: isEmpty(m.annotations) ? undefined : m.annotations,
      audio: m.audio,
    }),
    finish_reason: c.finish_reason,
    stop_sequence: typeof rec(raw).stop_sequence === 'string' ? rec(raw).stop_sequence : undefined,
  });
}

function usage(u: unknown): unknown {
  if (!isRecord(u)) return undefined;
  return {
    prompt_tokens: num(u.prompt_tokens),
    completion_tokens: num(u.completion_tokens),
    total_tokens: num(u.total_tokens),
    cached_tokens: num(rec(u.prompt_tokens_details).cached_tokens),
    reasoning_tokens: num(rec(u.completion_tokens_details).reasoning_tokens),
  };
}

/** A `chat.completion` (non-stream answer, or the fold of a stream) as the SDK's user reads it. */
export function openaiCompletionMeaning(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const t = tidy(schemaOf('openai-chat', 'response'), body, { ignoreKeys: OPENAI_EXTENSION_KEYS }) as Json;
  const raw = arr(body.choices);
  return defined({ choices: arr(t.choices).map((c, i) => choice(c, raw[i])), usage: usage(t.usage) });
}

function stream(events: readonly unknown[]): StreamMeaning {
  const errorEvent = events.find((e) => isRecord(e) && 'error' in e);
  const done = events.includes('[DONE]');
  // the SDK reads an OpenAI stream to its end: `[DONE]` or the connection's close after the last choice finished
  const finished = events.some(
    (e) => isRecord(e) && arr(e.choices).some((c) => isRecord(c) && typeof c.finish_reason === 'string'),
  );
  if (errorEvent !== undefined) {
    return { end: done ? 'error, then a clean end' : 'error', error: rec(rec(errorEvent).error).type ?? 'error' };
  }
  if (!done && !finished) return { end: 'cut short' };
  const folded = foldOpenAIChunks(events.filter((e) => isRecord(e) || e === '[DONE]'));
  return { end: 'complete', message: openaiCompletionMeaning(folded.message) };
}

/** An OpenAI error as the SDK reads it: the error class (status) and a body with `error.message`. */
function error(status: number, body: unknown): unknown {
  return { status: statusMeaning(status), message: messageAt(body, 'error', 'message') };
}

export const openaiChatMeaning: FormatMeaning = { request, response: openaiCompletionMeaning, stream, error };
