import { describe, expect, it } from 'vitest';
import { converseStreamException } from './stream-exceptions.js';

describe('converseStreamException', () => {
  it('keeps the five exceptions of the ConverseStream union, camelCased', () => {
    for (const name of [
      'internalServerException',
      'modelStreamErrorException',
      'validationException',
      'throttlingException',
      'serviceUnavailableException',
    ]) {
      expect(converseStreamException(name)).toBe(name);
    }
    expect(converseStreamException('ThrottlingException')).toBe('throttlingException');
  });

  it('turns exceptions outside the union into modelStreamErrorException', () => {
    expect(converseStreamException('modelTimeoutException')).toBe('modelStreamErrorException');
    expect(converseStreamException('accessDeniedException')).toBe('modelStreamErrorException');
    expect(converseStreamException('resourceNotFoundException')).toBe('modelStreamErrorException');
  });
});
