import { isRecord } from '../../src/core/narrow.js';
import { foldConverseEvents } from '../arbitraries/fold-converse-events.js';
import { bedrockErrorMeaning } from './bedrock-errors.js';
import { arr, canonicalSchema, defined, dropEmpty, idNamer, isEmpty, type Json, num, rec } from './common.js';
import { tidy } from './schema-tidy.js';
import { schemaOf } from './schemas.js';
import type { FormatMeaning, StreamMeaning } from './types.js';

/**
 * Bedrock Converse by meaning.
 *
 * Request, as Bedrock reads it: the spec's fields only (vendor keys dropped, null ≡ absent where optional);
 * consecutive messages of one role ≡ one; tool ids by order; a tool result's `status: "success"` ≡ absent; a cache
 * point's `type: "default"` with `ttl: "5m"` ≡ without the ttl; a tool result whose text starts with `[tool_error] `
 * (crosswire's convention) ≡ that text with `status: "error"`; `additionalModelRequestFields.anthropic_version` of the
 * default version (`bedrock-2023-05-31`, `2023-06-01`) ≡ absent; tool schemas (`inputSchema.json`) canonical;
 * `toolChoice: {auto: {}}` ≡ absent; empty `system`, `inferenceConfig`, `stopSequences`, `additionalModelRequestFields`
 * ≡ absent.
 *
 * Answer, as the AWS SDK's `ConverseResponse` (streams folded the way `fold-converse-events.ts` does): content
 * blocks (adjacent text joined; reasoning with its signature; tool uses with input, ids by order), `stopReason`,
 * `additionalModelResponseFields`, usage (input, output, total, cache reads and writes; absent ≡ 0). `metrics` and
 * `trace` are not part of the meaning.
 */

type Namer = (id: unknown) => unknown;

const TOOL_ERROR_PREFIX = '[tool_error] ';
/** The Anthropic API version Claude on Bedrock speaks when none is named: naming it changes nothing. */
const DEFAULT_CLAUDE_VERSIONS = new Set(['bedrock-2023-05-31', '2023-06-01']);

function additionalFields(f: unknown): unknown {
  if (!isRecord(f) || typeof f.anthropic_version !== 'string' || !DEFAULT_CLAUDE_VERSIONS.has(f.anthropic_version))
    return f;
  return defined({ ...f, anthropic_version: undefined });
}

function cachePoint(c: unknown): unknown {
  if (!isRecord(c)) return c;
  return c.ttl === '5m' ? defined({ ...c, ttl: undefined }) : c;
}

function block(b: unknown, ids: Namer): unknown {
  if (!isRecord(b)) return b;
  const out: Json = { ...b };
  if (isRecord(b.toolUse)) out.toolUse = { ...b.toolUse, toolUseId: ids(b.toolUse.toolUseId) };
  if (isRecord(b.toolResult)) {
    const r = b.toolResult;
    let content = r.content;
    let status = r.status === 'success' ? undefined : r.status;
    const first = arr(content)[0];
    // crosswire's `[tool_error] ` text convention says what `status: "error"` says
    if (isRecord(first) && typeof first.text === 'string' && first.text.startsWith(TOOL_ERROR_PREFIX)) {
      status = 'error';
      content = [{ ...first, text: first.text.slice(TOOL_ERROR_PREFIX.length) }, ...arr(content).slice(1)];
    }
    out.toolResult = defined({
      ...r,
      toolUseId: ids(r.toolUseId),
      status,
      content: isEmpty(content) ? undefined : content,
    });
  }
  if (b.cachePoint !== undefined) out.cachePoint = cachePoint(b.cachePoint);
  return out;
}

function messages(list: unknown, ids: Namer): unknown {
  if (!Array.isArray(list)) return list;
  const out: Json[] = [];
  for (const m of list) {
    if (!isRecord(m)) {
      out.push({ invalid: m });
      continue;
    }
    const content = arr(m.content).map((b) => block(b, ids));
    const prev = out.at(-1);
    if (prev && prev.role === m.role) prev.content = [...arr(prev.content), ...content];
    else out.push({ ...m, content });
  }
  return out;
}

function toolConfig(tc: unknown): unknown {
  if (!isRecord(tc)) return tc;
  const tools = arr(tc.tools).map((t) => {
    if (!isRecord(t)) return t;
    if (t.cachePoint !== undefined) return { ...t, cachePoint: cachePoint(t.cachePoint) };
    if (!isRecord(t.toolSpec)) return t;
    const s = t.toolSpec;
    const schema = rec(s.inputSchema);
    return {
      ...t,
      toolSpec: defined({
        ...s,
        description: s.description === '' ? undefined : s.description,
        inputSchema: schema.json === undefined ? s.inputSchema : { ...schema, json: canonicalSchema(schema.json) },
      }),
    };
  });
  const choice = rec(tc.toolChoice);
  const auto = Object.keys(choice).length === 1 && isRecord(choice.auto) && Object.keys(choice.auto).length === 0;
  return defined({ ...tc, tools, toolChoice: auto ? undefined : tc.toolChoice });
}

function request(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const ids = idNamer();
  const t = tidy(schemaOf('bedrock-converse', 'request'), body) as Json;
  const system = Array.isArray(t.system) ? t.system.map((b) => block(b, ids)) : t.system;
  const out = {
    ...t,
    messages: messages(t.messages, ids),
    system,
    inferenceConfig: isRecord(t.inferenceConfig) ? dropEmpty(t.inferenceConfig, ['stopSequences']) : t.inferenceConfig,
    toolConfig: toolConfig(t.toolConfig),
    additionalModelRequestFields: additionalFields(t.additionalModelRequestFields),
  };
  return defined(dropEmpty(out, ['system', 'inferenceConfig', 'additionalModelRequestFields', 'toolConfig']));
}

function answerBlocks(content: unknown): unknown[] {
  const ids = idNamer();
  const out: Json[] = [];
  for (const raw of arr(content)) {
    if (!isRecord(raw)) continue;
    const b = block(raw, ids) as Json;
    const prev = out.at(-1);
    if (typeof b.text === 'string' && Object.keys(b).length === 1) {
      if (b.text === '') continue;
      if (prev && typeof prev.text === 'string' && Object.keys(prev).length === 1) {
        prev.text = `${prev.text}${b.text}`;
        continue;
      }
    }
    out.push({ ...b });
  }
  return out;
}

/** A `ConverseResponse` (or the fold of a ConverseStream) as the AWS SDK's user reads it. */
export function converseResponseMeaning(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const t = tidy(schemaOf('bedrock-converse', 'response'), body) as Json;
  const u = rec(t.usage);
  return defined({
    content: answerBlocks(rec(rec(t.output).message).content),
    stopReason: t.stopReason,
    additionalModelResponseFields: isEmpty(t.additionalModelResponseFields)
      ? undefined
      : t.additionalModelResponseFields,
    usage: {
      inputTokens: num(u.inputTokens),
      outputTokens: num(u.outputTokens),
      totalTokens: num(u.totalTokens),
      cacheReadInputTokens: num(u.cacheReadInputTokens),
      cacheWriteInputTokens: num(u.cacheWriteInputTokens),
    },
  });
}

function stream(events: readonly unknown[]): StreamMeaning {
  const folded = foldConverseEvents(events);
  if (folded.error !== undefined)
    return { end: folded.complete ? 'error, then a clean end' : 'error', error: rec(folded.error).type };
  if (!folded.complete) return { end: 'cut short' };
  return { end: 'complete', message: converseResponseMeaning(folded.message) };
}

export const bedrockConverseMeaning: FormatMeaning = {
  request,
  response: converseResponseMeaning,
  stream,
  error: bedrockErrorMeaning,
};
