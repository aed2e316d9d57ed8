import { describe, expect, it } from 'vitest';
import { anthropicVersionRules } from './anthropic-version-rules.js';

const base = { model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] };

describe('anthropicVersionRules', () => {
  it('2026-10-21 rejects sampling fields even at their default values', () => {
    expect(
      anthropicVersionRules({ ...base, temperature: 1, top_p: 1, top_k: 0 }, '2026-10-21').map((i) => i.path),
    ).toEqual(['temperature', 'top_p', 'top_k']);
  });

  it('2023-06-01 and an absent version accept them', () => {
    expect(anthropicVersionRules({ ...base, temperature: 0.2 }, '2023-06-01')).toEqual([]);
    expect(anthropicVersionRules({ ...base, temperature: 0.2 }, undefined)).toEqual([]);
  });

  it('names the block: documents in assistant turns, citations in user text (also inside search_result)', () => {
    const body = {
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'search_result',
              source: 's',
              title: 't',
              content: [{ type: 'text', text: 'x', citations: [{ type: 'char_location' }] }],
            },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'd' } }],
        },
        { role: 'user', content: [{ type: 'text', text: 'y', citations: [] }] },
      ],
    };
    expect(anthropicVersionRules(body, '2026-10-21').map((i) => i.path)).toEqual([
      'messages[0].content[0].content[0].citations',
      'messages[1].content[0]',
    ]);
  });
});
