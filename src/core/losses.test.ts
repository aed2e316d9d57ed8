import { describe, expect, it } from 'vitest';
import { TranslationError } from './errors.js';
import { LossCollector } from './losses.js';

const KNOWN = new Set(['type', 'text']);

describe('LossCollector.unknownKeys', () => {
  it('reports every own key not in the known set, in key order, under the path', () => {
    const l = new LossCollector();
    l.unknownKeys({ type: 'text', zeta: 1, text: 'x', alpha: 2 }, KNOWN, 'messages[0]');
    expect(l.list).toEqual([
      { path: 'messages[0].zeta', reason: 'field not supported by the target format' },
      { path: 'messages[0].alpha', reason: 'field not supported by the target format' },
    ]);
  });

  it('at the root the key alone is the path; inherited keys are not the input', () => {
    const l = new LossCollector();
    const proto = { inherited: true };
    const obj = Object.assign(Object.create(proto) as object, { type: 'text', extra: 1 });
    l.unknownKeys(obj, KNOWN, '');
    expect(l.list.map((x) => x.path)).toEqual(['extra']);
  });
});

describe('LossCollector.unknownKeysAt', () => {
  it('reports like unknownKeys at childPath(parent, key)', () => {
    const l = new LossCollector();
    l.unknownKeysAt({ type: 'text', text: 'x', cache: 1, other: 2 }, KNOWN, 'messages[3].content', 1, 'why');
    expect(l.list).toEqual([
      { path: 'messages[3].content[1].cache', reason: 'why' },
      { path: 'messages[3].content[1].other', reason: 'why' },
    ]);
  });

  it('uses the default reason and reports nothing for known keys only', () => {
    const l = new LossCollector();
    l.unknownKeysAt({ type: 'text', text: 'x' }, KNOWN, 'messages', 0);
    expect(l.list).toEqual([]);
    l.unknownKeysAt({ type: 'text', more: true }, KNOWN, 'messages', 0);
    expect(l.list).toEqual([{ path: 'messages[0].more', reason: 'field not supported by the target format' }]);
  });

  it('ignores inherited enumerable keys', () => {
    const l = new LossCollector();
    const obj = Object.assign(Object.create({ inherited: 1 }) as object, { type: 'text' });
    l.unknownKeysAt(obj, KNOWN, 'a', 'b');
    expect(l.list).toEqual([]);
  });

  it('throws a loss error at the built path when strict', () => {
    const l = new LossCollector(true);
    try {
      l.unknownKeysAt({ type: 'text', odd: 1 }, KNOWN, 'messages', 4);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TranslationError);
      expect((e as TranslationError).kind).toBe('loss');
      expect((e as TranslationError).path).toBe('messages[4].odd');
    }
  });
});
