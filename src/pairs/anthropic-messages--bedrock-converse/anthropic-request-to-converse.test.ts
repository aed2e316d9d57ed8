import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { anthropicRequestToConverse } from './anthropic-request-to-converse.js';

const BASE = { model: 'anthropic.claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

describe('Anthropic request -> Converse request', () => {
  it('the anthropic-beta names of the context go to additionalModelRequestFields.anthropic_beta', () => {
    const r = anthropicRequestToConverse(deepFreeze({ ...BASE, top_k: 3 }), { context: { anthropicBeta: 'interleaved-thinking-2025-05-14, context-1m-2025-08-07' } });
    expect(r.body.additionalModelRequestFields).toEqual({ top_k: 3, anthropic_beta: ['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07'] });
    expect(r.losses).toEqual([]);
    expect(anthropicRequestToConverse(deepFreeze(BASE)).body.additionalModelRequestFields).toBeUndefined();
  });

  it('a tool_choice without tools is not sent, reported', () => {
    const r = anthropicRequestToConverse(deepFreeze({ ...BASE, tool_choice: { type: 'auto' } }));
    expect(r.body.toolConfig).toBeUndefined();
    expect(r.losses).toEqual([{ path: 'tool_choice', reason: expect.stringContaining('without tools') }]);
  });

  it('tool_choice of type tool needs a name', () => {
    const body = deepFreeze({ ...BASE, tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'tool' } });
    expect(() => anthropicRequestToConverse(body)).toThrow(TranslationError);
  });

  it('non-text blocks of a system-role message are reported, its text kept in system', () => {
    const r = anthropicRequestToConverse(
      deepFreeze({
        ...BASE,
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Rules.' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }] },
          { role: 'user', content: 'Hi' },
        ],
      }),
    );
    expect(r.body.system).toEqual([{ text: 'Rules.' }]);
    expect(r.body.messages).toEqual([{ role: 'user', content: [{ text: 'Hi' }] }]);
    expect(r.losses).toEqual([{ path: 'messages[0].content', reason: expect.stringContaining('block 1') }]);
  });
});
