import { describe, expect, it } from 'vitest';
import { replaceModelBytes } from './replace-model-bytes.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const run = (s: string, m: string) => {
  const out = replaceModelBytes(enc.encode(s), m);
  return out === undefined ? undefined : dec.decode(out);
};

describe('replaceModelBytes', () => {
  it('replaces only the top-level model value, every other byte kept', () => {
    const src = '{"messages":[{"model":"inner","content":"\\"model\\": \\"x\\""}],  "model" :\t"@a/b" ,"z":1}';
    expect(run(src, 'b')).toBe(
      '{"messages":[{"model":"inner","content":"\\"model\\": \\"x\\""}],  "model" :\t"b" ,"z":1}',
    );
  });
  it('escapes the new value as JSON and keeps multi-byte text intact', () => {
    expect(run('{"a":"é✓","model":"x"}', 'q"r')).toBe('{"a":"é✓","model":"q\\"r"}');
  });
  it('a key named model inside a nested object or a string value is not touched', () => {
    expect(run('{"metadata":{"model":"x"}}', 'y')).toBeUndefined();
    expect(run('{"note":"model","other":1}', 'y')).toBeUndefined();
  });
  it('gives up (undefined) when model is not a string', () => {
    expect(run('{"model":5}', 'y')).toBeUndefined();
  });
});
