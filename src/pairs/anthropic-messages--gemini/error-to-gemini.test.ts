import { describe, expect, it } from 'vitest';
import { geminiErrorToAnthropic } from './error-to-anthropic.js';
import { anthropicErrorToGemini } from './error-to-gemini.js';

describe('error mapping', () => {
  it('Gemini 429 RESOURCE_EXHAUSTED -> Anthropic rate_limit_error', () => {
    expect(
      geminiErrorToAnthropic({
        status: 429,
        body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      }),
    ).toEqual({
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Quota exceeded' } },
    });
  });
  it('Gemini 503 UNAVAILABLE -> Anthropic 529 overloaded_error', () => {
    expect(
      geminiErrorToAnthropic({
        status: 503,
        body: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
      }),
    ).toEqual({
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'The model is overloaded.' } },
    });
  });
  it('Gemini 400 INVALID_ARGUMENT -> invalid_request_error; non-JSON body still maps', () => {
    expect(
      geminiErrorToAnthropic({
        status: 400,
        body: { error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT' } },
      }).body,
    ).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'bad' },
    });
    expect(geminiErrorToAnthropic({ status: 500, body: 'oops' })).toEqual({
      status: 500,
      body: { type: 'error', error: { type: 'api_error', message: 'upstream error 500' } },
    });
  });
  it('Gemini 400 with ErrorInfo reason API_KEY_INVALID -> Anthropic 401 authentication_error; UNAUTHENTICATED -> 401; DEADLINE_EXCEEDED -> 504', () => {
    const keyInvalid = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
        ],
      },
    };
    expect(geminiErrorToAnthropic({ status: 400, body: keyInvalid })).toEqual({
      status: 401,
      body: {
        type: 'error',
        error: { type: 'authentication_error', message: 'API key not valid. Please pass a valid API key.' },
      },
    });
    expect(
      geminiErrorToAnthropic({
        status: 401,
        body: { error: { code: 401, message: 'no creds', status: 'UNAUTHENTICATED' } },
      }).status,
    ).toBe(401);
    expect(
      geminiErrorToAnthropic({
        status: 504,
        body: { error: { code: 504, message: 'slow', status: 'DEADLINE_EXCEEDED' } },
      }).body,
    ).toEqual({
      type: 'error',
      error: { type: 'timeout_error', message: 'slow' },
    });
    // another ErrorInfo reason leaves the status alone
    const other = {
      error: {
        ...keyInvalid.error,
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SOMETHING_ELSE' }],
      },
    };
    expect(geminiErrorToAnthropic({ status: 400, body: other }).status).toBe(400);
  });
  it('Anthropic errors -> google.rpc.Status', () => {
    expect(
      anthropicErrorToGemini({
        status: 529,
        body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      }),
    ).toEqual({
      status: 503,
      body: { error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } },
    });
    expect(
      anthropicErrorToGemini({
        status: 404,
        body: { type: 'error', error: { type: 'not_found_error', message: 'no model' } },
      }),
    ).toEqual({
      status: 404,
      body: { error: { code: 404, message: 'no model', status: 'NOT_FOUND' } },
    });
  });
});
