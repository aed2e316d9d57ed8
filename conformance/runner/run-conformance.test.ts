import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAnthropicEvent } from '../../src/formats/anthropic-messages/codec.js';
import { encodeOpenAIEvent } from '../../src/formats/openai-chat/codec.js';
import { libraryExchange } from '../scenarios/library-exchange.js';
import { loadScenario } from '../scenarios/load-scenarios.js';
import { runConformance, STARTUP_WINDOW, StartupError, selectScenarios } from './run-conformance.js';

/**
 * The runner is tested on a private catalog: upstream sides written by hand from the format reference,
 * client sides taken from the library exchange. What is under test is the runner and the gateway's
 * equivalence with the library (same bytes over HTTP, ids normalized), and that a wrong expectation fails.
 */
let root = '';

function chunk(delta: Record<string, unknown>, finish: string | null = null) {
  return {
    id: 'chatcmpl-fx',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'gpt-4o',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  };
}

async function writeScenario(pair: string, name: string, files: Record<string, unknown>): Promise<void> {
  const dir = join(root, pair, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  // fill the client side from the library
  const s = loadScenario(dir);
  const req = await libraryExchange(s, 'json');
  writeFileSync(join(dir, 'upstream-request.json'), JSON.stringify(req.upstreamRequest));
  writeFileSync(join(dir, 'client-response.json'), JSON.stringify(req.body));
  if (s.upstreamStream) {
    const st = await libraryExchange(s, 'stream');
    writeFileSync(join(dir, 'client-stream.sse'), st.stream ?? new Uint8Array());
  }
  if (s.upstreamError) {
    const er = await libraryExchange(s, 'error');
    writeFileSync(join(dir, 'client-error.json'), JSON.stringify({ status: er.status, body: er.body }));
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'crosswire-runner-'));
  await writeScenario('anthropic-messages--openai-chat', 'text', {
    'scenario.json': { description: 'plain text', features: ['text'], stream: false },
    'client-request.json': { model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
    'upstream-response.json': {
      id: 'chatcmpl-fx',
      object: 'chat.completion',
      created: 1700000000,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 1, total_tokens: 9 },
    },
    'upstream-stream.sse': [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hello' }),
      chunk({}, 'stop'),
      '[DONE]',
    ]
      .map(encodeOpenAIEvent)
      .join(''),
  });
  await writeScenario('openai-chat--anthropic-messages', 'error', {
    'scenario.json': { description: 'upstream 529', features: ['errors'], stream: false },
    'client-request.json': { model: 'claude-x', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] },
    'upstream-response.json': {
      id: 'msg_fx',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [{ type: 'text', text: 'Hey' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 1 },
    },
    'upstream-stream.sse': [
      {
        type: 'message_start',
        message: {
          id: 'msg_fx',
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
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hey' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } },
      { type: 'message_stop' },
    ]
      .map(encodeAnthropicEvent)
      .join(''),
    'upstream-error.json': {
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    },
  });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('runConformance (reference gateway in-process, loopback)', () => {
  it('passes every check of a catalog the library agrees with, and writes three reports', async () => {
    const out = join(root, 'reports-ok');
    const lines: string[] = [];
    const run = await runConformance({ upstream: 'mocks', out, fixturesDir: root, progress: (l) => lines.push(l) });
    const failing = run.report.results.filter((r) => r.status === 'fail');
    expect(failing.map((f) => `${f.scenario} ${f.aspect}: ${f.message}`)).toEqual([]);
    expect(run.failures).toBe(0);
    expect(run.report.summary.passed).toBeGreaterThanOrEqual(8);
    expect(lines.some((l) => l.includes('[2/2]'))).toBe(true);
    for (const p of Object.values(run.paths)) expect(existsSync(p)).toBe(true);
    const junit = readFileSync(run.paths.junit, 'utf8');
    expect(junit).toContain('<testsuites name="crosswire conformance"');
    expect(junit).toContain('failures="0"');
    expect(Object.keys(run.report.matrix.cells).sort()).toEqual(['errors', 'text']);
  });

  it('fails the check whose expectation is wrong, and only that one', async () => {
    const file = join(root, 'anthropic-messages--openai-chat', 'text', 'client-response.json');
    const good = readFileSync(file, 'utf8');
    const bad = JSON.parse(good) as { content: { text: string }[] };
    bad.content[0]!.text = 'Goodbye';
    writeFileSync(file, JSON.stringify(bad));
    try {
      const run = await runConformance({ upstream: 'mocks', out: join(root, 'reports-bad'), fixturesDir: root });
      const failing = run.report.results.filter((r) => r.status === 'fail');
      expect(failing.map((f) => `${f.scenario} ${f.aspect}`)).toEqual([
        'anthropic-messages--openai-chat/text response',
      ]);
      expect(failing[0]!.message).toContain('Goodbye');
      expect(failing[0]!.request).toMatchObject({ model: '@openai/gpt-4o' });
      expect(run.failures).toBe(1);
      expect(readFileSync(run.paths.html, 'utf8')).toContain('c-fail');
    } finally {
      writeFileSync(file, good);
    }
  });

  it('filters by --only, --provider and --format', async () => {
    const all = [
      loadScenario(join(root, 'anthropic-messages--openai-chat', 'text')),
      loadScenario(join(root, 'openai-chat--anthropic-messages', 'error')),
    ];
    expect(selectScenarios(all, { provider: 'openai' }).map((s) => s.name)).toEqual(['text']);
    expect(selectScenarios(all, { format: 'openai' }).map((s) => s.name)).toEqual(['error']);
    expect(selectScenarios(all, { format: 'anthropic-messages' }).map((s) => s.name)).toEqual(['text']);
    expect(selectScenarios(all, { only: 'err' }).map((s) => s.name)).toEqual(['error']);
    expect(selectScenarios(all, { only: 'nothing,text' }).map((s) => s.name)).toEqual(['text']);
  });

  it('--provider and --format take lists', () => {
    const all = [
      loadScenario(join(root, 'anthropic-messages--openai-chat', 'text')),
      loadScenario(join(root, 'openai-chat--anthropic-messages', 'error')),
    ];
    expect(selectScenarios(all, { provider: 'openai,anthropic' }).map((s) => s.name)).toEqual(['text', 'error']);
    expect(selectScenarios(all, { provider: 'gemini, anthropic-messages' }).map((s) => s.name)).toEqual(['error']);
    expect(selectScenarios(all, { format: 'gemini,anthropic' }).map((s) => s.name)).toEqual(['text']);
    expect(selectScenarios(all, { provider: 'openai,anthropic', format: 'openai' }).map((s) => s.name)).toEqual([
      'error',
    ]);
  });

  it('routes the model with --model-template (the reference gateway then finds no provider "openai,gpt-4o")', async () => {
    const run = await runConformance({
      upstream: 'mocks',
      out: join(root, 'reports-template'),
      fixturesDir: root,
      only: 'text',
      modelTemplate: '@{provider}/{model}',
    });
    expect(run.failures).toBe(0);
    expect(run.report.results.filter((r) => r.status === 'fail').map((r) => r.aspect)).toEqual([]);
    const off = await runConformance({
      upstream: 'mocks',
      out: join(root, 'reports-template2'),
      fixturesDir: root,
      only: 'text',
      modelTemplate: '{provider},{model}',
    }).catch((e: unknown) => e);
    // nothing reached the upstream: the run stops with a start-up error that shows what the gateway answered
    expect(off).toBeInstanceOf(StartupError);
    expect(String(off)).toContain('openai,gpt-4o');
  });
});

describe('runConformance start-up errors', () => {
  async function withGateway<T>(
    handler: (req: Request) => Promise<Response>,
    f: (url: string) => Promise<T>,
  ): Promise<T> {
    const { serveFetch } = await import('../../src/gateway/node/serve.js');
    const gw = await serveFetch(handler);
    try {
      return await f(gw.url);
    } finally {
      await gw.close();
    }
  }

  it('a gateway that answers but never calls the scenario upstream: "is it configured with --mock-port N?"', async () => {
    let calls = 0;
    const error = await withGateway(
      async () => {
        calls++;
        return Response.json({ error: 'connect ECONNREFUSED 127.0.0.1:1' }, { status: 502 });
      },
      (url) =>
        runConformance({
          gateway: url,
          upstream: 'mocks',
          out: join(root, 'reports-nothing'),
          fixturesDir: root,
          mockPort: 0,
        }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(StartupError);
    expect(String(error)).toMatch(
      /the gateway sent nothing to the scenario upstream \(http:\/\/127\.0\.0\.1:(\d+)\).*first answer: 502 .*ECONNREFUSED.*is it configured with --mock-port \1\?/,
    );
    expect(calls).toBeGreaterThan(0);
  });

  it('stops after the first answers, not at the end of a long catalog', async () => {
    let calls = 0;
    const error = await withGateway(
      async () => {
        calls++;
        return new Response('upstream error', { status: 500 });
      },
      (url) =>
        runConformance({ gateway: url, upstream: 'mocks', out: join(root, 'reports-window'), mockPort: 0 }).catch(
          (e: unknown) => e,
        ),
    );
    expect(error).toBeInstanceOf(StartupError);
    // the first scenario that brings the answers to the window ends the run (a scenario makes at most 3 exchanges)
    expect(calls).toBeGreaterThanOrEqual(STARTUP_WINDOW);
    expect(calls).toBeLessThan(STARTUP_WINDOW + 3);
  });

  it('a gateway that offers none of the routes (404) is graded, not stopped: one "not offered" per scenario, no failure', async () => {
    const run = await withGateway(
      async () => new Response('not found', { status: 404 }),
      (url) => runConformance({ gateway: url, upstream: 'mocks', out: join(root, 'reports-404'), fixturesDir: root }),
    );
    expect(run.failures).toBe(0);
    expect(run.nothingOffered).toBe(true);
    const scenarios = new Set(run.report.results.map((r) => r.scenario));
    expect(run.report.results.every((r) => r.status === 'not-offered' && r.aspect === 'route')).toBe(true);
    expect(run.report.results).toHaveLength(scenarios.size);
    expect(run.report.notOffered[0]?.reason).toMatch(/^HTTP 404 on \/v1\/.*: no such route$/);
  });

  it('a gateway that is not running: "did not answer"', async () => {
    const { serveFetch } = await import('../../src/gateway/node/serve.js');
    const closed = await serveFetch(async () => new Response(''));
    await closed.close();
    const error = await runConformance({
      gateway: closed.url,
      upstream: 'mocks',
      out: join(root, 'reports-down'),
      fixturesDir: root,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect(String(error)).toContain(`the gateway at ${closed.url} did not answer`);
  });
});

describe('runConformance --upstream real (structure only)', () => {
  it('checks status, spec, tool calls and stream grammar against a gateway whose upstreams are the scripted-model mocks', async () => {
    const { createAnthropicMock } = await import('../mocks/anthropic/create-anthropic-mock.js');
    const { createOpenAIMock } = await import('../mocks/openai/create-openai-mock.js');
    const { createGateway } = await import('../../src/gateway/node/create-gateway.js');
    const { serveFetch, serveGateway } = await import('../../src/gateway/node/serve.js');
    const openai = await serveFetch(createOpenAIMock());
    const anthropic = await serveFetch(createAnthropicMock());
    const gw = await serveGateway(
      createGateway({
        providers: {
          openai: { format: 'openai-chat', baseUrl: `${openai.url}/v1`, apiKey: 'k' },
          anthropic: { format: 'anthropic-messages', baseUrl: anthropic.url, apiKey: 'k' },
        },
        log: () => {},
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'crosswire-real-'));
    try {
      const tool = {
        name: 'get_weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      };
      const scenario = join(dir, 'anthropic-messages--openai-chat', 'forced-tool');
      mkdirSync(scenario, { recursive: true });
      writeFileSync(
        join(scenario, 'scenario.json'),
        JSON.stringify({ description: 'forced tool', features: ['tools'], stream: false }),
      );
      writeFileSync(
        join(scenario, 'client-request.json'),
        JSON.stringify({
          model: 'gpt-4o',
          max_tokens: 64,
          tools: [tool],
          tool_choice: { type: 'tool', name: 'get_weather' },
          messages: [{ role: 'user', content: 'weather?' }],
        }),
      );
      writeFileSync(join(scenario, 'upstream-response.json'), '{}');
      writeFileSync(join(scenario, 'upstream-stream.sse'), '');
      const run = await runConformance({
        gateway: gw.url,
        upstream: 'real',
        out: join(dir, 'reports'),
        fixturesDir: dir,
      });
      const byAspect = Object.fromEntries(run.report.results.map((r) => [r.aspect, `${r.status} ${r.message}`.trim()]));
      expect(byAspect).toEqual({
        'real-response-valid': 'pass',
        'real-tool-calls': 'pass',
        'real-stream-grammar': 'pass',
      });
      expect(run.failures).toBe(0);
    } finally {
      await gw.close();
      await openai.close();
      await anthropic.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
