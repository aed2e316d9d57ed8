// The translate functions are typed by format id: checked by `npm run typecheck` (tsc), which fails on an unused
// `@ts-expect-error` and on a wrong `expectTypeOf`; the calls also run, so the types describe what comes back.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Message, MessageCreateParams, MessageStreamEvent } from '../../generated/anthropic-messages/types.gen.js';
import type { GenerateContentRequest } from '../../generated/gemini/types.gen.js';
import type {
  CreateChatCompletionRequest,
  CreateChatCompletionResponse,
  ErrorResponse as OpenAIErrorResponse,
} from '../../generated/openai-chat/types.gen.js';
import type { FormatId } from '../core/formats.js';
import type { HttpError } from '../core/http-error.js';
import type { OpenAIChatStreamEvent } from '../formats/format-types.js';
import { validateRequest } from '../validate/validate.js';
import { createStreamTranslator, translateError, translateRequest, translateResponse } from './translate.js';

const chat = {
  model: 'claude-sonnet-4-5',
  max_completion_tokens: 64,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hi.' },
  ],
} satisfies CreateChatCompletionRequest;

const message = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'Hi!' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 3 },
} satisfies Message;

describe('typed translate functions', () => {
  it('a request comes back as the target format request type, directly and through the hub', () => {
    const toMessages = translateRequest('openai-chat', 'anthropic-messages', chat);
    expectTypeOf(toMessages.body).toEqualTypeOf<MessageCreateParams>();
    expect(toMessages.body.max_tokens).toBe(64);
    const toGemini = translateRequest('openai-chat', 'gemini', chat);
    expectTypeOf(toGemini.body).toEqualTypeOf<GenerateContentRequest>();
    expect(toGemini.body.contents[0]?.parts).toEqual([{ text: 'Say hi.' }]);
  });

  it('a response, an error and stream events are typed by their formats', () => {
    const response = translateResponse('anthropic-messages', 'openai-chat', message);
    expectTypeOf(response.body).toEqualTypeOf<CreateChatCompletionResponse>();
    expect(response.body.choices[0]?.message.content).toBe('Hi!');
    const error = translateError('anthropic-messages', 'openai-chat', {
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down.' } },
    });
    expectTypeOf(error).toEqualTypeOf<HttpError<OpenAIErrorResponse>>();
    expect([error.status, error.body.error.message]).toEqual([429, 'Slow down.']);
    const stream = createStreamTranslator('anthropic-messages', 'openai-chat');
    expectTypeOf(stream.push).parameter(0).toEqualTypeOf<MessageStreamEvent>();
    expectTypeOf(stream.end()).toEqualTypeOf<OpenAIChatStreamEvent[]>();
  });

  it('a body of another format, or an unvalidated one, is a compile error (the calls are not run)', () => {
    const calls = [
      // @ts-expect-error a Chat body where a Messages body is required
      () => translateRequest('anthropic-messages', 'openai-chat', chat),
      // @ts-expect-error an unknown body needs validating first (or formats known only at run time)
      (body: unknown) => translateRequest('openai-chat', 'anthropic-messages', body),
      // @ts-expect-error a Messages response where a Gemini response is required
      () => translateResponse('gemini', 'anthropic-messages', message),
    ];
    expect(calls).toHaveLength(3);
  });

  it('formats known only at run time take and give unknown', () => {
    const from: FormatId = 'openai-chat';
    const to: FormatId = 'anthropic-messages';
    const r = translateRequest(from as FormatId, to as FormatId, chat as unknown);
    expectTypeOf(r.body).toBeUnknown();
    expect(r.body).toMatchObject({ max_tokens: 64 });
  });

  it('validateRequest narrows an unknown body to the format request type', () => {
    const body: unknown = JSON.parse(JSON.stringify(chat));
    const v = validateRequest('openai-chat', body);
    if (!v.ok) throw new Error('the Chat body is valid');
    expectTypeOf(v.value).toEqualTypeOf<CreateChatCompletionRequest>();
    expect(translateRequest('openai-chat', 'anthropic-messages', v.value).body.system).toBe('Be brief.');
  });
});
