import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { encodeSSE } from '../../src/wire/sse/encode-sse.js';
import { carriesAnthropicEvents, decodeClientStream } from '../scenarios/client-stream-events.js';
import { encodeFrames, hasBinaryFrames } from '../scenarios/stream-frames.js';

/**
 * A proxy that changes what a gateway says without (legal) or while (illegal) changing what it means, to prove the
 * meaning level fair: run the catalog against the reference gateway through it, and every check must still pass
 * with the legal variations, and some check must fail for each illegal one. It sits on both sides of the gateway:
 * `answers` between the client and the gateway, `requests` between the gateway and the scenario upstream.
 */

type Json = Record<string, unknown>;
type Handler = (req: Request) => Promise<Response>;

/** A seeded pseudo-random source (mulberry32): a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a variation is given: the format, whether it is a stream, and the random source. */
export interface VaryContext {
  format: FormatId;
  rng: () => number;
}

/** A change to an answer: a JSON body (`events` undefined) or a stream's events; `undefined` when it does not apply. */
export interface AnswerVariation {
  name: string;
  json?(body: unknown, ctx: VaryContext & { status: number }): unknown | undefined;
  events?(events: unknown[], ctx: VaryContext): unknown[] | undefined;
}

/** A change to an upstream request body; `undefined` when it does not apply. */
export interface RequestVariation {
  name: string;
  body(body: Json, ctx: VaryContext): Json | undefined;
}

// ---------- helpers ----------

const clone = <T>(v: T): T => structuredClone(v);

/** Keys that hold free-form JSON (tool arguments, schemas, function responses): left as they are. */
const FREE_FORM = new Set([
  'input',
  'args',
  'arguments',
  'response',
  'parameters',
  'parametersJsonSchema',
  'input_schema',
  'json',
  'schema',
  'responseJsonSchema',
  'responseSchema',
  'properties',
]);

/** Every object's keys in reverse order (free-form values included: key order never means anything in JSON). */
export function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (!isRecord(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .reverse()
      .map((k) => [k, reverseKeys(v[k])]),
  );
}

/** `v` without its `null`-valued keys (outside free-form values). A `null` the spec allows is an optional or nullable field. */
export function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isRecord(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue;
    out[k] = FREE_FORM.has(k) ? x : dropNulls(x);
  }
  return out;
}

/** `v` with a vendor key added to every object (outside free-form values and except in the listed places). */
function addVendorKeys(v: unknown, depth = 0): unknown {
  if (Array.isArray(v)) return v.map((x) => addVendorKeys(x, depth + 1));
  if (!isRecord(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) out[k] = FREE_FORM.has(k) ? x : addVendorKeys(x, depth + 1);
  out[depth === 0 ? 'x_gateway' : 'x_vendor_note'] =
    depth === 0 ? { name: 'fairness-proxy', region: 'loopback' } : 'added by a gateway';
  return out;
}

function changeIds(v: unknown): unknown {
  if (!isRecord(v)) return v;
  const out: Json = { ...v };
  if (typeof out.id === 'string') out.id = `${out.id}-proxied`;
  if (typeof out.responseId === 'string') out.responseId = `${out.responseId}-proxied`;
  if (typeof out.created === 'number') out.created = out.created + 1;
  if (isRecord(out.message) && typeof out.message.id === 'string')
    out.message = { ...out.message, id: `${out.message.id}-proxied` };
  return out;
}

/** Split `s` at a random place (never inside a surrogate pair); `undefined` when it is too short. */
function splitText(s: string, rng: () => number): [string, string] | undefined {
  const chars = Array.from(s);
  if (chars.length < 2) return undefined;
  const at = 1 + Math.floor(rng() * (chars.length - 1));
  return [chars.slice(0, at).join(''), chars.slice(at).join('')];
}

/** Re-chunk a stream's text: some text deltas are split in two events (Anthropic, OpenAI, Gemini, Converse). */
function rechunk(events: unknown[], ctx: VaryContext): unknown[] {
  const out: unknown[] = [];
  for (const e of events) {
    if (!isRecord(e) || ctx.rng() < 0.5) {
      out.push(e);
      continue;
    }
    if (
      carriesAnthropicEvents(ctx.format) &&
      e.type === 'content_block_delta' &&
      isRecord(e.delta) &&
      e.delta.type === 'text_delta' &&
      typeof e.delta.text === 'string'
    ) {
      const parts = splitText(e.delta.text, ctx.rng);
      if (parts) {
        for (const text of parts) out.push({ ...e, delta: { ...e.delta, text } });
        continue;
      }
    }
    if (ctx.format === 'openai-chat' && Array.isArray(e.choices) && e.choices.length === 1 && isRecord(e.choices[0])) {
      const c = e.choices[0];
      const d = isRecord(c.delta) ? c.delta : {};
      if (
        typeof d.content === 'string' &&
        c.finish_reason == null &&
        Object.keys(d).every((k) => k === 'content' || k === 'role')
      ) {
        const parts = splitText(d.content, ctx.rng);
        if (parts) {
          out.push({ ...e, choices: [{ ...c, delta: { ...d, content: parts[0] } }] });
          out.push({ ...e, choices: [{ ...c, delta: { content: parts[1] } }] });
          continue;
        }
      }
    }
    if (
      ctx.format === 'gemini' &&
      Array.isArray(e.candidates) &&
      e.candidates.length === 1 &&
      isRecord(e.candidates[0]) &&
      e.usageMetadata === undefined
    ) {
      const cand = e.candidates[0];
      const parts = isRecord(cand.content) && Array.isArray(cand.content.parts) ? cand.content.parts : [];
      const p = parts[0];
      if (
        parts.length === 1 &&
        cand.finishReason === undefined &&
        isRecord(p) &&
        typeof p.text === 'string' &&
        Object.keys(p).length === 1 &&
        p.thought === undefined
      ) {
        const split = splitText(p.text, ctx.rng);
        if (split) {
          for (const text of split)
            out.push({ ...e, candidates: [{ ...cand, content: { ...(cand.content as Json), parts: [{ text }] } }] });
          continue;
        }
      }
    }
    if (
      ctx.format === 'bedrock-converse' &&
      isRecord(e.contentBlockDelta) &&
      isRecord(e.contentBlockDelta.delta) &&
      typeof e.contentBlockDelta.delta.text === 'string'
    ) {
      const parts = splitText(e.contentBlockDelta.delta.text, ctx.rng);
      if (parts) {
        for (const text of parts) out.push({ contentBlockDelta: { ...e.contentBlockDelta, delta: { text } } });
        continue;
      }
    }
    out.push(e);
  }
  return out;
}

/** OpenAI: usage in the finish chunk instead of its own `choices: []` chunk (as vLLM and Groq send it). */
function usageOnFinishChunk(events: unknown[], ctx: VaryContext): unknown[] | undefined {
  if (ctx.format !== 'openai-chat') return undefined;
  const u = events.findIndex(
    (e) => isRecord(e) && Array.isArray(e.choices) && e.choices.length === 0 && isRecord(e.usage),
  );
  const f = events.findIndex(
    (e) =>
      isRecord(e) &&
      Array.isArray(e.choices) &&
      e.choices.some((c) => isRecord(c) && typeof c.finish_reason === 'string'),
  );
  if (u < 0 || f < 0 || f > u) return undefined;
  const out = events.slice();
  out[f] = { ...(events[f] as Json), usage: (events[u] as Json).usage };
  out.splice(u, 1);
  return out;
}

/** SSE text or event-stream frames for a client format's events. */
function encodeStream(format: FormatId, events: readonly unknown[], rng: () => number): Uint8Array {
  if (hasBinaryFrames(format)) return encodeFrames(format, events);
  // line ends: LF or CRLF, both legal SSE
  const crlf = rng() < 0.5;
  let text = '';
  for (const e of events) {
    const data = typeof e === 'string' ? e : JSON.stringify(e);
    const event = carriesAnthropicEvents(format) && isRecord(e) && typeof e.type === 'string' ? e.type : undefined;
    const msg = encodeSSE(event === undefined ? { data } : { event, data });
    text += crlf ? msg.replace(/\n/g, '\r\n') : msg;
  }
  return new TextEncoder().encode(text);
}

/** Bytes delivered in random pieces (a gateway may flush anywhere). */
function piecewise(bytes: Uint8Array, rng: () => number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const n = 1 + Math.floor(rng() * 64);
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

/** The client format of a gateway path. */
export function clientFormatOf(pathname: string): FormatId | undefined {
  if (pathname.endsWith('/chat/completions')) return 'openai-chat';
  if (/\/messages(\/count_tokens)?$/.test(pathname)) return 'anthropic-messages';
  if (pathname.startsWith('/v1beta/models/')) return 'gemini';
  if (/^\/model\/.+\/(converse|converse-stream)$/.test(pathname)) return 'bedrock-converse';
  if (/^\/model\/.+\/(invoke|invoke-with-response-stream)$/.test(pathname)) return 'bedrock-invoke';
  if (/:(stream)?[rR]awPredict$/.test(pathname)) return 'vertex-anthropic';
  return undefined;
}

/** The upstream format of a provider path (the scenario upstream's endpoints). */
function upstreamFormatOf(pathname: string): FormatId | undefined {
  if (/:(stream)?[rR]awPredict$/.test(pathname)) return 'vertex-anthropic';
  if (/:((stream)?[gG]enerateContent|countTokens)$/.test(pathname)) return 'gemini';
  return clientFormatOf(pathname);
}

// ---------- legal variations ----------

/** Answers: the same meaning in other bytes. */
export const LEGAL_ANSWER: readonly AnswerVariation[] = [
  {
    name: 'keys in reverse order',
    json: (b) => reverseKeys(b),
    events: (es) => es.map(reverseKeys),
  },
  {
    name: 'null optional fields dropped',
    json: (b) => dropNulls(b),
    events: (es) => es.map(dropNulls),
  },
  {
    name: 'vendor keys added',
    json: (b, ctx) =>
      ctx.format === 'anthropic-messages' && isRecord(b) && Object.keys(b).length === 1 && 'input_tokens' in b
        ? undefined
        : addVendorKeys(b),
    // Converse and InvokeModel events are typed frames: vendor keys go into their payloads only
    events: (es, ctx) =>
      hasBinaryFrames(ctx.format) ? undefined : es.map((e) => (isRecord(e) ? addVendorKeys(e) : e)),
  },
  {
    name: 'other ids and timestamps',
    json: (b, ctx) => (ctx.status === 200 ? changeIds(b) : undefined),
    events: (es) => es.map(changeIds),
  },
  {
    name: 'error messages reworded',
    json: (b, ctx) => {
      if (ctx.status < 400 || !isRecord(b)) return undefined;
      const out = clone(b);
      const holder = isRecord(out.error) ? out.error : out;
      if (typeof holder.message !== 'string') return undefined;
      holder.message = `upstream said: ${holder.message}`;
      return out;
    },
  },
  { name: 'text re-chunked', events: rechunk },
  { name: 'usage on the finish chunk', events: usageOnFinishChunk },
];

/** Upstream requests: what the provider reads the same way. */
export const LEGAL_REQUEST: readonly RequestVariation[] = [
  { name: 'keys in reverse order', body: (b) => reverseKeys(b) as Json },
  { name: 'null optional fields dropped', body: (b) => dropNulls(b) as Json },
  {
    name: 'system: [] for no system prompt',
    body: (b, ctx) => (carriesAnthropicEvents(ctx.format) && b.system === undefined ? { ...b, system: [] } : undefined),
  },
  {
    name: 'explicit stream: false',
    body: (b, ctx) =>
      (ctx.format === 'anthropic-messages' || ctx.format === 'openai-chat') && b.stream === undefined
        ? { ...b, stream: false }
        : undefined,
  },
  {
    name: 'max_tokens instead of max_completion_tokens',
    body: (b, ctx) => {
      if (ctx.format !== 'openai-chat' || b.max_completion_tokens === undefined) return undefined;
      const { max_completion_tokens, ...rest } = b;
      return { ...rest, max_tokens: max_completion_tokens };
    },
  },
  {
    name: 'Gemini schemas in lower case (parameters, or parametersJsonSchema)',
    body: (b, ctx) => {
      if (ctx.format !== 'gemini' || !Array.isArray(b.tools)) return undefined;
      const asJson = ctx.rng() < 0.5;
      const lower = (s: unknown): unknown => {
        if (Array.isArray(s)) return s.map(lower);
        if (!isRecord(s)) return s;
        return Object.fromEntries(
          Object.entries(s).map(([k, v]) => [
            k,
            k === 'type' && typeof v === 'string' ? v.toLowerCase() : k === 'enum' || k === 'required' ? v : lower(v),
          ]),
        );
      };
      const tools = b.tools.map((t) => {
        if (!isRecord(t) || !Array.isArray(t.functionDeclarations)) return t;
        return {
          ...t,
          functionDeclarations: t.functionDeclarations.map((d) => {
            if (!isRecord(d) || d.parameters === undefined) return d;
            const { parameters, ...rest } = d;
            return asJson
              ? { ...rest, parametersJsonSchema: lower(parameters) }
              : { ...rest, parameters: lower(parameters) };
          }),
        };
      });
      return { ...b, tools };
    },
  },
];

// ---------- illegal variations ----------

function usageHolders(v: unknown, format: FormatId): Json[] {
  const out: Json[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (isRecord(x)) {
      for (const [k, y] of Object.entries(x)) {
        if ((k === 'usage' || k === 'usageMetadata') && isRecord(y))
          out.push(format === 'openai-chat' && isRecord(y.prompt_tokens_details) ? y.prompt_tokens_details : y);
        else visit(y);
      }
    }
  };
  visit(v);
  return out;
}

const CACHED: Record<string, string> = {
  'anthropic-messages': 'cache_read_input_tokens',
  'bedrock-invoke': 'cache_read_input_tokens',
  'vertex-anthropic': 'cache_read_input_tokens',
  'openai-chat': 'cached_tokens',
  gemini: 'cachedContentTokenCount',
  'bedrock-converse': 'cacheReadInputTokens',
};

function dropCached<T>(v: T, format: FormatId): T | undefined {
  const out = clone(v);
  const key = CACHED[format]!;
  let changed = false;
  for (const u of usageHolders(out, format)) {
    if (typeof u[key] === 'number' && u[key] > 0) {
      delete u[key];
      changed = true;
    }
  }
  return changed ? out : undefined;
}

const FINISH: Record<string, { key: string; from: string; to: string; other: string }> = {
  anthropic: { key: 'stop_reason', from: 'end_turn', to: 'max_tokens', other: 'end_turn' },
  'openai-chat': { key: 'finish_reason', from: 'stop', to: 'length', other: 'stop' },
  gemini: { key: 'finishReason', from: 'STOP', to: 'MAX_TOKENS', other: 'STOP' },
  'bedrock-converse': { key: 'stopReason', from: 'end_turn', to: 'max_tokens', other: 'end_turn' },
};

function changeFinish<T>(v: T, format: FormatId): T | undefined {
  const f = FINISH[carriesAnthropicEvents(format) ? 'anthropic' : format]!;
  const out = clone(v);
  let changed = false;
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (isRecord(x)) {
      for (const [k, y] of Object.entries(x)) {
        if (k === f.key && typeof y === 'string') {
          x[k] = y === f.from ? f.to : f.other;
          changed ||= x[k] !== y;
        } else visit(y);
      }
    }
  };
  visit(out);
  return changed ? out : undefined;
}

/** Drop the first key of the first non-empty tool-call arguments (JSON answers). */
function dropArgumentJson(body: unknown, format: FormatId): unknown | undefined {
  const out = clone(body);
  let done = false;
  const drop = (args: Json): boolean => {
    const k = Object.keys(args)[0];
    if (k === undefined) return false;
    delete args[k];
    return true;
  };
  const visit = (x: unknown): void => {
    if (done) return;
    if (Array.isArray(x)) x.forEach(visit);
    else if (isRecord(x)) {
      if (carriesAnthropicEvents(format) && x.type === 'tool_use' && isRecord(x.input)) done = drop(x.input);
      else if (format === 'openai-chat' && isRecord(x.function) && typeof x.function.arguments === 'string') {
        try {
          const a = JSON.parse(x.function.arguments) as unknown;
          if (isRecord(a) && drop(a)) {
            x.function.arguments = JSON.stringify(a);
            done = true;
          }
        } catch {
          // not JSON: leave it
        }
      } else if (format === 'gemini' && isRecord(x.functionCall) && isRecord(x.functionCall.args))
        done = drop(x.functionCall.args);
      else if (format === 'bedrock-converse' && isRecord(x.toolUse) && isRecord(x.toolUse.input))
        done = drop(x.toolUse.input);
      if (!done) Object.values(x).forEach(visit);
    }
  };
  visit(out);
  return done ? out : undefined;
}

/** Drop the first key of the first tool call's streamed arguments: the fragments joined, the key dropped, sent as one. */
function dropArgumentEvents(events: unknown[], format: FormatId): unknown[] | undefined {
  // where a tool call's argument fragments are, and how to set one
  type Frag = { i: number; get: () => string; set: (s: string) => void };
  const frags = new Map<string, Frag[]>();
  const out = clone(events);
  out.forEach((e, i) => {
    if (!isRecord(e)) return;
    if (
      carriesAnthropicEvents(format) &&
      e.type === 'content_block_delta' &&
      isRecord(e.delta) &&
      e.delta.type === 'input_json_delta'
    ) {
      const d = e.delta;
      const list = frags.get(String(e.index)) ?? [];
      list.push({ i, get: () => String(d.partial_json ?? ''), set: (s) => (d.partial_json = s) });
      frags.set(String(e.index), list);
    }
    if (format === 'openai-chat' && Array.isArray(e.choices)) {
      for (const c of e.choices) {
        const calls = isRecord(c) && isRecord(c.delta) && Array.isArray(c.delta.tool_calls) ? c.delta.tool_calls : [];
        for (const tc of calls) {
          if (!isRecord(tc) || !isRecord(tc.function) || typeof tc.function.arguments !== 'string') continue;
          const f = tc.function;
          const list = frags.get(String(tc.index)) ?? [];
          list.push({ i, get: () => String(f.arguments), set: (s) => (f.arguments = s) });
          frags.set(String(tc.index), list);
        }
      }
    }
    if (
      format === 'bedrock-converse' &&
      isRecord(e.contentBlockDelta) &&
      isRecord(e.contentBlockDelta.delta) &&
      isRecord(e.contentBlockDelta.delta.toolUse)
    ) {
      const tu = e.contentBlockDelta.delta.toolUse;
      const list = frags.get(String(e.contentBlockDelta.contentBlockIndex)) ?? [];
      list.push({ i, get: () => String(tu.input ?? ''), set: (s) => (tu.input = s) });
      frags.set(String(e.contentBlockDelta.contentBlockIndex), list);
    }
  });
  for (const list of frags.values()) {
    let args: unknown;
    try {
      args = JSON.parse(list.map((f) => f.get()).join(''));
    } catch {
      continue;
    }
    if (!isRecord(args)) continue;
    const k = Object.keys(args)[0];
    if (k === undefined) continue;
    delete args[k];
    list.forEach((f, n) => {
      f.set(n === 0 ? JSON.stringify(args) : '');
    });
    return out;
  }
  if (format === 'gemini') return dropArgumentJson(events, format) as unknown[] | undefined;
  return undefined;
}

/** Where a stream's error event is (-1: none). */
function errorAt(events: readonly unknown[], format: FormatId): number {
  return events.findIndex((e) =>
    carriesAnthropicEvents(format)
      ? isRecord(e) && e.type === 'error'
      : format === 'bedrock-converse'
        ? isRecord(e) && Object.keys(e).length === 1 && /Exception$/.test(Object.keys(e)[0] ?? '')
        : isRecord(e) && 'error' in e,
  );
}

/**
 * A variation of what a stream says before its end applies to streams that end cleanly: a failed stream means its
 * failure (the SDK throws), whatever came before it.
 */
function whenComplete(
  f: (events: unknown[], format: FormatId) => unknown[] | undefined,
): (events: unknown[], ctx: VaryContext) => unknown[] | undefined {
  return (events, ctx) => (errorAt(events, ctx.format) >= 0 ? undefined : f(events, ctx.format));
}

/** A stream that failed upstream, ended by the proxy as a success. */
function failedAsSuccess(events: unknown[], format: FormatId): unknown[] | undefined {
  const i = errorAt(events, format);
  if (i < 0) return undefined;
  const before = events.slice(0, i);
  if (carriesAnthropicEvents(format))
    return [
      ...before,
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } },
      { type: 'message_stop' },
    ];
  if (format === 'openai-chat') {
    const head = before.find(isRecord) ?? { id: 'chatcmpl-proxy', created: 1 };
    return [
      ...before,
      {
        id: head.id,
        object: 'chat.completion.chunk',
        created: head.created,
        model: head.model,
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      },
      '[DONE]',
    ];
  }
  if (format === 'gemini')
    return [
      ...before,
      { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }] },
    ];
  return [
    ...before,
    { messageStop: { stopReason: 'end_turn' } },
    { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } } },
  ];
}

/** The first two content blocks of a stream swapped (their events moved, indexes kept in order). */
function swapBlocks(events: unknown[], format: FormatId): unknown[] | undefined {
  const indexOf = (e: unknown): number | undefined => {
    if (!isRecord(e)) return undefined;
    if (carriesAnthropicEvents(format))
      return typeof e.index === 'number' && String(e.type).startsWith('content_block') ? e.index : undefined;
    if (format === 'bedrock-converse') {
      const p = e.contentBlockStart ?? e.contentBlockDelta ?? e.contentBlockStop;
      return isRecord(p) && typeof p.contentBlockIndex === 'number' ? p.contentBlockIndex : undefined;
    }
    return undefined;
  };
  const setIndex = (e: unknown, n: number): unknown => {
    const x = clone(e) as Json;
    if (carriesAnthropicEvents(format)) x.index = n;
    else
      for (const k of ['contentBlockStart', 'contentBlockDelta', 'contentBlockStop'])
        if (isRecord(x[k])) (x[k] as Json).contentBlockIndex = n;
    return x;
  };
  const of0 = events.map((e, i) => [e, i] as const).filter(([e]) => indexOf(e) === 0);
  const of1 = events.map((e, i) => [e, i] as const).filter(([e]) => indexOf(e) === 1);
  if (of0.length === 0 || of1.length === 0) return undefined;
  const first = of0[0]![1];
  const last = of1.at(-1)![1];
  const between = events.slice(first, last + 1);
  if (between.some((e) => indexOf(e) === undefined)) return undefined;
  const moved = [...of1.map(([e]) => setIndex(e, 0)), ...of0.map(([e]) => setIndex(e, 1))];
  return [...events.slice(0, first), ...moved, ...events.slice(last + 1)];
}

/** Thinking signatures removed. */
function dropSignatures<T>(v: T, format: FormatId, stream: boolean): T | undefined {
  if (stream && carriesAnthropicEvents(format) && Array.isArray(v)) {
    const kept = v.filter((e) => !(isRecord(e) && isRecord(e.delta) && e.delta.type === 'signature_delta'));
    return kept.length === v.length ? undefined : (kept as T);
  }
  const out = clone(v);
  let changed = false;
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (isRecord(x)) {
      const thinking = carriesAnthropicEvents(format) && x.type === 'thinking';
      for (const k of ['signature', 'thoughtSignature']) {
        if (typeof x[k] === 'string' && (k === 'thoughtSignature' || thinking || format === 'bedrock-converse')) {
          delete x[k];
          changed = true;
        }
      }
      Object.values(x).forEach(visit);
    }
  };
  visit(out);
  if (format === 'bedrock-converse' && Array.isArray(out)) {
    // a signature-only delta left empty: drop it
    const kept = (out as unknown[]).filter(
      (e) =>
        !(
          isRecord(e) &&
          isRecord(e.contentBlockDelta) &&
          isRecord(e.contentBlockDelta.delta) &&
          isRecord(e.contentBlockDelta.delta.reasoningContent) &&
          Object.keys(e.contentBlockDelta.delta.reasoningContent).length === 0
        ),
    );
    return changed ? (kept as T) : undefined;
  }
  return changed ? out : undefined;
}

/** Answers: what a client would read differently. Each names the checks that must catch it. */
export const ILLEGAL_ANSWER: readonly (AnswerVariation & { caughtBy: readonly string[] })[] = [
  {
    name: 'cached tokens dropped',
    caughtBy: ['response', 'stream'],
    json: (b, ctx) => (ctx.status === 200 ? dropCached(b, ctx.format) : undefined),
    events: whenComplete(dropCached),
  },
  {
    name: 'a finish reason changed',
    caughtBy: ['response', 'stream'],
    json: (b, ctx) => (ctx.status === 200 ? changeFinish(b, ctx.format) : undefined),
    events: whenComplete(changeFinish),
  },
  {
    name: 'a tool-call argument dropped',
    caughtBy: ['response', 'stream'],
    json: (b, ctx) => (ctx.status === 200 ? dropArgumentJson(b, ctx.format) : undefined),
    events: whenComplete(dropArgumentEvents),
  },
  {
    name: 'a failed stream ended as a success',
    caughtBy: ['stream', 'stream-grammar'],
    events: (es, ctx) => failedAsSuccess(es, ctx.format),
  },
  {
    name: 'stream blocks reordered',
    caughtBy: ['stream'],
    events: whenComplete(swapBlocks),
  },
  {
    name: 'a thinking signature dropped',
    caughtBy: ['response', 'stream', 'stream-grammar'],
    json: (b, ctx) => (ctx.status === 200 ? dropSignatures(b, ctx.format, false) : undefined),
    events: whenComplete((es, format) => dropSignatures(es, format, true)),
  },
];

// ---------- the proxy ----------

export interface ProxyLog {
  /** variation name → how many answers or requests it changed */
  applied: Map<string, number>;
}

function note(log: ProxyLog, name: string): void {
  log.applied.set(name, (log.applied.get(name) ?? 0) + 1);
}

/** A proxy in front of a gateway: its answers changed by `variations` (each applied where it can be). */
export function answerProxy(
  inner: Handler,
  variations: readonly AnswerVariation[],
  rng: () => number,
  log: ProxyLog,
): Handler {
  return async (req) => {
    const format = clientFormatOf(new URL(req.url).pathname);
    const res = await inner(req);
    if (!format) return res;
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const ctx = { format, rng };
    if (/event-stream|eventstream/i.test(res.headers.get('content-type') ?? '')) {
      let { events } = await decodeClientStream(format, bytes);
      for (const v of variations) {
        const next = v.events?.(events, ctx);
        if (next !== undefined) {
          events = next;
          note(log, v.name);
        }
      }
      return new Response(piecewise(encodeStream(format, events, rng), rng), { status: res.status, headers });
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return new Response(bytes, { status: res.status, headers });
    }
    for (const v of variations) {
      const next = v.json?.(body, { ...ctx, status: res.status });
      if (next !== undefined) {
        body = next;
        note(log, v.name);
      }
    }
    return new Response(JSON.stringify(body), { status: res.status, headers });
  };
}

/** A proxy in front of the scenario upstream: the gateway's requests changed by `variations`. */
export function requestProxy(
  inner: Handler,
  variations: readonly RequestVariation[],
  rng: () => number,
  log: ProxyLog,
): Handler {
  return async (req) => {
    const url = new URL(req.url);
    const format = upstreamFormatOf(url.pathname);
    const text = await req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!format || !isRecord(body) || url.pathname.includes('count'))
      return inner(new Request(req.url, { method: req.method, headers: req.headers, body: text }));
    let b: Json = body;
    for (const v of variations) {
      const next = v.body(b, { format, rng });
      if (next !== undefined) {
        b = next;
        note(log, v.name);
      }
    }
    const headers = new Headers(req.headers);
    headers.delete('content-length');
    return inner(new Request(req.url, { method: req.method, headers, body: JSON.stringify(b) }));
  };
}
