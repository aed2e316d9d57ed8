import { describe, expect, it } from 'vitest';
import { checkClientStream, defaultChecks } from './default-checks.js';
import { encodeFrames } from './stream-frames.js';

const enc = (s: string) => new TextEncoder().encode(s);

const anthropicThinking = [
  {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [],
      usage: { input_tokens: 1, output_tokens: 1 },
    },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hm' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } },
  { type: 'message_stop' },
];

const converse = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 0 } } },
];

describe('checkClientStream', () => {
  it('applies the Anthropic checker to every format that carries Anthropic events', () => {
    for (const format of ['anthropic-messages', 'bedrock-invoke', 'vertex-anthropic'] as const) {
      expect(checkClientStream(format, anthropicThinking.slice(0, -1)).map((v) => v.rule)).toEqual([
        'thinking-signature',
        'missing-terminal',
      ]);
    }
  });
  it('applies the Gemini, Converse and OpenAI checkers to their formats', () => {
    expect(
      checkClientStream('gemini', [{ candidates: [{ content: { role: 'user', parts: [{ text: 'x' }] } }] }]).map(
        (v) => v.rule,
      ),
    ).toEqual(['role', 'finish-reason-missing']);
    expect(checkClientStream('bedrock-converse', converse.slice(0, 4)).map((v) => v.rule)).toEqual([
      'metadata-missing',
    ]);
    expect(checkClientStream('openai-chat', ['[DONE]']).map((v) => v.rule)).toEqual(['choice-missing']);
  });
  it('lets unsigned thinking through, as a warning, when the upstream cannot sign it (OpenAI-format, Gemini)', () => {
    expect(checkClientStream('anthropic-messages', anthropicThinking, 'anthropic-messages').map((v) => v.rule)).toEqual(
      ['thinking-signature'],
    );
    for (const upstream of ['openai-chat', 'gemini'] as const) {
      expect(checkClientStream('anthropic-messages', anthropicThinking, upstream).map((v) => v.rule)).toEqual([
        'warn:thinking-signature',
      ]);
    }
  });
});

describe('defaultChecks.clientStream', () => {
  it('decodes binary frames and checks them, warnings left out', async () => {
    expect(
      await defaultChecks.clientStream?.('bedrock-converse', encodeFrames('bedrock-converse', converse), false),
    ).toEqual([]);
    expect(
      await defaultChecks.clientStream?.(
        'bedrock-converse',
        encodeFrames('bedrock-converse', converse.slice(0, 4)),
        false,
      ),
    ).toEqual(['metadata-missing at event 4: no `metadata` (usage, metrics) after `messageStop`']);
  });
  it('wants the client error event last when the upstream failed', async () => {
    const failed = [...converse.slice(0, 2), { throttlingException: { message: 'slow down' } }];
    expect(
      await defaultChecks.clientStream?.('bedrock-converse', encodeFrames('bedrock-converse', failed), true),
    ).toEqual([]);
    expect(
      await defaultChecks.clientStream?.('bedrock-converse', encodeFrames('bedrock-converse', converse), true),
    ).toHaveLength(2);
  });
  it('reports framing problems of Gemini SSE with the grammar violations', async () => {
    const problems = await defaultChecks.clientStream?.(
      'gemini',
      enc(
        'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"x"}]},"finishReason":"STOP"}]}\r\n\r\ndata: {',
      ),
      false,
    );
    expect(problems).toEqual([
      'the stream ends in the middle of an SSE event',
      'usage-missing at event 1: no `usageMetadata` in the finish chunk or after it',
    ]);
  });
});
