import { describe, expect, it } from 'vitest';
import { faultFromModel } from './fault-from-model.js';

describe('faultFromModel', () => {
  it('selects faults by model name, with defaults and an optional @provider/ prefix', () => {
    expect(faultFromModel('mock-error-529')).toEqual({ kind: 'http-error', status: 529 });
    expect(faultFromModel('mock-error')).toEqual({ kind: 'http-error', status: 500 });
    expect(faultFromModel('@anthropic/mock-stream-error-5')).toEqual({ kind: 'stream-error', afterEvents: 5 });
    expect(faultFromModel('mock-stream-error')).toEqual({ kind: 'stream-error', afterEvents: 3 });
    expect(faultFromModel('mock-truncate-0')).toEqual({ kind: 'truncate', afterEvents: 0 });
    expect(faultFromModel('mock-stall-2')).toEqual({ kind: 'stall', afterEvents: 2 });
    expect(faultFromModel('mock-malformed')).toEqual({ kind: 'malformed-sse', afterEvents: 3 });
    expect(faultFromModel('mock-reset')).toEqual({ kind: 'reset', afterEvents: 0 });
  });

  it('leaves other models alone', () => {
    expect(faultFromModel('claude-sonnet-4')).toBeUndefined();
    expect(faultFromModel('mock-error-x')).toBeUndefined();
    expect(faultFromModel('my-mock-error-500')).toBeUndefined();
    expect(faultFromModel(42)).toBeUndefined();
  });
});
