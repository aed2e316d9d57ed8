import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { anthropicResponseToConverse } from './response-to-converse.js';

describe('Anthropic Message -> Converse response', () => {
  it('reports text citations (Converse text blocks have none) and keeps the text', () => {
    const r = anthropicResponseToConverse(
      deepFreeze({
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude',
        content: [
          {
            type: 'text',
            text: 'The sky is blue.',
            citations: [
              { type: 'char_location', cited_text: 'blue', document_index: 0, start_char_index: 0, end_char_index: 4 },
            ],
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 4 },
      }),
    );
    expect(r.body.output).toEqual({ message: { role: 'assistant', content: [{ text: 'The sky is blue.' }] } });
    expect(r.losses).toEqual([{ path: 'content[0].citations', reason: expect.stringContaining('citations') }]);
  });
});
