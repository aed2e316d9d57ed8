import { describe, expect, it } from 'vitest';
import { createVertexTestClient } from './vertex-test-client.js';

describe('createVertexTestClient', () => {
  it('sends through the given fetch, to the project and region path under baseURL, with the fake bearer token', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const reply = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 0 },
    };
    const client = createVertexTestClient(
      async (url, init) => {
        seen.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') });
        return new Response(JSON.stringify(reply), { headers: { 'content-type': 'application/json' } });
      },
      { projectId: 'p', baseURL: 'https://vertex.test/v1' },
    );
    const m = await client.messages.create({
      model: 'claude-x',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(m.id).toBe('msg_1');
    expect(seen).toHaveLength(1);
    expect(new URL(seen[0]!.url).origin).toBe('https://vertex.test');
    expect(new URL(seen[0]!.url).pathname).toBe(
      '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-x:rawPredict',
    );
    expect(seen[0]!.auth).toBe('Bearer t');
  });
});
