/**
 * Every translated client stream, response and error in the scenario catalog, read by that client
 * format's official SDK: streams are read to their end (and must fail exactly when the scenario says
 * the upstream failed), errors surface as the SDK's error with the status — and what the SDK parsed is held to
 * the scenario's expected answer (the hand-written client-response.json / client stream), by meaning: text, tool
 * calls with their inputs, thinking, stop reason, usage, as `conformance/meaning/<format>.ts` projects them. The
 * translator's own output is never the oracle: an SDK that drops what the translator wrote, or reads it as
 * something else, fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { clientErrorHeaders } from '../../src/gateway/client-error.js';
import { getCodec } from '../../src/translate/translate.js';
import {
  type ClientVerdict,
  readWithOfficialClient,
  startLoopbackReplier,
} from '../../test/support/official-clients.js';
import { alignAnswer, responseMeaning, streamMeaning } from '../meaning/index.js';
import { decodeClientStream } from './client-stream-events.js';
import { jsonDiff } from './diff.js';
import { libraryExchange } from './library-exchange.js';
import { loadScenarios, type Scenario } from './load-scenarios.js';
import { modesOf } from './run-scenario.js';

let aws: Awaited<ReturnType<typeof startLoopbackReplier>>;
beforeAll(async () => {
  aws = await startLoopbackReplier();
});
afterAll(() => aws?.close());

/** The HTTP status an SDK error carries (`status`, or the AWS SDK's `$metadata.httpStatusCode`). */
function errorStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as { status?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof o.status === 'number') return o.status;
  return typeof o.$metadata?.httpStatusCode === 'number' ? o.$metadata.httpStatusCode : undefined;
}

const describeError = (v: ClientVerdict) =>
  v.ok ? 'the client succeeded' : String(v.error instanceof Error ? `${v.error.name}: ${v.error.message}` : v.error);

/** An SDK's parsed value as plain JSON: class instances to their fields, bytes (AWS SDK blobs) to base64. */
function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)),
  );
}

/** What a stream-reading SDK hands back: the folded message (Anthropic, OpenAI) or the events it read (Gemini, AWS). */
const FOLDS_STREAM = new Set([
  'anthropic-messages',
  'bedrock-invoke',
  'vertex-anthropic',
  'openai-chat',
  'openai-responses',
]);

/**
 * What an official SDK does not hand to its user, though the wire carries it: `@google/genai` copies a candidate's
 * fields one by one and leaves `finishMessage` out. The expected meaning is read without it (the gateway still
 * writes it: the meaning level of the runner compares the bytes' meaning, where it counts).
 */
function sdkView(format: FormatId, meaning: unknown, stream: boolean): unknown {
  if (format === 'openai-chat' && stream) return withoutStreamedExtensions(meaning);
  if (format !== 'gemini' || !isRecord(meaning) || !Array.isArray(meaning.candidates)) return meaning;
  const candidates = meaning.candidates.map((c) => {
    if (!isRecord(c)) return c;
    const { finishMessage: _, ...rest } = c;
    return rest;
  });
  return { ...meaning, candidates };
}

/**
 * `openai`'s `ChatCompletionStream` assigns a delta key it does not know onto the message, overwriting: after a
 * stream, crosswire's `reasoning_content` and `content_blocks` hold the last chunk's value only (docs/spec-drift.md).
 * Stream readers of those extensions read the chunks; the comparison leaves them out on both sides, and
 * `annotations` too, which the expected stream's fold (`fold-openai-chunks.ts`) does not collect.
 */
function withoutStreamedExtensions(meaning: unknown): unknown {
  if (!isRecord(meaning) || !Array.isArray(meaning.choices)) return meaning;
  const choices = meaning.choices.map((c) => {
    if (!isRecord(c) || !isRecord(c.message)) return c;
    const { reasoning_content: _r, content_blocks: _b, annotations: _a, ...message } = c.message;
    return { ...c, message };
  });
  return { ...meaning, choices };
}

/** The meaning of what the SDK parsed, against the meaning of the scenario's expected answer. */
function sdkMeaningProblems(s: Scenario, parsed: unknown, expected: unknown, stream: boolean): string[] {
  const want = sdkView(s.client, expected, stream);
  return jsonDiff(want, alignAnswer(s.client, want, sdkView(s.client, parsed, stream)));
}

const scenarios = loadScenarios().filter((s) => s.meta.endpoint === 'messages' && s.clientRequest !== undefined);

describe('official clients read every translated stream, response and error of the catalog', () => {
  for (const s of scenarios) {
    const modes = modesOf(s).filter(
      (m) => (m === 'stream' ? s.clientStream : m === 'json' ? s.clientResponse : s.clientError) !== undefined,
    );
    for (const mode of modes) {
      it(`${s.id} (${mode})`, async () => {
        const out = await libraryExchange(s, mode);
        if (mode === 'stream') {
          const body = out.stream ?? new Uint8Array();
          const v = await readWithOfficialClient(
            s.client,
            { status: 200, contentType: getCodec(s.client).streamContentType, body },
            true,
            aws,
          );
          if (s.meta.expectStreamError)
            expect(v.ok, 'the upstream failed: the client must not see a success').toBe(false);
          else expect(v.ok, describeError(v)).toBe(true);
          if (v.ok && s.clientStream !== undefined) {
            const expected = streamMeaning(s.client, (await decodeClientStream(s.client, s.clientStream)).events);
            const parsed = FOLDS_STREAM.has(s.client)
              ? responseMeaning(s.client, plain(v.value))
              : streamMeaning(s.client, plain(v.value) as unknown[]).message;
            if (expected.end === 'complete')
              expect(sdkMeaningProblems(s, parsed, expected.message, true), 'the SDK read something else').toEqual([]);
          }
        } else if (mode === 'json') {
          const v = await readWithOfficialClient(
            s.client,
            { status: 200, contentType: 'application/json', body: JSON.stringify(out.body) },
            false,
            aws,
          );
          expect(v.ok, describeError(v)).toBe(true);
          if (v.ok) {
            const expected = responseMeaning(s.client, s.clientResponse);
            const parsed = responseMeaning(s.client, plain(v.value));
            expect(sdkMeaningProblems(s, parsed, expected, false), 'the SDK read something else').toEqual([]);
          }
        } else {
          // the headers the reference gateway adds to an error in this client's format (Bedrock: x-amzn-errortype)
          const headers = clientErrorHeaders(s.client, out.status);
          const v = await readWithOfficialClient(
            s.client,
            { status: out.status, contentType: 'application/json', headers, body: JSON.stringify(out.body) },
            false,
            aws,
          );
          expect(v.ok).toBe(false);
          if (!v.ok) expect(errorStatus(v.error), describeError(v)).toBe(out.status);
          // the AWS SDK names the exception from the header, and reads the message from the body
          if (!v.ok && s.client === 'bedrock-converse') {
            expect((v.error as { name?: string }).name).toBe(headers['x-amzn-errortype']);
            expect((v.error as { message?: string }).message).toBe((out.body as { message?: string }).message);
          }
        }
      });
    }
  }
});
