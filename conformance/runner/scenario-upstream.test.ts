import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenarios/load-scenarios.js';
import { createScenarioUpstream } from './scenario-upstream.js';

const scenario = (upstream: Scenario['upstream']): Scenario => ({
  id: `anthropic-messages--${upstream}/x`,
  pair: `anthropic-messages--${upstream}`,
  name: 'x',
  client: 'anthropic-messages',
  upstream,
  dir: '/nowhere',
  meta: { description: 'd', features: [], stream: false, endpoint: 'count_tokens' },
  upstreamResponse: { ok: true },
});

async function problemsFor(upstream: Scenario['upstream'], path: string): Promise<string[]> {
  const u = createScenarioUpstream();
  u.arm(scenario(upstream), 'json');
  await u.handler(new Request(`http://127.0.0.1${path}`, { method: 'POST', body: '{}' }));
  return u.seen()?.problems ?? ['nothing seen'];
}

describe('scenario upstream endpoints', () => {
  it('knows the count-token endpoints of Gemini and Bedrock', async () => {
    expect(await problemsFor('gemini', '/v1beta/models/gemini-x:countTokens')).toEqual([]);
    expect(await problemsFor('bedrock-invoke', '/model/anthropic.claude/count-tokens')).toEqual([]);
    expect(await problemsFor('bedrock-converse', '/model/anthropic.claude/count-tokens')).toEqual([]);
    expect(
      await problemsFor(
        'vertex-anthropic',
        '/v1/projects/p/locations/l/publishers/anthropic/models/count-tokens:rawPredict',
      ),
    ).toEqual([]);
  });

  it('flags a request sent to another format’s endpoint', async () => {
    expect((await problemsFor('gemini', '/model/anthropic.claude/count-tokens')).join()).toMatch(
      /expected a gemini endpoint/,
    );
    expect((await problemsFor('bedrock-invoke', '/v1/chat/completions')).join()).toMatch(
      /expected a bedrock-invoke endpoint/,
    );
  });
});
