import { describe, expect, it } from 'vitest';
import { betaNames } from './betas.js';

describe('betaNames', () => {
  it('reads the comma-separated header value and lists, dropping empty names', () => {
    expect(betaNames({ anthropicBeta: 'a-1, b-2,,' })).toEqual(['a-1', 'b-2']);
    expect(betaNames({ anthropicBeta: ['a-1', '', 'b-2'] })).toEqual(['a-1', 'b-2']);
    expect(betaNames({})).toEqual([]);
    expect(betaNames(undefined)).toEqual([]);
  });
});
