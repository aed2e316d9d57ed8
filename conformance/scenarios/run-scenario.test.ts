import { describe, expect, it } from 'vitest';
import type { Scenario } from './load-scenarios.js';
import {
  createScenarioRun,
  type ExchangeOutcome,
  lossMismatches,
  plannedAspects,
  runScenario,
} from './run-scenario.js';
import { encodeFrames } from './stream-frames.js';

const enc = (s: string) => new TextEncoder().encode(s);

const scenario: Scenario = {
  id: 'anthropic-messages--openai-chat/demo',
  pair: 'anthropic-messages--openai-chat',
  name: 'demo',
  client: 'anthropic-messages',
  upstream: 'openai-chat',
  dir: '/nowhere',
  meta: {
    description: 'demo',
    features: [],
    stream: false,
    endpoint: 'messages',
    expectLosses: [{ path: 'top_k', reason: 'no top_k' }],
  },
  clientRequest: { model: 'm' },
  upstreamRequest: { model: 'm', max_completion_tokens: 5 },
  upstreamResponse: { id: 'x' },
  clientResponse: { id: 'x', content: [] },
  upstreamStream: enc('data: [DONE]\n\n'),
  clientStream: enc('event: message_stop\ndata: {"type":"message_stop"}\n\n'),
};

const good = (mode: string): ExchangeOutcome => ({
  upstreamRequest: { model: 'm', max_completion_tokens: 5 },
  losses: [{ path: 'top_k', reason: 'Chat Completions has no top_k' }],
  status: 200,
  body: mode === 'json' ? { id: 'x', content: [] } : undefined,
  stream: mode === 'stream' ? enc('event: message_stop\ndata: {"type":"message_stop"}\n\n') : undefined,
});

describe('runScenario', () => {
  it('compares binary client streams (.frames.json) event by event', async () => {
    const frames = [{ messageStart: { role: 'assistant' } }, { messageStop: { stopReason: 'end_turn' } }];
    const binary: Scenario = {
      ...scenario,
      client: 'bedrock-converse',
      clientFrames: frames,
      clientStream: encodeFrames('bedrock-converse', frames),
    };
    const run = createScenarioRun(binary, async () => ({
      status: 200,
      stream: encodeFrames('bedrock-converse', frames),
    }));
    expect((await run.check('stream')).ok).toBe(true);
    const other = [frames[0], { messageStop: { stopReason: 'max_tokens' } }];
    const bad = createScenarioRun(binary, async () => ({
      status: 200,
      stream: encodeFrames('bedrock-converse', other),
    }));
    const r = await bad.check('stream');
    expect(r.ok).toBe(false);
    expect(r.diff).toContain('[1].messageStop.stopReason');
    const cut = createScenarioRun(binary, async () => ({
      status: 200,
      stream: encodeFrames('bedrock-converse', [frames[0], { $truncated: frames[1] }]),
    }));
    expect((await cut.check('stream')).diff).toContain('$error');
  });

  it('plans the aspects the files allow', () => {
    expect(plannedAspects(scenario)).toEqual([
      'request',
      'losses',
      'upstream-request-valid',
      'response',
      'client-response-valid',
      'stream',
      'stream-grammar',
    ]);
  });

  it('passes a faithful exchange; aspects without a check are skipped, not failed', async () => {
    const results = await runScenario(scenario, async (_s, mode) => good(mode));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.skipped).map((r) => r.aspect)).toEqual([
      'upstream-request-valid',
      'client-response-valid',
      'stream-grammar',
    ]);
  });

  it('reports each wrong aspect with a findable diff', async () => {
    const results = await runScenario(scenario, async (_s, mode) => ({
      ...good(mode),
      upstreamRequest: { model: 'm', max_tokens: 5 },
      losses: [],
      body: mode === 'json' ? { id: 'y', content: [] } : undefined,
      stream: mode === 'stream' ? enc('event: message_stop\ndata: {"type":"message_stopp"}\n\n') : undefined,
    }));
    const failed = Object.fromEntries(results.filter((r) => !r.ok).map((r) => [r.aspect, r.diff]));
    expect(Object.keys(failed)).toEqual(['request', 'losses', 'response', 'stream']);
    expect(failed.request).toContain('max_completion_tokens: expected 5, got <absent>');
    expect(failed.losses).toContain('missing loss top_k');
    expect(failed.response).toContain('body.id: expected "x", got "y"');
    expect(failed.stream).toMatch(/first difference at byte \d+ \(line 2\)/);
  });

  it('turns a throwing exchange into failed aspects, runs each mode once', async () => {
    const calls: string[] = [];
    const run = createScenarioRun(scenario, async (_s, mode) => {
      calls.push(mode);
      throw new TypeError('boom');
    });
    const r = await run.check('request');
    expect(r.ok).toBe(false);
    expect(r.diff).toContain('TypeError: boom');
    await run.check('losses');
    expect(calls).toEqual(['json']);
  });

  it('uses the checks it is given', async () => {
    const results = await runScenario(scenario, async (_s, mode) => good(mode), {
      upstreamRequest: () => ['max_completion_tokens: too small'],
      clientStream: (_f, _b, expectError) => (expectError ? ['x'] : []),
    });
    const byAspect = Object.fromEntries(results.map((r) => [r.aspect, r]));
    expect(byAspect['upstream-request-valid']?.ok).toBe(false);
    expect(byAspect['stream-grammar']?.ok).toBe(true);
  });
});

describe('lossMismatches', () => {
  it('matches by path and reason substring, and reports extras', () => {
    expect(lossMismatches([{ path: 'a', reason: 'no' }], [{ path: 'a', reason: 'there is no a' }])).toEqual([]);
    expect(lossMismatches([], [{ path: 'b', reason: 'r' }])).toEqual(['unexpected loss b: r']);
    expect(lossMismatches([{ path: 'a', reason: 'x' }], [{ path: 'a', reason: 'y' }])).toEqual([
      'missing loss a: x',
      'unexpected loss a: y',
    ]);
  });
});
