import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/core/formats.js';
import { translateRequest } from '../../src/translate/translate.js';
import { loadScenarios, type Scenario } from '../scenarios/load-scenarios.js';
import { compareRequest, compareStream, expectedViaAlternate } from '../scenarios/meaning-checks.js';
import { decodeFrames } from '../scenarios/stream-frames.js';
import { createScenarioUpstream } from './scenario-upstream.js';
import { strictUpstreamCheck } from './strict-upstream-check.js';

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

describe('scenario upstream: Claude on Bedrock through either API', () => {
  const catalog = loadScenarios();
  const byId = (id: string) => catalog.find((s) => s.id === id)!;

  it('answers a Converse call for an InvokeModel scenario in Converse, and the request is judged in Converse', async () => {
    const s = byId('anthropic-messages--bedrock-invoke/text');
    const u = createScenarioUpstream(strictUpstreamCheck);
    u.arm(s, 'json');
    const body = translateRequest<FormatId, FormatId>('anthropic-messages', 'bedrock-converse', s.clientRequest).body;
    const res = await u.handler(
      new Request('http://127.0.0.1/model/anthropic.claude/converse', {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { output?: unknown; stopReason?: unknown };
    expect(answer.output).toBeDefined();
    expect(answer.stopReason).toBe('end_turn');
    expect(u.seen()).toMatchObject({ format: 'bedrock-converse', problems: [] });
    expect(compareRequest(s, body, 'bedrock-converse')).toMatchObject({ problems: [], comparedAs: 'bedrock-converse' });
    // by meaning the request must still say the same: a changed limit shows
    expect(
      compareRequest(s, { ...(body as object), inferenceConfig: { maxTokens: 1 } }, 'bedrock-converse').problems.join(),
    ).toMatch(/maxTokens/);
  });

  it('streams in the API called, and the client answer expected is the one the reference gives through that API', async () => {
    const s = byId('anthropic-messages--bedrock-invoke/stream-text');
    const u = createScenarioUpstream();
    u.arm(s, 'stream');
    const res = await u.handler(
      new Request('http://127.0.0.1/model/m/converse-stream', { method: 'POST', body: '{}' }),
    );
    expect(res.headers.get('content-type')).toMatch(/eventstream/);
    const events = await decodeFrames('bedrock-converse', new Uint8Array(await res.arrayBuffer()));
    expect(events[0]).toEqual({ messageStart: { role: 'assistant' } });
    const { stream } = await expectedViaAlternate(s, 'stream', 'bedrock-converse');
    expect((await compareStream(s, stream!, 'bedrock-converse')).problems).toEqual([]);
  });

  it('another provider’s endpoint is still the wrong endpoint', async () => {
    const s = byId('anthropic-messages--bedrock-invoke/text');
    expect(compareRequest(s, {}, 'anthropic-messages').problems.join()).toMatch(
      /went to a anthropic-messages endpoint/,
    );
    const u = createScenarioUpstream();
    u.arm(s, 'json');
    await u.handler(new Request('http://127.0.0.1/v1/messages', { method: 'POST', body: '{}' }));
    expect(u.seen()?.problems.join()).toMatch(/expected a bedrock-invoke endpoint/);
  });

  it('answers with the tool names the gateway declared (the reference’s shortened names mapped back)', async () => {
    const s = byId('anthropic-messages--gemini/tool-names');
    const u = createScenarioUpstream();
    u.arm(s, 'json');
    const sent = JSON.parse(JSON.stringify(s.upstreamRequest)) as {
      tools: { functionDeclarations: { name: string }[] }[];
    };
    const reference = sent.tools[0]!.functionDeclarations.map((d) => d.name);
    sent.tools[0]!.functionDeclarations.forEach((d, i) => {
      d.name = `tool_${i}`;
    });
    const res = await u.handler(
      new Request('http://127.0.0.1/v1beta/models/m:generateContent', { method: 'POST', body: JSON.stringify(sent) }),
    );
    const text = await res.text();
    for (const name of reference) expect(text).not.toContain(JSON.stringify(name));
    expect(text).toContain('"tool_');
  });
});
