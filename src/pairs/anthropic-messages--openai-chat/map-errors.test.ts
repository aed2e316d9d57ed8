import { describe, expect, it } from 'vitest';
import { anthropicErrorToOpenAI, openaiErrorToAnthropic } from './map-errors.js';

const ant = (type: string, message = 'm') => ({ type: 'error', error: { type, message }, request_id: 'req_1' });
const oai = (type: string, code: string | null, message = 'm') => ({ error: { message, type, param: null, code } });

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
    const body = { type: 'error', error: { type: 'invalid_request_error', message: 'big', details: { error_code: 'image_dimensions_too_large' } } };
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
    expect(anthropicErrorToOpenAI({ status: 429, body: JSON.stringify(ant('rate_limit_error', 'slow')) }).body.error.type).toBe('rate_limit_error');
  });
});

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
    expect(openaiErrorToAnthropic({ status, body })).toEqual({ status, body: { type: 'error', error: { type, message: 'm' } } });
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
