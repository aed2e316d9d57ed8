import { describe, expect, it } from 'vitest';
import { concatBytes, drainBytes, drainUntilError, drainValues } from './drain-stream.js';
import { streamOfChunks } from './stream-test-utils.js';

const b = (...xs: number[]) => new Uint8Array(xs);

describe('drain-stream', () => {
  it('concatBytes joins in order, empty parts included', () => {
    expect(concatBytes([b(1, 2), b(), b(3)])).toEqual(b(1, 2, 3));
    expect(concatBytes([])).toEqual(b());
  });

  it('drainUntilError hands back what came before the failure and the failure itself', async () => {
    const boom = new Error('boom');
    expect(await drainUntilError(streamOfChunks([b(1), b(2)], boom))).toEqual({ values: [b(1), b(2)], error: boom });
    expect(await drainUntilError(streamOfChunks([b(1)]))).toEqual({ values: [b(1)], error: undefined });
  });

  it('drainValues and drainBytes read to the end, and reject with the stream error', async () => {
    expect(await drainValues(streamOfChunks([b(1), b(2, 3)]))).toEqual([b(1), b(2, 3)]);
    expect(await drainBytes(streamOfChunks([b(1), b(2, 3)]))).toEqual(b(1, 2, 3));
    await expect(drainBytes(streamOfChunks([b(1)], new Error('cut')))).rejects.toThrow('cut');
  });
});
