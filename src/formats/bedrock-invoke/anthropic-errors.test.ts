import { describe, expect, it } from 'vitest';
import { anthropicTypeForBedrockException, bedrockExceptionForAnthropicType } from './anthropic-errors.js';

describe('Bedrock exception names <-> Anthropic error types', () => {
  it('maps the documented names', () => {
    expect(anthropicTypeForBedrockException('ThrottlingException')).toBe('rate_limit_error');
    expect(bedrockExceptionForAnthropicType('nonsense_error')).toBe('modelStreamErrorException');
  });

  it('a name or type like an Object.prototype member is an unknown one, not the prototype member', () => {
    for (const name of ['Constructor', 'ToString', 'HasOwnProperty'])
      expect(anthropicTypeForBedrockException(name), name).toBe('api_error');
    for (const name of ['constructor', 'toString', '__proto__'])
      expect(bedrockExceptionForAnthropicType(name), name).toBe('modelStreamErrorException');
  });
});
