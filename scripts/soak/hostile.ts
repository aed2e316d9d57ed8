/**
 * Hostile requests for the soak (docs/security.md): each is sent among the ordinary streams and must get the
 * answer the gateway's defences promise, in the client's own error shape, without an internal error and without
 * holding the gateway's resources.
 */
import { request as httpRequest } from 'node:http';
import type { SoakClient } from './read-client-stream.js';

export type HostileCase =
  | 'deep-nesting'
  | 'duplicate-model'
  | 'foreign-host'
  | 'absolute-form'
  | 'wrong-method'
  | 'prototype-provider'
  | 'dot-model'
  | 'credentials-rejected'
  | 'upload-abort'
  | 'slow-reader'
  | 'media-private-url';

export const HOSTILE_CASES: readonly HostileCase[] = [
  'deep-nesting',
  'duplicate-model',
  'foreign-host',
  'absolute-form',
  'wrong-method',
  'prototype-provider',
  'dot-model',
  'credentials-rejected',
  'upload-abort',
  'slow-reader',
  'media-private-url',
];

/**
 * Addresses a media URL must never make the gateway fetch (docs/media.md#safety): cloud metadata, loopback (the
 * soak's own mocks listen there), a private range, AWS's IPv6 metadata.
 */
const PRIVATE_MEDIA = [
  'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'https://127.0.0.1:1/admin.png',
  'https://10.0.0.1/a.png',
  'https://[fd00:ec2::254]/latest',
];

/** Which of `PRIVATE_MEDIA` the next media case names (in turn: the soak stays reproducible). */
let mediaTurn = 0;

/** A request naming an image at `url`, for a provider that needs bytes (Bedrock Converse). */
function mediaBody(client: SoakClient, url: string): Record<string, unknown> {
  return client === 'anthropic-messages'
    ? {
        model: '@bedrock/m',
        max_tokens: 64,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'url', url } },
              { type: 'text', text: 'hi' },
            ],
          },
        ],
      }
    : {
        model: '@bedrock/m',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url } },
              { type: 'text', text: 'hi' },
            ],
          },
        ],
      };
}

export interface HostileTarget {
  /** the gateway's base URL */
  url: string;
  /** the gateway's write timeout: a slow reader waits past it */
  writeTimeoutMs: number;
}

/** Undefined when the gateway answered as promised, else what went wrong. */
export type HostileOutcome = string | undefined;

const pathOf = (client: SoakClient) => (client === 'anthropic-messages' ? '/v1/messages' : '/v1/chat/completions');
const providerFor = (client: SoakClient) => (client === 'anthropic-messages' ? 'openai' : 'anthropic');

function body(client: SoakClient, model: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const messages = [{ role: 'user', content: 'hi' }];
  return client === 'anthropic-messages'
    ? { model, max_tokens: 64, messages, ...extra }
    : { model, messages, ...extra };
}

/** One request over node:http with full control of the target and the Host header. */
function raw(
  target: HostileTarget,
  opts: { method?: string; path: string; host?: string; text?: string },
): Promise<{ status: number; body: string }> {
  const u = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? 'POST',
        path: opts.path,
        headers: {
          host: opts.host ?? u.host,
          'content-type': 'application/json',
          ...(opts.text === undefined ? {} : { 'content-length': Buffer.byteLength(opts.text) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.text);
  });
}

/** The answer is an error of `status` in the client's shape (and its message holds `says`, when given). */
function expectError(
  client: SoakClient,
  got: { status: number; body: string },
  status: number,
  says?: string,
): HostileOutcome {
  if (got.status !== status) return `status ${got.status}, expected ${status}: ${got.body.slice(0, 200)}`;
  let json: { type?: unknown; error?: { type?: unknown; message?: unknown } };
  try {
    json = JSON.parse(got.body) as typeof json;
  } catch {
    return `body is not JSON: ${got.body.slice(0, 200)}`;
  }
  const message = json.error?.message;
  if (typeof message !== 'string' || typeof json.error?.type !== 'string') return 'no error in the client shape';
  if (client === 'anthropic-messages' && json.type !== 'error') return 'no Anthropic error envelope';
  if (says && !message.includes(says)) return `message ${JSON.stringify(message)} lacks ${JSON.stringify(says)}`;
  return undefined;
}

/** A body whose upload stops half way: the client goes away. */
function abortUpload(target: HostileTarget, client: SoakClient): Promise<HostileOutcome> {
  const u = new URL(target.url);
  const text = JSON.stringify(body(client, `@${providerFor(client)}/gpt-soak`));
  return new Promise((resolve) => {
    const req = httpRequest({
      host: u.hostname,
      port: u.port,
      method: 'POST',
      path: pathOf(client),
      headers: { 'content-type': 'application/json', 'content-length': text.length * 2 },
    });
    req.on('error', () => resolve(undefined));
    req.on('response', (res) => {
      res.resume();
      // an answer before the body is complete is fine only as a refusal
      resolve(res.statusCode !== undefined && res.statusCode >= 400 ? undefined : `answered ${res.statusCode}`);
    });
    req.write(text);
    setTimeout(() => {
      req.destroy();
      resolve(undefined);
    }, 20);
  });
}

/**
 * A client that reads the start of an endless stream (the `endless` provider: `endlessUpstream`), then nothing for
 * five write timeouts: the gateway must drop it (the client's read fails once the buffered bytes are read),
 * instead of holding the upstream for as long as the client keeps the connection.
 */
async function slowReader(target: HostileTarget, client: SoakClient): Promise<HostileOutcome> {
  const res = await fetch(`${target.url}${pathOf(client)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body(client, '@endless/forever', { stream: true })),
  });
  if (res.status !== 200 || !res.body) return `status ${res.status}`;
  const reader = res.body.getReader();
  await reader.read();
  await new Promise((r) => setTimeout(r, target.writeTimeoutMs * 5));
  let more = 0;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) return 'the endless stream ended cleanly';
      more += r.value.byteLength;
      // the socket buffers of both ends hold far less than this
      if (more > 128 * 1024 * 1024) {
        await reader.cancel();
        return 'read 128 MB more after the pause: never dropped';
      }
    }
  } catch {
    return undefined; // the connection was closed under the client: dropped
  }
}

const enc = new TextEncoder();
const event = (e: Record<string, unknown>) => enc.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);

/** An Anthropic upstream whose stream never ends: 16 KB text deltas as fast as they are read. */
export async function endlessUpstream(): Promise<Response> {
  const head = [
    event({
      type: 'message_start',
      message: {
        id: 'msg_endless',
        type: 'message',
        role: 'assistant',
        model: 'forever',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  ];
  const delta = event({
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text: 'x'.repeat(16_384) },
  });
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        pull(c) {
          const next = head.shift();
          c.enqueue(next ?? delta);
        },
      },
      { highWaterMark: 0 },
    ),
    { headers: { 'content-type': 'text/event-stream' } },
  );
}

/** Sends one hostile request of `kind` as `client`; undefined when the gateway answered as promised. */
export async function sendHostile(
  kind: HostileCase,
  target: HostileTarget,
  client: SoakClient,
): Promise<HostileOutcome> {
  const path = pathOf(client);
  const provider = providerFor(client);
  switch (kind) {
    case 'deep-nesting': {
      const deep = `${'['.repeat(5_000)}1${']'.repeat(5_000)}`;
      const text = JSON.stringify(body(client, `@${provider}/gpt-soak`, { metadata: '$' })).replace('"$"', deep);
      return expectError(client, await raw(target, { path, text }), 400, 'deeper than');
    }
    case 'duplicate-model': {
      const text = JSON.stringify(body(client, `@${provider}/gpt-soak`)).replace('{', '{"mod\\u0065l":"other",');
      return expectError(client, await raw(target, { path, text }), 400, 'more than once');
    }
    case 'foreign-host':
      return expectError(
        client,
        await raw(target, {
          path,
          host: 'rebind.attacker.example',
          text: JSON.stringify(body(client, `@${provider}/x`)),
        }),
        403,
        'allowedHosts',
      );
    case 'absolute-form':
      return expectError(
        client,
        await raw(target, {
          path: `http://attacker.example${path}`,
          text: JSON.stringify(body(client, `@${provider}/x`)),
        }),
        403,
      );
    case 'wrong-method':
      return expectError(client, await raw(target, { method: 'GET', path }), 405);
    case 'prototype-provider':
      return expectError(
        client,
        await raw(target, { path, text: JSON.stringify(body(client, '@constructor/x')) }),
        404,
      );
    case 'dot-model':
      return expectError(client, await raw(target, { path, text: JSON.stringify(body(client, '@bedrock/..')) }), 400);
    case 'credentials-rejected':
      return expectError(
        client,
        await raw(target, { path, text: JSON.stringify(body(client, `@${provider}/mock-error-401`)) }),
        502,
        "the gateway's credentials",
      );
    case 'upload-abort':
      return abortUpload(target, client);
    case 'slow-reader':
      return slowReader(target, client);
    case 'media-private-url': {
      const url = PRIVATE_MEDIA[mediaTurn++ % PRIVATE_MEDIA.length]!;
      // refused before any connection, naming where the URL is in the client's request
      const at =
        client === 'anthropic-messages' ? 'messages[0].content[0].source.url' : 'messages[0].content[0].image_url.url';
      return expectError(client, await raw(target, { path, text: JSON.stringify(mediaBody(client, url)) }), 400, at);
    }
  }
}
