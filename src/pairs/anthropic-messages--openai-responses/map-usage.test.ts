import { describe, expect, it } from 'vitest';
import { anthropicUsageToResponses, responsesUsageToAnthropic } from './map-usage.js';

// docs/wire-formats.md#cross-walk-usage: Responses input_tokens is the whole prompt, Anthropic's leaves the cache out
describe('Responses usage <-> Anthropic usage', () => {
  it('Responses -> Anthropic: cache reads and writes leave input_tokens (they are counted once, in their own fields)', () => {
    expect(
      responsesUsageToAnthropic({
        input_tokens: 160,
        input_tokens_details: { cached_tokens: 100, cache_write_tokens: 50 },
        output_tokens: 20,
        output_tokens_details: { reasoning_tokens: 7 },
        total_tokens: 180,
      }),
    ).toEqual({
      input_tokens: 10,
      output_tokens: 20,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 50,
      output_tokens_details: { thinking_tokens: 7 },
    });
  });
  it('Responses -> Anthropic: never below 0 when the details claim more than the prompt', () => {
    expect(
      responsesUsageToAnthropic({ input_tokens: 5, input_tokens_details: { cached_tokens: 9 }, output_tokens: 1 }),
    ).toMatchObject({ input_tokens: 0, cache_read_input_tokens: 9 });
  });
  it('Anthropic -> Responses: input_tokens is the whole prompt, cached_tokens the reads', () => {
    expect(
      anthropicUsageToResponses({
        input_tokens: 10,
        output_tokens: 20,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 50,
      }),
    ).toEqual({
      input_tokens: 160,
      input_tokens_details: { cached_tokens: 100, cache_write_tokens: 50 },
      output_tokens: 20,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 180,
    });
  });
});
