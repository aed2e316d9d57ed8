import { describe, expect, it } from 'vitest';
import { anthropicUsageToGemini, geminiUsageToAnthropic } from './map-usage.js';

describe('usage', () => {
  it('Gemini -> Anthropic: cached tokens leave input_tokens, thoughts join output_tokens', () => {
    expect(
      geminiUsageToAnthropic({
        promptTokenCount: 100,
        cachedContentTokenCount: 60,
        candidatesTokenCount: 20,
        thoughtsTokenCount: 5,
        totalTokenCount: 125,
      }),
    ).toEqual({
      input_tokens: 40,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 60,
      output_tokens: 25,
      output_tokens_details: { thinking_tokens: 5 },
    });
    expect(geminiUsageToAnthropic(undefined)).toEqual({
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 0,
    });
  });
  it('Anthropic -> Gemini: prompt includes cache reads and writes; thinking split out', () => {
    expect(
      anthropicUsageToGemini({
        input_tokens: 10,
        cache_read_input_tokens: 30,
        cache_creation_input_tokens: 5,
        output_tokens: 12,
        output_tokens_details: { thinking_tokens: 4 },
      }),
    ).toEqual({
      promptTokenCount: 45,
      candidatesTokenCount: 8,
      totalTokenCount: 57,
      cachedContentTokenCount: 30,
      thoughtsTokenCount: 4,
    });
  });
});
