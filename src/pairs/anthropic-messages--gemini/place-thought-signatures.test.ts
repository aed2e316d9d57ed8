import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { placeThoughtSignatures } from './place-thought-signatures.js';

const call = (name: string) => ({ functionCall: { name, args: {} } });

describe('placeThoughtSignatures', () => {
  it('moves a thought signature onto the first function call after it (parallel calls: only the first)', () => {
    const parts = deepFreeze([
      { text: 'plan', thought: true, thoughtSignature: 'S' },
      { text: 'Checking.' },
      call('a'),
      call('b'),
    ]);
    expect(placeThoughtSignatures(parts)).toEqual([
      { text: 'plan', thought: true },
      { text: 'Checking.' },
      { ...call('a'), thoughtSignature: 'S' },
      call('b'),
    ]);
  });

  it('without a call, onto the last text part', () => {
    const parts = deepFreeze([{ text: 'plan', thought: true, thoughtSignature: 'S' }, { text: 'A' }, { text: 'B' }]);
    expect(placeThoughtSignatures(parts)).toEqual([
      { text: 'plan', thought: true },
      { text: 'A' },
      { text: 'B', thoughtSignature: 'S' },
    ]);
  });

  it('an empty thought (display omitted) leaves only the signature on the next part', () => {
    expect(placeThoughtSignatures(deepFreeze([{ text: '', thought: true, thoughtSignature: 'S' }, call('a')]))).toEqual(
      [{ ...call('a'), thoughtSignature: 'S' }],
    );
  });

  it('each thought signs the parts before the next thought; a thought with nothing after it keeps its signature', () => {
    const parts = deepFreeze([
      { text: 'one', thought: true, thoughtSignature: 'S1' },
      { text: 'x' },
      { text: 'two', thought: true, thoughtSignature: 'S2' },
      call('a'),
      { text: 'three', thought: true, thoughtSignature: 'S3' },
    ]);
    expect(placeThoughtSignatures(parts)).toEqual([
      { text: 'one', thought: true },
      { text: 'x', thoughtSignature: 'S1' },
      { text: 'two', thought: true },
      { ...call('a'), thoughtSignature: 'S2' },
      { text: 'three', thought: true, thoughtSignature: 'S3' },
    ]);
  });

  it('unsigned thoughts and parts without a thought are left alone', () => {
    const parts = deepFreeze([{ text: 'plan', thought: true }, call('a'), { text: 'ok' }]);
    expect(placeThoughtSignatures(parts)).toEqual(parts);
  });
});
