import { describe, expect, it } from 'vitest';
import * as conformance from './index.js';

describe('crosswire/conformance exports', () => {
  it('exports a stream checker and a strict mock for every provider format', () => {
    const c = conformance;
    const exported = [
      c.checkAnthropicStream,
      c.checkOpenAIChunks,
      c.checkGeminiStream,
      c.checkConverseStream,
      c.createAnthropicMock,
      c.createOpenAIMock,
    ];
    exported.push(
      c.createGeminiMock,
      c.createBedrockConverseMock,
      c.createBedrockInvokeMock,
      c.createVertexAnthropicMock,
    );
    for (const f of exported) expect(typeof f).toBe('function');
  });

  it('the exported checkers judge streams: a Gemini chunk after the finish, a Converse stream without messageStart', () => {
    const finish = {
      candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 1, totalTokenCount: 3 },
    };
    const after = { candidates: [{ content: { role: 'model', parts: [{ text: 'b' }] } }] };
    expect(conformance.errorsOnly(conformance.checkGeminiStream([finish]))).toEqual([]);
    expect(conformance.errorsOnly(conformance.checkGeminiStream([finish, after])).length).toBeGreaterThan(0);
    const stop = { messageStop: { stopReason: 'end_turn' } };
    expect(conformance.errorsOnly(conformance.checkConverseStream([stop])).length).toBeGreaterThan(0);
  });

  it('the exported Gemini mock answers like Gemini', async () => {
    const mock = conformance.createGeminiMock({ apiKey: 'k' });
    const res = await mock(
      new Request('http://127.0.0.1/v1beta/models/gemini-x:generateContent', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { candidates?: unknown[] };
    expect(Array.isArray(body.candidates)).toBe(true);
  });
});
