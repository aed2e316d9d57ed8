import { describe, expect, it } from 'vitest';
import { deriveFindings } from './findings.js';
import type { CaseResult } from './report-model.js';

const fail = (scenario: string, aspect: string, message: string, expected?: unknown, actual?: unknown): CaseResult => {
  const [pair = ''] = scenario.split('/');
  const [client = '', upstream = ''] = pair.split('--');
  return {
    scenario,
    aspect,
    client,
    provider: upstream,
    features: [],
    status: 'fail',
    message,
    expected,
    actual,
    durationMs: 0,
  };
};

describe('deriveFindings', () => {
  it('one defect seen in two routes and two checks is one finding, with its routes, scenarios and checks', () => {
    const e = { content: [], stop_reason: 'tool_use' };
    const a = { content: [], stop_reason: 'end_turn' };
    const findings = deriveFindings([
      fail('anthropic-messages--gemini/tools', 'response', 'stop_reason: expected "tool_use", got "end_turn"', e, a),
      fail(
        'anthropic-messages--gemini/stream-tools',
        'stream',
        'message.stop_reason: expected "tool_use", got "end_turn"',
        { end: 'complete', message: e },
        { end: 'complete', message: a },
      ),
      fail(
        'anthropic-messages--openai-chat/tools',
        'response',
        'stop_reason: expected "tool_use", got "end_turn"',
        e,
        a,
      ),
      fail(
        'anthropic-messages--openai-chat/text',
        'request',
        'max_completion_tokens: expected 5, got <absent>',
        { max_completion_tokens: 5 },
        {},
      ),
    ]);
    expect(findings.map((f) => [f.sentence, f.routes.length, f.scenarios.length, f.checks])).toEqual([
      [
        'Anthropic-format answers have `stop_reason` "end_turn" where "tool_use" is expected',
        2,
        3,
        ['response', 'stream'],
      ],
      ['OpenAI requests lack `max_completion_tokens`', 1, 1, ['request']],
    ]);
  });

  it('an error answered without calling the provider is one finding for every failed check of the scenario', () => {
    const findings = deriveFindings([
      fail('openai-chat--anthropic-messages/text', 'request', 'the upstream received no request'),
      fail('openai-chat--anthropic-messages/text', 'upstream-request-valid', 'the upstream received no request'),
      fail(
        'openai-chat--anthropic-messages/text',
        'response',
        'status: expected 200 (success), got 500 (5xx (server error, retried))',
      ),
      fail('openai-chat--anthropic-messages/text', 'client-response-valid', 'HTTP 500: a success (2xx) is expected'),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      sentence: 'answers HTTP 500 without calling the provider',
      checks: ['client-response-valid', 'request', 'response', 'upstream-request-valid'],
    });
  });

  it('a failed stream that ends cleanly: the stream check and the grammar lines about its ending are one finding', () => {
    const findings = deriveFindings([
      fail(
        'openai-chat--gemini/stream-mid-stream-error',
        'stream',
        'end: expected "error", got "complete"',
        { end: 'error', error: 'UNAVAILABLE' },
        { end: 'complete' },
      ),
      fail(
        'openai-chat--gemini/stream-mid-stream-error',
        'stream-grammar',
        'the stream must end with a openai-chat error event, it ends with "[DONE]"\nthe stream ends cleanly although the upstream failed',
      ),
    ]);
    expect(findings.map((f) => [f.sentence, f.checks])).toEqual([
      ['a stream that fails upstream ends as a success for the client', ['stream', 'stream-grammar']],
    ]);
  });

  it('differences seen in exactly the same scenarios are one finding; findings affecting more routes come first', () => {
    const e = { tools: [{ name: 'a', input: { city: 'x' } }] };
    const findings = deriveFindings([
      fail(
        'openai-chat--gemini/stream-tools',
        'stream',
        'message.tools[0].name: expected "a", got "ab"\nmessage.tools[0].input.city: expected "x", got <absent>',
        { end: 'complete', message: e },
        { end: 'complete', message: { tools: [{ name: 'ab', input: {} }] } },
      ),
      fail(
        'openai-chat--anthropic-messages/error-429',
        'error',
        'body: expected "an Anthropic error", got "not"',
        { body: 'an Anthropic error' },
        { body: 'not' },
      ),
      fail(
        'openai-chat--gemini/error-429',
        'error',
        'body: expected "an Anthropic error", got "not"',
        { body: 'an Anthropic error' },
        { body: 'not' },
      ),
    ]);
    expect(findings[0]!.routes).toHaveLength(2);
    expect(findings[1]).toMatchObject({
      sentence: 'OpenAI answers have `tools[].name` "ab" where "a" is expected',
      also: ['OpenAI answers lack `tools[].input.city`'],
    });
  });
});
