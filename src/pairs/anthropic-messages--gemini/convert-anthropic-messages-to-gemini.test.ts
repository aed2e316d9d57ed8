import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { LossCollector } from '../../core/losses.js';
import { convertAnthropicMessages } from './convert-anthropic-messages-to-gemini.js';

const sigOnly = (signature: string) => ({ type: 'thinking', thinking: '', signature });
const use = (id: string, city: string) => ({ type: 'tool_use', id, name: 'wx', input: { city } });
const call = (city: string, id?: string) => ({ functionCall: { name: 'wx', args: { city }, ...(id ? { id } : {}) } });

function modelParts(content: unknown[]) {
  const losses = new LossCollector();
  const r = convertAnthropicMessages(
    deepFreeze([
      { role: 'user', content: 'q' },
      { role: 'assistant', content },
    ]),
    losses,
  );
  expect(losses.list).toEqual([]);
  return r.contents[1]!.parts;
}

describe('convertAnthropicMessages: a signature-only thinking block goes back on its part', () => {
  it('after a call (how Anthropic clients get it): on that call', () => {
    expect(modelParts([{ type: 'text', text: 'Checking.' }, use('a', 'P'), sigOnly('UzE='), use('b', 'O')])).toEqual([
      { text: 'Checking.' },
      { ...call('P'), thoughtSignature: 'UzE=' },
      call('O'),
    ]);
  });

  it('before the calls (how OpenAI clients replay content_blocks): on the next call, also after text', () => {
    expect(modelParts([sigOnly('UzE='), use('a', 'P')])).toEqual([{ ...call('P'), thoughtSignature: 'UzE=' }]);
    expect(modelParts([{ type: 'text', text: 'Checking.' }, sigOnly('UzE='), use('a', 'P'), use('b', 'O')])).toEqual([
      { text: 'Checking.' },
      { ...call('P'), thoughtSignature: 'UzE=' },
      call('O'),
    ]);
  });

  it('after text with no call next (a signed text answer): on that text', () => {
    expect(modelParts([{ type: 'text', text: 'Sunny.' }, sigOnly('UzE=')])).toEqual([
      { text: 'Sunny.', thoughtSignature: 'UzE=' },
    ]);
  });

  it("a call followed by its own signature block does not take the one before it (that is the text's)", () => {
    expect(modelParts([{ type: 'text', text: 'A' }, sigOnly('UzE='), use('a', 'P'), sigOnly('UzI=')])).toEqual([
      { text: 'A', thoughtSignature: 'UzE=' },
      { ...call('P'), thoughtSignature: 'UzI=' },
    ]);
  });

  it('with no part to go on, it travels as an empty thought part', () => {
    expect(modelParts([{ type: 'thinking', thinking: 'hm', signature: 'UzE=' }, sigOnly('UzI=')])).toEqual([
      { text: 'hm', thought: true, thoughtSignature: 'UzE=' },
      { text: '', thought: true, thoughtSignature: 'UzI=' },
    ]);
  });
});

describe('convertAnthropicMessages: Gemini function-call ids', () => {
  it('ids that carry a Gemini id send it in functionCall.id and functionResponse.id; other ids are not sent', () => {
    const losses = new LossCollector();
    const r = convertAnthropicMessages(
      deepFreeze([
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            use('toolu_gid_fc_1', 'P'),
            use('toolu_gidx_YS9i', 'O'),
            use('toolu_gemini_r1_2_wx', 'B'),
            use('call_9', 'R'),
          ],
        },
        {
          role: 'user',
          content: ['toolu_gid_fc_1', 'toolu_gidx_YS9i', 'toolu_gemini_r1_2_wx', 'call_9'].map((id) => ({
            type: 'tool_result',
            tool_use_id: id,
            content: 'ok',
          })),
        },
      ]),
      losses,
    );
    expect(r.contents.slice(1)).toEqual([
      { role: 'model', parts: [call('P', 'fc_1'), call('O', 'a/b'), call('B'), call('R')] },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'fc_1', name: 'wx', response: { output: 'ok' } } },
          { functionResponse: { id: 'a/b', name: 'wx', response: { output: 'ok' } } },
          { functionResponse: { name: 'wx', response: { output: 'ok' } } },
          { functionResponse: { name: 'wx', response: { output: 'ok' } } },
        ],
      },
    ]);
  });
});
