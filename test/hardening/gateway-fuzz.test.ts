/**
 * Mutated client requests (fixture requests with one value replaced or a hostile key added) through the
 * gateway, in-process, with the strict mocks as its upstream fetch: whatever the body, the answer is a success
 * or an error in the caller's shape (the gateway's own 400, or the upstream's rejection translated); never an
 * internal error from the gateway's crash handler, never an unhandled rejection. Then the hostile cases of
 * docs/security.md: nesting spliced in at any depth and place, a key repeated in any object, provider names
 * that are prototype keys, dot-segment models, foreign Host headers, wrong methods.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import type { MockHandler } from '../../conformance/mocks/mock-types.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import type { Gateway } from '../../src/gateway/create-gateway.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { loadSeeds, mutate, pathsOf, type Seeds } from './seeds.js';
import { ANTHROPIC_UPSTREAM_KEY, CLIENT_KEY, OPENAI_UPSTREAM_KEY } from './stack.js';

const RUNS = Number(process.env.CROSSWIRE_PROPERTY_RUNS ?? 40);

let seeds: Seeds;
let gateway: Gateway;
/** what the Bedrock provider was asked (a dot model must never reach it) */
const bedrockPaths: string[] = [];
/** statuses seen by the mutation property: it must not be vacuous (some requests succeed) */
const statuses: number[] = [];
const internal: unknown[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (r: unknown) => unhandled.push(r);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  seeds = loadSeeds();
  const anthropic = createAnthropicMock({ apiKey: ANTHROPIC_UPSTREAM_KEY });
  const openai = createOpenAIMock({ apiKey: OPENAI_UPSTREAM_KEY });
  const byHost: Record<string, MockHandler> = {
    'anthropic.test': anthropic,
    'openai.test': openai,
    'bedrock.test': async (req) => {
      bedrockPaths.push(new URL(req.url).pathname);
      return Response.json({ message: 'not a real Bedrock' }, { status: 400 });
    },
  };
  gateway = createGateway({
    providers: {
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: ANTHROPIC_UPSTREAM_KEY },
      openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: OPENAI_UPSTREAM_KEY },
      bedrock: { format: 'bedrock-converse', baseUrl: 'http://bedrock.test', apiKey: 'bedrock-key' },
    },
    fetch: (req) => {
      const h = byHost[new URL(req.url).host];
      return h ? h(req) : Promise.resolve(Response.error());
    },
    idleTimeoutMs: 2_000,
    log: (e) => {
      if ('event' in e && e.event === 'internal_error') internal.push(e);
    },
  });
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
  expect(statuses.filter((s) => s === 200).length, 'some mutated requests succeed').toBeGreaterThan(0);
  for (const p of bedrockPaths) expect(p).toMatch(/^\/model\/[^/]+\/converse(-stream)?$/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '\ud800',
    1e308,
    -1,
    0,
    '',
    [],
    {},
    null,
    'x'.repeat(10_000),
    JSON.parse('{"__proto__":{"polluted":1}}'),
  ),
);

type Client = 'anthropic-messages' | 'openai-chat';

function mutatedRequest(client: Client) {
  return fc
    .tuple(
      fc.nat(),
      fc.nat(),
      odd,
      fc.option(fc.constantFrom('__proto__', 'constructor', 'extra_field'), { nil: undefined }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([s, p, value, key, stream, cross]) => {
      const list = seeds.requests.get(client) ?? [];
      const doc = list[s % Math.max(1, list.length)] ?? {};
      const paths = pathsOf(doc).filter((x) => x[0] !== 'model');
      const body = mutate(doc, paths[p % paths.length] ?? [], value, key) as Record<string, unknown>;
      const provider = (client === 'anthropic-messages') === cross ? 'openai' : 'anthropic';
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
        return { ...body, model: `@${provider}/model-x`, stream };
      }
      return body;
    });
}

const pathOf = (client: Client) => (client === 'anthropic-messages' ? '/v1/messages' : '/v1/chat/completions');

async function send(client: Client, body: unknown, opts: { host?: string; raw?: string } = {}): Promise<Response> {
  return gateway.fetch(
    new Request(`http://${opts.host ?? 'localhost'}${pathOf(client)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}` },
      body: opts.raw ?? JSON.stringify(body),
    }),
  );
}

/** The answer is an error in the caller's shape with this status (or, without one, any error status below 500). */
async function expectCallerError(
  client: Client,
  res: Response,
  status?: number,
): Promise<{ message: string; param?: unknown }> {
  const text = await res.text();
  expect(internal).toEqual([]);
  if (status !== undefined) expect(res.status, text).toBe(status);
  else {
    expect(res.status, text).toBeGreaterThanOrEqual(400);
    expect(res.status, text).toBeLessThan(500);
  }
  const json = JSON.parse(text) as unknown;
  expect(isClientError(client, json)).toBe(true);
  return (json as { error: { message: string; param?: unknown } }).error;
}

/** A seed request of `client`, as an object. */
function seed(client: Client, n: number): Record<string, unknown> {
  const list = seeds.requests.get(client) ?? [];
  const doc = list[n % Math.max(1, list.length)];
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
}

/** The smallest valid request of `client` for `model`. */
const minimal = (client: Client, model: string) =>
  client === 'anthropic-messages'
    ? { model, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }
    : { model, messages: [{ role: 'user', content: 'hi' }] };

const MARK = '\u0000SPLICE\u0000';
/** JSON text of `doc` with the value at `path` replaced by the raw JSON text `raw`. */
function splice(doc: unknown, path: (string | number)[], raw: string): string {
  return JSON.stringify(mutate(doc, path, MARK)).replace(JSON.stringify(MARK), () => raw);
}
/** How many arrays/objects enclose the value at `path` in `doc`. */
function depthAt(doc: unknown, path: (string | number)[]): number {
  let node = doc;
  let d = 0;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) break;
    d++;
    node = (node as Record<string | number, unknown>)[key];
  }
  return d;
}

function isClientError(client: Client, body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { type?: unknown; error?: { type?: unknown; message?: unknown } };
  if (typeof b.error?.message !== 'string' || typeof b.error.type !== 'string') return false;
  return client === 'openai-chat' || b.type === 'error';
}

describe.each(['anthropic-messages', 'openai-chat'] as Client[])('%s client', (client) => {
  test.prop([fc.constant(null).chain(() => mutatedRequest(client))], { numRuns: RUNS })(
    'a mutated request: success or an error in the caller shape, never a crash',
    async (body) => {
      const res = await send(client, body);
      const text = await res.text();
      statuses.push(res.status);
      expect(internal).toEqual([]);
      if (res.status === 200) return;
      expect(res.status).toBeGreaterThanOrEqual(400);
      let json: unknown;
      expect(() => {
        json = JSON.parse(text);
      }).not.toThrow();
      expect(isClientError(client, json)).toBe(true);
      expect(text).not.toMatch(/internal gateway error/);
    },
  );
});

describe.each(['anthropic-messages', 'openai-chat'] as Client[])('%s client: hostile requests', (client) => {
  const provider = client === 'anthropic-messages' ? 'openai' : 'anthropic';

  test.prop([fc.nat(), fc.nat(), fc.integer({ min: 1, max: 20_000 }), fc.boolean()], { numRuns: RUNS })(
    'nesting spliced in anywhere: 400 naming the path past 128 levels, never a stack overflow',
    async (s, p, levels, arrays) => {
      const doc = { ...seed(client, s), model: `@${provider}/model-x` };
      const paths = pathsOf(doc).filter((x) => x.length > 0 && x[0] !== 'model');
      const path = paths[p % paths.length] ?? ['metadata'];
      const raw = arrays
        ? `${'['.repeat(levels)}1${']'.repeat(levels)}`
        : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
      const res = await send(client, undefined, { raw: splice(doc, path, raw) });
      if (depthAt(doc, path) + levels > 128) {
        const error = await expectCallerError(client, res, 400);
        expect(error.message).toContain('deeper than 128 levels');
      } else if (res.status !== 200) await expectCallerError(client, res);
      else expect(internal).toEqual([]);
    },
  );

  test.prop([fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 2 })], { numRuns: RUNS })(
    'a key repeated in any object: 400 naming it; nothing reaches the upstream',
    async (s, p, value) => {
      const doc = { ...seed(client, s), model: `@${provider}/model-x` };
      const objects = pathsOf(doc).filter((x) => {
        let node: unknown = doc;
        for (const k of x) node = (node as Record<string | number, unknown>)[k];
        return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length > 0;
      });
      const path = objects[p % objects.length] ?? [];
      let node: unknown = doc;
      for (const k of path) node = (node as Record<string | number, unknown>)[k];
      const key = Object.keys(node as object)[0] as string;
      const text = JSON.stringify(node);
      const repeated = `${text.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`;
      const raw = path.length === 0 ? repeated : splice(doc, path, repeated);
      const error = await expectCallerError(client, await send(client, undefined, { raw }), 400);
      expect(error.message).toContain('appears more than once');
    },
  );

  test.prop(
    [
      fc.oneof(
        fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'then'),
        fc.string({ minLength: 1, maxLength: 12 }).filter((x) => !x.includes('/')),
      ),
      fc.boolean(),
    ],
    { numRuns: RUNS },
  )(
    'a provider name that is a prototype key or any string: 404 or 400, never a provider that speaks undefined',
    async (name, at) => {
      const model = `${at ? '@' : ''}${name}/x`;
      const res = await send(client, minimal(client, model));
      if (['anthropic', 'openai', 'bedrock'].includes(name.replace(/^@/, ''))) return;
      // `@name/x`: an unknown provider (404), `@/x` a malformed name (400); `name/x`: no provider prefix and no default (400)
      const expected = model.startsWith('@') ? (model.indexOf('/') < 2 ? 400 : 404) : 400;
      await expectCallerError(client, res, expected);
    },
  );

  test.prop([fc.constantFrom('.', '..'), fc.boolean()], { numRuns: 8 })(
    'a dot-segment model for a path-model provider: 400; the upstream path is never rewritten',
    async (model, stream) => {
      const body = { ...minimal(client, `@bedrock/${model}`), stream };
      const error = await expectCallerError(client, await send(client, body), 400);
      expect(error.message).toContain('relative URL path segment');
    },
  );

  test.prop([fc.domain(), fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined })], { numRuns: RUNS })(
    'a Host that is not loopback (no client keys, no allowedHosts): 403 in the caller shape',
    async (domain, port) => {
      const host = port === undefined ? domain : `${domain}:${port}`;
      const loopback = domain === 'localhost' || domain.endsWith('.localhost');
      const res = await send(client, minimal(client, `@${provider}/model-x`), { host });
      if (loopback) return;
      const error = await expectCallerError(client, res, 403);
      expect(error.message).toContain('allowedHosts');
    },
  );

  test.prop([fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')], { numRuns: 12 })(
    'a wrong method on its path: 405 with Allow',
    async (method) => {
      const res = await gateway.fetch(new Request(`http://localhost${pathOf(client)}`, { method }));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      if (method !== 'HEAD') await expectCallerError(client, res, 405);
    },
  );
});
