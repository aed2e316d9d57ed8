import { describe, expect, it } from 'vitest';
import { anthropicErrorTypeForStatus, statusForAnthropicErrorType } from './errors.js';

describe('Anthropic error types and statuses', () => {
  it('maps the documented types both ways', () => {
    expect(statusForAnthropicErrorType('rate_limit_error')).toBe(429);
    expect(statusForAnthropicErrorType('overloaded_error')).toBe(529);
    expect(anthropicErrorTypeForStatus(404)).toBe('not_found_error');
    expect(anthropicErrorTypeForStatus(418)).toBe('invalid_request_error');
    expect(anthropicErrorTypeForStatus(599)).toBe('api_error');
  });

  it('an upstream type named like an Object.prototype member is an unknown type, not the prototype member', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(statusForAnthropicErrorType(name), name).toBe(500);
  });
});
