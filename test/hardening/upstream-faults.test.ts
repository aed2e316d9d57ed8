/**
 * Upstream faults, through the real gateway over loopback, against the strict mocks: whatever breaks upstream,
 * the client gets an error in its own shape (HTTP error, or its stream's error event), never a clean end.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../conformance/mocks/mock-types.js';
import { bedrockInvokeCodec } from '../../src/formats/bedrock-invoke/codec.js';
import {
  anthropicRequest,
  CLIENT_KEY,
  openaiRequest,
  post,
  type Stack,
  sseData,
  startStack,
  waitFor,
} from './stack.js';

type ClientFormat = 'anthropic-messages' | 'openai-chat';

/** Anthropic error types by status (docs/wire-formats.md#anthropic-errors). */
const ANTHROPIC_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** OpenAI SDK error classes by status (docs/wire-formats.md#openai-chat-errors). */
const OPENAI_CLASS: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
  500: 'InternalServerError',
  502: 'InternalServerError',
  503: 'InternalServerError',
  529: 'InternalServerError',
};

const STATUSES = [400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503, 504, 529];

/**
 * The status a client gets for an upstream's: kept, except 401 and 403, which refuse the gateway's own
 * credentials (the client's key was fine): 502 (docs/security.md#upstream-credential-errors).
 */
const clientStatus = (upstream: number) => (upstream === 401 || upstream === 403 ? 502 : upstream);

let stack: Stack;
/** what the HTML-502 / long-line / bad-CRC upstreams saw */
const custom = { longLineBytes: 0, longLineCancelled: false };

const enc = new TextEncoder();

/** An upstream that streams one SSE line that never ends, 64 KB at a time, up to 64 MB (pull-based). */
function longLineUpstream(format: 'anthropic' | 'openai'): Response {
  const piece = enc.encode('x'.repeat(64 * 1024));
  let sent = 0;
  custom.longLineBytes = 0;
  custom.longLineCancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (sent === 0) {
          const head = enc.encode(
            format === 'anthropic'
              ? 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"'
              : 'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"',
          );
          sent += head.byteLength;
          c.enqueue(head);
          return;
        }
        if (sent > 64 * 1024 * 1024) {
          c.close();
          return;
        }
        sent += piece.byteLength;
        custom.longLineBytes = sent;
        c.enqueue(piece);
      },
      cancel() {
        custom.longLineCancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

const ANTHROPIC_EVENTS = [
  {
    type: 'message_start',
    message: {
      id: 'msg_b',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 1 },
    },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' there' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } },
  { type: 'message_stop' },
];

/** Bedrock InvokeModel stream frames with the message CRC of the third frame broken. */
async function badCrcUpstream(): Promise<Response> {
  const codec = bedrockInvokeCodec.encodeStream();
  const w = codec.writable.getWriter();
  const frames: Uint8Array[] = [];
  const reading = (async () => {
    const r = codec.readable.getReader();
    for (;;) {
      const { done, value } = await r.read();
      if (done) return;
      frames.push(value);
    }
  })();
  for (const e of ANTHROPIC_EVENTS) await w.write(e);
  await w.close();
  await reading;
  const bad = frames[2];
  if (bad) bad[bad.byteLength - 1] = (bad[bad.byteLength - 1] ?? 0) ^ 0xff;
  return new Response(new Blob(frames as BlobPart[]).stream(), {
    status: 200,
    headers: { 'content-type': 'application/vnd.amazon.eventstream' },
  });
}

beforeAll(async () => {
  stack = await startStack({
    idleTimeoutMs: 400,
    extra: {
      html: {
        format: 'anthropic-messages',
        handler: async () =>
          new Response('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>', {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
      },
      longline: { format: 'anthropic-messages', handler: async () => longLineUpstream('anthropic') },
      longlineopenai: { format: 'openai-chat', handler: async () => longLineUpstream('openai') },
      bedrock: { format: 'bedrock-invoke', handler: async () => badCrcUpstream() },
    },
  });
});
afterAll(async () => {
  await stack?.close();
});

/** A client of `format` asking a provider of the other format (or `provider`) for `model`. */
function ask(format: ClientFormat, model: string, stream: boolean, provider?: string): Promise<Response> {
  const p = provider ?? (format === 'anthropic-messages' ? 'openai' : 'anthropic');
  if (format === 'anthropic-messages')
    return post(`${stack.url}/v1/messages`, anthropicRequest(`@${p}/${model}`, stream ? { stream: true } : {}));
  return post(`${stack.url}/v1/chat/completions`, openaiRequest(`@${p}/${model}`, stream ? { stream: true } : {}));
}

function upstreamOf(format: ClientFormat, provider?: string) {
  const p = provider ?? (format === 'anthropic-messages' ? 'openai' : 'anthropic');
  return p === 'openai' ? stack.openai : stack.anthropic;
}

/** An HTTP error in the client's shape, with the status kept. */
async function expectHttpError(format: ClientFormat, res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as Record<string, unknown>;
  const error = body.error as Record<string, unknown>;
  expect(typeof error.message).toBe('string');
  if (format === 'anthropic-messages') {
    expect(body.type).toBe('error');
    // 503 is not in the table: the generic api_error, or overloaded_error (OpenAI's 503 means overloaded)
    if (status === 503) expect(['api_error', 'overloaded_error']).toContain(error.type);
    else expect(error.type).toBe(ANTHROPIC_TYPE[status]);
  } else {
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(typeof error.type).toBe('string');
  }
  return error;
}

/** The stream ended with the client format's error event, never with a clean end. */
async function expectStreamError(format: ClientFormat, res: Response): Promise<{ message: string }> {
  expect(res.status).toBe(200);
  const events = sseData(await res.text());
  if (format === 'anthropic-messages') {
    const last = events.at(-1) as { type?: string; error?: { type: string; message: string } };
    expect(last.type).toBe('error');
    expect(events.some((e) => (e as { type?: string }).type === 'message_stop')).toBe(false);
    return { message: last.error?.message ?? '' };
  }
  expect(events).not.toContain('[DONE]');
  const err = events.find((e) => typeof e === 'object' && e !== null && 'error' in e) as
    | { error?: { message: string; type: string } }
    | undefined;
  expect(err?.error?.type).toEqual(expect.any(String));
  expect(events.at(-1)).toBe(err);
  return { message: err?.error?.message ?? '' };
}

const FORMATS: ClientFormat[] = ['anthropic-messages', 'openai-chat'];

describe.each(FORMATS)('%s client', (format) => {
  it.each(STATUSES)(
    'upstream HTTP %i (other format) is mapped to the client shape with the status kept (401/403: 502)',
    async (status) => {
      const res = await ask(format, `mock-error-${status}`, false);
      const error = await expectHttpError(format, res, clientStatus(status));
      if (status === 401 || status === 403)
        expect(error.message).toMatch(/^the gateway's credentials for provider (openai|anthropic) were rejected/);
    },
  );

  it('upstream 429 keeps retry-after and surfaces as the SDK RateLimitError', async () => {
    upstreamOf(format).injectFault({ kind: 'http-error', status: 429, headers: { 'retry-after': '7' } });
    const res = await ask(format, 'm', false);
    expect(res.headers.get('retry-after')).toBe('7');
    await expectHttpError(format, res, 429);
  });

  it('an HTML 502 from a proxy becomes a generic server error with status 502', async () => {
    const res = await ask(format, 'm', false, 'html');
    const error = await expectHttpError(format, res, 502);
    if (format === 'anthropic-messages') expect(error.type).toBe('api_error');
    else expect(error.type).toBe('server_error');
    expect(String(error.message)).toContain('502');
  });

  it('a connection reset before headers is a 502 in the client shape', async () => {
    const res = await ask(format, 'mock-reset-0', true);
    await expectHttpError(format, res, 502);
  });

  it.each([
    ['a mid-stream error event', 'mock-stream-error-3'],
    ['a drop mid-stream (connection reset)', 'mock-reset-4'],
    ['a stream cut without its terminal event', 'mock-truncate-4'],
    ['malformed SSE (invalid JSON)', 'mock-malformed-3'],
  ])('%s ends the translated stream with an error event', async (_name, model) => {
    await expectStreamError(format, await ask(format, model, true));
  });

  it.each([
    ['a mid-stream error event', { kind: 'stream-error', afterEvents: 3 }],
    ['a drop mid-stream (connection reset)', { kind: 'reset', afterEvents: 4 }],
  ] as [string, Fault][])('same-format pass-through: %s ends the stream with an error event', async (_name, fault) => {
    const provider = format === 'anthropic-messages' ? 'anthropic' : 'openai';
    upstreamOf(format, provider).injectFault(fault);
    await expectStreamError(format, await ask(format, 'm', true, provider));
  });

  // same-format streams are relayed as bytes, checked beside the relay (src/gateway/pass-through-watcher.ts):
  // an SSE message whose data is not valid JSON is not forwarded; the stream ends with the client's error event.
  it('same-format pass-through: malformed SSE (invalid JSON) ends with an error event', async () => {
    const provider = format === 'anthropic-messages' ? 'anthropic' : 'openai';
    upstreamOf(format, provider).injectFault({ kind: 'malformed-sse', afterEvents: 3 });
    await expectStreamError(format, await ask(format, 'm', true, provider));
  });

  // an upstream stream of the client's own format that just ends without its terminal event (no `message_stop` /
  // no `[DONE]`) must not end the client stream cleanly: the watcher appends the error event.
  it('same-format pass-through: a stream cut without its terminal event ends with an error event', async () => {
    const provider = format === 'anthropic-messages' ? 'anthropic' : 'openai';
    upstreamOf(format, provider).injectFault({ kind: 'truncate', afterEvents: 4 });
    await expectStreamError(format, await ask(format, 'm', true, provider));
  });

  // An OpenAI upstream stream cut after the `finish_reason` chunk but before its usage chunk and `[DONE]`
  // (mock fault truncate after 3 events for the prompt "hi"): the gateway asked for `include_usage`, so the
  // missing usage chunk means a cut stream, and the Anthropic client gets an error event, not a clean stop.
  it.skipIf(format !== 'anthropic-messages')(
    'an OpenAI stream cut after finish_reason, before usage and [DONE], is an error',
    async () => {
      const res = await post(`${stack.url}/v1/messages`, {
        model: '@openai/mock-truncate-3',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      });
      await expectStreamError('anthropic-messages', res);
    },
  );

  it('a stalled stream hits the idle timeout: error event (504), and the upstream request is aborted', async () => {
    const upstream = upstreamOf(format);
    const before = upstream.requests.length;
    const t0 = Date.now();
    const { message } = await expectStreamError(format, await ask(format, 'mock-stall-3', true));
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(message).toMatch(/400 ms/);
    expect(upstream.requests.length).toBe(before + 1);
  });

  // the idle timeout of a translated stream is raised in the upstream-side guard, inside translateStream: the
  // error carries status 504 so the Anthropic client gets `timeout_error` (docs/wire-formats.md#anthropic-errors), not `api_error`,
  // and the OpenAI client `code: "timeout"`, as on the pass-through (same format).
  it('a stalled translated stream reports a timeout (504) error type', async () => {
    const res = await ask(format, 'mock-stall-3', true);
    const events = sseData(await res.text());
    const last = events.at(-1) as { error?: { type?: string; code?: string | null } };
    if (format === 'anthropic-messages') expect(last.error?.type).toBe('timeout_error');
    else expect(last.error?.code).toBe('timeout');
  });

  it('a stalled same-format stream reports a timeout (504) error type', async () => {
    const provider = format === 'anthropic-messages' ? 'anthropic' : 'openai';
    upstreamOf(format, provider).injectFault({ kind: 'stall', afterEvents: 3 });
    const res = await ask(format, 'm', true, provider);
    const events = sseData(await res.text());
    const last = events.at(-1) as { type?: string; error?: { type?: string; code?: string | null } };
    if (format === 'anthropic-messages') {
      expect(last.type).toBe('error');
      expect(last.error?.type).toBe('timeout_error');
    } else expect(last.error?.code).toBe('timeout');
  });

  it('a stall before any response headers is a 504 in the client shape', async () => {
    upstreamOf(format).injectFault({ kind: 'stall', afterEvents: 0, ms: 3_000 });
    const res = await ask(format, 'm', false);
    await expectHttpError(format, res, 504);
  });

  it.each([
    ['translated', false],
    ['same-format pass-through', true],
  ])(
    'an SSE line over 1 MB (%s) ends the stream with an error event and is not buffered without bound',
    async (_name, same) => {
      const anthropic = format === 'anthropic-messages';
      const res = await ask(format, 'm', true, anthropic === same ? 'longline' : 'longlineopenai');
      await expectStreamError(format, res);
      expect(custom.longLineBytes).toBeLessThan(8 * 1024 * 1024);
      expect(await waitFor(() => custom.longLineCancelled, 2_000)).toBe(true);
    },
  );

  it('a Bedrock event-stream frame with a bad CRC ends the stream with an error event', async () => {
    const res = await ask(format, 'anthropic.claude-x', true, 'bedrock');
    const { message } = await expectStreamError(format, res);
    expect(message.toLowerCase()).toMatch(/crc|checksum|corrupt/);
  });
});

describe('official SDKs see upstream faults as errors', () => {
  const anthropic = () => new Anthropic({ apiKey: CLIENT_KEY, baseURL: stack.url, maxRetries: 0 });
  const openai = () => new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${stack.url}/v1`, maxRetries: 0 });

  it.each([400, 401, 403, 404, 409, 429, 500, 529])(
    'Anthropic SDK: upstream OpenAI HTTP %i -> APIError with that status and type (401/403: 502)',
    async (status) => {
      const err = await anthropic()
        .messages.create({
          model: `@openai/mock-error-${status}`,
          max_tokens: 32,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(Anthropic.APIError);
      const e = err as InstanceType<typeof Anthropic.APIError>;
      expect(e.status).toBe(clientStatus(status));
      expect((e.error as { error?: { type?: string } }).error?.type).toBe(ANTHROPIC_TYPE[clientStatus(status)]);
    },
  );

  it.each([400, 401, 403, 404, 409, 422, 429, 500, 529])(
    'OpenAI SDK: upstream Anthropic HTTP %i -> the SDK class for that status (401/403: 502)',
    async (status) => {
      const err = await openai()
        .chat.completions.create({
          model: `@anthropic/mock-error-${status}`,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect((err as { constructor: { name: string } }).constructor.name).toBe(OPENAI_CLASS[clientStatus(status)]);
      expect((err as { status?: number }).status).toBe(clientStatus(status));
    },
  );

  it.each(['mock-stream-error-3', 'mock-reset-4', 'mock-truncate-4', 'mock-malformed-3', 'mock-stall-3'])(
    'Anthropic SDK stream over OpenAI upstream %s throws',
    async (model) => {
      const run = async () => {
        const s = await anthropic().messages.create({
          model: `@openai/${model}`,
          max_tokens: 256,
          stream: true,
          messages: [{ role: 'user', content: 'Tell me a short story about a lighthouse keeper.' }],
        });
        for await (const _ of s) {
          // drain
        }
      };
      await expect(run()).rejects.toBeInstanceOf(Error);
    },
  );

  it.each(['mock-stream-error-3', 'mock-reset-4', 'mock-truncate-4', 'mock-malformed-3', 'mock-stall-3'])(
    'OpenAI SDK stream over Anthropic upstream %s throws APIError',
    async (model) => {
      const run = async () => {
        const s = await openai().chat.completions.create({
          model: `@anthropic/${model}`,
          stream: true,
          messages: [{ role: 'user', content: 'Tell me a short story about a lighthouse keeper.' }],
        });
        for await (const _ of s) {
          // drain
        }
      };
      await expect(run()).rejects.toBeInstanceOf(OpenAI.APIError);
    },
  );

  it('a healthy stream still works through the same stack (the faults above are not the stack failing)', async () => {
    const s = await openai().chat.completions.create({
      model: '@anthropic/claude-x',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    for await (const c of s) text += c.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
  });
});
