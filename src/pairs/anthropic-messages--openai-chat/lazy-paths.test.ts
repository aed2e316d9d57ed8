/**
 * The request translators build JSON paths only when a loss or an error is reported; these pin
 * that the paths they then report still name the exact place in the input.
 */
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { openaiRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToOpenAI } from './request-to-openai.js';

function errorPath(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof TranslationError) return e.path;
    throw e;
  }
  return undefined;
}

const a2o = (messages: unknown[]) => anthropicRequestToOpenAI(deepFreeze({ model: 'm', max_tokens: 10, messages }));
const o2a = (messages: unknown[]) =>
  openaiRequestToAnthropic(deepFreeze({ model: 'm', max_completion_tokens: 10, messages }));

describe('Messages -> Chat request: loss and error paths', () => {
  it('names unknown keys of messages and of blocks at any depth', () => {
    const r = a2o([
      { role: 'user', content: 'hi', extra: 1 },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b', odd: true },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'r', zz: 1 }], weird: 2 }],
      },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual([
      'messages[0].extra',
      'messages[1].content[1].odd',
      'messages[2].content[0].weird',
      'messages[2].content[0].content[0].zz',
    ]);
  });

  it('names the offending field of a bad block', () => {
    expect(errorPath(() => a2o([{ role: 'user', content: [{ type: 'text', text: 1 }] }]))).toBe(
      'messages[0].content[0].text',
    );
    expect(
      errorPath(() => a2o([{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'tool_result' }] }])),
    ).toBe('messages[0].content[1].tool_use_id');
    expect(errorPath(() => a2o([{ role: 'assistant', content: [{ type: 'text', text: 'x' }, 7] }]))).toBe(
      'messages[0].content[1]',
    );
    expect(
      errorPath(() =>
        a2o([
          { role: 'assistant', content: 'x' },
          { role: 'robot', content: 'x' },
        ]),
      ),
    ).toBe('messages[1].role');
    expect(errorPath(() => a2o([{ role: 'system', content: [{ type: 'text', text: 'x' }, { type: 'image' }] }]))).toBe(
      'messages[0].content[1]',
    );
  });
});

describe('Chat -> Messages request: loss and error paths', () => {
  it('names unknown keys, names and bad arguments at their own paths', () => {
    const r = o2a([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b', zz: 1 },
        ],
        name: 'n',
      },
      {
        role: 'assistant',
        content: 'x',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } },
          { id: 'c2', type: 'function', function: { name: 'g', arguments: 'not json' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'r', odd: 1 },
      { role: 'tool', tool_call_id: 'c2', content: 'r' },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual([
      'messages[0].name',
      'messages[0].content[1].zz',
      'messages[1].tool_calls[1].function.arguments',
      'messages[2].odd',
    ]);
  });

  it('names the offending field of a bad message or part', () => {
    expect(errorPath(() => o2a([{ role: 'user', content: [{ type: 'text', text: 1 }] }]))).toBe(
      'messages[0].content[0].text',
    );
    expect(
      errorPath(() =>
        o2a([
          { role: 'user', content: 'x' },
          { role: 'tool', content: 'r' },
        ]),
      ),
    ).toBe('messages[1].tool_call_id');
    expect(
      errorPath(() =>
        o2a([{ role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{}' } }] }]),
      ),
    ).toBe('messages[0].tool_calls[0].id');
    expect(
      errorPath(() => o2a([{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 3 } }] }])),
    ).toBe('messages[0].tool_calls[0].function.name');
    expect(errorPath(() => o2a([{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function' }] }]))).toBe(
      'messages[0].tool_calls[0].function',
    );
    expect(
      errorPath(() =>
        o2a([
          { role: 'user', content: 'x' },
          { role: 'robot', content: 'x' },
        ]),
      ),
    ).toBe('messages[1].role');
    expect(errorPath(() => o2a([{ role: 'user', content: [{ type: 'text', text: 'x' }, 5] }]))).toBe(
      'messages[0].content[1]',
    );
  });
});
