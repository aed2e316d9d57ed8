import { describe, expect, it } from 'vitest';
import { geminiErrorBody, geminiHttpStatus, geminiStatusName, isGeminiErrorBody } from './errors.js';

describe('gemini error bodies', () => {
  it('uses the canonical google.rpc code names', () => {
    expect(geminiErrorBody(400, 'bad')).toEqual({ error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT' } });
    expect(geminiStatusName(429)).toBe('RESOURCE_EXHAUSTED');
    expect(geminiStatusName(404)).toBe('NOT_FOUND');
    expect(geminiStatusName(503)).toBe('UNAVAILABLE');
    expect(geminiStatusName(504)).toBe('DEADLINE_EXCEEDED');
  });

  it('folds non-canonical statuses onto canonical ones', () => {
    expect(geminiHttpStatus(529)).toBe(503);
    expect(geminiHttpStatus(413)).toBe(400);
    expect(geminiHttpStatus(418)).toBe(400);
    expect(geminiHttpStatus(502)).toBe(500);
    expect(geminiErrorBody(529, 'busy').error).toEqual({ code: 503, message: 'busy', status: 'UNAVAILABLE' });
  });

  it('recognises error bodies', () => {
    expect(isGeminiErrorBody({ error: { code: 400 } })).toBe(true);
    expect(isGeminiErrorBody({ candidates: [] })).toBe(false);
    expect(isGeminiErrorBody(null)).toBe(false);
  });
});
