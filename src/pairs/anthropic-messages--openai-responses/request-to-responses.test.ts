import { describe, expect, it } from 'vitest';
import { signatureForUpstreamReasoning } from './map-reasoning.js';
import { anthropicRequestToResponses as t } from './request-to-responses.js';

const base = { model: 'gpt-5', max_tokens: 100 };

describe('Anthropic request -> Responses', () => {
  it('asks the upstream to store nothing, always', () => {
    expect(t({ ...base, messages: [{ role: 'user', content: 'hi' }] }).body).toMatchObject({ store: false });
  });

  it('includes the encrypted reasoning when it replays a reasoning item, even with thinking off', () => {
    const sig = signatureForUpstreamReasoning('rs_1', 'E');
    const r = t({
      ...base,
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 't', signature: sig },
            { type: 'text', text: 'ok' },
          ],
        },
        { role: 'user', content: 'go' },
      ],
    });
    expect(r.body).toMatchObject({ include: ['reasoning.encrypted_content'] });
    expect(r.body).not.toHaveProperty('reasoning');
    expect((r.body.input as unknown[])[1]).toEqual({
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 't' }],
      encrypted_content: 'E',
    });
  });

  it('asks for no reasoning content when nothing needs it', () => {
    expect(t({ ...base, messages: [{ role: 'user', content: 'hi' }] }).body).not.toHaveProperty('include');
  });

  it('a forced web_search server tool is an allowed_tools choice of the web_search tool', () => {
    const r = t({
      ...base,
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      tool_choice: { type: 'tool', name: 'web_search' },
      messages: [{ role: 'user', content: 'news?' }],
    });
    expect(r.body).toMatchObject({
      tools: [{ type: 'web_search' }],
      tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'web_search' }] },
    });
  });

  it('metadata.user_id becomes the safety identifier when it fits', () => {
    expect(
      t({ ...base, metadata: { user_id: 'u-1' }, messages: [{ role: 'user', content: 'hi' }] }).body,
    ).toMatchObject({
      safety_identifier: 'u-1',
    });
  });

  it('an empty assistant turn and empty text blocks send nothing', () => {
    const r = t({
      ...base,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'text', text: '' }] },
        { role: 'user', content: 'again' },
      ],
    });
    expect(r.body.input).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'user', content: 'again' },
    ]);
  });
});

describe('Anthropic request -> Responses: unknown top-level keys named like Object.prototype members', () => {
  it('are reported as losses with a string reason, like any unknown key', () => {
    const body = JSON.parse(
      '{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"__proto__":1,"constructor":2,"toString":3}',
    ) as Record<string, unknown>;
    const r = t(body);
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const loss = r.losses.find((l) => l.path === key);
      expect(loss, key).toBeDefined();
      expect(typeof loss?.reason, key).toBe('string');
    }
  });
});
