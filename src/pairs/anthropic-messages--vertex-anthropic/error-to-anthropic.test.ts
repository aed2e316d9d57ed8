import { describe, expect, it } from 'vitest';
import { vertexErrorToAnthropic } from './error-to-anthropic.js';

describe('vertexErrorToAnthropic', () => {
  it('a Google front-end error that is not JSON is mapped by its status like google.rpc errors (503 -> 529 overloaded)', () => {
    expect(vertexErrorToAnthropic({ status: 503, body: '<html>Service Unavailable</html>' })).toEqual({
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'upstream error 503' } },
    });
    expect(vertexErrorToAnthropic({ status: 429, body: 'Too Many Requests' }).body).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'upstream error 429' },
    });
  });

  it('the model’s Anthropic errors pass unchanged, request_id included', () => {
    const e = {
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'bad' }, request_id: 'req_vrtx_1' },
    };
    expect(vertexErrorToAnthropic(e)).toBe(e);
  });

  it('a google.rpc.Status wrapped in a one-element array (streaming methods) is read like the bare one', () => {
    expect(
      vertexErrorToAnthropic({
        status: 429,
        body: [{ error: { code: 429, message: 'Resource exhausted.', status: 'RESOURCE_EXHAUSTED' } }],
      }),
    ).toEqual({
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Resource exhausted.' } },
    });
  });

  it('google.rpc.Status bodies map like Gemini errors', () => {
    expect(
      vertexErrorToAnthropic({
        status: 401,
        body: { error: { code: 401, message: 'no token', status: 'UNAUTHENTICATED' } },
      }),
    ).toEqual({
      status: 401,
      body: { type: 'error', error: { type: 'authentication_error', message: 'no token' } },
    });
  });
});
