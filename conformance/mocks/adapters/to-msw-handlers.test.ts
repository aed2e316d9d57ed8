import Anthropic from '@anthropic-ai/sdk';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnthropicStream } from '../../checkers/check-anthropic-stream.js';
import { checkOpenAIChunks } from '../../checkers/check-openai-chunks.js';
import { createAnthropicMock } from '../anthropic/create-anthropic-mock.js';
import { createOpenAIMock } from '../openai/create-openai-mock.js';
import { readStreamEvents } from '../read-stream-events.js';
import { toMswHandlers } from './to-msw-handlers.js';

const anthropicMock = createAnthropicMock({ chunkSize: 3 });
const openaiMock = createOpenAIMock({ chunkSize: 3 });
const server = setupServer(
  ...toMswHandlers('https://api.anthropic.test', anthropicMock),
  ...toMswHandlers('https://api.openai.test/', openaiMock),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

// The SDKs keep the `fetch` they find when constructed: construct them after msw has patched it.
let anthropic: Anthropic;
let openai: OpenAI;
beforeAll(() => {
  anthropic = new Anthropic({ apiKey: 'k', baseURL: 'https://api.anthropic.test', maxRetries: 0 });
  openai = new OpenAI({ apiKey: 'k', baseURL: 'https://api.openai.test/v1', maxRetries: 0 });
});
const messages = [{ role: 'user' as const, content: 'through msw' }];

describe('toMswHandlers', () => {
  it('serves the Anthropic mock to the SDK, JSON and stream', async () => {
    const msg = await anthropic.messages.create({ model: 'claude-test', max_tokens: 20, messages });
    expect(msg.content).toEqual([{ type: 'text', text: 'echo: through msw' }]);
    const texts: string[] = [];
    const stream = anthropic.messages.stream({ model: 'claude-test', max_tokens: 20, messages });
    stream.on('text', (t) => texts.push(t));
    await stream.finalMessage();
    expect(texts.join('')).toBe('echo: through msw');
    expect(texts[0]).toBe('ech');
  });

  it('serves the OpenAI mock to the SDK, JSON and stream', async () => {
    const c = await openai.chat.completions.create({ model: 'gpt-test', messages });
    expect(c.choices[0]?.message.content).toBe('echo: through msw');
    const final = await openai.chat.completions
      .stream({ model: 'gpt-test', messages, stream_options: { include_usage: true } })
      .finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('echo: through msw');
    expect(final.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
  });

  it('streams bytes the checkers accept', async () => {
    const a = await fetch('https://api.anthropic.test/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-test', max_tokens: 20, messages, stream: true }),
    });
    expect(checkAnthropicStream(await readStreamEvents(a, 'anthropic-messages'))).toEqual([]);
    const o = await fetch('https://api.openai.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: JSON.stringify({ model: 'gpt-test', messages, stream: true }),
    });
    expect(checkOpenAIChunks(await readStreamEvents(o, 'openai-chat'))).toEqual([]);
  });

  it('turns a reset fault into a network error and keeps the provider error shapes', async () => {
    anthropicMock.injectFault({ kind: 'reset', afterEvents: 0 });
    await expect(anthropic.messages.create({ model: 'claude-test', max_tokens: 20, messages })).rejects.toBeInstanceOf(
      Anthropic.APIConnectionError,
    );
    await expect(openai.chat.completions.create({ model: 'mock-error-404', messages })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    expect(openaiMock.requests.at(-1)).toMatchObject({
      path: '/v1/chat/completions',
      status: 404,
      fault: { kind: 'http-error', status: 404 },
    });
  });
});
