import { describe, expect, it } from 'vitest';
import {
  anthropicStopToConverse,
  anthropicUsageToConverse,
  converseStopToAnthropic,
  converseUsageToAnthropic,
} from './map-stop-reason-and-usage.js';

// docs/wire-formats.md#bedrock-converse-response, #cross-walk-stop-reasons, #cross-walk-usage
describe('converseStopToAnthropic', () => {
  it.each([
    ['end_turn', 'end_turn'],
    ['tool_use', 'tool_use'],
    ['max_tokens', 'max_tokens'],
    ['stop_sequence', 'stop_sequence'],
    ['guardrail_intervened', 'refusal'],
    ['content_filtered', 'refusal'],
    ['model_context_window_exceeded', 'model_context_window_exceeded'],
  ])('%s -> %s, no loss', (converse, anthropic) => {
    expect(converseStopToAnthropic(converse)).toEqual({ stopReason: anthropic });
  });
  it('a reason with no Anthropic value ends the turn and says so', () => {
    expect(converseStopToAnthropic('malformed_tool_use')).toEqual({
      stopReason: 'end_turn',
      loss: expect.stringContaining('malformed_tool_use'),
    });
  });
});

describe('anthropicStopToConverse', () => {
  it('refusal becomes content_filtered; an unknown reason is a loss', () => {
    expect(anthropicStopToConverse('refusal')).toEqual({ stopReason: 'content_filtered' });
    expect(anthropicStopToConverse('pause_turn')).toEqual({ stopReason: 'end_turn', loss: expect.any(String) });
  });
});

describe('usage (Converse inputTokens leaves out the cache, like Anthropic input_tokens)', () => {
  it('Converse -> Anthropic: every count kept in its own field', () => {
    expect(
      converseUsageToAnthropic({
        inputTokens: 10,
        outputTokens: 20,
        totalTokens: 180,
        cacheReadInputTokens: 100,
        cacheWriteInputTokens: 50,
      }),
    ).toEqual({ input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 });
  });
  it('Anthropic -> Converse: totalTokens counts input, output, cache reads and cache writes', () => {
    expect(
      anthropicUsageToConverse({
        input_tokens: 10,
        output_tokens: 20,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 50,
      }),
    ).toEqual({
      inputTokens: 10,
      outputTokens: 20,
      totalTokens: 180,
      cacheReadInputTokens: 100,
      cacheWriteInputTokens: 50,
    });
  });
  it('zero cache counts are left out; garbage counts as 0', () => {
    expect(anthropicUsageToConverse({ input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 0 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
    });
    expect(converseUsageToAnthropic('x')).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });
});
