import { describe, expect, it } from 'vitest';
import { jsonDiff } from '../scenarios/diff.js';
import { bedrockConverseMeaning as m } from './bedrock-converse.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);
const diff = (a: unknown, b: unknown) => jsonDiff(a, b, { align: true });

const request: Json = {
  messages: [
    { role: 'user', content: [{ text: 'Weather in Paris?' }] },
    {
      role: 'assistant',
      content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }],
    },
    {
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'city not found' }], status: 'error' } },
        { cachePoint: { type: 'default', ttl: '1h' } },
      ],
    },
  ],
  system: [{ text: 'Be brief.' }],
  inferenceConfig: { maxTokens: 300 },
  toolConfig: {
    tools: [
      {
        toolSpec: {
          name: 'get_weather',
          inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
        },
      },
    ],
  },
};

describe('Converse meaning: requests', () => {
  const legal: [string, (r: Json) => Json][] = [
    [
      'the [tool_error] convention for status error, other tool ids, toolChoice auto',
      (r) => {
        const x = JSON.parse(JSON.stringify(r).replaceAll('tooluse_1', 'call_z')) as Json;
        (x.messages as Json[])[2] = {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 'call_z', content: [{ text: '[tool_error] city not found' }] } },
            { cachePoint: { type: 'default', ttl: '1h' } },
          ],
        };
        return { ...x, toolConfig: { ...(x.toolConfig as Json), toolChoice: { auto: {} } } };
      },
    ],
    [
      'empty additionalModelRequestFields, the default anthropic_version, vendor keys',
      (r) => ({ ...r, additionalModelRequestFields: { anthropic_version: 'bedrock-2023-05-31' }, x: 1 }),
    ],
  ];
  for (const [name, vary] of legal) {
    it(`equal: ${name}`, () => expect(diff(m.request(request), m.request(vary(clone(request))))).toEqual([]));
  }
  it('equal: system [] is no system, status success is no status', () => {
    const { system: _, ...none } = request;
    expect(diff(m.request(none), m.request({ ...none, system: [] }))).toEqual([]);
    const ok = JSON.parse(JSON.stringify(none).replace('"status":"error"', '"status":"success"')) as Json;
    const bare = JSON.parse(JSON.stringify(none).replace(',"status":"error"', '')) as Json;
    expect(diff(m.request(ok), m.request(bare))).toEqual([]);
  });
  const illegal: [string, (r: Json) => Json, RegExp][] = [
    ['the cache ttl dropped', (r) => JSON.parse(JSON.stringify(r).replace(',"ttl":"1h"', '')), /cachePoint\.ttl/],
    ['tools sent with tool choice none dropped elsewhere', (r) => ({ ...r, toolConfig: undefined }), /toolConfig/],
    ['the error status dropped', (r) => JSON.parse(JSON.stringify(r).replace(',"status":"error"', '')), /status/],
  ];
  for (const [name, vary, where] of illegal) {
    it(`differs: ${name}`, () =>
      expect(diff(m.request(request), m.request(vary(clone(request)))).join('\n')).toMatch(where));
  }
});

describe('Converse meaning: answers and streams', () => {
  const response: Json = {
    output: {
      message: {
        role: 'assistant',
        content: [
          { reasoningContent: { reasoningText: { text: 'Hmm.', signature: 'c2ln' } } },
          { text: 'Hello' },
          { toolUse: { toolUseId: 'a', name: 'f', input: { x: 1 } } },
        ],
      },
    },
    stopReason: 'tool_use',
    usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8, cacheReadInputTokens: 2 },
    metrics: { latencyMs: 100 },
  };
  const events = [
    { messageStart: { role: 'assistant' } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Hmm.' } } } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'c2ln' } } } },
    { contentBlockStop: { contentBlockIndex: 0 } },
    { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Hel' } } },
    { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'lo' } } },
    { contentBlockStop: { contentBlockIndex: 1 } },
    { contentBlockStart: { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'b', name: 'f' } } } },
    { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"x":1}' } } } },
    { contentBlockStop: { contentBlockIndex: 2 } },
    { messageStop: { stopReason: 'tool_use' } },
    {
      metadata: {
        usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8, cacheReadInputTokens: 2 },
        metrics: { latencyMs: 7 },
      },
    },
  ];
  it('equal: the stream rebuilds to the response (other ids and metrics)', () => {
    const s = m.stream(events);
    expect(s.end).toBe('complete');
    expect(diff(m.response(response), s.message)).toEqual([]);
  });
  it('differs: blocks reordered, cache reads dropped, a failure ended cleanly', () => {
    const swapped = events.map(
      (e) => JSON.parse(JSON.stringify(e).replace('"contentBlockIndex":0', '"contentBlockIndex":9')) as Json,
    );
    expect(diff(m.stream(events), m.stream(swapped)).join('\n')).toMatch(/content/);
    const r = clone(response);
    delete (r.usage as Json).cacheReadInputTokens;
    expect(diff(m.response(response), m.response(r)).join('\n')).toMatch(/cacheReadInputTokens/);
    expect(m.stream([...events.slice(0, 5), { throttlingException: { message: 'slow down' } }])).toEqual({
      end: 'error',
      error: 'throttlingException',
    });
  });
});
