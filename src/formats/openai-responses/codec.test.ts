import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { type ResponsesStreamEvent, responsesCodec } from './codec.js';
import {
  readResponsesStreamError,
  responseErrorCodeForStatus,
  responsesStreamError,
  statusForResponsesStreamError,
} from './errors.js';
import { responsesStreamEnd } from './stream-end.js';
import { parseResponsesPath, responsesTarget } from './target.js';

const enc = new TextEncoder();

function decode(text: string): ResponsesStreamEvent[] {
  const d = responsesCodec.createDecoder();
  return [...d.push(enc.encode(text)), ...d.end()];
}

describe('Responses codec', () => {
  it('decodes named events into their JSON; data-only messages by their type; [DONE] and empty data skipped', () => {
    const text =
      'event: response.created\ndata: {"type":"response.created","sequence_number":0}\n\n' +
      'data: {"type":"response.in_progress","sequence_number":1}\n\n' +
      ': keep-alive\n\ndata:\n\ndata: [DONE]\n\n';
    expect(decode(text)).toEqual([
      { type: 'response.created', sequence_number: 0 },
      { type: 'response.in_progress', sequence_number: 1 },
    ]);
  });

  it('reads an error message without a type as the error event (a bare {error} body, or event: error)', () => {
    expect(decode('data: {"error":{"message":"x","type":"server_error"}}\n\n')).toEqual([
      { type: 'error', error: { message: 'x', type: 'server_error' } },
    ]);
    expect(decode('event: error\ndata: {"code":"server_error","message":"boom"}\n\n')).toEqual([
      { type: 'error', code: 'server_error', message: 'boom' },
    ]);
  });

  it('refuses data that is not a JSON object with a type, with a TranslationError', () => {
    expect(() => decode('data: {oops\n\n')).toThrow(TranslationError);
    expect(() => decode('data: [1]\n\n')).toThrow(/not a JSON object/);
    expect(() => decode('event: response.created\ndata: {"a":1}\n\n')).toThrow(/no string "type"/);
  });

  it('writes every event with an event: line equal to its type, and nothing for an event without a type', () => {
    expect(responsesCodec.encodeEvents([{ type: 'response.completed', sequence_number: 3, response: {} }])).toBe(
      'event: response.completed\ndata: {"type":"response.completed","sequence_number":3,"response":{}}\n\n',
    );
    expect(() => responsesCodec.encodeEvents([{ sequence_number: 1 }])).toThrow(TranslationError);
  });

  it('gives clients the flat error event and the OpenAI error body', () => {
    expect(responsesCodec.streamError(429, 'slow down')).toEqual({
      type: 'error',
      code: 'rate_limit_exceeded',
      message: 'slow down',
      param: null,
    });
    expect(responsesCodec.errorBody(500, 'boom')).toEqual({
      error: { message: 'boom', type: 'server_error', param: null, code: null },
    });
  });
});

describe('Responses stream end', () => {
  it('is done at response.completed / incomplete, failed at response.failed / error, open before', () => {
    const see = (types: string[]) => {
      const t = responsesStreamEnd.track();
      for (const type of types) t.see({ type });
      return t.state;
    };
    expect(see(['response.created', 'response.output_item.added'])).toBe('open');
    expect(see(['response.created', 'response.completed'])).toBe('done');
    expect(see(['response.created', 'response.incomplete'])).toBe('done');
    expect(see(['response.created', 'response.failed'])).toBe('failed');
    expect(see(['response.created', 'error', 'response.completed'])).toBe('failed');
    expect(see([])).toBe('open');
  });
});

describe('Responses errors', () => {
  it('reads both shapes of the error event and a failed response error', () => {
    expect(readResponsesStreamError({ type: 'error', code: 'server_error', message: 'm', param: null })).toEqual({
      code: 'server_error',
      type: undefined,
      message: 'm',
      param: undefined,
    });
    expect(
      readResponsesStreamError({
        type: 'error',
        error: { type: 'tokens', code: 'rate_limit_exceeded', message: 'r', param: 'x' },
      }),
    ).toEqual({ code: 'rate_limit_exceeded', type: 'tokens', message: 'r', param: 'x' });
    expect(readResponsesStreamError(undefined).message).toBe('upstream error');
  });

  it.each([
    [{ code: 'rate_limit_exceeded' }, 429],
    [{ type: 'tokens' }, 429],
    [{ code: 'insufficient_quota' }, 402],
    [{ code: 'invalid_prompt' }, 400],
    [{ code: 'image_too_large' }, 400],
    [{ code: 'context_length_exceeded' }, 400],
    [{ type: 'authentication_error' }, 401],
    [{ code: 'server_error' }, 500],
    [{}, 500],
  ])('%o stands for HTTP %i', (info, status) => {
    expect(
      statusForResponsesStreamError({ message: 'm', code: undefined, type: undefined, param: undefined, ...info }),
    ).toBe(status);
  });

  it('writes a failed response code the spec allows', () => {
    expect(responseErrorCodeForStatus(429)).toBe('rate_limit_exceeded');
    expect(responseErrorCodeForStatus(529)).toBe('server_error');
    expect(responsesStreamError(400, 'bad')).toMatchObject({ code: 'invalid_request_error' });
  });
});

describe('Responses target', () => {
  it('builds and parses the two paths under any prefix', () => {
    expect(responsesTarget().path).toBe('/responses');
    expect(responsesTarget('input_tokens').path).toBe('/responses/input_tokens');
    expect(parseResponsesPath('/v1/responses')).toBe('create');
    expect(parseResponsesPath('/openai/v1/responses/input_tokens?x=1')).toBe('input_tokens');
    expect(parseResponsesPath('/v1/responses/resp_123')).toBeUndefined();
    expect(parseResponsesPath('/v1/chat/completions')).toBeUndefined();
  });
});
