import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { createVertexToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToVertexStream } from './stream-to-vertex.js';

describe('Vertex stream edges', () => {
  it("a Google-shaped error event (google.rpc.Status) becomes Anthropic's typed error event", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' }, 'rate_limit_error'],
      [{ code: 503, message: 'Unavailable', status: 'UNAVAILABLE' }, 'overloaded_error'],
      [{ code: 500, message: 'Internal', status: 'INTERNAL' }, 'api_error'],
    ];
    for (const [error, type] of cases) {
      const t = createVertexToAnthropicStream();
      expect(t.push(deepFreeze({ type: 'error', error }))).toEqual([
        { type: 'error', error: { type, message: error.message } },
      ]);
      expect(t.end()).toEqual([]);
    }
  });

  it('Anthropic error events pass unchanged, and nothing follows them', () => {
    const t = createVertexToAnthropicStream();
    const e = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    expect(t.push(deepFreeze(e))).toEqual([e]);
    expect(t.push({ type: 'message_stop' })).toEqual([]);
  });

  it('a stream cut before message_stop ends with an api_error event (both directions)', () => {
    for (const t of [createVertexToAnthropicStream(), createAnthropicToVertexStream()]) {
      t.push({ type: 'message_start', message: {} });
      expect(t.end()).toEqual([
        { type: 'error', error: { type: 'api_error', message: 'the upstream stream ended before message_stop' } },
      ]);
    }
  });
});
