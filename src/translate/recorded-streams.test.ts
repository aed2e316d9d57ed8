/**
 * Every recorded provider stream under fixtures/recorded/<format>/*.sse (and every upstream-stream.sse of
 * the anthropic-messages <-> openai-chat scenarios) goes through translateStream in both directions and:
 * - the official SDK of the client format accepts the output (`finalMessage()` / `finalChatCompletion()`),
 *   or, when the recording holds an error, rejects it with an API error (never a fake success);
 * - what the SDK accumulates equals `translateResponse` of the same content (the upstream stream folded
 *   into its non-stream response);
 * - translating the output back gives the original content again (thinking signatures included);
 * - the output is the same for any chunking of the upstream bytes, obeys the client format's stream grammar
 *   (conformance/checkers) and every event matches the spec schema (generated zod validators);
 * - nothing is lost: losses must be listed in `<name>.losses.json` (an array of paths), except metadata
 *   (`system_fingerprint`, `service_tier`) which every OpenAI capture carries.
 * Drop a new capture into the folder and it is picked up.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAnthropicStream } from '../../conformance/checkers/check-anthropic-stream.js';
import { checkOpenAIChunks } from '../../conformance/checkers/check-openai-chunks.js';
import { errorsOnly } from '../../conformance/checkers/violation.js';
import { zCreateMessageResponse, zMessageStreamEvent } from '../../generated/anthropic-messages/zod.gen.js';
import {
  zCreateChatCompletionResponse,
  zCreateChatCompletionStreamResponse,
  zErrorResponse,
} from '../../generated/openai-chat/zod.gen.js';
import {
  anthropicSDKFinalMessage,
  foldOpenAIStream,
  openaiSDKFinalCompletion,
} from '../../test/support/sdk-harness.js';
import { readText, streamOfText } from '../../test/support/stream-test-utils.js';
import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import { getCodec, translateResponse } from './translate.js';
import { translateStream } from './translate-stream.js';

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures');
const METADATA = new Set(['system_fingerprint', 'service_tier']);

interface Case {
  name: string;
  from: FormatId;
  text: string;
  expectedLosses: string[] | undefined;
  /** a recorded capture: its `.losses.json` lists exactly the losses it reports (not a superset) */
  exact: boolean;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const from of ['anthropic-messages', 'openai-chat'] as const) {
    const dir = join(ROOT, 'recorded', from);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.sse')) continue;
      const sidecar = join(dir, f.replace(/\.sse$/, '.losses.json'));
      out.push({
        name: `recorded/${from}/${f}`,
        from,
        text: readFileSync(join(dir, f), 'utf8'),
        expectedLosses: existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as string[]) : undefined,
        exact: true,
      });
    }
  }
  // scenario folders are <client>--<upstream>: the upstream stream is in the upstream's format
  for (const [pair, from] of [
    ['anthropic-messages--openai-chat', 'openai-chat'],
    ['openai-chat--anthropic-messages', 'anthropic-messages'],
  ] as const) {
    const dir = join(ROOT, pair);
    if (!existsSync(dir)) continue;
    for (const s of readdirSync(dir).sort()) {
      const file = join(dir, s, 'upstream-stream.sse');
      if (!existsSync(file)) continue;
      const scenario = join(dir, s, 'scenario.json');
      // the stream's own losses when the scenario declares them, else those of its request (as before)
      const meta = existsSync(scenario)
        ? (JSON.parse(readFileSync(scenario, 'utf8')) as {
            expectLosses?: { path: string }[];
            expectAnswerLosses?: { path: string }[];
          })
        : {};
      const expectLosses = meta.expectAnswerLosses ?? meta.expectLosses;
      out.push({
        name: `${pair}/${s}`,
        from,
        text: readFileSync(file, 'utf8'),
        expectedLosses: expectLosses?.map((l) => l.path),
        exact: false,
      });
    }
  }
  return out;
}

async function decodeAll(format: FormatId, text: string): Promise<unknown[]> {
  const reader = streamOfText(text).pipeThrough(getCodec(format).decodeStream()).getReader();
  const out: unknown[] = [];
  for (;;) {
    const r = await reader.read();
    if (r.done) return out;
    out.push(r.value);
  }
}

/** translated bytes; `chunk` bytes per upstream read (the same output for any chunking, 1 included) */
async function translate(
  from: FormatId,
  to: FormatId,
  text: string,
  options: Parameters<typeof translateStream>[3],
  chunk = 97,
) {
  let losses: Loss[] = [];
  const out = await readText(
    translateStream(from, to, streamOfText(text, chunk), options, { onEnd: (r) => (losses = r.losses) }),
  );
  return { out, losses };
}

/** the upstream failed: an error event, or it ended before its terminal event / finish_reason */
function upstreamFailed(format: FormatId, events: unknown[]): boolean {
  const records = events.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null);
  if (records.some((e) => e.type === 'error' || 'error' in e)) return true;
  if (format === 'anthropic-messages') return !records.some((e) => e.type === 'message_stop');
  return !records.some(
    (e) => Array.isArray(e.choices) && e.choices.some((c: { finish_reason?: unknown }) => c?.finish_reason != null),
  );
}

function checkLosses(c: Case, losses: Loss[]): void {
  const paths = losses.map((l) => l.path).filter((p) => !METADATA.has(p));
  if (c.expectedLosses === undefined) expect(paths, `${c.name}: losses ${JSON.stringify(losses)}`).toEqual([]);
  else for (const p of paths) expect(c.expectedLosses, `${c.name}: unexpected loss ${p}`).toContain(p);
  // a capture's sidecar names losses that are really reported (a stale entry would hide a silent drop)
  if (c.exact && c.expectedLosses !== undefined)
    expect([...new Set(paths)].sort(), `${c.name}: losses`).toEqual([...c.expectedLosses].sort());
}

/**
 * The Anthropic content a translation to OpenAI and back can give again: blocks reported lost
 * (`content[i]`) left out, and text blocks that end up next to each other joined (Chat has one text).
 */
function carriedContent(content: unknown, losses: readonly Loss[]): Record<string, unknown>[] {
  const lost = new Set(losses.map((l) => l.path));
  const out: Record<string, unknown>[] = [];
  (content as Record<string, unknown>[]).forEach((b, i) => {
    if (lost.has(`content[${i}]`)) return;
    const prev = out.at(-1);
    if (b.type === 'text' && prev?.type === 'text') {
      const citations = [
        ...((prev.citations as unknown[] | undefined) ?? []),
        ...((b.citations as unknown[] | undefined) ?? []),
      ];
      out[out.length - 1] = {
        ...prev,
        text: `${String(prev.text)}${String(b.text)}`,
        ...(citations.length > 0 ? { citations } : {}),
      };
    } else out.push(b);
  });
  return out;
}

/** citations as url_citation carries them (url, title), for captures whose cited_text / encrypted_index were reported lost */
function urlCitationsOnly(content: Record<string, unknown>[]): Record<string, unknown>[] {
  return content.map((b) =>
    Array.isArray(b.citations)
      ? {
          ...b,
          citations: (b.citations as Record<string, unknown>[]).map((c) => ({
            type: c.type,
            url: c.url,
            title: c.title,
          })),
        }
      : b,
  );
}

/**
 * The finish_reason a chat.completion has after Anthropic and back: `stop` with tool calls (Ollama,
 * Gemini) is `tool_calls`, Together's `eos` is `stop` (docs/wire-formats.md#cross-walk-stop-reasons).
 */
function normalFinish(finish: unknown, hasCalls: boolean): unknown {
  if ((finish === 'stop' || finish === 'eos' || finish === null) && hasCalls) return 'tool_calls';
  return finish === 'eos' ? 'stop' : finish;
}

const parse = (s: unknown) => (typeof s === 'string' ? (JSON.parse(s) as unknown) : s);

/** the part of a chat.completion both the SDK and the non-stream translation produce */
function chatProjection(c: Record<string, unknown>) {
  const choice = (c.choices as Record<string, unknown>[])[0] ?? {};
  const m = (choice.message ?? {}) as Record<string, unknown>;
  return {
    id: c.id,
    model: c.model,
    finish_reason: choice.finish_reason,
    content: m.content ?? null,
    refusal: m.refusal ?? null,
    annotations: m.annotations,
    tool_calls: ((m.tool_calls ?? []) as Record<string, Record<string, unknown>>[]).map((t) => ({
      id: t.id,
      type: t.type,
      name: t.function?.name,
      arguments: parse(t.function?.arguments),
    })),
    usage: c.usage,
  };
}

function messageProjection(m: Record<string, unknown>) {
  return { content: m.content, stop_reason: m.stop_reason, stop_sequence: m.stop_sequence ?? null, usage: m.usage };
}

const OPTIONS = { id: 'xlated_1', created: 1700000000 };

/**
 * Grammar errors of a translated stream. Unsigned thinking is allowed (a warning): a thinking block made
 * from DeepSeek `reasoning_content` / Groq `reasoning` has no signature, and crosswire never invents one.
 */
async function grammarErrors(format: FormatId, text: string): Promise<string[]> {
  const events = await decodeAll(format, text);
  const v =
    format === 'anthropic-messages'
      ? checkAnthropicStream(events, { allowUnsignedThinking: true })
      : checkOpenAIChunks(events);
  const errors = errorsOnly(v).map((x) => `${x.rule} at ${x.index}: ${x.message}`);
  // and every event has the shape the spec gives it
  events.forEach((e, i) => {
    if (e === '[DONE]') return;
    const ok =
      format === 'anthropic-messages'
        ? zMessageStreamEvent.safeParse(e).success
        : zCreateChatCompletionStreamResponse.safeParse(e).success || zErrorResponse.safeParse(e).success;
    if (!ok) errors.push(`schema at ${i}: ${JSON.stringify(e)}`);
  });
  return errors;
}

describe('recorded captures', () => {
  // an empty or missing fixtures/recorded would turn the tests below into none: that is a failure, not a pass
  it('hold streams and responses of both formats', () => {
    for (const from of ['anthropic-messages', 'openai-chat'])
      expect(
        cases().filter((c) => c.from === from && c.name.startsWith('recorded/')).length,
        `recorded ${from} streams`,
      ).toBeGreaterThan(0);
    expect(responseCases().length, 'recorded responses').toBeGreaterThan(0);
  });
});

describe.each(cases())('stream $name', (c) => {
  it('is accepted by the client SDK and matches the non-stream translation', async () => {
    const upstream = await decodeAll(c.from, c.text);
    const failed = upstreamFailed(c.from, upstream);
    if (c.from === 'anthropic-messages') {
      const { out, losses } = await translate(c.from, 'openai-chat', c.text, {
        ...OPTIONS,
        context: { includeUsage: true },
      });
      expect(
        await translate(c.from, 'openai-chat', c.text, { ...OPTIONS, context: { includeUsage: true } }, 1),
      ).toMatchObject({ out });
      checkLosses(c, losses);
      expect(await grammarErrors('openai-chat', out)).toEqual([]);
      if (failed) {
        await expect(openaiSDKFinalCompletion(out)).rejects.toMatchObject({ error: expect.anything() });
        return;
      }
      const got = await openaiSDKFinalCompletion(out);
      const folded = await anthropicSDKFinalMessage(c.text);
      const want = translateResponse<FormatId, FormatId>('anthropic-messages', 'openai-chat', folded, OPTIONS)
        .body as Record<string, unknown>;
      expect(chatProjection(got)).toEqual(chatProjection(want));
      // the thinking extension survives the stream: back to Anthropic gives the same content
      const back = await translate('openai-chat', 'anthropic-messages', out, OPTIONS);
      expect(back.losses).toEqual([]);
      const again = await anthropicSDKFinalMessage(back.out);
      const citationLost = losses.some((l) => /^content\[\d+\]\.citations\[\d+\]$/.test(l.path));
      const carried = carriedContent(folded.content, losses);
      const gotContent = again.content as Record<string, unknown>[];
      expect(citationLost ? urlCitationsOnly(gotContent) : gotContent).toEqual(
        citationLost ? urlCitationsOnly(carried) : carried,
      );
      expect(again.stop_reason).toEqual(folded.stop_reason === 'pause_turn' ? 'end_turn' : folded.stop_reason);
    } else {
      const { out, losses } = await translate(c.from, 'anthropic-messages', c.text, OPTIONS);
      expect(await translate(c.from, 'anthropic-messages', c.text, OPTIONS, 1)).toMatchObject({ out });
      checkLosses(c, losses);
      expect(await grammarErrors('anthropic-messages', out)).toEqual([]);
      if (failed) {
        await expect(anthropicSDKFinalMessage(out)).rejects.toMatchObject({ error: expect.anything() });
        return;
      }
      const got = await anthropicSDKFinalMessage(out);
      const folded = foldOpenAIStream(upstream);
      const want = translateResponse<FormatId, FormatId>('openai-chat', 'anthropic-messages', folded, OPTIONS)
        .body as Record<string, unknown>;
      expect(messageProjection(got)).toEqual(messageProjection(want));
      expect(got.id).toBe('xlated_1');
      // and back: the OpenAI SDK accepts the re-translation and sees the same text, calls and reasoning
      const back = await translate('anthropic-messages', 'openai-chat', out, {
        ...OPTIONS,
        context: { includeUsage: true },
      });
      const again = await openaiSDKFinalCompletion(back.out);
      const a = chatProjection(again);
      const b = chatProjection(folded);
      const finish_reason = normalFinish(b.finish_reason, b.tool_calls.length > 0);
      expect({ ...a, id: undefined, model: undefined, usage: undefined }).toEqual({
        ...b,
        finish_reason,
        id: undefined,
        model: undefined,
        usage: undefined,
      });
      const refolded = foldOpenAIStream(await decodeAll('openai-chat', back.out));
      const reasoning = (m: Record<string, unknown>) => {
        const msg = ((m.choices as Record<string, unknown>[])[0]?.message ?? {}) as Record<string, unknown>;
        const blocks = (msg.content_blocks ?? []) as Record<string, unknown>[];
        return blocks.length > 0
          ? blocks.map((x) => x.thinking ?? '').join('')
          : ((msg.reasoning_content ?? msg.reasoning ?? '') as string);
      };
      expect(reasoning(refolded)).toBe(reasoning(folded));
    }
  });
});

/**
 * Recorded non-stream responses (`fixtures/recorded/<format>/*.json`) go through translateResponse: no crash,
 * exactly the losses of the `.losses.json` sidecar (none without one), a body of the client format's spec
 * schema, and the text, tool calls, stop reason and token counts of the original in it.
 */
interface ResponseCase {
  name: string;
  from: FormatId;
  body: Record<string, unknown>;
  expectedLosses: string[];
}

function responseCases(): ResponseCase[] {
  const out: ResponseCase[] = [];
  for (const from of ['anthropic-messages', 'openai-chat'] as const) {
    const dir = join(ROOT, 'recorded', from);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json') || f.endsWith('.losses.json')) continue;
      const sidecar = join(dir, f.replace(/\.json$/, '.losses.json'));
      out.push({
        name: `recorded/${from}/${f}`,
        from,
        body: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>,
        expectedLosses: existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as string[]) : [],
      });
    }
  }
  return out;
}

const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

describe.each(responseCases())('response $name', (c) => {
  it('translates to a valid response of the other format without silent loss', () => {
    const to: FormatId = c.from === 'openai-chat' ? 'anthropic-messages' : 'openai-chat';
    const r = translateResponse(c.from, to, c.body, OPTIONS);
    const paths = r.losses.map((l) => l.path).filter((p) => !METADATA.has(p));
    expect([...new Set(paths)].sort(), JSON.stringify(r.losses)).toEqual([...c.expectedLosses].sort());
    const out = r.body as Record<string, unknown>;
    if (c.from === 'openai-chat') {
      expect(zCreateMessageResponse.safeParse(out).error).toBeUndefined();
      const choice = records(c.body.choices)[0] ?? {};
      const msg = (choice.message ?? {}) as Record<string, unknown>;
      const text =
        typeof msg.content === 'string'
          ? msg.content
          : records(msg.content)
              .map((p) => (p.type === 'text' ? String(p.text) : ''))
              .join('');
      const blocks = records(out.content);
      expect(
        blocks
          .filter((b) => b.type === 'text')
          .map((b) => b.text)
          .join(''),
      ).toBe(text);
      const calls = records(msg.tool_calls).map((t) => {
        const f = t.function as Record<string, unknown>;
        return {
          type: 'tool_use',
          id: t.id,
          name: f.name,
          input: typeof f.arguments === 'string' ? JSON.parse(f.arguments) : f.arguments,
        };
      });
      expect(blocks.filter((b) => b.type === 'tool_use')).toEqual(calls);
      // docs/wire-formats.md#cross-walk-stop-reasons: refusal wins; tool calls -> tool_use whatever the finish_reason says; length -> max_tokens
      const want =
        typeof msg.refusal === 'string'
          ? 'refusal'
          : calls.length > 0
            ? 'tool_use'
            : choice.finish_reason === 'length'
              ? 'max_tokens'
              : 'end_turn';
      expect(out.stop_reason).toBe(want);
      const u = (c.body.usage ?? {}) as Record<string, unknown>;
      const ou = out.usage as Record<string, unknown>;
      expect(n(ou.input_tokens) + n(ou.cache_read_input_tokens) + n(ou.cache_creation_input_tokens)).toBe(
        n(u.prompt_tokens),
      );
      expect(ou.output_tokens).toBe(n(u.completion_tokens));
    } else {
      expect(zCreateChatCompletionResponse.safeParse(out).error).toBeUndefined();
      const msg = ((out.choices as Record<string, unknown>[])[0]?.message ?? {}) as Record<string, unknown>;
      const text = records(c.body.content)
        .filter((b) => b.type === 'text')
        .map((b) => String(b.text))
        .join('');
      expect(msg.content ?? '').toBe(text);
      const u = c.body.usage as Record<string, unknown>;
      const ou = out.usage as Record<string, unknown>;
      expect(ou.prompt_tokens).toBe(
        n(u.input_tokens) + n(u.cache_read_input_tokens) + n(u.cache_creation_input_tokens),
      );
      expect(ou.completion_tokens).toBe(n(u.output_tokens));
      const finish = (out.choices as Record<string, unknown>[])[0]?.finish_reason;
      expect(finish).toBe(
        c.body.stop_reason === 'refusal'
          ? 'content_filter'
          : c.body.stop_reason === 'max_tokens'
            ? 'length'
            : c.body.stop_reason === 'tool_use'
              ? 'tool_calls'
              : 'stop',
      );
      if (c.body.stop_reason === 'refusal')
        expect(msg.refusal).toBe((c.body.stop_details as Record<string, unknown>).explanation);
    }
  });
});
