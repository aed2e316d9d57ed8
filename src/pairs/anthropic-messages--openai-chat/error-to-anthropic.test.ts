import { describe, expect, it } from 'vitest';
import { openaiErrorToAnthropic } from './error-to-anthropic.js';

const oai = (type: string, code: string | null, message = 'm') => ({ error: { message, type, param: null, code } });

describe('openaiErrorToAnthropic', () => {
  it.each([
    [400, oai('invalid_request_error', null), 'invalid_request_error'],
    [401, oai('invalid_request_error', 'invalid_api_key'), 'authentication_error'],
    [403, oai('permission_error', null), 'permission_error'],
    [404, oai('invalid_request_error', 'model_not_found'), 'not_found_error'],
    [413, oai('invalid_request_error', 'request_too_large'), 'request_too_large'],
    [429, oai('rate_limit_error', 'rate_limit_exceeded'), 'rate_limit_error'],
    [500, oai('server_error', null), 'api_error'],
    [529, oai('server_error', 'overloaded'), 'overloaded_error'],
  ])('%i -> %s', (status, body, type) => {
    expect(openaiErrorToAnthropic({ status, body })).toEqual({
      status,
      body: { type: 'error', error: { type, message: 'm' } },
    });
  });
  it('unknown bodies become api_error with the text kept', () => {
    expect(openaiErrorToAnthropic({ status: 503, body: 'upstream connect error' })).toEqual({
      status: 503,
      body: { type: 'error', error: { type: 'api_error', message: 'upstream connect error' } },
    });
    expect(openaiErrorToAnthropic({ status: 500, body: undefined }).body.error.message).toContain('500');
  });
  it('bad statuses become 500', () => {
    expect(openaiErrorToAnthropic({ status: Number.NaN, body: '' }).status).toBe(500);
  });
});
