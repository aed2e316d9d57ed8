import { describe, expect, it } from 'vitest';
import { asTranslationError, isTranslationError, TranslationError } from './errors.js';

describe('TranslationError', () => {
  it('names the path in its message and keeps kind and path', () => {
    const e = new TranslationError('invalid_input', 'must be a string', { path: 'messages[0].content' });
    expect(e.message).toBe('must be a string (at messages[0].content)');
    expect(e.kind).toBe('invalid_input');
    expect(e.path).toBe('messages[0].content');
    expect(new TranslationError('invalid_input', 'not an object', { path: '' }).message).toBe(
      'not an object (at <root>)',
    );
  });

  it('asTranslationError passes a TranslationError through and wraps anything else with the label', () => {
    const typed = new TranslationError('loss', 'x');
    expect(asTranslationError('upstream', 'OpenAI stream', typed)).toBe(typed);
    const wrapped = asTranslationError('upstream', 'OpenAI stream', new TypeError('boom'));
    expect(isTranslationError(wrapped)).toBe(true);
    expect(wrapped.kind).toBe('upstream');
    expect(wrapped.message).toBe('OpenAI stream: boom');
    expect(asTranslationError('upstream', 'Anthropic stream', 42).message).toBe('Anthropic stream: 42');
  });
});
