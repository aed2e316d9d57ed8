import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { parseToolArguments } from './tool-arguments.js';

describe('parseToolArguments', () => {
  it('parses JSON objects; empty means {}', () => {
    const l = new LossCollector();
    expect(parseToolArguments('{"a":[1]}', 'p', l)).toEqual({ a: [1] });
    expect(parseToolArguments('', 'p', l)).toEqual({});
    expect(parseToolArguments(undefined, 'p', l)).toEqual({});
    expect(l.list).toEqual([]);
  });
  it.each(['{"a":', '[1,2]', '5', 'null', 42])('%j -> {} plus a loss at the path', (args) => {
    const l = new LossCollector();
    expect(parseToolArguments(args, 'x.arguments', l)).toEqual({});
    expect(l.list.map((x) => x.path)).toEqual(['x.arguments']);
  });
  it('strict: a TranslationError of kind loss, never a SyntaxError', () => {
    try {
      parseToolArguments('{bad', 'p', new LossCollector(true));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TranslationError);
      expect((e as TranslationError).kind).toBe('loss');
    }
  });
});
