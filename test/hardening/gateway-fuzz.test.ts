/**
 * Mutated client requests (fixture requests with one value replaced or a hostile key added) through the
 * gateway, in-process, with the strict mocks as its upstream fetch: whatever the body, the answer is a success
 * or an error in the caller's shape (the gateway's own 400, or the upstream's rejection translated); never an
 * internal error from the gateway's crash handler, never an unhandled rejection.
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
const internal: unknown[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (r: unknown) => unhandled.push(r);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  seeds = loadSeeds();
  const anthropic = createAnthropicMock({ apiKey: ANTHROPIC_UPSTREAM_KEY });
  const openai = createOpenAIMock({ apiKey: OPENAI_UPSTREAM_KEY });
  const byHost: Record<string, MockHandler> = { 'anthropic.test': anthropic, 'openai.test': openai };
  gateway = createGateway({
    providers: {
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: ANTHROPIC_UPSTREAM_KEY },
      openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: OPENAI_UPSTREAM_KEY },
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

async function send(client: Client, body: unknown): Promise<Response> {
  return gateway.fetch(
    new Request(`http://gw.test${client === 'anthropic-messages' ? '/v1/messages' : '/v1/chat/completions'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}` },
      body: JSON.stringify(body),
    }),
  );
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
