import { describe, expect, it } from 'vitest';
import { corrupt, nodePaths } from './corrupt.js';
import { parsePath, withoutPaths } from './json-path-ops.js';
import { normalizeAnthropicRequest, normalizeOpenAIRequest } from './normalize-requests.js';
import { splitBytes } from './translate-events.js';

describe('json paths', () => {
  it('parses crosswire paths', () => {
    expect(parsePath('messages[2].content[0]["odd key"].x')).toEqual(['messages', 2, 'content', 0, 'odd key', 'x']);
    expect(parsePath('')).toEqual([]);
  });
  it('removes several paths, array elements last index first', () => {
    const v = { a: [1, 2, 3], b: { c: 1, d: 2 } };
    expect(withoutPaths(v, ['a[0]', 'a[2]', 'b.c'])).toEqual({ a: [2], b: { d: 2 } });
    expect(v.a).toEqual([1, 2, 3]);
  });
});

describe('normal forms', () => {
  it('Anthropic: string content equals one text block; same-role turns merge', () => {
    const a = { model: 'm', max_tokens: 1, system: 's', messages: [{ role: 'user', content: 'hi' }] };
    const b = {
      model: 'm',
      max_tokens: 1,
      system: [{ type: 'text', text: 's' }],
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    };
    expect(normalizeAnthropicRequest(a)).toEqual(normalizeAnthropicRequest(b));
    const split = {
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    };
    expect(normalizeAnthropicRequest(split)).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
      ],
    });
  });
  it('Anthropic: different text stays different', () => {
    expect(normalizeAnthropicRequest({ messages: [{ role: 'user', content: 'a' }] })).not.toEqual(
      normalizeAnthropicRequest({ messages: [{ role: 'user', content: 'b' }] }),
    );
  });
  it('OpenAI: developer equals system, max_tokens equals max_completion_tokens, stop string equals one-element list', () => {
    const a = { model: 'm', max_tokens: 5, stop: 'x', messages: [{ role: 'developer', content: 'be brief' }] };
    const b = {
      model: 'm',
      max_completion_tokens: 5,
      stop: ['x'],
      messages: [{ role: 'system', content: [{ type: 'text', text: 'be brief' }] }],
    };
    expect(normalizeOpenAIRequest(a)).toEqual(normalizeOpenAIRequest(b));
  });
});

describe('corrupt', () => {
  it('reaches every node, the root included', () => {
    expect(nodePaths({ a: [1] })).toEqual([[], ['a'], ['a', 0]]);
    expect(corrupt({ a: [1] }, 2, 'x')).toEqual({ a: ['x'] });
    expect(corrupt({ a: [1] }, 3, 'x')).toBe('x');
  });
});

describe('splitBytes', () => {
  it('splits at the positions, without empty chunks', () => {
    const parts = splitBytes(new Uint8Array([1, 2, 3, 4]), [0, 2, 2, 9]);
    expect(parts.map((p) => [...p])).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
