import { describe, expect, it } from 'vitest';
import { isTranslationError, TranslationError } from './errors.js';

describe('TranslationError', () => {
  it('names the path in its message and keeps kind and path', () => {
    const e = new TranslationError('invalid_input', 'must be a string', { path: 'messages[0].content' });
    expect(e.message).toBe('must be a string (at messages[0].content)');
    expect(e.kind).toBe('invalid_input');
    expect(e.path).toBe('messages[0].content');
    expect(isTranslationError(e)).toBe(true);
    expect(isTranslationError(new TypeError('x'))).toBe(false);
    expect(new TranslationError('invalid_input', 'not an object', { path: '' }).message).toBe(
      'not an object (at <root>)',
    );
  });
});
