import { describe, expect, it } from 'vitest';
import { anthropicStreamEnd } from './anthropic-messages/stream-end.js';
import { bedrockConverseStreamEnd } from './bedrock-converse/stream-end.js';
import { geminiStreamEnd } from './gemini/stream-end.js';
import { openaiStreamEnd } from './openai-chat/stream-end.js';
import type { StreamEndOptions, StreamEndRule, StreamEndState } from './stream-end.js';

/** The state after each event of `events`, fed to one tracker. */
function states(rule: StreamEndRule, events: unknown[], options?: StreamEndOptions): StreamEndState[] {
  const end = rule.track(options);
  return events.map((e) => end.see(e));
}

const choice = (index: number, finish: string | null) => ({ choices: [{ index, delta: {}, finish_reason: finish }] });

describe('stream end rules', () => {
  it('Anthropic: message_stop is done, an error event failed; nothing reopens them', () => {
    expect(
      states(anthropicStreamEnd, [
        { type: 'message_start' },
        { type: 'message_delta' },
        { type: 'message_stop' },
        { type: 'ping' },
      ]),
    ).toEqual(['open', 'open', 'done', 'done']);
    expect(
      states(anthropicStreamEnd, [{ type: 'message_start' }, { type: 'error', error: {} }, { type: 'message_stop' }]),
    ).toEqual(['open', 'failed', 'failed']);
  });

  it('OpenAI: complete once every choice seen has its finish_reason, without [DONE]; [DONE] is done, an error chunk failed', () => {
    expect(
      states(openaiStreamEnd, [choice(0, null), choice(1, null), choice(0, 'stop'), choice(1, 'length'), '[DONE]']),
    ).toEqual(['open', 'open', 'open', 'complete', 'done']);
    // choices without an index are told apart by position
    expect(states(openaiStreamEnd, [{ choices: [{ delta: {}, finish_reason: 'stop' }] }])).toEqual(['complete']);
    expect(states(openaiStreamEnd, [choice(0, null), { error: { message: 'x' } }, '[DONE]'])).toEqual([
      'open',
      'failed',
      'failed',
    ]);
    expect(states(openaiStreamEnd, [{ choices: [] }])).toEqual(['open']);
  });

  it('OpenAI: when usage was asked for, the usage chunk must come too', () => {
    const usage = { choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
    expect(states(openaiStreamEnd, [choice(0, 'stop'), usage], { includeUsage: true })).toEqual(['open', 'complete']);
    expect(states(openaiStreamEnd, [choice(0, 'stop')], { includeUsage: false })).toEqual(['complete']);
    expect(states(openaiStreamEnd, [{ choices: [], usage: null }, choice(0, 'stop')], { includeUsage: true })).toEqual([
      'open',
      'open',
    ]);
  });

  it('Gemini: complete after every candidate finished or a blocked prompt; an error chunk failed', () => {
    const c = (index: number, finishReason?: string) => ({
      candidates: [{ index, content: { parts: [] }, ...(finishReason ? { finishReason } : {}) }],
    });
    expect(states(geminiStreamEnd, [c(0), c(1), c(0, 'STOP'), c(1, 'MAX_TOKENS'), { usageMetadata: {} }])).toEqual([
      'open',
      'open',
      'open',
      'complete',
      'complete',
    ]);
    expect(states(geminiStreamEnd, [{ promptFeedback: { blockReason: 'SAFETY' } }])).toEqual(['complete']);
    expect(states(geminiStreamEnd, [c(0, 'STOP'), { error: { code: 500 } }])).toEqual(['complete', 'failed']);
  });

  it('Converse: messageStop completes (metadata may follow), an exception fails', () => {
    expect(states(bedrockConverseStreamEnd, [{ messageStart: {} }, { messageStop: {} }, { metadata: {} }])).toEqual([
      'open',
      'complete',
      'complete',
    ]);
    expect(states(bedrockConverseStreamEnd, [{ messageStart: {} }, { throttlingException: { message: 'x' } }])).toEqual(
      ['open', 'failed'],
    );
  });
});
