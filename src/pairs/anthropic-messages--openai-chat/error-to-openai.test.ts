import { describe, expect, it } from 'vitest';
import { anthropicErrorToOpenAI } from './error-to-openai.js';

const ant = (type: string, message = 'm') => ({ type: 'error', error: { type, message }, request_id: 'req_1' });

describe('anthropicErrorToOpenAI', () => {
  it.each([
    [400, 'invalid_request_error', 'invalid_request_error', null],
    [401, 'authentication_error', 'authentication_error', 'invalid_api_key'],
    [403, 'permission_error', 'permission_error', null],
    [404, 'not_found_error', 'not_found_error', null],
    [413, 'request_too_large', 'invalid_request_error', 'request_too_large'],
    [429, 'rate_limit_error', 'rate_limit_error', 'rate_limit_exceeded'],
    [500, 'api_error', 'server_error', null],
    [529, 'overloaded_error', 'server_error', 'overloaded'],
  ])('%i %s -> %s/%s', (status, type, oType, code) => {
    expect(anthropicErrorToOpenAI({ status, body: ant(type, 'boom') })).toEqual({
      status,
      body: { error: { message: 'boom', type: oType, param: null, code } },
    });
  });
  it('carries details.error_code as code', () => {
    const body = {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'big', details: { error_code: 'image_dimensions_too_large' } },
    };
    expect(anthropicErrorToOpenAI({ status: 400, body }).body.error.code).toBe('image_dimensions_too_large');
  });
  it('non-JSON bodies become server_error with the status and text kept', () => {
    expect(anthropicErrorToOpenAI({ status: 502, body: '<html>Bad gateway</html>' })).toEqual({
      status: 502,
      body: { error: { message: '<html>Bad gateway</html>', type: 'server_error', param: null, code: null } },
    });
    expect(anthropicErrorToOpenAI({ status: 400, body: { weird: true } }).body.error.message).toBe('{"weird":true}');
  });
  it('parses JSON text bodies', () => {
    expect(
      anthropicErrorToOpenAI({ status: 429, body: JSON.stringify(ant('rate_limit_error', 'slow')) }).body.error.type,
    ).toBe('rate_limit_error');
  });
});
